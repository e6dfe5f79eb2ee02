import Foundation
import SymbolicKernels

/// The distinct nodes of an expression in post-order (operands before the
/// nodes that use them, the root last), with their operands resolved to
/// positions in flat arrays: the traversal every reverse sweep starts from.
///
/// Node `i` is `nodes[i]`; its operands are
/// `operands[operandStart[i] ..< operandStart[i + 1]]`, as positions (all
/// smaller than `i`).
///
/// Two passes build it. The first is the only one that touches the nodes
/// (scattered heap objects, so every touch is a likely cache miss): a
/// breadth-first scan of a work list of edges, in which consecutive steps do
/// not depend on each other's memory reads, so with prefetch hints a few
/// dozen edges ahead the processor overlaps the misses that a depth-first
/// stack (pop, read, push, read what was just pushed) serialises. Each node
/// is read once (its id per edge; its operands, rank and variable flag when
/// it is discovered). The second pass is the depth-first walk over the flat
/// arrays alone, with an explicit stack (any depth is fine): it gives
/// exactly the post-order of a depth-first walk over the nodes, so the sweep
/// visits nodes, and sums contributions, in the same order as before; the
/// arrays are then renumbered in that order, so the sweep reads its
/// per-node arrays front to back, and a subtree's nodes are neighbours. The
/// walk holds nodes unretained: the root, which the caller keeps alive, owns
/// every node below it.
///
/// A `FlatGraph` is meant to be reused: ``rebuild(_:)`` keeps the arrays'
/// capacity, so the Hessian's thousands of small sweeps allocate nothing
/// after the first.
struct FlatGraph {
    /// The nodes in post-order, the root last.
    private(set) var nodes: [Unmanaged<Node>] = []
    private(set) var operandStart: [Int32] = [0]
    private(set) var operands: [Int32] = []
    /// Whether node `i` contains variables, and its ``CanonicalOrder``
    /// rank: read during the scan, so the sweep need not touch the node
    /// again to know.
    private(set) var containsVariables: [Bool] = []
    private(set) var ranks: [UInt8] = []
    /// Node id → discovery index (taken out while a scan uses it, so that
    /// each small graph reuses it rather than allocating a new one).
    private var index: IntTable? = IntTable(capacity: 64)
    /// The scan's work list: every node's operands, appended when it is discovered.
    private var edges: [Unmanaged<Node>] = []
    /// The scan's results, by discovery index (the root is 0).
    private var found = FlatGraph.Arrays()
    /// Discovery index → post-order position, -1 until visited.
    private var position: [Int32] = []
    private var stack: [(node: Int32, next: Int32)] = []

    /// The per-node arrays of the scan, in discovery order.
    private struct Arrays {
        var nodes: [Unmanaged<Node>] = []
        var operandStart: [Int32] = []
        var operands: [Int32] = []
        var containsVariables: [Bool] = []
        var ranks: [UInt8] = []

        mutating func removeAll(reserving expected: Int) {
            nodes.removeAll(keepingCapacity: true)
            operandStart.removeAll(keepingCapacity: true)
            operands.removeAll(keepingCapacity: true)
            containsVariables.removeAll(keepingCapacity: true)
            ranks.removeAll(keepingCapacity: true)
            if nodes.capacity < expected {
                nodes.reserveCapacity(expected)
                operandStart.reserveCapacity(expected + 1)
                containsVariables.reserveCapacity(expected)
                ranks.reserveCapacity(expected)
            }
        }
    }

    init() {}

    init(_ root: Expression) { rebuild(root) }

    var count: Int { nodes.count }

    /// About how many bytes the graph's arrays hold (their capacities).
    var bufferBytes: Int {
        nodes.bufferBytes + operandStart.bufferBytes + operands.bufferBytes + containsVariables.bufferBytes
            + ranks.bufferBytes + edges.bufferBytes + found.nodes.bufferBytes + found.operandStart.bufferBytes
            + found.operands.bufferBytes + found.containsVariables.bufferBytes + found.ranks.bufferBytes
            + position.bufferBytes + stack.bufferBytes + (index?.bufferBytes ?? 0)
    }

    /// Empties the graph, keeping the arrays' capacities: no stale node
    /// reference stays behind in a kept graph.
    mutating func forgetNodes() {
        nodes.removeAll(keepingCapacity: true)
        operandStart.removeAll(keepingCapacity: true)
        operandStart.append(0)
        operands.removeAll(keepingCapacity: true)
        containsVariables.removeAll(keepingCapacity: true)
        ranks.removeAll(keepingCapacity: true)
        edges.removeAll(keepingCapacity: true)
        found.removeAll(reserving: 0)
    }

    /// The node id of node `i` (reads the node).
    @inline(__always)
    func id(_ i: Int) -> Int { nodes[i]._withUnsafeGuaranteedRef { $0.id } }

    /// The expression of node `i` (retained).
    @inline(__always)
    func expression(_ i: Int) -> Expression { Expression(node: nodes[i].takeUnretainedValue()) }

    /// The range of ``operands`` holding node `i`'s operands.
    @inline(__always)
    func operandRange(_ i: Int) -> Range<Int> { Int(operandStart[i])..<Int(operandStart[i + 1]) }

    /// Replaces the graph by `root`'s, reusing the storage.
    ///
    /// Visited nodes are found by id: in a zeroed array over `0...root.id`
    /// when the graph is large and its ids dense (a function's graph built
    /// in one go), else in a hash table (the small graphs of gradient
    /// entries, whose ids are spread over the whole process).
    mutating func rebuild(_ root: Expression) {
        edges.removeAll(keepingCapacity: true)
        stack.removeAll(keepingCapacity: true)
        let size = root.treeSize, maxID = root.id
        // The tree size bounds the distinct nodes (and saturates; the ids bound them too).
        found.removeAll(reserving: Swift.min(size, maxID + 1, 1 << 22))
        withExtendedLifetime(root) {
            if size >= 1 << 12 && size >= maxID / 16 {
                var map = DenseIndex(maxID: maxID)
                defer { map.deallocate() }
                scan(Unmanaged.passUnretained(root.node), &map)
            } else {
                var map = index ?? IntTable(capacity: 64)
                index = nil
                map.removeAll(expectedCount: Swift.min(size, 1 << 16))
                scan(Unmanaged.passUnretained(root.node), &map)
                index = map
            }
        }
        orderOperandsFirst()
    }

    /// The breadth-first scan: discovery indices through `map`, each
    /// node's operands resolved to them.
    private mutating func scan<Map: NodeIndexMap>(_ root: Unmanaged<Node>, _ map: inout Map) {
        map.insert(root._withUnsafeGuaranteedRef { $0.id }, 0)
        discover(root, at: 0)
        var cursor = 0
        while cursor < edges.count {
            FlatGraph.prefetch(edges, cursor)
            let child = edges[cursor]
            let id = child._withUnsafeGuaranteedRef { $0.id }
            if let known = map.value(for: id) {
                found.operands.append(known)
            } else {
                let c = Int32(found.nodes.count)
                map.insert(id, c)
                found.operands.append(c)
                discover(child, at: cursor)
            }
            cursor += 1
        }
        found.operandStart.append(Int32(edges.count))
    }

    /// Gives `node` the next discovery index and queues its operands,
    /// when the scan is at edge `cursor`.
    ///
    /// Operands queued within ``prefetchDistance`` of the cursor are hinted
    /// here, as the look-ahead has passed their places already: in a small
    /// graph (a Hessian row's) that is all of them, so the misses of each
    /// breadth-first level overlap.
    @inline(__always)
    private mutating func discover(_ node: Unmanaged<Node>, at cursor: Int) {
        found.nodes.append(node)
        let first = edges.count
        found.operandStart.append(Int32(first))
        node._withUnsafeGuaranteedRef { n in
            found.containsVariables.append(n.containsVariables)
            found.ranks.append(n.rank)
            n.withUnretainedOperands { edges.append(contentsOf: $0) }
        }
        let end = Swift.min(edges.count, cursor + FlatGraph.prefetchDistance + 1)
        if first < end {
            for e in first..<end { sk_prefetch(UnsafeRawPointer(edges[e].toOpaque()) + 16) }
        }
    }

    /// How many edges ahead of the scan ``prefetch(_:_:)`` hints nodes.
    private static let prefetchDistance = 32

    /// Hints the nodes the scan reads soon: the node of the edge 32 ahead,
    /// and the operand array of the one 16 ahead (whose node should have
    /// arrived by then). A prefetch never faults, so a wrong guess is harmless.
    @inline(__always)
    private static func prefetch(_ edges: [Unmanaged<Node>], _ cursor: Int) {
        let far = cursor + prefetchDistance, near = cursor + prefetchDistance / 2
        if far < edges.count {
            let p = UnsafeRawPointer(edges[far].toOpaque())
            sk_prefetch(p + 16)
            sk_prefetch(p + 80)
        }
        if near < edges.count, let operands = edges[near]._withUnsafeGuaranteedRef({ $0.operandBase }) {
            sk_prefetch(operands)
        }
    }

    /// Renumbers the scan's nodes in the post-order of a depth-first walk
    /// from the root over the flat arrays (operands in order, each node at
    /// its first visit).
    private mutating func orderOperandsFirst() {
        let n = found.nodes.count
        position.removeAll(keepingCapacity: true)
        position.append(contentsOf: repeatElement(-1, count: n))
        nodes.removeAll(keepingCapacity: true)
        containsVariables.removeAll(keepingCapacity: true)
        ranks.removeAll(keepingCapacity: true)
        operandStart.removeAll(keepingCapacity: true)
        operands.removeAll(keepingCapacity: true)
        nodes.reserveCapacity(n)
        containsVariables.reserveCapacity(n)
        ranks.reserveCapacity(n)
        operandStart.reserveCapacity(n + 1)
        operands.reserveCapacity(found.operands.count)
        operandStart.append(0)
        position[0] = Int32.max   // on the stack
        stack.append((0, 0))
        while let (d, k) = stack.last {
            let slot = Int(found.operandStart[Int(d)]) + Int(k)
            if slot < Int(found.operandStart[Int(d) + 1]) {
                stack[stack.count - 1].next = k + 1
                let c = found.operands[slot]
                if position[Int(c)] < 0 {
                    position[Int(c)] = Int32.max
                    stack.append((c, 0))
                }
            } else {
                // All of d's operands have their positions now.
                let i = Int(d)
                position[i] = Int32(nodes.count)
                nodes.append(found.nodes[i])
                containsVariables.append(found.containsVariables[i])
                ranks.append(found.ranks[i])
                for p in Int(found.operandStart[i])..<Int(found.operandStart[i + 1]) {
                    operands.append(position[Int(found.operands[p])])
                }
                operandStart.append(Int32(operands.count))
                stack.removeLast()
            }
        }
    }
}

/// Node id → discovery index, as ``FlatGraph`` needs it.
protocol NodeIndexMap {
    func value(for id: Int) -> Int32?
    @discardableResult mutating func insert(_ id: Int, _ value: Int32) -> Bool
}

extension IntTable: NodeIndexMap {}

/// A ``NodeIndexMap`` in a zeroed array indexed by id (`value + 1`, 0 for
/// absent); untouched pages cost nothing.
struct DenseIndex: NodeIndexMap {
    private let slots: UnsafeMutablePointer<Int32>

    init(maxID: Int) { slots = .allocateZeroed(maxID + 1) }

    func deallocate() { free(slots) }

    @inline(__always)
    func value(for id: Int) -> Int32? {
        let v = slots[id]
        return v == 0 ? nil : v - 1
    }

    @inline(__always) @discardableResult
    mutating func insert(_ id: Int, _ value: Int32) -> Bool {
        slots[id] = value + 1
        return true
    }
}

extension ArraySlice where Element == Expression {
    /// Calls `body` with the expressions' nodes as unretained references.
    /// An `Expression` is a single class reference, so its array is read as
    /// an array of `Unmanaged<Node>` in place.
    @inline(__always)
    func withUnretainedNodes<R>(_ body: (UnsafeBufferPointer<Unmanaged<Node>>) throws -> R) rethrows -> R {
        assert(MemoryLayout<Expression>.stride == MemoryLayout<Unmanaged<Node>>.stride)
        return try withUnsafeBufferPointer { buffer in
            try buffer.withMemoryRebound(to: Unmanaged<Node>.self, body)
        }
    }
}
