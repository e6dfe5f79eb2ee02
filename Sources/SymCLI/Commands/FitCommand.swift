import Symbolic

/// `sym fit MODEL --data FILE`: the parameters of a formula model that best
/// fit a CSV table, with standard errors and fit statistics.
struct FitCommand: Subcommand {
    enum Options {
        static let target = OptionDefinition(
            "--target", value: "name",
            help: "The column to predict, or an expression of columns such as 'log(y)'.",
            default: "the column y if the model does not use it, else the last column it does not use")
        static let start = OptionDefinition(
            "--start", value: "assignments", help: "Starting values, e.g. b1=500,b2=1e-4. May be repeated.",
            repeatable: true, default: "1 for every parameter not given (moved inside its bounds)")
        static let loss = OptionDefinition(
            "--loss", value: "loss",
            help: "One of \(FitLoss.allCases.map(\.rawValue).joined(separator: ", ")): squared error, logistic loss of "
                + "a score (labels 0/1 or -1/1), binary cross-entropy of a probability, hinge loss of a score.",
            default: "squared")
        static let l2 = OptionDefinition(
            "--l2", value: "lambda", help: "Add the penalty (lambda/2)*sum(p^2) over the free parameters, once.",
            default: "0")
        static let method = OptionDefinition(
            "--method", value: "method", help: "One of \(FitMethod.allCases.map(\.rawValue).joined(separator: ", ")).",
            default: "lm for the squared loss; otherwise newton up to 50 parameters (hinge: bfgs), bfgs up to 1000, lbfgs beyond")
        static let rate = OptionDefinition("--rate", value: "rate", help: "The learning rate of first-order methods.")
        static let epochs = OptionDefinition(
            "--epochs", value: "count", help: "Passes over the data for first-order methods (mini-batch training).",
            default: "100 when --batch-size is given")
        static let batchSize = OptionDefinition(
            "--batch-size", value: "count", help: "Rows per update for first-order methods.",
            default: "all rows when --epochs is given")
        static let maxIterations = OptionDefinition("--max-iterations", value: "count", help: "Stop after this many iterations.")
        static let fix = OptionDefinition(
            "--fix", value: "names", help: "Parameters held at their starting value, e.g. b3,b4. May be repeated.",
            repeatable: true)
        static let bounds = OptionDefinition(
            "--bounds", value: "bounds", help: "Bounds such as b1=0:inf,b2=-1:1 (empty side: unbounded). May be repeated.",
            repeatable: true)
        static let save = OptionDefinition(
            "--save", value: "file", help: "Save the fitted model as JSON, for sym predict.")
    }

    static let configuration = CommandConfiguration(
        name: "fit",
        abstract: "Fit a formula model or train a neural network on data.",
        discussion: """
            Variables of the model that name data columns are inputs; all others are parameters. \
            The squared loss is minimised by Levenberg-Marquardt with the exact symbolic Jacobian \
            (scaled trust region, QR with column pivoting); standard errors are s*sqrt(diag((J'J)^-1)) \
            with s^2 = RSS/(n - p). Other losses and methods use the optimisers on the mean loss. \
            Text output is a report; JSON is {"parameters": {...}, "standard_errors": {...} (squared \
            loss), "loss": ..., "rss": ..., "iterations": ..., "method": ..., "converged": ..., \
            "reason": ...}. When standard error is a terminal, a progress line is shown there (see \
            --progress, --quiet). --plot and --loss-plot draw the fit and the loss as SVG pictures.

              sym fit "b1*(1-exp(-b2*x))" --data misra1a.csv --start b1=500,b2=1e-4

            With --model mlp (or linear) and no formula, a neural network is trained instead: layer l \
            has weights W{l}_{i}_{j} (input i, unit j; z = x*W + b) and biases b{l}_{j}; the target \
            (default: the column label, else y, else the last) holding integer labels 0..C-1 gives C \
            softmax outputs and the cross-entropy loss, other targets one output and the mse loss; \
            --l2 adds (lambda/2)*sum(weights^2) to the mean loss. Defaults: adam, rate 0.01, 1000 \
            epochs, the full batch. JSON adds "accuracy" (training) for classifiers, "r2" for \
            regression; "loss" is the objective, penalty included, at the returned parameters.

              sym fit --model mlp --hidden 8 --data moons --loss cross-entropy
            """,
        arguments: [ArgumentDefinition(name: "model", help: "The model, e.g. 'a*exp(-k*t) + c'. '-' reads it from standard input.",
                                       isOptional: false)],
        options: [
            DataFileOption.definition, Options.target, Options.start, Options.loss, Options.l2, Options.method,
            Options.rate, Options.epochs, Options.batchSize, Options.maxIterations, Options.fix, Options.bounds,
            Options.save, ExpressionInput.fileOption, DefineOption.definition, OutputFormat.option([.text, .json]),
        ] + NetworkFitOptions.all + FitPictureOptions.definitions + ProgressOptions.definitions)

    /// `--model mlp|linear` trains a network (``NetworkFitCommand``).
    static func variant(for arguments: ScannedArguments) -> (any Subcommand.Type)? {
        arguments.value(NetworkFitOptions.model.name) != nil ? NetworkFitCommand.self : nil
    }

    var input: ExpressionInput
    var data: DataFileOption
    var target: String?
    var loss: FitLoss
    var method: FitMethod?
    var options = FitOptions()
    var savePath: String?
    var format: OutputFormat
    var pictures: FitPictureOptions
    var progress: ProgressOptions

    init(_ arguments: ScannedArguments) throws(UsageError) {
        input = try ExpressionInput(arguments)
        data = try DataFileOption(arguments, positionalReadsStandardInput: input == .standardInput)
        target = arguments.value(Options.target.name)
        loss = try FitOptionParsing.choice(arguments, Options.loss, FitLoss.self) ?? .squared
        method = try FitOptionParsing.choice(arguments, Options.method, FitMethod.self)
        if let start = try PointOption(arguments, option: Options.start) {
            for assignment in start.assignments { options.start[assignment.name] = assignment.value }
        }
        options.fixed = Set(try FitOptionParsing.names(arguments, option: Options.fix))
        options.bounds = try FitOptionParsing.bounds(arguments, option: Options.bounds)
        options.l2 = try FitOptionParsing.number(arguments, Options.l2, positive: false) ?? 0
        options.optimization.learningRate = try FitOptionParsing.number(arguments, Options.rate, positive: true)
        options.optimization.recordsHistory = true
        if let count = try FitOptionParsing.count(arguments, Options.maxIterations) {
            options.optimization.maxIterations = count
            options.leastSquares.maxIterations = count
        }
        let epochs = try FitOptionParsing.count(arguments, Options.epochs)
        let batchSize = try FitOptionParsing.count(arguments, Options.batchSize, minimum: 1)
        if epochs != nil || batchSize != nil {
            guard let method, method.optimizationMethod?.isFirstOrder == true else {
                throw .conflict("--epochs and --batch-size need a first-order method: "
                                + "--method gd, momentum, nesterov, adagrad, rmsprop or adam")
            }
            var stochastic = StochasticOptions()
            stochastic.epochs = epochs ?? 100
            stochastic.batchSize = batchSize ?? Int.max
            options.stochastic = stochastic
        }
        savePath = arguments.value(Options.save.name)
        format = try OutputFormat.parse(arguments, allowed: [.text, .json])
        pictures = FitPictureOptions(arguments)
        progress = try ProgressOptions(arguments)
    }

    mutating func run(console: inout Console) throws(CommandError) {
        let text = try input.read(console: &console)
        let table = try data.read(console: &console)
        let result: FitResult
        do {
            let model = try FormulaModel(parsing: text, columns: table.columnNames, functions: console.functions)
            let session = progress.session(console, total: options.progressTotal, unit: options.progressUnit)
            defer { session.end(&console) }
            result = try fit(model, to: table, target: target, loss: loss, method: method, options: options,
                             observer: session?.meter.fitObserver())
        } catch .parse(let error, let text) {
            throw .parse(error, input: text)
        } catch {
            throw .failure(error.description)
        }
        if let savePath {
            do { try FittedModel(result).write(to: savePath) } catch { throw .failure(error.description) }
        }
        try pictures.write(result, data: table, console: &console)
        switch format {
        case .json: console.printLine(FitReport.json(result).serialized())
        case .text, .latex: for line in FitReport.text(result) { console.printLine(line) }
        }
    }
}
