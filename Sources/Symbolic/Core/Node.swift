/// One interned node. Immutable; children are created before parents, so a
/// child's `id` is always smaller than its parent's.
///
/// A node is owned by the ``InternTable`` (which holds a strong reference to
/// every node it has not collected) and by the expressions and nodes that
/// use it. Because the table holds its operands too, releasing a node never
/// releases a chain: its deinit drops one reference to each operand and
/// stops. The table's collector frees operands later, one by one, from a
/// work list (see `NodeCollection.swift`).
///
///     let x = Expression.variable("x")
///     let node = (x + 1).node
///     print(node.kind.operands.count, node.height)   // Prints "2 1"
final class Node: Sendable {
    let kind: Expression.Kind
    let id: Int
    /// The kind's hash in the intern table (positive and never 1, which
    /// marks removed slots), kept so the collector can find the node's slot
    /// without rehashing its kind.
    let hash: Int
    let containsVariables: Bool
    /// Saturating count of tree nodes; used to decide when printing a fully
    /// expanded tree would be too large.
    let treeSize: Int
    /// Polynomial-like degree used by the canonical term order (`x^2` before `x`).
    let degree: Double
    /// Length of the longest path to a leaf. Comparing heights first keeps the
    /// canonical order O(1) for most pairs, even on very deep expressions.
    let height: Int
    /// The kind's position in ``CanonicalOrder``, cached so comparisons do
    /// not copy the kind's payload.
    let rank: UInt8

    /// The number of operands (0 for leaves, 2 for a power).
    let operandCount: Int
    /// The operands as unretained references, for traversals that must not
    /// pay reference counting per operand: the n-ary kinds' operand array
    /// read in place (an `Expression` is one class reference, and the array
    /// is immutable and owned by `kind` for the node's whole life, so its
    /// storage never moves); `nil` for leaves and powers.
    nonisolated(unsafe) private let operandStorage: UnsafePointer<Unmanaged<Node>>?
    /// A power's base and exponent, unretained (`kind` owns them).
    private let powerOperands: (Unmanaged<Node>, Unmanaged<Node>)?

    init(kind: Expression.Kind, id: Int, hash: Int) {
        self.id = id
        self.hash = hash
        var storage: UnsafePointer<Unmanaged<Node>>? = nil
        var pair: (Unmanaged<Node>, Unmanaged<Node>)? = nil
        var count = 0
        var contains = false
        switch kind {
        case .constant, .namedConstant:
            break
        case .variable:
            contains = true
        case .sum(let xs), .product(let xs), .call(_, let xs), .custom(_, let xs):
            (storage, count) = (Node.storage(of: xs), xs.count)
        case .power(let b, let e):
            pair = (.passUnretained(b.node), .passUnretained(e.node))
            count = 2
        }
        // One pass over the operands, unretained, for every derived property.
        var size = 1, height = 0
        var degreeSum = 0.0, degreeMax = 0.0
        func visit(_ o: Unmanaged<Node>) {
            o._withUnsafeGuaranteedRef { n in
                contains = contains || n.containsVariables
                size = size.addingSaturating(n.treeSize)
                height = Swift.max(height, n.height + 1)
                degreeSum += n.degree
                degreeMax = Swift.max(degreeMax, n.degree)
            }
        }
        if let storage { for i in 0..<count { visit(storage[i]) } }
        if let pair { visit(pair.0); visit(pair.1) }
        let degree: Double
        switch kind {
        case .constant, .namedConstant: degree = 0
        case .variable: degree = 1
        case .sum: degree = degreeMax
        case .product: degree = degreeSum
        case .power(let base, let exponent):
            if case .constant(let n) = exponent.node.kind {
                degree = base.node.degree * n.doubleValue
            } else {
                degree = base.node.degree
            }
        case .call, .custom: degree = contains ? 1 : 0
        }
        self.kind = kind
        self.operandCount = count
        self.operandStorage = storage
        self.powerOperands = pair
        self.height = height
        self.rank = CanonicalOrder.rank(kind)
        self.containsVariables = contains
        self.treeSize = size
        self.degree = degree.isFinite ? degree : 0
    }

    /// The storage of an operand array as unretained node references.
    @inline(__always)
    private static func storage(of xs: [Expression]) -> UnsafePointer<Unmanaged<Node>>? {
        assert(MemoryLayout<Expression>.stride == MemoryLayout<Unmanaged<Node>>.stride)
        return xs.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: Unmanaged<Node>.self) }
        }
    }

    /// Whether the node's kind equals `other`, comparing operands by
    /// identity without retaining them (the intern table's lookup).
    @inline(__always)
    func hasKind(_ other: Expression.Kind) -> Bool {
        switch other {
        case .constant, .namedConstant, .variable:
            return kind == other
        case .sum(let xs):
            guard case .sum = kind else { return false }
            return hasOperands(xs)
        case .product(let xs):
            guard case .product = kind else { return false }
            return hasOperands(xs)
        case .call(let f, let xs):
            guard case .call(let g, _) = kind, f == g else { return false }
            return hasOperands(xs)
        case .custom(let f, let xs):
            guard case .custom(let g, _) = kind, f === g else { return false }
            return hasOperands(xs)
        case .power(let b, let e):
            guard let pair = powerOperands else { return false }
            return pair.0.toOpaque() == Unmanaged.passUnretained(b.node).toOpaque()
                && pair.1.toOpaque() == Unmanaged.passUnretained(e.node).toOpaque()
        }
    }

    /// Whether the node's operands are `xs`, node for node.
    @inline(__always)
    private func hasOperands(_ xs: [Expression]) -> Bool {
        guard xs.count == operandCount else { return false }
        guard operandCount > 0, let mine = operandStorage else { return true }
        return xs.withUnsafeBufferPointer { theirs in
            let raw = UnsafeRawPointer(theirs.baseAddress!).assumingMemoryBound(to: Unmanaged<Node>.self)
            for i in 0..<operandCount where raw[i].toOpaque() != mine[i].toOpaque() { return false }
            return true
        }
    }

    /// Where the n-ary kinds' operands are stored (`nil` for leaves and
    /// powers): a graph walk prefetches it.
    @inline(__always)
    var operandBase: UnsafeRawPointer? { operandStorage.map(UnsafeRawPointer.init) }

    /// Operand `i`, unretained: valid while `self` is alive.
    @inline(__always)
    func unretainedOperand(_ i: Int) -> Unmanaged<Node> {
        if let operandStorage { return operandStorage[i] }
        return i == 0 ? powerOperands.unsafelyUnwrapped.0 : powerOperands.unsafelyUnwrapped.1
    }

    /// Calls `body` with the node's operands as unretained references
    /// (no reference counting per operand): valid while `self` is alive.
    @inline(__always)
    func withUnretainedOperands<R>(_ body: (UnsafeBufferPointer<Unmanaged<Node>>) throws -> R) rethrows -> R {
        if let operandStorage { return try body(UnsafeBufferPointer(start: operandStorage, count: operandCount)) }
        guard let pair = powerOperands else { return try body(UnsafeBufferPointer(start: nil, count: 0)) }
        return try withUnsafeTemporaryAllocation(of: Unmanaged<Node>.self, capacity: 2) { buffer in
            buffer.initializeElement(at: 0, to: pair.0)
            buffer.initializeElement(at: 1, to: pair.1)
            return try body(UnsafeBufferPointer(buffer))
        }
    }
}

extension Node {
    /// Calls `body` with each operand's node, without copying the operand
    /// array (the collector calls this for every node it frees).
    @inline(__always)
    func forEachOperand(_ body: (Node) -> Void) {
        for i in 0..<operandCount { unretainedOperand(i)._withUnsafeGuaranteedRef(body) }
    }
}

extension Int {
    func addingSaturating(_ other: Int) -> Int {
        let (r, overflow) = addingReportingOverflow(other)
        return overflow ? Int.max : r
    }
}

