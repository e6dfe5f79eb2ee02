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
        ReverseMode.adjoints(of: self, variables: [variable])[0] ?? .zero
    }

    /// The `order`-th partial derivative with respect to `variable`
    /// (`order` 0 is the expression itself).
    ///
    ///     let f = try Expression(parsing: "exp(x)*sin(x)")
    ///     print(f.derivative(withRespectTo: "x", order: 4))
    ///     // Prints "-4*exp(x)*sin(x)"
    ///
    /// - Parameters:
    ///   - variable: The name of the variable to differentiate by.
    ///   - order: How many times to differentiate.
    ///   - form: ``DerivativeForm/normalized`` (the default) passes each
    ///     derivative after the first through ``normalized()`` so that
    ///     higher derivatives stay small; ``DerivativeForm/raw`` returns the
    ///     derivative as the rules build it.
    /// - Precondition: `order >= 0`.
    public func derivative(withRespectTo variable: String, order: Int, form: DerivativeForm = .normalized) -> Expression {
        precondition(order >= 0, "the order of a derivative cannot be negative")
        guard order >= 2 else { return derivative(withRespectTo: Array(repeating: variable, count: order), form: form) }
        // Differentiate order by order (normalising), as long as that stays
        // small; once an order's graph swells past the Leibniz recurrences'
        // one (docs/Design.md, "Higher derivatives"), take the recurrences'
        // k-th derivative instead: it grows polynomially in k.
        var result = self
        var normalizer = Normalizer()
        var recurrences: [Expression]?
        for k in 1...order {
            if !result.containsVariables { return .zero }
            result = result.derivative(withRespectTo: variable)
            if form == .normalized && k > 1 { result = normalizer.normalize(result) }
            if result.nodeCount > HigherDerivatives.swellThreshold {
                if recurrences == nil {
                    var leibniz = HigherDerivatives(variable: variable)
                    recurrences = leibniz.derivatives(of: self, order: order)
                }
                if HigherDerivatives.printedCost(recurrences![k]) < HigherDerivatives.printedCost(result) {
                    return recurrences![order]
                }
            }
        }
        return result
    }

    /// The mixed partial derivative by each of `variables` in turn: for
    /// `["x", "y", "y"]`, ∂³f/∂x∂y² (an empty list gives the expression).
    ///
    ///     let f = try Expression(parsing: "sin(x*y)")
    ///     print(f.derivative(withRespectTo: ["x", "y", "y"]))
    ///     // Prints "-x*(2*sin(x*y) + x*y*cos(x*y))"
    ///
    /// - Parameter form: As for ``derivative(withRespectTo:order:form:)``:
    ///   every derivative after the first is normalised unless `.raw`.
    public func derivative(withRespectTo variables: [String], form: DerivativeForm = .normalized) -> Expression {
        var result = self
        var normalizer = Normalizer()
        for (k, variable) in variables.enumerated() {
            if !result.containsVariables { return .zero }
            result = result.derivative(withRespectTo: variable)
            if form == .normalized && k > 0 { result = normalizer.normalize(result) }
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
        var sweep = ReverseSweep.reused(variables: variables)
        defer { sweep.recycle() }
        let adjoints = sweep.adjoints(of: self)
        return sweep.spread(adjoints)
    }

    /// The gradient with respect to ``variables`` (order of first appearance).
    public func gradient() -> [Expression] { gradient(withRespectTo: variables) }

    /// The Jacobian matrix `J[i][j] = ∂outputs[i]/∂variables[j]`: one
    /// reverse sweep per output; entries whose variable does not occur in the
    /// output are `0` without differentiating.
    public static func jacobian(of outputs: [Expression], withRespectTo variables: [String]) -> [[Expression]] {
        var sweep = ReverseSweep.reused(variables: variables)
        defer { sweep.recycle() }
        return outputs.map { output in
            let adjoints = sweep.adjoints(of: output)
            return sweep.spread(adjoints)
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

/// Whether higher derivatives are returned as the differentiation rules
/// build them or after the simplifier's cheap normalisation.
public enum DerivativeForm: Sendable, Hashable {
    /// Passed through ``Expression/normalized()``: small and readable
    /// (`-4*exp(x)*sin(x)` for the 4th derivative of `exp(x)*sin(x)`).
    case normalized
    /// As built by the rules, sharing nodes with the function's graph
    /// (the form compiled programs use).
    case raw
}
