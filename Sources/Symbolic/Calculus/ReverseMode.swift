/// Symbolic reverse-mode differentiation over the shared expression graph.
///
/// One backward sweep visits each distinct node that depends on a requested
/// variable once, in reverse topological order. The adjoint of a node is the
/// sum of its users' contributions `adjoint(user) * ∂user/∂node`, built as
/// new nodes that reuse the forward nodes, so the derivative graph shares
/// structure with the function graph and every partial derivative of a
/// gradient comes out of the same sweep (the "cheap gradient principle").
enum ReverseMode {
    /// The adjoints `∂(seed*root)/∂v` of the variables `v` in `variableIndex`
    /// whose index is at most `maxIndex`, keyed by that index. Variables the
    /// root does not depend on are absent (their derivative is 0).
    ///
    /// - Complexity: O(n log n) in the distinct nodes of `root`, plus the cost
    ///   of building the adjoint nodes.
    static func adjoints(of root: Expression, seed: Expression = .one,
                         variableIndex: [String: Int], maxIndex: Int = .max) -> [Int: Expression] {
        guard root.containsVariables else { return [:] }
        let (nodes, position) = root.topologicalOrder()
        var depends = [Bool](repeating: false, count: nodes.count)
        for (i, node) in nodes.enumerated() {
            guard node.containsVariables else { continue }
            if case .variable(let name) = node.kind {
                if let k = variableIndex[name], k <= maxIndex { depends[i] = true }
            } else {
                depends[i] = node.operands.contains { depends[position[$0.id]!] }
            }
        }
        var contributions = [[Expression]](repeating: [], count: nodes.count)
        contributions[nodes.count - 1] = [seed]
        var result: [Int: Expression] = [:]
        for i in stride(from: nodes.count - 1, through: 0, by: -1) where depends[i] && !contributions[i].isEmpty {
            let node = nodes[i]
            let adjoint = contributions[i].count == 1 ? contributions[i][0] : Expression.sum(contributions[i])
            contributions[i] = []
            if case .variable(let name) = node.kind {
                result[variableIndex[name]!] = adjoint
                continue
            }
            if adjoint == .zero { continue }
            for (k, operand) in node.operands.enumerated() {
                let p = position[operand.id]!
                guard depends[p] else { continue }
                let contribution = PartialDerivatives.contribution(of: node, withRespectTo: k, adjoint: adjoint)
                if contribution != .zero { contributions[p].append(contribution) }
            }
        }
        return result
    }

    /// A name → position map for an ordered variable list (the first
    /// occurrence wins if a name is repeated).
    static func index(_ variables: [String]) -> [String: Int] {
        var index: [String: Int] = [:]
        index.reserveCapacity(variables.count)
        for (i, v) in variables.enumerated() where index[v] == nil { index[v] = i }
        return index
    }
}
