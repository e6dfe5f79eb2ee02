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
    /// The gradient ∇L is built symbolically once; each batch evaluates L
    /// and ∇L per sample (the data names are bound to the sample's values)
    /// and sums them.
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
        let columns = dataNames.map { data[$0]! }
        let m = columns.first?.count ?? 1
        for (name, column) in zip(dataNames, columns) where column.count != m {
            throw .dataLengthMismatch(name: name, expected: m, actual: column.count)
        }
        guard m >= 1 else { throw .noSamples }

        let n = variables.count, inputCount = n + dataNames.count
        let program = ExpressionSlotProgram([sampleLoss] + sampleLoss.gradient(withRespectTo: variables),
                                          variables: variables + dataNames)
        self.init(dimension: n, sampleCount: m) { batch, w, g in
            withUnsafeTemporaryAllocation(of: Double.self, capacity: inputCount) { inputs in
                for k in 0..<n { inputs[k] = w[k]; g[k] = 0 }
                var total = 0.0
                for i in batch {
                    for (c, column) in columns.enumerated() { inputs[n + c] = column[i] }
                    program.evaluate(UnsafeBufferPointer(inputs)) { k, value in
                        if k == 0 { total += value } else { g[k - 1] += value }
                    }
                }
                return total
            }
        }
    }
}
