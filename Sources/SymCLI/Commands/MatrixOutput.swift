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
    /// Whether only the entries that are not the constant 0 are written
    /// (`--sparse`).
    var sparse = false

    /// The `--sparse` flag of `hessian` and `jacobian`.
    static let sparseOption = OptionDefinition(
        "--sparse", value: nil,
        help: "Write only the entries that are not identically 0 (text: their lines; JSON: an \"entries\" list of {\"row\", \"column\", \"expression\", \"value\"} with 0-based indices).")

    /// Reads `--sparse`, which LaTeX output (a full matrix) cannot honour.
    static func sparse(_ arguments: ScannedArguments, format: OutputFormat) throws(UsageError) -> Bool {
        guard arguments.contains(flag: sparseOption.name) else { return false }
        if format == .latex { throw .conflict("--sparse cannot be combined with --format latex (a full matrix)") }
        return true
    }

    /// Whether entry (i, j) is written.
    private func isWritten(_ i: Int, _ j: Int) -> Bool {
        guard sparse else { return true }
        return !(expressions[i][j].numberValue?.isZero ?? false)
    }

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
                for (j, entry) in row.enumerated() where isWritten(i, j) {
                    let valueText = values.map { " = " + NumberFormatting.text($0[i][j]) } ?? ""
                    console.printLine(Rendering.labelled(label(i, j), entry) + valueText)
                }
            }
        case .latex:
            var names = Set(variables)   // every variable printed, kept apart
            for row in expressions { for entry in row { names.formUnion(entry.variables) } }
            let sorted = names.sorted()
            console.printLine(Rendering.latexMatrix(expressions.map { $0.map { Rendering.latex($0, among: sorted) } }))
            if let values { console.printLine(Rendering.latexMatrix(values.map { $0.map(NumberFormatting.latex) })) }
        case .json where sparse:
            var entries: [JSONValue] = []
            for (i, row) in expressions.enumerated() {
                for (j, entry) in row.enumerated() where isWritten(i, j) {
                    var members: [(String, JSONValue)] = [
                        ("row", .integer(i)), ("column", .integer(j)), ("expression", .string(Rendering.text(entry))),
                    ]
                    if let values { members.append(("value", .number(values[i][j]))) }
                    entries.append(.object(members))
                }
            }
            console.printLine(JSONValue.object([
                ("variables", .strings(variables)), ("rows", .integer(expressions.count)), ("entries", .array(entries)),
            ]).serialized())
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
