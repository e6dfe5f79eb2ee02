extension Expression {
    /// The partial derivative with respect to `variable`.
    ///
    ///     let f = try Expression(parsing: "x^2*y + y + 2")
    ///     print(f.derivative(withRespectTo: "x"))
    ///     // Prints "2*x*y"
    ///
    /// - Parameter variable: The name of the variable to differentiate by.
    /// - Returns: ∂self/∂variable in canonical form; `0` when `variable` does
    ///   not occur.
    /// - Complexity: O(n log n) in the number of distinct nodes.
    public func derivative(withRespectTo variable: String) -> Expression {
        ReverseMode.adjoints(of: self, variableIndex: [variable: 0])[0] ?? .zero
    }

    /// The `order`-th partial derivative with respect to `variable`
    /// (`order` 0 is the expression itself).
    ///
    /// - Precondition: `order >= 0`.
    public func derivative(withRespectTo variable: String, order: Int) -> Expression {
        precondition(order >= 0, "the order of a derivative cannot be negative")
        var result = self
        for _ in 0..<order {
            if !result.containsVariables { return .zero }
            result = result.derivative(withRespectTo: variable)
        }
        return result
    }

    /// The gradient: the partial derivatives with respect to `variables`, in
    /// that order, all from one reverse-mode sweep over the expression graph.
    ///
    ///     let f = try Expression(parsing: "x^2*y + y + 2")
    ///     print(f.gradient(withRespectTo: ["x", "y"]))
    ///     // Prints "[2*x*y, x^2 + 1]"
    ///
    /// - Complexity: O(n log n) in the number of distinct nodes, independent
    ///   of the number of variables (beyond the result itself).
    public func gradient(withRespectTo variables: [String]) -> [Expression] {
        let index = ReverseMode.index(variables)
        let adjoints = ReverseMode.adjoints(of: self, variableIndex: index)
        return variables.map { adjoints[index[$0]!] ?? .zero }
    }

    /// The gradient with respect to ``variables`` (order of first appearance).
    public func gradient() -> [Expression] { gradient(withRespectTo: variables) }

    /// The Jacobian matrix `J[i][j] = ∂outputs[i]/∂variables[j]`: one
    /// reverse sweep per output; entries whose variable does not occur in the
    /// output are `0` without differentiating.
    public static func jacobian(of outputs: [Expression], withRespectTo variables: [String]) -> [[Expression]] {
        let index = ReverseMode.index(variables)
        return outputs.map { output in
            let adjoints = ReverseMode.adjoints(of: output, variableIndex: index)
            return variables.map { adjoints[index[$0]!] ?? .zero }
        }
    }

    /// The directional derivative `∇f · direction`.
    ///
    /// - Precondition: `direction.count == variables.count`.
    public func directionalDerivative(withRespectTo variables: [String], along direction: [Expression]) -> Expression {
        precondition(direction.count == variables.count, "direction needs one component per variable")
        let g = gradient(withRespectTo: variables)
        return .sum(zip(g, direction).map { $0 * $1 })
    }

    /// The Hessian-vector product `H · direction`, as the gradient of the
    /// directional derivative (forward-over-reverse): two sweeps, never the
    /// whole Hessian.
    ///
    /// - Precondition: `direction.count == variables.count`.
    public func hessianVectorProduct(withRespectTo variables: [String], direction: [Expression]) -> [Expression] {
        directionalDerivative(withRespectTo: variables, along: direction).gradient(withRespectTo: variables)
    }
}
