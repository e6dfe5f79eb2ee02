import Foundation
import Symbolic

/// The options of `sym fit` that only networks take (`--model mlp|linear`
/// and what goes with it). `sym fit` lists them after its own.
enum NetworkFitOptions {
    static let model = OptionDefinition(
        "--model", value: "model",
        help: "Train a network instead of fitting a formula: mlp (hidden layers, see --hidden) or linear (no hidden "
            + "layer: linear regression, logistic regression or an SVM, by --loss).")
    static let hidden = OptionDefinition(
        "--hidden", value: "widths", help: "Units per hidden layer of an mlp, e.g. 8 or 16,16.", default: "8")
    static let activation = OptionDefinition(
        "--activation", value: "name", help: "The hidden layers' activation: tanh, relu, sigmoid or leaky-relu.",
        default: "tanh")
    static let degree = OptionDefinition(
        "--degree", value: "degree", help: "Feed each input's powers 1 to degree to the network (polynomial features).",
        default: "1")
    static let initializer = OptionDefinition(
        "--initializer", value: "name",
        help: "Starting weights: normal (standard deviation 1/sqrt(fan-in)), glorot, he or zeros; biases start at 0.",
        default: "normal")
    static let startFile = OptionDefinition(
        "--start-file", value: "file",
        help: "Starting values from a JSON object name -> value (W1_1_2: 0.5, or a tensor W1: [[...], ...]); also reads "
            + "the output of --format json and files of --save.")
    static let validation = OptionDefinition(
        "--validation", value: "fraction", help: "Hold out this fraction of the samples (seeded) to measure the validation loss.",
        default: "0")
    static let patience = OptionDefinition(
        "--patience", value: "epochs",
        help: "Stop after this many epochs without a lower validation (else training) loss; return the best epoch's parameters.")
    static let dropout = OptionDefinition(
        "--dropout", value: "p", help: "Drop hidden units with probability p during training (inverted dropout).",
        default: "0")
    static let seed = OptionDefinition(
        "--seed", value: "seed", help: "Seed of the starting weights, the validation split, shuffling and dropout.",
        default: "0")
    static let standardize = OptionDefinition(
        "--standardize", value: nil, help: "Scale each input column to mean 0 and standard deviation 1 (saved with the model).")

    /// The options in the order `sym fit --help` lists them.
    static let all = [model, hidden, activation, degree, initializer, startFile, validation, patience, dropout, seed,
                      standardize]

    /// Options of `sym fit` that formula models take but networks do not.
    static let formulaOnly = [FitCommand.Options.fix, FitCommand.Options.bounds, FitCommand.Options.maxIterations,
                              ExpressionInput.fileOption]

    /// The losses by command-line name (`squared` is `mse`).
    static func loss(named name: String) -> Loss? {
        name == "squared" ? .meanSquaredError : Loss(rawValue: name)
    }
}

/// The settings of one `sym fit --model` run, read from the command line.
struct NetworkFitSettings {
    /// Hidden layer widths (empty for `--model linear`).
    var hidden: [Int]
    var activation: Activation = .tanh
    var features: FeatureMap = .identity
    var initializer: Initializer = .normal
    var target: String?
    /// `nil`: cross-entropy for integer labels, else mse.
    var loss: Loss?
    var training = TrainingOptions()
    var startFile: String?
    var startAssignments: [(name: String, value: Double)] = []
    var standardizes = false
    var savePath: String?

    init(_ arguments: ScannedArguments) throws(UsageError) {
        typealias O = NetworkFitOptions
        let model = arguments.value(O.model.name) ?? "mlp"
        guard model == "mlp" || model == "linear" else {
            throw .invalidValue(model, option: O.model.synopsis, expected: "mlp or linear")
        }
        if let positional = arguments.positionals.first {
            throw .conflict("--model trains a network; it takes no formula (got '\(positional)')")
        }
        for option in NetworkFitOptions.formulaOnly where arguments.value(option.name) != nil {
            throw .conflict("\(option.name) applies to formula models, not to --model \(model)")
        }
        if let text = arguments.value(O.hidden.name) {
            guard model == "mlp" else { throw .conflict("--hidden needs --model mlp (a linear model has no hidden layer)") }
            let widths = text.split(separator: ",", omittingEmptySubsequences: false).map { Int($0.trimmingSpaces()) }
            guard !widths.isEmpty, widths.allSatisfy({ ($0 ?? 0) >= 1 && ($0 ?? 0) <= 1_000_000 }) else {
                throw .invalidValue(text, option: O.hidden.synopsis, expected: "positive widths separated by commas, e.g. 8 or 16,16")
            }
            hidden = widths.map { $0! }
        } else {
            hidden = model == "mlp" ? [8] : []
        }
        if let name = arguments.value(O.activation.name) {
            guard let a = Activation(name: name), a != .identity else {
                throw .invalidValue(name, option: O.activation.synopsis, expected: "one of tanh, relu, sigmoid, leaky-relu")
            }
            activation = a
        }
        if let degree = try FitOptionParsing.count(arguments, O.degree, minimum: 1), degree > 1 {
            features = .polynomial(degree: degree)
        }
        initializer = try FitOptionParsing.choice(arguments, O.initializer, Initializer.self) ?? .normal
        target = arguments.value(FitCommand.Options.target.name)
        if let name = arguments.value(FitCommand.Options.loss.name) {
            guard let l = NetworkFitOptions.loss(named: name) else {
                throw .invalidValue(name, option: FitCommand.Options.loss.synopsis,
                                    expected: "one of cross-entropy, mse (or squared), logistic, hinge for a network")
            }
            loss = l
        }
        try readTraining(arguments)
        startFile = arguments.value(O.startFile.name)
        if let start = try PointOption(arguments, option: FitCommand.Options.start) {
            startAssignments = start.assignments.map { ($0.name, $0.value) }
        }
        standardizes = arguments.contains(flag: O.standardize.name)
        savePath = arguments.value(FitCommand.Options.save.name)
    }

    /// The method, rate, epochs, batches, regularisation, validation and seed.
    private mutating func readTraining(_ arguments: ScannedArguments) throws(UsageError) {
        typealias O = NetworkFitOptions
        let method = try FitOptionParsing.choice(arguments, FitCommand.Options.method, FitMethod.self) ?? .adam
        guard let optimization = method.optimizationMethod else {
            throw .invalidValue(method.rawValue, option: FitCommand.Options.method.synopsis,
                                expected: "gd, momentum, nesterov, adagrad, rmsprop, adam, newton, bfgs or lbfgs for a network")
        }
        training.method = optimization
        training.optimizer.learningRate = try FitOptionParsing.number(arguments, FitCommand.Options.rate, positive: true)
        training.epochs = try FitOptionParsing.count(arguments, FitCommand.Options.epochs) ?? 1000
        training.batchSize = try FitOptionParsing.count(arguments, FitCommand.Options.batchSize, minimum: 1)
        training.l2 = try FitOptionParsing.number(arguments, FitCommand.Options.l2, positive: false) ?? 0
        training.dropout = try FitOptionParsing.number(arguments, O.dropout, positive: false) ?? 0
        guard training.dropout < 1 else {
            throw .invalidValue(arguments.value(O.dropout.name)!, option: O.dropout.synopsis, expected: "a probability below 1")
        }
        training.validationFraction = try FitOptionParsing.number(arguments, O.validation, positive: false) ?? 0
        guard training.validationFraction < 1 else {
            throw .invalidValue(arguments.value(O.validation.name)!, option: O.validation.synopsis, expected: "a fraction below 1")
        }
        training.patience = try FitOptionParsing.count(arguments, O.patience, minimum: 1)
        if let text = arguments.value(O.seed.name) {
            guard let seed = UInt64(text) else {
                throw .invalidValue(text, option: O.seed.synopsis, expected: "a non-negative integer")
            }
            training.seed = seed
        }
        if !optimization.isFirstOrder {
            if training.batchSize != nil {
                throw .conflict("--batch-size needs a first-order method; \(method.rawValue) runs on the full batch")
            }
            if training.dropout > 0 {
                throw .conflict("--dropout needs a first-order method; \(method.rawValue) needs a deterministic objective")
            }
        }
        training.recordsHistory = false
    }
}

/// `--start-file`: starting values by name from a JSON object.
enum StartFile {
    /// `start` with the values the file at `path` gives. The object maps
    /// names to numbers (`"W1_1_2": 0.5`) or tensors to nested arrays
    /// (`"W1": [[…], …]`, `"b1": […]`); an object with a `"parameters"`
    /// member (the output of `--format json`, a saved network) uses that.
    static func apply(_ path: String, to start: [Double], parameters: ParameterSet) throws(CommandError) -> [Double] {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch let error as CocoaError where error.code == .fileReadNoSuchFile {
            throw .unreadableFile(path: path, reason: "No such file or directory")
        } catch {
            throw .unreadableFile(path: path, reason: error.localizedDescription)
        }
        // JSONDecoder reads numbers correctly rounded (JSONSerialization on
        // Linux does not), so a start file reproduces its values bit for bit.
        guard let top = try? JSONDecoder().decode(JSONTree.self, from: data), case .object(let outer) = top else {
            throw .failure("\(path): expected a JSON object of parameter names and values")
        }
        var object = outer
        if case .object(let inner)? = outer["parameters"] { object = inner }
        var values = start
        let names = parameters.variableNames
        for key in object.keys.sorted() {
            let value = object[key]!
            if let k = names.firstIndex(of: key) {
                guard case .number(let number) = value, number.isFinite else {
                    throw .failure("\(path): the value of '\(key)' is not a finite number")
                }
                values[k] = number
            } else if let tensor = parameters[key], let range = parameters.range(of: key) {
                let rows: [JSONTree]
                if tensor.isVector {
                    rows = [value]
                } else if case .array(let items) = value {
                    rows = items
                } else {
                    rows = []
                }
                var flat: [Double] = []
                for row in rows {
                    guard case .array(let items) = row, items.count == tensor.columns else { break }
                    for case .number(let v) in items where v.isFinite { flat.append(v) }
                }
                guard rows.count == tensor.rows, flat.count == tensor.count else {
                    throw .failure("\(path): '\(key)' needs \(tensor.shapeDescription) finite numbers"
                                   + (tensor.isVector ? "" : " (an array of rows)"))
                }
                for (offset, v) in zip(range, flat) { values[offset] = v }
            } else {
                throw .failure("\(path): " + unknownName(key, in: parameters))
            }
        }
        return values
    }

    /// "the network has no parameter 'W3_1_1' (did you mean …?)".
    static func unknownName(_ name: String, in parameters: ParameterSet) -> String {
        let candidates = parameters.variableNames + parameters.tensors.map(\.name)
        return "the network has no parameter '\(name)'"
            + (suggestion(for: name, among: candidates).map { " (did you mean '\($0)'?)" } ?? "")
    }
}

/// A JSON value as far as start files need it: numbers, arrays, objects.
enum JSONTree: Decodable {
    case number(Double)
    case array([JSONTree])
    case object([String: JSONTree])
    /// A string, boolean or null.
    case other

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let bool = try? container.decode(Bool.self) {
            _ = bool
            self = .other
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else if let array = try? container.decode([JSONTree].self) {
            self = .array(array)
        } else if let object = try? container.decode([String: JSONTree].self) {
            self = .object(object)
        } else {
            self = .other
        }
    }
}
