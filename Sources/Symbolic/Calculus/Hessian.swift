/// One structurally nonzero entry of the lower triangle of a symmetric matrix.
public struct SymmetricMatrixEntry: Sendable, Hashable {
    /// The row, `>= column`.
    public let row: Int
    /// The column, `<= row`.
    public let column: Int
    /// The entry.
    public let expression: Expression

    /// Creates an entry.
    public init(row: Int, column: Int, expression: Expression) {
        self.row = row
        self.column = column
        self.expression = expression
    }
}

extension Expression {
    /// The structurally nonzero entries of the lower triangle of the Hessian
    /// with respect to `variables`, row by row.
    ///
    /// Row `i` comes from one reverse sweep over the `i`-th gradient entry,
    /// restricted to the variables `0...i`; variables that the gradient entry
    /// does not depend on are never visited, so a sparse Hessian (the
    /// tridiagonal one of the extended Rosenbrock function) costs time linear
    /// in its nonzeros.
    public func hessianEntries(withRespectTo variables: [String]) -> [SymmetricMatrixEntry] {
        var sweep = ReverseSweep.reused(variables: variables)
        defer { sweep.recycle() }
        let adjoints = sweep.adjoints(of: self)
        let g = sweep.spread(adjoints)
        var entries: [SymmetricMatrixEntry] = []
        // The first occurrence of each name has a row (a repeated name shares it).
        let hasRow = sweep.firstOccurrences()
        for (i, gi) in g.enumerated() where hasRow[i] && gi.containsVariables {
            var row = sweep.adjoints(of: gi, maxIndex: i)
            row.sort { $0.0 < $1.0 }
            for (j, h) in row where h != .zero {
                entries.append(SymmetricMatrixEntry(row: i, column: j, expression: h))
            }
        }
        return entries
    }

    /// The Hessian matrix with respect to `variables`: symmetric by
    /// construction (`H[i][j]` and `H[j][i]` are the same expression, built
    /// once) and `0` for every pair of variables that do not occur together.
    ///
    ///     let f = try Expression(parsing: "x^2*y + y + 2")
    ///     print(f.hessian(withRespectTo: ["x", "y"]))
    ///     // Prints "[[2*y, 2*x], [2*x, 0]]"
    ///
    /// - Parameter form: ``DerivativeForm/normalized`` (the default) passes
    ///   every entry through ``normalized()`` (one normaliser for all entries,
    ///   so shared work is done once); ``DerivativeForm/raw`` keeps the
    ///   entries as the rules build them, as ``hessianEntries(withRespectTo:)`` does.
    public func hessian(withRespectTo variables: [String], form: DerivativeForm = .normalized) -> [[Expression]] {
        let n = variables.count
        var h = [[Expression]](repeating: [Expression](repeating: .zero, count: n), count: n)
        var normalizer = Normalizer()
        for entry in hessianEntries(withRespectTo: variables) {
            let e = form == .normalized ? normalizer.normalize(entry.expression) : entry.expression
            h[entry.row][entry.column] = e
            h[entry.column][entry.row] = e
        }
        // A repeated variable name gets the same row and column as its first occurrence.
        let index = ReverseMode.index(variables)
        for (i, v) in variables.enumerated() where index[v]! != i {
            let k = index[v]!
            for j in 0..<n { h[i][j] = h[k][j]; h[j][i] = h[j][k] }
        }
        return h
    }

    /// The Hessian with respect to ``variables`` (order of first appearance).
    public func hessian(form: DerivativeForm = .normalized) -> [[Expression]] {
        hessian(withRespectTo: variables, form: form)
    }
}
