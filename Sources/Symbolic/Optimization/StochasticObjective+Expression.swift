extension StochasticObjective {
    /// Creates the objective Σᵢ L(w; dataᵢ) from a per-sample loss
    /// expression over the `variables` w and data columns.
    ///
    ///     // Linear least squares: L = (a*x + b - y)^2, samples (x, y)
    ///     let a = Expression.variable("a"), b = Expression.variable("b")
    ///     let loss = (a * .variable("x") + b - .variable("y")) ** 2
    ///     let j = try StochasticObjective(sampleLoss: loss, variables: ["a", "b"],
    ///                                     data: ["x": [0, 1, 2], "y": [1, 3, 5]])
    ///
    /// L and ∇L are compiled once into one program whose variables are the
    /// weights and whose parameters are the data names; each batch runs the
    /// batched (struct-of-arrays) form of that program over the batch's
    /// samples — gathered into columns — with the weights shared, and sums
    /// per output in a fixed order, so runs are reproducible bit for bit.
    ///
    /// - Parameters:
    ///   - sampleLoss: The loss of one sample.
    ///   - variables: The optimisation variables, in vector order.
    ///   - data: One column of sample values per data name; all columns
    ///     have the same, positive length.
    /// - Throws: ``ObjectiveError`` for an unknown name, a name used both as
    ///   a variable and as data (or listed twice), columns of unequal
    ///   length, or no samples.
    public init(sampleLoss: Expression, variables: [String], data: [String: [Double]]) throws(ObjectiveError) {
        guard !variables.isEmpty else { throw .noVariables }
        let dataNames = data.keys.sorted()
        var seen = Set<String>()
        for name in variables + dataNames where !seen.insert(name).inserted { throw .duplicateVariable(name) }
        for name in sampleLoss.variables where !seen.contains(name) { throw .unknownVariable(name) }
        let dataColumns = dataNames.map { data[$0]! }
        let m = dataColumns.first?.count ?? 1
        for (name, column) in zip(dataNames, dataColumns) where column.count != m {
            throw .dataLengthMismatch(name: name, expected: m, actual: column.count)
        }
        guard m >= 1 else { throw .noSamples }

        let n = variables.count, d = dataNames.count
        let program: BatchedFunction
        do {
            program = try Expression.compile([sampleLoss] + sampleLoss.gradient(withRespectTo: variables),
                                             variables: variables, parameters: dataNames)
                .batched(over: .parameters)
        } catch {
            throw .compilation(error)
        }
        let workspace = LockedWorkspace(program.makeWorkspace())
        self.init(dimension: n, sampleCount: m) { batch, w, g in
            let count = batch.count
            return withUnsafeTemporaryAllocation(of: Double.self, capacity: Swift.max(d * count, 1)) { columns in
                return withUnsafeTemporaryAllocation(of: Double.self, capacity: n + 1) { sums in
                    // Column c holds data name c for each sample of the batch.
                    for c in 0..<d {
                        let source = dataColumns[c]
                        for (k, i) in batch.enumerated() { columns[c * count + k] = source[i] }
                    }
                    workspace.with { ws in
                        program.sum(columns: UnsafeBufferPointer(rebasing: columns[0..<(d * count)]),
                                    pointCount: count, shared: w, into: sums, workspace: &ws)
                    }
                    for k in 0..<n { g[k] = sums[k + 1] }
                    return sums[0]
                }
            }
        }
    }
}
