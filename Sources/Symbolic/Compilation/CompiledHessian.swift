/// A Hessian compiled from its structurally nonzero lower-triangle
/// entries: symmetric entries are computed once, structural zeros never.
///
///     let f = x * x * y + y
///     let h = try f.compileHessian(variables: ["x", "y"])
///     print(h.rows, h.columns)       // the pattern: row >= column
///     // Prints "[0, 1] [0, 0]"
///     print(h.values(at: [3, 4]))    // [H00, H10]
///     // Prints "[8.0, 6.0]"
///     print(h([3, 4]))               // dense
///     // Prints "[[8.0, 6.0], [6.0, 0.0]]"
public struct CompiledHessian: Sendable {
    /// The compiled program; its outputs are the nonzero entries, in
    /// pattern order.
    public let function: CompiledFunction
    /// The row of each nonzero entry of the lower triangle.
    public let rows: [Int]
    /// The column of each nonzero entry (`columns[k] <= rows[k]`).
    public let columns: [Int]

    /// The variables, in input order.
    public var variables: [String] { function.variables }

    /// The number of structurally nonzero entries in the lower triangle.
    public var nonzeroCount: Int { rows.count }

    /// The nonzero lower-triangle entries at `point`, in pattern order.
    public func values(at point: [Double], parameters: [Double] = []) -> [Double] {
        function(point, parameters: parameters)
    }

    /// The dense symmetric Hessian at `point`.
    public func callAsFunction(_ point: [Double], parameters: [Double] = []) -> [[Double]] {
        let n = variables.count
        var h = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        for (k, v) in values(at: point, parameters: parameters).enumerated() {
            h[rows[k]][columns[k]] = v
            h[columns[k]][rows[k]] = v
        }
        return h
    }

    /// Writes the nonzero entries (pattern order) into `values` without allocating.
    public func evaluate(_ inputs: UnsafeBufferPointer<Double>, values: UnsafeMutableBufferPointer<Double>,
                         workspace: inout CompiledFunction.Workspace) {
        function.evaluate(inputs, into: values, workspace: &workspace)
    }

    /// Writes the dense symmetric Hessian row-major into `matrix`
    /// (`n × n`, zeros included) without allocating.
    public func evaluate(_ inputs: UnsafeBufferPointer<Double>, dense matrix: UnsafeMutableBufferPointer<Double>,
                         workspace: inout CompiledFunction.Workspace) {
        let n = variables.count
        precondition(matrix.count == n * n, "expected room for \(n * n) entries")
        precondition(inputs.count == function.inputCount, "expected \(function.inputCount) inputs, got \(inputs.count)")
        function.execute(inputs.baseAddress, &workspace) { w, slots in
            for i in matrix.indices { matrix[i] = 0 }
            for k in 0..<rows.count {
                let v = w[Int(slots[k])]
                matrix[rows[k] * n + columns[k]] = v
                matrix[columns[k] * n + rows[k]] = v
            }
        }
    }

    /// Scratch memory for the allocation-free calls.
    public func makeWorkspace() -> CompiledFunction.Workspace { function.makeWorkspace() }
}

/// A Hessian-vector product `H(x)·v` compiled without forming `H`
/// (forward-over-reverse: about the cost of two gradients).
public struct CompiledHessianVectorProduct: Sendable {
    /// The compiled program: inputs are the variables then one direction
    /// component per variable (as parameters); outputs are `H·v`.
    public let function: CompiledFunction

    /// The variables, in input order.
    public var variables: [String] { function.variables }

    /// `H(point) · direction`.
    public func callAsFunction(_ point: [Double], _ direction: [Double]) -> [Double] {
        function(point, parameters: direction)
    }

    /// Writes `H(x)·v` into `product` without allocating.
    ///
    /// - Parameter inputs: The variables' values, then the direction's
    ///   components (`2 * variables.count` values).
    public func evaluate(_ inputs: UnsafeBufferPointer<Double>, into product: UnsafeMutableBufferPointer<Double>,
                         workspace: inout CompiledFunction.Workspace) {
        function.evaluate(inputs, into: product, workspace: &workspace)
    }

    /// Scratch memory for the allocation-free calls.
    public func makeWorkspace() -> CompiledFunction.Workspace { function.makeWorkspace() }
}

extension Expression {
    /// Compiles the Hessian with respect to `variables` from its nonzero
    /// lower-triangle entries.
    ///
    /// - Throws: ``CompilationError`` as ``CompiledFunction/init(_:variables:parameters:)`` does.
    public func compileHessian(variables: [String], parameters: [String] = []) throws(CompilationError) -> CompiledHessian {
        let entries = hessianEntries(withRespectTo: variables)
        return try CompiledHessian(function: CompiledFunction(entries.map(\.expression), variables: variables,
                                                              parameters: parameters),
                                   rows: entries.map(\.row), columns: entries.map(\.column))
    }

    /// Compiles the Hessian-vector product with respect to `variables`.
    ///
    /// - Throws: ``CompilationError`` as ``CompiledFunction/init(_:variables:parameters:)`` does.
    public func compileHessianVectorProduct(variables: [String]) throws(CompilationError) -> CompiledHessianVectorProduct {
        // Direction components get names that no variable has.
        var taken = Set(variables)
        let directionNames = variables.map { name -> String in
            var candidate = "d\(name)"
            while !taken.insert(candidate).inserted { candidate += "'" }
            return candidate
        }
        let product = hessianVectorProduct(withRespectTo: variables, direction: directionNames.map(Expression.variable))
        return try CompiledHessianVectorProduct(function: CompiledFunction(product, variables: variables,
                                                                           parameters: directionNames))
    }

    /// A closure computing the dense Hessian.
    ///
    /// - Throws: ``CompilationError`` as ``CompiledFunction/init(_:variables:parameters:)`` does.
    public func hessianFunction(variables: [String]) throws(CompilationError) -> @Sendable ([Double]) -> [[Double]] {
        let h = try compileHessian(variables: variables)
        return { h($0) }
    }

    /// A closure computing the Hessian-vector product `H(point)·direction`.
    ///
    /// - Throws: ``CompilationError`` as ``CompiledFunction/init(_:variables:parameters:)`` does.
    public func hessianVectorProductFunction(variables: [String]) throws(CompilationError)
        -> @Sendable (_ point: [Double], _ direction: [Double]) -> [Double] {
        let hv = try compileHessianVectorProduct(variables: variables)
        return { hv($0, $1) }
    }
}
