/// The `--points FILE.csv` option: many points to evaluate at, one per CSV
/// row, with a header row naming the variables.
///
///     x,y
///     3,4
///     1.5,-2
///
/// Blank lines are skipped; columns the expression does not use are
/// ignored; every value must be a finite number.
struct PointsFile: Equatable {
    /// The option definition.
    static let definition = OptionDefinition(
        "--points", value: "file",
        help: "Evaluate at every row of a CSV file whose header names the variables ('-' reads standard input); prints one result row per point.")

    /// Where the CSV comes from.
    var source: ExpressionInput
    /// Whether evaluating a large file shows progress (`--progress`, `--quiet`).
    var progress = ProgressOptions(mode: .automatic)

    /// Reads the `--points` option; `nil` when absent.
    ///
    /// - Throws: ``UsageError/conflict(_:)`` when `--at` is also given or the
    ///   format is LaTeX.
    init?(_ arguments: ScannedArguments, format: OutputFormat) throws(UsageError) {
        guard let path = arguments.value(PointsFile.definition.name) else { return nil }
        if !arguments.allValues(PointOption.definition.name).isEmpty {
            throw .conflict("give either --at or --points, not both")
        }
        if format == .latex {
            throw .conflict("--points writes CSV or JSON lines; use --format text or json")
        }
        source = path == "-" ? .standardInput : .file(path)
        progress = try ProgressOptions(arguments)
        if source == .standardInput, arguments.positionals.first == "-" || arguments.value(ExpressionInput.fileOption.name) == "-" {
            throw .conflict("the expression and --points cannot both read standard input")
        }
    }

    /// The parsed table: column names and rows of values.
    struct Table: Equatable {
        var names: [String]
        var rows: [[Double]]
        /// How error messages name the input ("the points file").
        var sourceName: String
        /// Whether evaluating the rows shows progress.
        var progress = ProgressOptions(mode: .automatic)

        /// The column index of each of `variables`.
        ///
        /// - Throws: ``CommandError/failure(_:)`` naming the first variable
        ///   without a column.
        func columns(for variables: [String]) throws(CommandError) -> [Int] {
            var result: [Int] = []
            for variable in variables {
                guard let index = names.firstIndex(of: variable) else {
                    throw .failure("\(sourceName) has no column for variable '\(variable)'; its header is '\(names.joined(separator: ","))'")
                }
                result.append(index)
            }
            return result
        }
    }

    /// Reads and parses the CSV.
    func read(console: inout Console) throws(CommandError) -> Table {
        let text: String
        switch source {
        case .standardInput: text = try console.readStandardInput()
        case .file(let path): text = try ExpressionInput.readFile(path)
        case .text(let inline): text = inline
        }
        var table = try PointsFile.parse(text, name: source == .standardInput ? "standard input" : "the points file")
        table.progress = progress
        return table
    }

    /// Parses CSV `text`; `name` names the input in error messages.
    static func parse(_ text: String, name: String) throws(CommandError) -> Table {
        var names: [String]? = nil
        var rows: [[Double]] = []
        // Work on UTF-8 bytes: files of a million points are ordinary, and
        // Character-level splitting costs far more than the evaluation.
        for (index, line) in text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            if line.allSatisfy(PointsFile.isBlank) { continue }
            let fields = line.split(separator: 0x2C, omittingEmptySubsequences: false).map { Substring(PointsFile.trimmed($0)) }
            guard let header = names else {
                let fields = fields.map(String.init)
                for field in fields where !CommonOptions.isIdentifier(field) {
                    throw .failure("line \(index + 1) of \(name): the header must name variables, but '\(field)' is not a variable name")
                }
                if let repeated = fields.first(where: { f in fields.filter { $0 == f }.count > 1 }) {
                    throw .failure("line \(index + 1) of \(name): the column '\(repeated)' appears twice")
                }
                names = fields
                continue
            }
            guard fields.count == header.count else {
                throw .failure("line \(index + 1) of \(name): expected \(header.count) values, found \(fields.count)")
            }
            var row: [Double] = []
            row.reserveCapacity(fields.count)
            for (column, field) in fields.enumerated() {
                guard let value = Double(field), value.isFinite else {
                    throw .failure("line \(index + 1) of \(name): the value '\(field)' for '\(header[column])' is not a finite number")
                }
                row.append(value)
            }
            rows.append(row)
        }
        guard let header = names else { throw .failure("\(name) is empty; expected a header row naming the variables") }
        return Table(names: header, rows: rows, sourceName: name)
    }

    /// Space, tab or carriage return (so "\r\n" line ends work).
    private static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D }

    /// `field` without leading and trailing spaces, tabs and carriage returns.
    private static func trimmed(_ field: Substring.UTF8View) -> Substring.UTF8View {
        guard let first = field.firstIndex(where: { !isBlank($0) }),
              let last = field.lastIndex(where: { !isBlank($0) }) else { return field[field.startIndex..<field.startIndex] }
        return field[first...last]
    }
}
