extension Expression.Kind {
    /// The operands of this node, in order (empty for leaves).
    public var operands: [Expression] {
        switch self {
        case .constant, .namedConstant, .variable: return []
        case .sum(let xs), .product(let xs), .call(_, let xs), .custom(_, let xs): return xs
        case .power(let b, let e): return [b, e]
        }
    }
}

extension Expression {
    /// The operands of this expression, in order (empty for leaves).
    public var operands: [Expression] { kind.operands }

    /// Every distinct subexpression, each once, operands before the nodes
    /// that use them; the expression itself comes last.
    ///
    /// - Complexity: O(n) in the number of distinct nodes; uses an explicit
    ///   stack, so any depth is fine.
    public func topologicallySortedNodes() -> [Expression] { topologicalOrder().nodes }

    /// The nodes in post-order (operands first, `self` last) and each node's
    /// position in that list, keyed by ``id``, from one depth-first walk.
    func topologicalOrder() -> (nodes: [Expression], position: [Int: Int]) {
        var position: [Int: Int] = [id: -1]   // -1: on the stack, not yet emitted
        var nodes: [Expression] = []
        var stack: [(node: Expression, operands: [Expression], next: Int)] = [(self, operands, 0)]
        while !stack.isEmpty {
            let top = stack.count - 1
            let k = stack[top].next
            if k < stack[top].operands.count {
                stack[top].next = k + 1
                let child = stack[top].operands[k]
                if position[child.id] == nil {
                    position[child.id] = -1
                    stack.append((child, child.operands, 0))
                }
            } else {
                let e = stack.removeLast().node
                position[e.id] = nodes.count
                nodes.append(e)
            }
        }
        return (nodes, position)
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
