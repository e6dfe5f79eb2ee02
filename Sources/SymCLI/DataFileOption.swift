import Foundation
import Symbolic

/// The `--data FILE.csv` option of `fit` and `predict`: a CSV table with a
/// header row (read by ``DataTable``), from a file or standard input (`-`),
/// or a built-in data set by name (`moons`, `moons:n=200,noise=0.2,seed=0`;
/// see ``Datasets/generate(_:)``) when no file has that name.
///
/// Malformed data is an input error whose message names the file, the line
/// and the column: `error: data.csv:7:3: the value 'abc' for 'y' is not a number`.
struct DataFileOption: Equatable {
    /// The option definition.
    static let definition = OptionDefinition(
        "--data", value: "file",
        help: "The data: a CSV file with a header row naming the columns ('-' reads standard input), or a built-in "
            + "data set: \(Datasets.names.joined(separator: ", ")), with parameters as in moons:n=200,noise=0.2,seed=0.",
        required: true)

    /// Where the CSV comes from.
    var source: ExpressionInput
    /// A built-in data set's specification (`moons:n=100`), used instead of
    /// `source` when no file has that name.
    var generated: String?

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
        if path != "-", DataFileOption.namesBuiltInDataset(path), !FileManager.default.fileExists(atPath: path) {
            generated = path
        }
    }

    /// Whether `text` reads as `NAME` or `NAME:...` for a built-in data set.
    static func namesBuiltInDataset(_ text: String) -> Bool {
        let name = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)[0]
        return Datasets.names.contains(String(name))
    }

    /// Reads and parses the table; with `columns`, only those columns
    /// (others may hold text; see ``CSVOptions/columns``).
    ///
    /// - Throws: ``CommandError/failure(_:)`` with the reader's located message.
    func read(console: inout Console, columns: Set<String>? = nil) throws(CommandError) -> DataTable {
        if let generated {
            do { return try Datasets.generate(generated).table } catch { throw .failure(error.description) }
        }
        var options = CSVOptions()
        options.columns = columns
        do {
            switch source {
            case .standardInput:
                return try DataTable(csv: try console.readStandardInput(), source: "standard input", options: options)
            case .file(let path):
                return try DataTable(contentsOfCSVFile: path, options: options)
            case .text(let text):
                return try DataTable(csv: text, source: "data", options: options)
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
