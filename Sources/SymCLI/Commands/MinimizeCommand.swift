import Symbolic

/// `sym minimize EXPR --from a=1,b=2`: a local minimum found by one of the
/// optimiser library's methods.
struct MinimizeCommand: Subcommand {
    static let configuration = CommandConfiguration(
        name: "minimize",
        abstract: "Minimize an expression from a starting point.",
        discussion: """
            The variables being optimised are those named in --from, in that order; the \
            expression may use no others. Text output is a summary line, then the point, \
            the value and the gradient norm; JSON is {"method": ..., "point": {...}, "value": ..., \
            "gradient_norm": ..., "iterations": ..., "converged": ..., "reason": ...}. When \
            standard error is a terminal, a progress line is shown there (see --progress, --quiet). \
            --plot draws the objective by iteration and, for two variables, the path over contour \
            lines of f.

              sym minimize "(1-a)^2 + 100*(b-a^2)^2" --from a=-1.2,b=1 --method newton
              sym minimize "(1-a)^2 + 100*(b-a^2)^2" --from a=-1.2,b=1 --plot path.svg
            """,
        arguments: [ExpressionInput.argument],
        options: [
            PointOption.from,
            OptionDefinition("--method", value: "method",
                             help: "One of \(OptimizationMethod.allCases.map(\.rawValue).joined(separator: ", ")).",
                             default: "newton for up to 50 variables, bfgs up to 1000, lbfgs beyond"),
            OptionDefinition("--rate", value: "rate", help: "The learning rate (step size) of first-order methods.",
                             default: OptimizationMethod.allCases.compactMap { method in
                                 method.defaultLearningRate.map { "\(NumberFormatting.text($0)) for \(method.rawValue)" }
                             }.joined(separator: ", ")),
            OptionDefinition("--max-iterations", value: "count", help: "Stop after this many iterations.",
                             default: "100000 for first-order methods, max(1000, 200*n) for newton, bfgs and lbfgs"),
            OptionDefinition("--tolerance", value: "tolerance", help: "Stop when the gradient norm falls to this.", default: "1e-8"),
            OptionDefinition("--relative-tolerance", value: "ratio",
                             help: "Also stop when the gradient norm falls to this times its value at the start, a test "
                                 + "that scales with f (for a very flat f: --tolerance 0 --relative-tolerance 1e-8).",
                             default: "0, off"),
            PictureOptions.plot("Draw the objective by iteration (and for two variables the path over contours of f) as SVG."),
            ExpressionInput.fileOption, DefineOption.definition, OutputFormat.option([.text, .json]),
        ] + ProgressOptions.definitions)

    var input: ExpressionInput
    var start: PointOption
    var method: OptimizationMethod?
    var options: OptimizationOptions = {
        var options = OptimizationOptions()
        options.recordsHistory = false  // only the final point is printed
        return options
    }()
    var format: OutputFormat
    var progress: ProgressOptions
    var plotPath: String?

    init(_ arguments: ScannedArguments) throws(UsageError) {
        input = try ExpressionInput(arguments)
        guard let start = try PointOption(arguments, option: PointOption.from) else {
            throw .missingArgument(PointOption.from.synopsis)
        }
        self.start = start
        if let name = arguments.value("--method") {
            guard let method = OptimizationMethod(rawValue: name) else {
                throw .invalidValue(name, option: "--method <method>",
                                    expected: "one of \(OptimizationMethod.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            self.method = method
        }
        if let text = arguments.value("--rate") {
            guard let rate = Double(text), rate.isFinite, rate > 0 else {
                throw .invalidValue(text, option: "--rate <rate>", expected: "a positive number")
            }
            options.learningRate = rate
        }
        if let text = arguments.value("--max-iterations") {
            guard let count = Int(text), count >= 0 else {
                throw .invalidValue(text, option: "--max-iterations <count>", expected: "a non-negative integer")
            }
            options.maxIterations = count
        }
        if let text = arguments.value("--tolerance") {
            guard let tolerance = Double(text), tolerance.isFinite, tolerance >= 0 else {
                throw .invalidValue(text, option: "--tolerance <tolerance>", expected: "a non-negative number")
            }
            options.gradientTolerance = tolerance
        }
        if let text = arguments.value("--relative-tolerance") {
            guard let ratio = Double(text), ratio >= 0, ratio < 1 else {
                throw .invalidValue(text, option: "--relative-tolerance <ratio>", expected: "a number from 0 up to (not including) 1")
            }
            options.relativeGradientTolerance = ratio
        }
        format = try OutputFormat.parse(arguments, allowed: [.text, .json])
        if let text = arguments.value("--rate"), !(method?.isFirstOrder ?? false) {
            // Newton, BFGS and L-BFGS choose their steps by line search.
            _ = text
            throw .conflict("--rate applies only to gd, momentum, nesterov, adagrad, rmsprop and adam; "
                            + (method.map { "--method \($0.rawValue)" } ?? "the default method (newton, bfgs or lbfgs)")
                            + " chooses its steps by line search")
        }
        progress = try ProgressOptions(arguments)
        plotPath = arguments.value("--plot")
        if plotPath != nil { options.recordsHistory = true }
    }

    mutating func run(console: inout Console) throws(CommandError) {
        let expression = try input.expression(console: &console)
        let point = try start.values()
        let variables = start.assignments.map(\.name)
        let run = MinimizeRun(expression: expression, variables: variables, start: variables.map { point[$0]! },
                              method: method, options: options, drawsPath: plotPath != nil && variables.count == 2)
        let result = try run.run(progress: progress, console: &console)
        if let plotPath { try PictureOptions.write(try run.figure(result), to: plotPath, console: &console) }
        switch format {
        case .json:
            console.printLine(JSONValue.object([
                ("method", .string(result.method.rawValue)),
                ("point", .object(zip(variables, result.point).map { ($0, .number($1)) })),
                ("value", .number(result.value)),
                ("gradient_norm", .number(result.gradientNorm)),
                ("iterations", .integer(result.iterations)),
                ("converged", .bool(result.converged)),
                ("reason", .string(result.stopReason.rawValue)),
            ]).serialized())
        case .text, .latex:
            let verb = result.converged ? "converged" : "stopped"
            let plural = result.iterations == 1 ? "" : "s"
            console.printLine("\(result.method.rawValue) \(verb) after \(result.iterations) iteration\(plural): \(result.stopReason.explanation)")
            for (name, value) in zip(variables, result.point) { console.printLine("\(name) = \(NumberFormatting.text(value))") }
            console.printLine("f = \(NumberFormatting.text(result.value))")
            console.printLine("|grad f| = \(NumberFormatting.text(result.gradientNorm))")
        }
    }
}
