import Foundation
import Symbolic

/// `sym fit --model mlp --hidden 8 --data moons`: trains a neural network
/// (or, with `--model linear`, a linear, logistic, SVM or polynomial model)
/// on a CSV table or a built-in data set.
///
/// It shares `sym fit`'s command line (``FitCommand/variant(for:)`` hands
/// over when `--model` is given); the options only networks take are in
/// ``NetworkFitOptions``. Layer l (from 1) has weights `W{l}_{i}_{j}` (input
/// i, unit j: z = x·W + b) and biases `b{l}_{j}`; integer labels 0…C−1 give
/// C softmax outputs; `--l2 λ` adds (λ/2)·Σ weights² to the mean loss.
struct NetworkFitCommand: Subcommand {
    /// Help and scanning use `sym fit`'s configuration.
    static var configuration: CommandConfiguration { FitCommand.configuration }

    var settings: NetworkFitSettings
    var data: DataFileOption
    var format: OutputFormat
    var pictures: FitPictureOptions
    var progress: ProgressOptions
    var gridWidths: [Int]?

    init(_ arguments: ScannedArguments) throws(UsageError) {
        settings = try NetworkFitSettings(arguments)
        data = try DataFileOption(arguments, positionalReadsStandardInput: false)
        format = try OutputFormat.parse(arguments, allowed: [.text, .json])
        pictures = FitPictureOptions(arguments)
        progress = try ProgressOptions(arguments)
        if pictures.lossPlotPath != nil { settings.training.recordsHistory = true }
        gridWidths = try HiddenGridRun.widths(arguments)
    }

    mutating func run(console: inout Console) throws(CommandError) {
        let table = try data.read(console: &console)
        let session = try NetworkFitSession(settings: settings, table: table)
        if let gridWidths, let plotPath = pictures.plotPath {
            return try HiddenGridRun.run(widths: gridWidths, settings: settings, session: session, plotPath: plotPath,
                                         progress: progress, console: &console)
        }
        var start = session.trainer.network.initialParameters(settings.initializer, seed: settings.training.seed)
        if let path = settings.startFile {
            start = try StartFile.apply(path, to: start, parameters: session.trainer.network.parameters)
        }
        for assignment in settings.startAssignments {
            guard let k = session.trainer.network.parameters.variableNames.firstIndex(of: assignment.name) else {
                throw .failure(StartFile.unknownName(assignment.name, in: session.trainer.network.parameters))
            }
            start[k] = assignment.value
        }
        let meter = progress.session(console, total: settings.training.epochs, unit: "epoch")
        let result: TrainingResult
        do {
            defer { meter.end(&console) }
            result = try session.trainer.train(from: start, observer: meter?.meter.trainingObserver())
        } catch {
            throw .failure(error.description)
        }
        try pictures.write(result, session: session, table: table, console: &console)
        let report = NetworkFitReport(session: session, result: result, method: settings.training.method)
        if let path = settings.savePath {
            let model = TrainedNetwork(network: session.trainer.network, loss: session.trainer.loss,
                                       parameters: result.parameters, inputNames: session.data.inputNames,
                                       targetName: session.data.targetName, standardization: session.standardization)
            do {
                try model.jsonData().write(to: URL(fileURLWithPath: path))
            } catch {
                throw .failure("cannot write '\(path)': \(error.localizedDescription)")
            }
        }
        switch format {
        case .json: console.printLine(report.json().serialized())
        case .text, .latex: for line in report.text() { console.printLine(line) }
        }
    }
}

/// The data, network and compiled trainer of one `sym fit --model` run.
struct NetworkFitSession {
    /// The samples trained on (standardised when asked).
    var data: Dataset
    /// The input scaling, with `--standardize`.
    var standardization: Standardization?
    /// The compiled trainer.
    var trainer: Trainer

    /// Chooses the target and inputs, the loss and the number of outputs,
    /// builds the network and compiles the trainer.
    ///
    /// - Throws: ``CommandError/failure(_:)`` for a missing column, labels
    ///   that do not suit the loss, or options the trainer refuses.
    init(settings: NetworkFitSettings, table: DataTable) throws(CommandError) {
        let names = table.columnNames
        let target = settings.target ?? (["label", "y"].first(where: names.contains) ?? names.last!)
        var data: Dataset
        do { data = try Dataset(table: table, target: target) } catch { throw .failure(error.description) }
        guard !data.inputNames.isEmpty else {
            throw .failure("the data needs at least one input column besides the target '\(target)'")
        }
        let labels = NetworkFitSession.labelCount(data.targets)
        let loss = settings.loss ?? (labels != nil ? .crossEntropy : .meanSquaredError)
        let outputs: Int
        switch loss {
        case .crossEntropy:
            guard let labels else {
                throw .failure("cross-entropy needs integer class labels 0, 1, … in the target column '\(target)'; "
                               + "use --loss mse for regression")
            }
            outputs = Swift.max(labels, 2)
        case .meanSquaredError, .logistic, .hinge:
            outputs = 1
        }
        if settings.standardizes {
            let s = Standardization(fitting: data)
            data = s.apply(to: data)
            standardization = s
        }
        let widths = settings.hidden.map { ($0, settings.activation) } + [(outputs, Activation.identity)]
        let network = NeuralNetwork(inputs: data.inputNames.count, layers: widths, features: settings.features)
        do {
            trainer = try Trainer(network: network, loss: loss, data: data, options: settings.training)
        } catch {
            throw .failure(error.description)
        }
        self.data = data
    }

    /// The number of classes C when every target is an integer label in
    /// 0…C−1 with C ≤ 1000, else `nil`.
    static func labelCount(_ targets: [Double]) -> Int? {
        var largest = 0.0
        for t in targets {
            guard t >= 0, t <= 999, t == t.rounded() else { return nil }
            largest = Swift.max(largest, t)
        }
        return Int(largest) + 1
    }
}
