/// A problem with turning an expression into an ``Objective``.
public enum ObjectiveError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The expression uses a variable that is not in the variable list.
    case unknownVariable(String)
    /// A variable is listed twice.
    case duplicateVariable(String)
    /// The variable list is empty.
    case noVariables
    /// A data column's length differs from the first column's.
    case dataLengthMismatch(name: String, expected: Int, actual: Int)
    /// The data columns are empty.
    case noSamples
    /// The expression compiler refused the objective (not expected after
    /// the checks above; reported rather than trapped).
    case compilation(CompilationError)

    /// A fragment that reads well after "error: ".
    public var description: String {
        switch self {
        case .unknownVariable(let name):
            return "the objective uses variable '\(name)', which has no starting value"
        case .duplicateVariable(let name):
            return "variable '\(name)' is listed twice"
        case .noVariables:
            return "the objective needs at least one variable"
        case .dataLengthMismatch(let name, let expected, let actual):
            return "data column '\(name)' has \(actual) values, expected \(expected) like the others"
        case .noSamples:
            return "the data has no samples"
        case .compilation(let error):
            return "cannot compile the objective: \(error)"
        }
    }
}

extension Objective {
    /// Creates the objective `expression` over the ordered `variables`,
    /// with its symbolic gradient and (sparse, symmetric) Hessian compiled.
    ///
    ///     let x = Expression.variable("x"), y = Expression.variable("y")
    ///     let f = try Objective(expression: (1 - x) ** 2 + 100 * (y - x ** 2) ** 2, variables: ["x", "y"])
    ///     let result = try minimize(f, from: [-1.2, 1], method: .newton)
    ///     print(result.point)   // Prints approximately "[1.0, 1.0]"
    ///
    /// Three programs are compiled once: the value; the value and the
    /// gradient together (``Expression/compileGradient(variables:parameters:)``,
    /// which shares the forward values with the reverse sweep); and the
    /// structurally non-zero lower triangle of the Hessian
    /// (``Expression/compileHessian(variables:parameters:)``), offered both as
    /// ``SparseHessian`` (what Newton's method uses) and dense. Calls do not
    /// allocate: each program keeps one workspace behind an uncontended lock,
    /// so the closures stay `Sendable`.
    ///
    /// - Parameters:
    ///   - expression: The function to minimise.
    ///   - variables: The variables in the order of the optimiser's vectors;
    ///     may include variables the expression does not use.
    /// - Throws: ``ObjectiveError`` when the expression uses a variable not
    ///   in `variables`, when a name is repeated, or when the list is empty.
    public init(expression: Expression, variables: [String]) throws(ObjectiveError) {
        guard !variables.isEmpty else { throw .noVariables }
        var seen = Set<String>()
        for name in variables where !seen.insert(name).inserted { throw .duplicateVariable(name) }
        for name in expression.variables where !seen.contains(name) { throw .unknownVariable(name) }

        let valueProgram: CompiledFunction, gradientProgram: CompiledGradient, hessianProgram: CompiledHessian
        do {
            valueProgram = try expression.compile(variables: variables)
            gradientProgram = try expression.compileGradient(variables: variables)
            hessianProgram = try expression.compileHessian(variables: variables)
        } catch {
            throw .compilation(error)
        }
        let valueWorkspace = LockedWorkspace(valueProgram.makeWorkspace())
        let gradientWorkspace = LockedWorkspace(gradientProgram.makeWorkspace())
        let hessianWorkspace = LockedWorkspace(hessianProgram.makeWorkspace())
        self.init(
            dimension: variables.count,
            value: { x in
                withUnsafeTemporaryAllocation(of: Double.self, capacity: 1) { out in
                    valueWorkspace.with { valueProgram.evaluate(x, into: out, workspace: &$0) }
                    return out[0]
                }
            },
            hessian: { x, h in
                hessianWorkspace.with { hessianProgram.evaluate(x, dense: h, workspace: &$0) }
            },
            sparseHessian: SparseHessian(rows: hessianProgram.rows, columns: hessianProgram.columns) { x, values in
                hessianWorkspace.with { hessianProgram.evaluate(x, values: values, workspace: &$0) }
            },
            valueAndGradient: { x, g in
                gradientWorkspace.with { gradientProgram.evaluate(x, gradient: g, workspace: &$0) }
            })
    }
}
