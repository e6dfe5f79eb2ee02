import Symbolic

/// Output shared by `hessian` and `jacobian`: a matrix of expressions and,
/// with `--at`, of their values.
struct MatrixOutput {
    /// The column variables.
    var variables: [String]
    /// The entries, row by row.
    var expressions: [[Expression]]
    /// The entries' values at the `--at` point, if one was given.
    var values: [[Double]]?
    /// The text label of entry (row, column), e.g. `d^2/dx dy`.
    var label: (Int, Int) -> String

    /// Evaluates every entry at `point` (when given) and fills ``values``.
    mutating func evaluate(at point: PointOption?) throws(CommandError) {
        guard let point else { return }
        let values = try point.values()
        var rows: [[Double]] = []
        for row in expressions { rows.append(try Rendering.values(of: row, at: values)) }
        self.values = rows
    }

    /// Writes the matrix: labelled lines in row-major order (text), a
    /// `pmatrix` (LaTeX, values on a second line), or
    /// `{"variables": [...], "expressions": [[...]], "values": [[...]]}`.
    func write(format: OutputFormat, console: inout Console) {
        switch format {
        case .text:
            for (i, row) in expressions.enumerated() {
                for (j, entry) in row.enumerated() {
                    let valueText = values.map { " = " + NumberFormatting.text($0[i][j]) } ?? ""
                    console.printLine("\(label(i, j)) = \(Rendering.text(entry))\(valueText)")
                }
            }
        case .latex:
            var names = Set(variables)   // every variable printed, kept apart
            for row in expressions { for entry in row { names.formUnion(entry.variables) } }
            let sorted = names.sorted()
            console.printLine(Rendering.latexMatrix(expressions.map { $0.map { Rendering.latex($0, among: sorted) } }))
            if let values { console.printLine(Rendering.latexMatrix(values.map { $0.map(NumberFormatting.latex) })) }
        case .json:
            var members: [(String, JSONValue)] = [
                ("variables", .strings(variables)),
                ("expressions", .array(expressions.map { .strings($0.map(Rendering.text)) })),
            ]
            if let values { members.append(("values", .array(values.map(JSONValue.numbers)))) }
            console.printLine(JSONValue.object(members).serialized())
        }
    }
}
