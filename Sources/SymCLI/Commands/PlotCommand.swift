import Symbolic

/// `sym plot "EXPR; EXPR" --range a:b --output FILE.svg`: functions of one
/// variable drawn as an SVG picture, optionally beside their derivatives.
struct PlotCommand: Subcommand {
    static let configuration = CommandConfiguration(
        name: "plot",
        abstract: "Draw functions and derivatives as an SVG picture.",
        discussion: """
            Draws each expression of a ';'-separated list over --range. Without --derivative \
            they share one panel; with it, each gets a row with the function on the left and \
            its derivative (as 'sym diff' prints it) on the right. Jumps and poles break the \
            line instead of drawing a vertical stroke; y limits leave out the far ends of poles \
            unless --y-range fixes them. Other variables take their values from --at.

              sym plot "sigmoid(x); tanh(x)" --range -5:5 --derivative -o act.svg
              sym plot "a*sin(x)" --at a=2 --range -pi:pi -o sine.svg
            """,
        arguments: [ArgumentDefinition(
            name: "expressions", help: "One or more expressions separated by ';', e.g. 'sin(x); cos(x)'. '-' reads standard input.",
            isOptional: false)],
        options: [
            OptionDefinition("--range", value: "a:b", help: "The x range, e.g. -5:5 or -pi:2*pi.", required: true),
            PictureOptions.output,
            CommonOptions.wrtOption("The variable along the x axis. (default: the expressions' only variable)"),
            OptionDefinition("--derivative", value: nil, help: "Draw each function's derivative beside it."),
            OptionDefinition("--order", value: "order",
                             help: "Draw the derivative of this order (1 to \(CommonOptions.maximumOrder); implies --derivative).",
                             default: "1"),
            PointOption.definition,
            OptionDefinition("--y-range", value: "a:b", help: "Fix the y range of every panel."),
            OptionDefinition("--samples", value: "count", help: "Points sampled per function (2 to 100000).", default: "801"),
            OptionDefinition("--title", value: "text", help: "A title above the picture."),
            ExpressionInput.fileOption, DefineOption.definition,
        ])

    var input: ExpressionInput
    var range: ClosedRange<Double>
    var output: String
    var variable: String?
    var derivativeOrder: Int?
    var point: PointOption?
    var yRange: ClosedRange<Double>?
    var samples = 801
    var title: String?

    init(_ arguments: ScannedArguments) throws(UsageError) {
        input = try ExpressionInput(arguments)
        guard let rangeText = arguments.value("--range") else { throw .missingArgument("--range <a:b>") }
        range = try PictureOptions.range(rangeText, option: "--range <a:b>")
        guard let output = arguments.value("--output") else { throw .missingArgument(PictureOptions.output.synopsis) }
        self.output = output
        if let names = try CommonOptions.variables(arguments) {
            guard names.count == 1 else {
                throw .invalidValue(arguments.value("--wrt")!, option: "--wrt <variables>", expected: "one variable, e.g. x")
            }
            variable = names[0]
        }
        if arguments.contains(flag: "--derivative") || arguments.value("--order") != nil {
            derivativeOrder = try CommonOptions.order(arguments)
        }
        point = try PointOption(arguments)
        if let text = arguments.value("--y-range") { yRange = try PictureOptions.range(text, option: "--y-range <a:b>") }
        if let text = arguments.value("--samples") {
            guard let count = Int(text), (2...100_000).contains(count) else {
                throw .invalidValue(text, option: "--samples <count>", expected: "an integer from 2 to 100000")
            }
            samples = count
        }
        title = arguments.value("--title")
    }

    mutating func run(console: inout Console) throws(CommandError) {
        let (expressions, written) = try input.expressionListAndVariables(console: &console)
        let parameters = try point?.values() ?? [:]
        let free = written.filter { parameters[$0] == nil }
        let variable: String
        if let chosen = self.variable {
            variable = chosen
        } else if free.count <= 1 {
            variable = free.first ?? "x"
        } else {
            throw .failure("the expressions use \(free.count) variables (\(free.joined(separator: ", "))); "
                + "choose the x axis with --wrt and give the others values with --at, e.g. --wrt \(free[0]) --at \(free[1])=1")
        }
        var picture = FunctionFigure(expressions, variable: variable, range: range)
        picture.parameters = parameters
        picture.derivativeOrder = derivativeOrder
        picture.samples = samples
        picture.yLimits = yRange
        picture.title = title
        let figure: Figure
        do {
            figure = try picture.figure()
        } catch .unboundVariable(let name) {
            throw .failure("no value given for variable '\(name)'; add it to --at, e.g. --at \(name)=1, or draw along it with --wrt \(name)")
        } catch {
            throw .failure(error.description)
        }
        try PictureOptions.write(figure, to: output, console: &console)
    }
}
