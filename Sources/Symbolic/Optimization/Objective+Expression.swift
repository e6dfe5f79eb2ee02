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
        }
    }
}

extension Objective {
    /// Creates the objective `expression` over the ordered `variables`,
    /// with its symbolic gradient and (sparse, symmetric) Hessian.
    ///
    ///     let x = Expression.variable("x"), y = Expression.variable("y")
    ///     let f = try Objective(expression: (1 - x) ** 2 + 100 * (y - x ** 2) ** 2, variables: ["x", "y"])
    ///     let result = try minimize(f, from: [-1.2, 1], method: .newton)
    ///     print(result.point)   // Prints approximately "[1.0, 1.0]"
    ///
    /// The gradient is built once with ``Expression/gradient(withRespectTo:)``
    /// and the Hessian's structurally nonzero lower triangle with
    /// ``Expression/hessianEntries(withRespectTo:)``; evaluation shares each
    /// distinct subexpression.
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

        let n = variables.count
        let gradient = expression.gradient(withRespectTo: variables)
        let entries = expression.hessianEntries(withRespectTo: variables)
        let valueProgram = ExpressionEvaluator([expression], variables: variables)
        let gradientProgram = ExpressionEvaluator([expression] + gradient, variables: variables)
        let hessianProgram = ExpressionEvaluator(entries.map(\.expression), variables: variables)
        let rows = entries.map(\.row), columns = entries.map(\.column)
        self.init(
            dimension: n,
            value: { x in valueProgram.evaluate(x, output: 0) },
            sparseHessian: SparseHessian(rows: rows, columns: columns) { x, values in
                hessianProgram.evaluate(x) { k, value in values[k] = value }
            },
            valueAndGradient: { x, g in
                var f = 0.0
                gradientProgram.evaluate(x) { k, value in
                    if k == 0 { f = value } else { g[k - 1] = value }
                }
                return f
            })
    }
}

/// Evaluates several expressions at a point given as a buffer in a fixed
/// variable order.
///
/// Interim implementation over ``Expression/evaluate(at:)``; to be replaced
/// by the compiled flat program of the expression compiler, which evaluates
/// all outputs together with shared subexpressions and no allocation.
struct ExpressionEvaluator: Sendable {
    let outputs: [Expression]
    let variables: [String]

    init(_ outputs: [Expression], variables: [String]) {
        self.outputs = outputs
        self.variables = variables
    }

    private func point(_ x: UnsafeBufferPointer<Double>) -> [String: Double] {
        var point: [String: Double] = [:]
        point.reserveCapacity(variables.count)
        for (i, name) in variables.enumerated() { point[name] = x[i] }
        return point
    }

    func evaluate(_ x: UnsafeBufferPointer<Double>, output: Int) -> Double {
        (try? outputs[output].evaluate(at: point(x))) ?? .nan
    }

    func evaluate(_ x: UnsafeBufferPointer<Double>, _ body: (Int, Double) -> Void) {
        let p = point(x)
        for (k, e) in outputs.enumerated() { body(k, (try? e.evaluate(at: p)) ?? .nan) }
    }
}
