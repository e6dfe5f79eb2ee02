/// A function and its gradient compiled together, so that they share work
/// (a reverse-mode gradient reuses every value of the function).
///
///     let f = x * x * y + y
///     let g = try f.compileGradient(variables: ["x", "y"])
///     print(g([3, 4]))
///     // Prints "(value: 40.0, gradient: [24.0, 10.0])"
public struct CompiledGradient: Sendable {
    /// The compiled program; its outputs are the value, then the gradient.
    public let function: CompiledFunction

    /// The variables, in input order.
    public var variables: [String] { function.variables }

    /// The value and the gradient at `point`.
    ///
    /// - Precondition: The counts match the variables and parameters.
    public func callAsFunction(_ point: [Double], parameters: [Double] = []) -> (value: Double, gradient: [Double]) {
        let all = function(point, parameters: parameters)
        return (all[0], Array(all[1...]))
    }

    /// Writes the gradient into `gradient` and returns the value, without
    /// allocating: for optimiser inner loops.
    ///
    /// - Parameters:
    ///   - inputs: The variables' values, then the parameters'.
    ///   - gradient: Receives one partial derivative per variable.
    ///   - workspace: From ``makeWorkspace()``; one per thread.
    public func evaluate(_ inputs: UnsafeBufferPointer<Double>, gradient: UnsafeMutableBufferPointer<Double>,
                         workspace: inout CompiledFunction.Workspace) -> Double {
        precondition(inputs.count == function.inputCount, "expected \(function.inputCount) inputs, got \(inputs.count)")
        precondition(gradient.count == variables.count, "expected room for \(variables.count) partial derivatives")
        return function.execute(inputs.baseAddress, &workspace) { w, slots in
            for k in 0..<gradient.count { gradient[k] = w[Int(slots[k + 1])] }
            return w[Int(slots[0])]
        }
    }

    /// ``evaluate(_:gradient:workspace:)-(UnsafeBufferPointer<Double>,_,_)`` on arrays;
    /// `gradient` is resized on first use only.
    public func evaluate(_ inputs: [Double], gradient: inout [Double], workspace: inout CompiledFunction.Workspace) -> Double {
        if gradient.count != variables.count { gradient = [Double](repeating: 0, count: variables.count) }
        return inputs.withUnsafeBufferPointer { x in
            gradient.withUnsafeMutableBufferPointer { evaluate(x, gradient: $0, workspace: &workspace) }
        }
    }

    /// Scratch memory for the allocation-free calls.
    public func makeWorkspace() -> CompiledFunction.Workspace { function.makeWorkspace() }
}

/// A Jacobian matrix compiled in one program (rows share their work).
public struct CompiledJacobian: Sendable {
    /// The compiled program; its outputs are the entries, row by row.
    public let function: CompiledFunction
    /// The number of rows (outputs differentiated).
    public let rowCount: Int

    /// The variables (columns), in input order.
    public var variables: [String] { function.variables }

    /// `J[i][j] = ∂outputs[i]/∂variables[j]` at `point`.
    public func callAsFunction(_ point: [Double], parameters: [Double] = []) -> [[Double]] {
        let all = function(point, parameters: parameters), n = variables.count
        return (0..<rowCount).map { Array(all[($0 * n)..<(($0 + 1) * n)]) }
    }

    /// Writes the Jacobian row-major into `matrix` (`rowCount × variables.count`)
    /// without allocating.
    public func evaluate(_ inputs: UnsafeBufferPointer<Double>, into matrix: UnsafeMutableBufferPointer<Double>,
                         workspace: inout CompiledFunction.Workspace) {
        function.evaluate(inputs, into: matrix, workspace: &workspace)
    }

    /// Scratch memory for the allocation-free calls.
    public func makeWorkspace() -> CompiledFunction.Workspace { function.makeWorkspace() }
}

extension Expression {
    /// Compiles this expression and its gradient with respect to
    /// `variables` into one program.
    ///
    /// - Parameters:
    ///   - variables: The variables to differentiate by, in input order.
    ///   - parameters: Further inputs, not differentiated.
    /// - Throws: ``CompilationError`` as ``CompiledFunction/init(_:variables:parameters:)`` does.
    public func compileGradient(variables: [String], parameters: [String] = []) throws(CompilationError) -> CompiledGradient {
        try CompiledGradient(function: CompiledFunction([self] + gradient(withRespectTo: variables),
                                                        variables: variables, parameters: parameters))
    }

    /// Compiles the Jacobian of `outputs` with respect to `variables`.
    ///
    /// - Throws: ``CompilationError`` as ``CompiledFunction/init(_:variables:parameters:)`` does.
    public static func compileJacobian(of outputs: [Expression], variables: [String],
                                       parameters: [String] = []) throws(CompilationError) -> CompiledJacobian {
        let entries = jacobian(of: outputs, withRespectTo: variables).flatMap { $0 }
        return try CompiledJacobian(function: CompiledFunction(entries, variables: variables, parameters: parameters),
                                    rowCount: outputs.count)
    }

    /// A closure computing this expression: `f(point)`.
    ///
    ///     let f = try (x * x + 1).valueFunction(variables: ["x"])
    ///     print(f([3]))
    ///     // Prints "10.0"
    ///
    /// - Throws: ``CompilationError`` as ``CompiledFunction/init(_:variables:parameters:)`` does.
    public func valueFunction(variables: [String]) throws(CompilationError) -> @Sendable ([Double]) -> Double {
        let f = try compile(variables: variables)
        return { f($0)[0] }
    }

    /// A closure computing this expression and its gradient together.
    ///
    /// - Throws: ``CompilationError`` as ``CompiledFunction/init(_:variables:parameters:)`` does.
    public func valueAndGradientFunction(variables: [String]) throws(CompilationError)
        -> @Sendable ([Double]) -> (value: Double, gradient: [Double]) {
        let g = try compileGradient(variables: variables)
        return { g($0) }
    }

    /// A closure computing the Jacobian of `outputs`, row by row.
    ///
    /// - Throws: ``CompilationError`` as ``CompiledFunction/init(_:variables:parameters:)`` does.
    public static func jacobianFunction(of outputs: [Expression], variables: [String]) throws(CompilationError)
        -> @Sendable ([Double]) -> [[Double]] {
        let j = try compileJacobian(of: outputs, variables: variables)
        return { j($0) }
    }
}
