import Foundation
import Testing
@testable import Symbolic

/// A reference to a node that does not keep it alive.
private struct WeakNode {
    weak var node: Node?
    init(_ e: Expr) { node = e.node }
}

/// Weak references to every distinct node of `roots` that contains a
/// variable (constants such as `2` may be shared with other tests running
/// at the same time, or held by the library).
private func weakNodes(of roots: [Expr]) -> [WeakNode] {
    var seen = Set<Int>()
    var result: [WeakNode] = []
    for root in roots {
        for e in root.topologicallySortedNodes() where e.containsVariables && seen.insert(e.id).inserted {
            result.append(WeakNode(e))
        }
    }
    return result
}

/// R(n) over variables named `prefix0 … prefix(n-1)`.
private func rosenbrock(_ n: Int, prefix: String) -> (Expr, [String]) {
    let names = (0..<n).map { "\(prefix)\($0)" }
    let xs = names.map(Expr.variable)
    var terms: [Expr] = []
    for i in 0..<(n - 1) { terms.append(100 * (xs[i + 1] - xs[i] ** 2) ** 2 + (1 - xs[i]) ** 2) }
    return (Expr.sum(terms), names)
}

/// Node lifetime (issue 12): the intern table frees nodes nothing else
/// references, from a work list (no recursion), without ever giving two
/// equal live expressions different nodes. None of these tests is timed;
/// they check which nodes exist, through weak references and the table.
@Suite("Node lifetime and collection")
struct NodeLifetimeTests {
    @Test func droppedDerivativesAndTheirCachesAreFreed() throws {
        var weak: [WeakNode] = []
        do {
            let (f, names) = rosenbrock(40, prefix: "lifetime_a")
            let gradient = f.gradient(withRespectTo: names)
            let hessian = f.hessianEntries(withRespectTo: names).map(\.expression)
            let compiled = try CompiledFunction(gradient, variables: names)
            let values = compiled(Array(repeating: 1.0, count: 40))
            #expect(values == Array(repeating: 0.0, count: 40))
            let simplified = gradient[3].simplified()
            let printed = f.description + gradient[7].description
            #expect(!printed.isEmpty)
            let high = f.derivative(withRespectTo: "lifetime_a5", order: 3)
            weak = weakNodes(of: [f, high, simplified] + gradient + hessian)
        }
        #expect(weak.count > 500)
        Expression.collectUnusedNodes()
        let survivors = weak.filter { $0.node != nil }.count
        #expect(survivors == 0)
        #expect(!InternTable.shared.contains(.variable("lifetime_a0")))
        #expect(!InternTable.shared.contains(.variable("lifetime_a39")))
    }

    @Test func nodesInUseSurviveAndKeepTheirIdentity() throws {
        let (f, names) = rosenbrock(20, prefix: "lifetime_b")
        let kept = f.gradient(withRespectTo: names)
        let keptIDs = kept.map(\.id)
        do { _ = rosenbrock(20, prefix: "lifetime_c").0.gradient(withRespectTo: names) }
        Expression.collectUnusedNodes()
        #expect(InternTable.shared.contains(.variable("lifetime_b0")))
        #expect(!InternTable.shared.contains(.variable("lifetime_c0")))
        // Rebuilt while the first copy is alive: the same nodes.
        let rebuilt = rosenbrock(20, prefix: "lifetime_b").0.gradient(withRespectTo: names)
        let (sameNodes, sameIDs) = (rebuilt == kept, rebuilt.map(\.id) == keptIDs)
        #expect(sameNodes)
        #expect(sameIDs)
        #expect(try kept[0].evaluate(at: Dictionary(uniqueKeysWithValues: names.map { ($0, 1.0) })) == 0)
    }

    @Test func equalityAfterDropAndRebuild() throws {
        func build() -> Expr { sin(Expr.variable("lifetime_d") * 3 + 1) ** 2 + Expr.variable("lifetime_e") }
        var weak = WeakNode(build())
        Expression.collectUnusedNodes()
        #expect(weak.node == nil)
        let first = build(), second = build()   // built after the first copy was freed
        #expect(first == second)
        #expect(first.id == second.id)
        #expect(Set([first, second, build()]).count == 1)
        weak = WeakNode(first)
        Expression.collectUnusedNodes()
        #expect(weak.node != nil)
        #expect(build() == first)
        #expect(try first.evaluate(at: ["lifetime_d": 0, "lifetime_e": 1]) == sin(1.0) * sin(1.0) + 1)
    }

    /// A chain a million levels deep is freed in a loop: releasing a node
    /// never releases its operands recursively (they are still in the table),
    /// and the collector walks the chain with a work list.
    @Test func dropsAMillionLevelChainWithoutRecursion() {
        var bottom = WeakNode(.zero), top = WeakNode(.zero)
        do {
            var chain = Expr.variable("lifetime_deep")
            bottom = WeakNode(chain)
            for _ in 0..<1_000_000 { chain = .intern(.call(.sin, [chain])) }
            top = WeakNode(chain)
            let height = chain.node.height
            #expect(height == 1_000_000)
        }
        Expression.collectUnusedNodes()   // (or another test's collection) frees the chain
        let (topFreed, bottomFreed) = (top.node == nil, bottom.node == nil)
        #expect(topFreed)
        #expect(bottomFreed)
        #expect(!InternTable.shared.contains(.variable("lifetime_deep")))
    }

    /// Threads building, comparing and dropping overlapping graphs while
    /// others collect (run under `swift test --sanitize=thread`).
    @Test func concurrentBuildDropAndCollect() async throws {
        let names = (0..<30).map { "lifetime_t\($0)" }
        let point = Dictionary(uniqueKeysWithValues: names.map { ($0, 1.5) })
        let results = await withTaskGroup(of: (Int, [Expr], Double).self) { group in
            for t in 0..<4 {
                group.addTask {
                    var last: [Expr] = []
                    var freed = 0
                    for round in 0..<12 {
                        let (f, _) = rosenbrock(30, prefix: "lifetime_t")
                        last = f.gradient(withRespectTo: names)
                        // Garbage of this thread only, dropped at once.
                        _ = rosenbrock(30, prefix: "lifetime_u\(t)_\(round)_").0.gradient(withRespectTo: names)
                        if (round + t) % 3 == 0 { freed += Expression.collectUnusedNodes() }
                    }
                    let value = (try? last[4].evaluate(at: point)) ?? .nan
                    return (freed, last, value)
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        let distinctResults = Set(results.map(\.1)).count
        #expect(distinctResults == 1)
        let (f, _) = rosenbrock(30, prefix: "lifetime_t")
        let sameAsRebuilt = results[0].1 == f.gradient(withRespectTo: names)
        #expect(sameAsRebuilt)
        let expected = try f.gradient(withRespectTo: names)[4].evaluate(at: point)
        #expect(results.allSatisfy { $0.2 == expected })
        Expression.collectUnusedNodes()
        #expect(!InternTable.shared.contains(.variable("lifetime_u0_0_0")))
    }

    /// The table's own set: removal markers and rebuilding keep lookups
    /// exact, and a collection with nothing to free changes nothing.
    @Test func nodeSetSurvivesRemovalsAndRebuilds() {
        let kept = (0..<5000).map { Expr.variable("lifetime_s\($0)") }
        do { _ = (0..<5000).map { Expr.variable("lifetime_g\($0)") } }
        Expression.collectUnusedNodes()
        Expression.collectUnusedNodes()
        for (i, e) in kept.enumerated() where i % 97 == 0 {
            #expect(Expr.variable("lifetime_s\(i)") == e)
            #expect(!InternTable.shared.contains(.variable("lifetime_g\(i)")))
        }
        #expect(InternTable.shared.collectionTotals.collections >= 2)
        #expect(Expression.internedNodeCount >= 5000)
    }
}
