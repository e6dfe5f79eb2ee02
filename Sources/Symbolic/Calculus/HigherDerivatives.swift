/// Higher derivatives in one variable by Leibniz recurrences on the graph
/// ("Taylor mode"): every node `v` gets the list `[v, v', v'', …, v⁽ᵏ⁾]`,
/// computed from its operands' lists.
///
/// - a sum: `(Σ uⱼ)⁽ᵐ⁾ = Σ uⱼ⁽ᵐ⁾`;
/// - a product, factor by factor: `(a·b)⁽ᵐ⁾ = Σᵢ C(m, i) a⁽ⁱ⁾ b⁽ᵐ⁻ⁱ⁾`;
/// - a power or call `w = f(u₁, …)` with `w' = Σⱼ gⱼ uⱼ'` (`gⱼ = ∂f/∂uⱼ`, built
///   by the ordinary derivative rules):
///   `w⁽ᵐ⁾ = Σⱼ Σᵢ C(m−1, i) gⱼ⁽ⁱ⁾ uⱼ⁽ᵐ⁻ⁱ⁾`, where the lists of `gⱼ` (one order
///   shorter) come from the same procedure.
///
/// Every entry is a canonical node, and hash-consing makes the entries that
/// different recursion levels build the same nodes, so the k-th derivative
/// of an expression with n distinct nodes has O(n·k²) distinct nodes for
/// the common functions (polynomial in k), where differentiating k times
/// over a graph can multiply its size by a constant at every order.
/// Coefficients are exact binomials (`C(30, 15) = 155117520`).
struct HigherDerivatives {
    /// ``Expression/derivative(withRespectTo:order:form:)`` differentiates
    /// order by order while each result has at most this many distinct
    /// nodes, and past it compares with the recurrences.
    static let swellThreshold = 400

    /// A rough measure of printed length: tree nodes, or for an expression
    /// that prints with temporaries, a few characters per distinct node.
    static func printedCost(_ e: Expression) -> Int {
        e.printsWithSharing ? 6 * e.nodeCount : e.treeSize
    }

    let variable: String
    /// The longest list computed so far for each node id.
    private var memo: [Int: [Expression]] = [:]
    private var binomials: [[Expression]] = [[.one]]

    init(variable: String) { self.variable = variable }

    /// `[e, e', …, e⁽ᵏ⁾]` with respect to ``variable``.
    ///
    /// The graph is walked with an explicit stack that stops at nodes whose
    /// lists are already known to this order (and at constant subgraphs), so
    /// the partial derivatives' graphs, which reuse the function's nodes,
    /// cost only their new nodes. Recursion depth is bounded by `order`
    /// (each level asks for one order less), never by the depth of `e`.
    mutating func derivatives(of e: Expression, order k: Int) -> [Expression] {
        if let known = known(e, order: k) { return known }
        var done: [Int: [Expression]] = [:]
        var stack: [(node: Expression, operands: [Expression], next: Int)] = [(e, e.operands, 0)]
        while !stack.isEmpty {
            let top = stack.count - 1
            let next = stack[top].next
            if next < stack[top].operands.count {
                stack[top].next = next + 1
                let child = stack[top].operands[next]
                if done[child.id] != nil { continue }
                if let list = known(child, order: k) {
                    done[child.id] = list
                } else {
                    stack.append((child, child.operands, 0))
                }
            } else {
                let (node, operands, _) = stack.removeLast()
                let list = derivatives(ofNode: node, operands: operands.map { done[$0.id]! }, order: k)
                if (memo[node.id]?.count ?? 0) < list.count { memo[node.id] = list }
                done[node.id] = list
            }
        }
        return done[e.id]!
    }

    /// The list of `e` without walking it: memoised to this order, order 0,
    /// or a constant subgraph.
    private func known(_ e: Expression, order k: Int) -> [Expression]? {
        if let known = memo[e.id], known.count > k { return Array(known[0...k]) }
        if k == 0 { return [e] }
        if !e.containsVariables { return [e] + Array(repeating: .zero, count: k) }
        return nil
    }

    private mutating func derivatives(ofNode node: Expression, operands: [[Expression]], order k: Int) -> [Expression] {
        var result = [node] + Array(repeating: Expression.zero, count: k)
        guard node.containsVariables else { return result }
        switch node.kind {
        case .constant, .namedConstant:
            break
        case .variable(let name):
            if name == variable { result[1] = .one }
        case .sum:
            for m in 1...k { result[m] = .sum(operands.map { $0[m] }) }
        case .product:
            var accumulated = operands[0]
            for factor in operands.dropFirst() {
                var next = accumulated
                next[0] = .product([accumulated[0], factor[0]])
                for m in 1...k {
                    var terms: [Expression] = []
                    for i in 0...m where accumulated[i] != .zero && factor[m - i] != .zero {
                        terms.append(.product([binomial(m, i), accumulated[i], factor[m - i]]))
                    }
                    next[m] = .sum(terms)
                }
                accumulated = next
            }
            for m in 1...k { result[m] = accumulated[m] }
        case .power, .call, .custom:
            var terms = [[Expression]](repeating: [], count: k + 1)
            for (j, u) in operands.enumerated() where u.dropFirst().contains(where: { $0 != .zero }) {
                let g = derivatives(of: PartialDerivatives.partial(of: node, withRespectTo: j), order: k - 1)
                for m in 1...k {
                    for i in 0..<m where g[i] != .zero && u[m - i] != .zero {
                        terms[m].append(.product([binomial(m - 1, i), g[i], u[m - i]]))
                    }
                }
            }
            for m in 1...k { result[m] = .sum(terms[m]) }
        }
        return result
    }

    /// `C(n, i)` as an exact constant (a `Double` past 2⁶³, from order 68 on).
    private mutating func binomial(_ n: Int, _ i: Int) -> Expression {
        while binomials.count <= n {
            let last = binomials[binomials.count - 1]
            var row: [Expression] = [.one]
            for j in 1..<last.count {
                let (a, b) = (last[j - 1].numberValue!, last[j].numberValue!)
                row.append(.constant(a.adding(b) ?? .real(a.doubleValue + b.doubleValue)))
            }
            row.append(.one)
            binomials.append(row)
        }
        return binomials[n][i]
    }
}
