import Symbolic

/// The `--data FILE.csv` option of `fit` and `predict`: a CSV table with a
/// header row (read by ``DataTable``), from a file or standard input (`-`).
///
/// Malformed data is an input error whose message names the file, the line
/// and the column: `error: data.csv:7:3: the value 'abc' for 'y' is not a number`.
struct DataFileOption: Equatable {
    /// The option definition.
    static let definition = OptionDefinition(
        "--data", value: "file",
        help: "The data: a CSV file with a header row naming the columns ('-' reads standard input).",
        required: true)

    /// Where the CSV comes from.
    var source: ExpressionInput

    /// Reads the option.
    ///
    /// - Throws: ``UsageError/missingArgument(_:)`` when `--data` is absent,
    ///   ``UsageError/conflict(_:)`` when the first argument also reads
    ///   standard input.
    init(_ arguments: ScannedArguments, positionalReadsStandardInput: Bool) throws(UsageError) {
        guard let path = arguments.value(DataFileOption.definition.name) else {
            throw .missingArgument(DataFileOption.definition.synopsis)
        }
        guard path != "-" || !positionalReadsStandardInput else {
            throw .conflict("the model and --data cannot both read standard input")
        }
        source = path == "-" ? .standardInput : .file(path)
    }

    /// Reads and parses the table.
    ///
    /// - Throws: ``CommandError/failure(_:)`` with the reader's located message.
    func read(console: inout Console) throws(CommandError) -> DataTable {
        do {
            switch source {
            case .standardInput:
                return try DataTable(csv: try console.readStandardInput(), source: "standard input")
            case .file(let path):
                return try DataTable(contentsOfCSVFile: path)
            case .text(let text):
                return try DataTable(csv: text, source: "data")
            }
        } catch let error as DataError {
            if case .unreadable(let reason) = error.kind { throw .unreadableFile(path: error.source, reason: reason) }
            throw .failure(error.description)
        } catch let error as CommandError {
            throw error
        } catch {
            throw .failure("\(error)")
        }
    }
}
