import Foundation

/// The distinct nodes of an expression with their operands resolved to
/// positions in flat arrays, and a post-order of them (operands before
/// users, the root last): the traversal every reverse sweep starts from.
///
/// Nodes are stored in *discovery* order (`nodes[d]`); node `d`'s operands
/// are `operands[operandStart[d] ..< operandStart[d + 1]]`, as discovery
/// indices, and ``postOrder`` lists the discovery indices operands first.
/// One depth-first walk with an explicit stack (any depth is fine) builds
/// it. Each node's operands are read once, when it is discovered (not once
/// per visit of the stack), and the walk holds nodes unretained: the root,
/// which the caller keeps alive, owns every node below it.
///
/// A `FlatGraph` is meant to be reused: ``rebuild(_:)`` keeps the arrays'
/// capacity, so the Hessian's thousands of small sweeps allocate nothing
/// after the first.
struct FlatGraph {
    private(set) var nodes: [Unmanaged<Node>] = []
    private(set) var operandStart: [Int32] = [0]
    private(set) var operands: [Int32] = []
    /// Discovery indices, operands before the nodes that use them.
    private(set) var postOrder: [Int32] = []
    /// Node id → discovery index.
    private var index = IntTable(capacity: 64)
    /// Operand nodes of each discovered node, until they are discovered.
    private var pendingNodes: [Unmanaged<Node>] = []
    private var stack: [(node: Int32, next: Int32)] = []

    init() {}

    init(_ root: Expression) { rebuild(root) }

    var count: Int { nodes.count }

    /// The expression of node `d` (retained).
    @inline(__always)
    func expression(_ d: Int) -> Expression { Expression(node: nodes[d].takeUnretainedValue()) }

    /// The range of ``operands`` holding node `d`'s operands.
    @inline(__always)
    func operandRange(_ d: Int) -> Range<Int> { Int(operandStart[d])..<Int(operandStart[d + 1]) }

    /// Replaces the graph by `root`'s, reusing the storage.
    ///
    /// Visited nodes are found by id: in a zeroed array over `0...root.id`
    /// when the graph is large and its ids dense (a function's graph built
    /// in one go), else in a hash table (the small graphs of gradient
    /// entries, whose ids are spread over the whole process).
    mutating func rebuild(_ root: Expression) {
        nodes.removeAll(keepingCapacity: true)
        operandStart.removeAll(keepingCapacity: true)
        operandStart.append(0)
        operands.removeAll(keepingCapacity: true)
        postOrder.removeAll(keepingCapacity: true)
        pendingNodes.removeAll(keepingCapacity: true)
        stack.removeAll(keepingCapacity: true)
        let size = root.treeSize, maxID = root.id
        withExtendedLifetime(root) {
            if size >= 1 << 12 && size >= maxID / 16 {
                var map = DenseIndex(maxID: maxID)
                defer { map.deallocate() }
                walk(Unmanaged.passUnretained(root.node), &map)
            } else {
                var map = index
                index = IntTable()
                map.removeAll(expectedCount: Swift.min(size, 1 << 16))
                walk(Unmanaged.passUnretained(root.node), &map)
                index = map
            }
        }
    }

    /// The depth-first walk: discovery indices through `map`, the
    /// post-order as each node's operands are done.
    private mutating func walk<Map: NodeIndexMap>(_ root: Unmanaged<Node>, _ map: inout Map) {
        map.insert(root._withUnsafeGuaranteedRef { $0.id }, 0)
        discover(root)
        stack.append((0, 0))
        while let (d, k) = stack.last {
            let slot = Int(operandStart[Int(d)]) + Int(k)
            if slot < Int(operandStart[Int(d) + 1]) {
                stack[stack.count - 1].next = k + 1
                let child = pendingNodes[slot]
                let id = child._withUnsafeGuaranteedRef { $0.id }
                if let known = map.value(for: id) {
                    operands[slot] = known
                } else {
                    let c = Int32(nodes.count)
                    map.insert(id, c)
                    operands[slot] = c
                    discover(child)
                    stack.append((c, 0))
                }
            } else {
                postOrder.append(d)
                stack.removeLast()
            }
        }
    }

    /// Gives `node` the next discovery index and records its operands.
    private mutating func discover(_ node: Unmanaged<Node>) {
        nodes.append(node)
        node._withUnsafeGuaranteedRef { n in
            n.withUnretainedOperands { pendingNodes.append(contentsOf: $0) }
        }
        operands.append(contentsOf: repeatElement(-1, count: pendingNodes.count - operands.count))
        operandStart.append(Int32(pendingNodes.count))
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
