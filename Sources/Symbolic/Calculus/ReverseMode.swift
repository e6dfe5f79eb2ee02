/// Symbolic reverse-mode differentiation over the shared expression graph.
///
/// One backward sweep visits each distinct node that depends on a requested
/// variable once, in reverse topological order. The adjoint of a node is the
/// sum of its users' contributions `adjoint(user) * ∂user/∂node`, built as
/// new nodes that reuse the forward nodes, so the derivative graph shares
/// structure with the function graph and every partial derivative of a
/// gradient comes out of the same sweep (the "cheap gradient principle").
///
/// The sweep works on a ``FlatGraph`` (post-order nodes with their operands'
/// positions in flat arrays) and keeps each node's pending contributions in
/// one shared linked list, so it allocates a handful of arrays per sweep
/// rather than a dictionary lookup per edge and an array per node.
enum ReverseMode {
    /// The adjoints `∂(seed*root)/∂v` of the variables `v` in `variableIndex`
    /// whose index is at most `maxIndex`, keyed by that index. Variables the
    /// root does not depend on are absent (their derivative is 0).
    ///
    /// - Complexity: O(n) in the distinct nodes of `root`, plus the cost of
    ///   building the adjoint nodes.
    static func adjoints(of root: Expression, seed: Expression = .one,
                         variableIndex: [String: Int], maxIndex: Int = .max) -> [Int: Expression] {
        guard root.containsVariables else { return [:] }
        let graph = FlatGraph(root)
        let nodes = graph.nodes
        let n = nodes.count
        var depends = [Bool](repeating: false, count: n)
        for i in 0..<n where nodes[i].containsVariables {
            if case .variable(let name) = nodes[i].kind {
                if let k = variableIndex[name], k <= maxIndex { depends[i] = true }
            } else {
                for p in graph.operandRange(i) where depends[Int(graph.operandPositions[p])] {
                    depends[i] = true
                    break
                }
            }
        }
        // Pending contributions: a linked list per node through `next`.
        var head = [Int32](repeating: -1, count: n)
        var items: [Expression] = [seed]
        var next: [Int32] = [-1]
        head[n - 1] = 0
        var result: [Int: Expression] = [:]
        var gathered: [Expression] = []
        for i in stride(from: n - 1, through: 0, by: -1) where depends[i] && head[i] >= 0 {
            gathered.removeAll(keepingCapacity: true)
            var link = head[i]
            while link >= 0 {
                gathered.append(items[Int(link)])
                link = next[Int(link)]
            }
            // The list holds the contributions newest first; sum them in arrival order.
            let adjoint = gathered.count == 1 ? gathered[0] : Expression.sum(gathered.reversed())
            let node = nodes[i]
            if case .variable(let name) = node.kind {
                result[variableIndex[name]!] = adjoint
                continue
            }
            if adjoint == .zero { continue }
            for (k, p) in graph.operandRange(i).enumerated() {
                let position = Int(graph.operandPositions[p])
                guard depends[position] else { continue }
                let contribution = PartialDerivatives.contribution(of: node, withRespectTo: k, adjoint: adjoint)
                if contribution != .zero {
                    items.append(contribution)
                    next.append(head[position])
                    head[position] = Int32(items.count - 1)
                }
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

/// The distinct nodes of an expression in post-order (operands before
/// users, the root last), with the positions of each node's operands in
/// flat arrays: `operandPositions[operandStart[i]..<operandStart[i + 1]]`.
///
/// Built by one depth-first walk with an explicit stack (any depth is fine)
/// and an integer hash table keyed by node id (``IntTable``), the traversal
/// every sweep over a graph starts from.
struct FlatGraph {
    private(set) var nodes: [Expression] = []
    private(set) var operandStart: [Int32] = [0]
    private(set) var operandPositions: [Int32] = []

    init(_ root: Expression) {
        var position = IntTable(capacity: 64)
        position.insert(root.id, -1)   // -1: on the stack, not yet emitted
        var stack: [(node: Expression, operands: [Expression], next: Int)] = [(root, root.operands, 0)]
        while !stack.isEmpty {
            let top = stack.count - 1
            let k = stack[top].next
            if k < stack[top].operands.count {
                stack[top].next = k + 1
                let child = stack[top].operands[k]
                if position.insert(child.id, -1) {
                    stack.append((child, child.operands, 0))
                }
            } else {
                let (e, operands, _) = stack.removeLast()
                for o in operands { operandPositions.append(position.value(for: o.id)!) }
                operandStart.append(Int32(operandPositions.count))
                position.update(e.id, Int32(nodes.count))
                nodes.append(e)
            }
        }
    }

    /// The indices into ``operandPositions`` of node `i`'s operands.
    @inline(__always)
    func operandRange(_ i: Int) -> Range<Int> { Int(operandStart[i])..<Int(operandStart[i + 1]) }
}
