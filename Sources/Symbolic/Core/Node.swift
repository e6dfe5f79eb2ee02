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

    init(kind: Expression.Kind, id: Int, hash: Int) {
        self.kind = kind
        self.id = id
        self.hash = hash
        var contains = false
        var size = 1
        let degree: Double
        switch kind {
        case .constant, .namedConstant:
            degree = 0
        case .variable:
            contains = true
            degree = 1
        case .sum(let terms):
            var d = 0.0
            for t in terms {
                contains = contains || t.node.containsVariables
                size = size.addingSaturating(t.node.treeSize)
                d = Swift.max(d, t.node.degree)
            }
            degree = d
        case .product(let factors):
            var d = 0.0
            for f in factors {
                contains = contains || f.node.containsVariables
                size = size.addingSaturating(f.node.treeSize)
                d += f.node.degree
            }
            degree = d
        case .power(let base, let exponent):
            contains = base.node.containsVariables || exponent.node.containsVariables
            size = size.addingSaturating(base.node.treeSize).addingSaturating(exponent.node.treeSize)
            if case .constant(let n) = exponent.node.kind {
                degree = base.node.degree * n.doubleValue
            } else {
                degree = base.node.degree
            }
        case .call(_, let arguments), .custom(_, let arguments):
            for a in arguments {
                contains = contains || a.node.containsVariables
                size = size.addingSaturating(a.node.treeSize)
            }
            degree = contains ? 1 : 0
        }
        self.height = kind.operands.reduce(0) { Swift.max($0, $1.node.height + 1) }
        self.rank = CanonicalOrder.rank(kind)
        self.containsVariables = contains
        self.treeSize = size
        self.degree = degree.isFinite ? degree : 0
    }
}

extension Node {
    /// Calls `body` with each operand's node, without copying the operand
    /// array (the collector calls this for every node it frees).
    @inline(__always)
    func forEachOperand(_ body: (Node) -> Void) {
        switch kind {
        case .constant, .namedConstant, .variable: return
        case .sum(let xs), .product(let xs), .call(_, let xs), .custom(_, let xs): for x in xs { body(x.node) }
        case .power(let b, let e): body(b.node); body(e.node)
        }
    }
}

extension Int {
    func addingSaturating(_ other: Int) -> Int {
        let (r, overflow) = addingReportingOverflow(other)
        return overflow ? Int.max : r
    }
}

