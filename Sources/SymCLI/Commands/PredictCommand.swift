import Symbolic

/// `sym predict MODEL.json --data FILE`: a saved model's predictions at
/// every row of a CSV table, in row order.
struct PredictCommand: Subcommand {
    static let configuration = CommandConfiguration(
        name: "predict",
        abstract: "Predict with a model saved by sym fit --save.",
        discussion: """
            The data needs the columns the model reads; other columns are ignored. A saved \
            network (sym fit --model ... --save) predicts classes 0, 1, ... for classifiers and \
            values for regression. Text output \
            is one prediction per line; JSON is {"predictions": [...]}; CSV is a 'prediction' \
            header and one row per prediction. Predictions are computed by the compiled batched \
            program, on every core for large tables.

              sym predict model.json --data new.csv --format json
            """,
        arguments: [ArgumentDefinition(name: "model-file", help: "A JSON file written by 'sym fit --save'.",
                                       isOptional: false)],
        options: [
            DataFileOption.definition,
            OptionDefinition("--format", value: "format", help: "Output format: text, json or csv.", default: "text"),
        ])

    enum Format: String, CaseIterable { case text, json, csv }

    var modelPath: String
    var data: DataFileOption
    var format: Format

    init(_ arguments: ScannedArguments) throws(UsageError) {
        guard let path = arguments.positionals.first else {
            throw .missingArgument(PredictCommand.configuration.arguments[0].synopsis)
        }
        modelPath = path
        data = try DataFileOption(arguments, positionalReadsStandardInput: false)
        format = try FitOptionParsing.choice(arguments, PredictCommand.configuration.options[1], Format.self) ?? .text
    }

    mutating func run(console: inout Console) throws(CommandError) {
        let predictions: [Double]
        // Only the columns the model reads are loaded, so others may hold text.
        if let network = try NetworkPrediction.load(modelPath) {
            predictions = try NetworkPrediction.predict(network, try data.read(console: &console,
                                                                               columns: Set(network.inputNames)))
        } else {
            let model: FittedModel
            do { model = try FittedModel(contentsOf: modelPath) } catch { throw .failure(error.description) }
            let table = try data.read(console: &console, columns: Set(model.inputs))
            do { predictions = try model.predict(table) } catch { throw .failure(error.description) }
        }
        switch format {
        case .json:
            console.printLine(JSONValue.object([("predictions", .numbers(predictions))]).serialized())
        case .csv:
            console.printLine("prediction")
            for value in predictions { console.printLine(NumberFormatting.text(value)) }
        case .text:
            for value in predictions { console.printLine(NumberFormatting.text(value)) }
        }
    }
}
