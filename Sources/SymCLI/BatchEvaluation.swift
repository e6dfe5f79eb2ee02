import Symbolic

/// Evaluates several expressions at every row of a points table with one
/// compiled, batched program (common subexpressions of all outputs computed
/// once per point, points processed in vectorised chunks).
struct BatchEvaluator {
    /// The program computing every output.
    let function: BatchedFunction
    /// The variables the expressions use, in the program's input order.
    let variables: [String]

    /// Points handed to the program per call, so output streams out and
    /// memory stays bounded for large files.
    static let block = 4096

    /// Compiles `outputs` over the variables they use.
    init(outputs: [Expression]) throws(CommandError) {
        variables = outputs.variablesInOrderOfFirstAppearance
        do {
            function = try Expression.compile(outputs, variables: variables).batched(over: .variables)
        } catch {
            throw .failure(error.description)
        }
    }

    /// Evaluates every output at every row of `table`, calling `body` with
    /// each row's results in order.
    ///
    /// - Parameter columns: The table column of each of ``variables``.
    func evaluate(_ table: PointsFile.Table, columns: [Int], afterBlock: (Int) -> Void = { _ in },
                  body: ([Double]) -> Void) throws(CommandError) {
        var start = 0
        while start < table.rows.count {
            let rows = table.rows[start..<min(start + BatchEvaluator.block, table.rows.count)]
            let points = rows.map { row in columns.map { row[$0] } }
            let results: [[Double]]
            do {
                results = try function.evaluate(points: points)
            } catch {
                throw .failure(error.description)
            }
            results.forEach(body)
            start += rows.count
            afterBlock(start)
        }
    }

    /// Evaluates `outputs` at every row of `table` and writes the results:
    /// a CSV header of `labels` and one row per point (text), or one JSON
    /// object per point built by `json`.
    static func run(
        _ outputs: [Expression], table: PointsFile.Table, labels: [String], format: OutputFormat,
        json: ([Double]) -> JSONValue, console: inout Console
    ) throws(CommandError) {
        let evaluator = try BatchEvaluator(outputs: outputs)
        // Resolve columns first so a missing column fails before any output.
        let columns = try table.columns(for: evaluator.variables)
        if format == .text { console.printLine(labels.joined(separator: ",")) }
        // Progress for large files only (or when --progress asks), counted in points.
        let large = table.rows.count >= 4 * block || table.progress.mode == .lines
        let session = large ? table.progress.session(console, total: table.rows.count, unit: "point") : nil
        session?.meter.update(0)
        defer { session.end(&console) }
        try evaluator.evaluate(table, columns: columns, afterBlock: { session?.meter.update($0) }) { values in
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
