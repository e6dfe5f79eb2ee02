extension Expression.Kind {
    /// The operands of this node, in order (empty for leaves).
    public var operands: [Expression] {
        switch self {
        case .constant, .namedConstant, .variable: return []
        case .sum(let xs), .product(let xs), .call(_, let xs): return xs
        case .power(let b, let e): return [b, e]
        }
    }
}

extension Expression {
    /// The operands of this expression, in order (empty for leaves).
    public var operands: [Expression] { kind.operands }

    /// Every distinct subexpression, each once, operands before the nodes
    /// that use them (sorted by ``id``); the expression itself comes last.
    ///
    /// - Complexity: O(n log n) in the number of distinct nodes; uses an
    ///   explicit stack, so any depth is fine.
    public func topologicallySortedNodes() -> [Expression] {
        var seen: Set<Int> = [id]
        var stack: [Expression] = [self]
        var result: [Expression] = []
        while let e = stack.popLast() {
            result.append(e)
            for child in e.operands where seen.insert(child.id).inserted {
                stack.append(child)
            }
        }
        result.sort { $0.id < $1.id }
        return result
    }

    /// The variables of the expression in order of first appearance in its
    /// canonical operand order (`x^2*y + y + 2` gives `["x", "y"]`). This is
    /// the printed order, except that a sum whose first term is negative
    /// prints a positive term first (`-x + y` prints as `y - x`).
    ///
    /// - Complexity: O(n) in the number of distinct nodes.
    public var variables: [String] {
        var seen: Set<Int> = []
        var names: [String] = []
        var stack: [Expression] = [self]
        while let e = stack.popLast() {
            guard e.containsVariables, seen.insert(e.id).inserted else { continue }
            if case .variable(let name) = e.kind { names.append(name) }
            stack.append(contentsOf: e.operands.reversed())
        }
        return names
    }

    /// Whether `name` occurs in the expression.
    /// - Complexity: O(n) in the number of distinct nodes.
    public func contains(variable name: String) -> Bool {
        guard containsVariables else { return false }
        var seen: Set<Int> = []
        var stack: [Expression] = [self]
        while let e = stack.popLast() {
            guard e.containsVariables, seen.insert(e.id).inserted else { continue }
            if case .variable(let v) = e.kind, v == name { return true }
            stack.append(contentsOf: e.operands)
        }
        return false
    }

    /// The number of distinct nodes in the expression graph.
    public var nodeCount: Int { topologicallySortedNodes().count }
}
