import Testing
@testable import Symbolic

/// Kept reverse sweeps (SpareSweeps.swift) and the compiler's name table:
/// reuse must never change a result, keep a node alive, or mix up names.
@Suite struct SweepReuseTests {
    /// A sum of `n` terms `c·(v_i - v_{i+1}^2)^2 + sin(v_i)` over names `prefix0`…
    static func chain(_ prefix: String, _ n: Int, coefficient c: Int) -> (Expression, [String]) {
        let names = (0...n).map { "\(prefix)\($0)" }
        let v = names.map(Expression.variable)
        var f = Expression.zero
        for i in 0..<n { f = f + Expression(c) * (v[i] - v[i + 1] ** 2) ** 2 + sin(v[i]) }
        return (f, names)
    }

    @Test func reusedSweepsGiveTheSameGradientsAsFreshOnes() {
        // A large graph, then a small one with other names, then the large one
        // again: every result matches a sweep built from nothing.
        for (prefix, n, c) in [("big", 3000, 100), ("small", 3, 7), ("big", 3000, 100), ("mid", 200, -3)] {
            let (f, names) = SweepReuseTests.chain(prefix, n, coefficient: c)
            var fresh = ReverseSweep(variables: names)
            let expected = fresh.spread(fresh.adjoints(of: f))
            #expect(f.gradient(withRespectTo: names) == expected)
            #expect(f.gradient(withRespectTo: names.reversed()) == expected.reversed())
        }
    }

    @Test func keptSweepsHoldNoNodes() {
        do {
            let (f, names) = SweepReuseTests.chain("kept_sweep_", 50, coefficient: 5)
            _ = f.gradient(withRespectTo: names)
            _ = f.hessianEntries(withRespectTo: names)
        }
        Expression.collectUnusedNodes()
        #expect(!InternTable.shared.contains(.variable("kept_sweep_0")))
        #expect(!InternTable.shared.contains(.variable("kept_sweep_50")))
    }

    @Test func concurrentGradientsDoNotShareBuffers() async {
        let expected = (0..<4).map { t in
            let (f, names) = SweepReuseTests.chain("par\(t)_", 400, coefficient: t + 2)
            var fresh = ReverseSweep(variables: names)
            return fresh.spread(fresh.adjoints(of: f)).map(\.description)
        }
        let results = await withTaskGroup(of: (Int, Bool).self) { group in
            for t in 0..<4 {
                group.addTask {
                    let (f, names) = SweepReuseTests.chain("par\(t)_", 400, coefficient: t + 2)
                    var same = true
                    for _ in 0..<20 { same = same && f.gradient(withRespectTo: names).map(\.description) == expected[t] }
                    return (t, same)
                }
            }
            var all: [Int: Bool] = [:]
            for await (t, same) in group { all[t] = same }
            return all
        }
        #expect(results == [0: true, 1: true, 2: true, 3: true])
    }

    @Test func compilerFindsRepeatedInputNamesOfEveryKind() {
        let x = Expression.variable("x")
        let long = String(repeating: "long_name_", count: 3)
        let cases: [([String], String)] = [
            (["x", "y", "x"], "x"),
            ([long, "y", String(repeating: "long_name_", count: 3)], long),
            // Canonically equivalent (é composed and decomposed): equal Strings.
            (["caf\u{E9}", "y", "cafe\u{301}"], "cafe\u{301}"),
        ]
        for (inputs, repeated) in cases {
            #expect(throws: CompilationError.duplicateInput(repeated)) { try CompiledFunction([x], variables: inputs) }
        }
    }

    @Test func compilerResolvesNamesOfEveryKind() throws {
        let long = String(repeating: "long_name_", count: 3)
        let names = ["x", long, "caf\u{E9}", "\u{1F600}"]
        let f = names.enumerated().reduce(Expression.zero) { $0 + Expression($1.offset + 1) * .variable($1.element) }
        // The variables' own strings differ in storage from the listed ones.
        let listed = ["x", String(repeating: "long_name_", count: 3), "cafe\u{301}", "\u{1F600}"]
        let compiled = try CompiledFunction([f], variables: listed)
        #expect(compiled([1, 10, 100, 1000]) == [1 + 20 + 300 + 4000])
    }
}
