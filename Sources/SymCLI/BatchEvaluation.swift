import Symbolic

/// Evaluates several expressions at every row of a points table.
///
/// This is the seam where the compiled, batched program will plug in; until
/// the compiler lands it evaluates each expression with the tree evaluator.
struct BatchEvaluator {
    /// The expressions evaluated at each point, in output order.
    var outputs: [Expression]
    /// The variables the expressions use, in column order of ``Row``.
    var variables: [String]

    /// Evaluates every output at every row of `table`, calling `body` with
    /// each row's results (so results stream out instead of piling up).
    ///
    /// - Parameter columns: The table column of each of ``variables``.
    func evaluate(_ table: PointsFile.Table, columns: [Int], body: ([Double]) -> Void) throws(CommandError) {
        var point: [String: Double] = [:]
        for row in table.rows {
            for (variable, column) in zip(variables, columns) { point[variable] = row[column] }
            body(try Rendering.values(of: outputs, at: point))
        }
    }

    /// Evaluates `outputs` at every row of `table` and writes the results:
    /// a CSV header of `labels` and one row per point (text), or one JSON
    /// object per point built by `json`.
    static func run(
        _ outputs: [Expression], table: PointsFile.Table, labels: [String], format: OutputFormat,
        json: ([Double]) -> JSONValue, console: inout Console
    ) throws(CommandError) {
        let evaluator = BatchEvaluator(outputs: outputs, variables: outputs.variablesInOrderOfFirstAppearance)
        // Resolve columns first so a missing column fails before any output.
        let columns = try table.columns(for: evaluator.variables)
        if format == .text { console.printLine(labels.joined(separator: ",")) }
        try evaluator.evaluate(table, columns: columns) { values in
            if format == .json {
                console.printLine(json(values).serialized())
            } else {
                console.printLine(values.map(NumberFormatting.text).joined(separator: ","))
            }
        }
    }
}

extension Array where Element == Expression {
    /// The variables used by any of the expressions, in order of first
    /// appearance (each expression's ``Expression/variables`` order, in turn).
    var variablesInOrderOfFirstAppearance: [String] {
        var seen: Set<String> = []
        var result: [String] = []
        for expression in self {
            for name in expression.variables where seen.insert(name).inserted { result.append(name) }
        }
        return result
    }
}
