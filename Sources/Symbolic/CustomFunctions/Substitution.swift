extension Expression {
    /// The expression with variables replaced by expressions, all at once
    /// (so `x → y, y → x` swaps them), rebuilt with the canonicalising
    /// constructors.
    ///
    ///     let f = try Expression(parsing: "x^2 + y")
    ///     print(f.substituting(["x": .variable("y"), "y": .variable("x")]))
    ///     // Prints "y^2 + x"
    ///
    /// - Parameter replacements: The expression for each variable to
    ///   replace; other variables stay.
    /// - Complexity: O(n) rebuilt nodes for n distinct nodes that contain a
    ///   replaced variable; uses no recursion, so any depth is fine.
    public func substituting(_ replacements: [String: Expression]) -> Expression {
        guard !replacements.isEmpty, containsVariables else { return self }
        var memo: [Int: Expression] = [:]
        return Expression.rebuild([self], memo: &memo, descend: \.containsVariables) { node, operands in
            if case .variable(let name) = node.kind { return replacements[name] ?? node }
            return node.replacingOperands(operands)
        }[0]
    }

    /// The expression with every call of a user-defined function that has a
    /// body replaced by its body (the parameters by the arguments), until no
    /// such call is left. Calls of functions defined only by a closure stay.
    ///
    ///     var functions = FunctionRegistry()
    ///     try functions.define("P3(u) = 0.5*(5*u^3 - 3*u)")
    ///     let f = try Expression(parsing: "P3(x)^2", functions: functions)
    ///     print(f.expandingCustomFunctions())
    ///     // Prints "0.25*(5*x^3 - 3*x)^2"
    ///
    /// Compilation and code generation expand their expressions this way.
    /// - Complexity: O(n + k·m) per level of definitions that use other
    ///   definitions, for n distinct nodes, k calls and bodies of m nodes.
    public func expandingCustomFunctions() -> Expression {
        Expression.expandingCustomFunctions([self])[0]
    }

    /// ``expandingCustomFunctions()`` of several expressions, sharing the
    /// work on common subexpressions.
    static func expandingCustomFunctions(_ roots: [Expression]) -> [Expression] {
        var current = roots
        while true {
            var expanded = false
            var memo: [Int: Expression] = [:]
            current = rebuild(current, memo: &memo, descend: { _ in true }) { node, operands in
                if case .custom(let f, _) = node.kind, let body = f.body {
                    expanded = true
                    return body.substituting(Dictionary(uniqueKeysWithValues: zip(f.parameters, operands)))
                }
                return node.replacingOperands(operands)
            }
            if !expanded { return current }
        }
    }

    /// The user-defined functions the expression calls, each once, in the
    /// order of first use from the leaves up (a function used by another
    /// function's rule or body is not included unless called here).
    ///
    ///     print(try Expression(parsing: "P3(x) + 1", functions: functions).customFunctions)
    ///     // Prints "[P3(u)]"
    public var customFunctions: [CustomFunction] {
        var seen: Set<CustomFunction> = []
        var result: [CustomFunction] = []
        for node in topologicallySortedNodes() {
            if case .custom(let f, _) = node.kind, seen.insert(f).inserted { result.append(f) }
        }
        return result
    }

    /// Rebuilds `roots` bottom-up: `rewrite` gets each distinct node with
    /// its operands already rewritten. Nodes for which `descend` is false
    /// are kept as they are. Iterative, so any depth is fine.
    static func rebuild(_ roots: [Expression], memo: inout [Int: Expression], descend: (Expression) -> Bool,
                        _ rewrite: (_ node: Expression, _ operands: [Expression]) -> Expression) -> [Expression] {
        var stack: [(node: Expression, next: Int)] = []
        for root in roots where memo[root.id] == nil {
            guard descend(root) else { memo[root.id] = root; continue }
            stack.append((root, 0))
            while let (node, next) = stack.last {
                let operands = node.operands
                if next < operands.count {
                    stack[stack.count - 1].next = next + 1
                    let child = operands[next]
                    guard memo[child.id] == nil else { continue }
                    if descend(child) { stack.append((child, 0)) } else { memo[child.id] = child }
                } else {
                    stack.removeLast()
                    guard memo[node.id] == nil else { continue }
                    let rebuilt = operands.map { memo[$0.id]! }
                    memo[node.id] = rewrite(node, rebuilt)
                }
            }
        }
        return roots.map { memo[$0.id]! }
    }
}
