import Symbolic

/// `sym eval EXPR --at x=3,y=4`: the value of an expression at a point.
struct EvalCommand: Subcommand {
    static let configuration = CommandConfiguration(
        name: "eval",
        abstract: "Evaluate an expression at a point.",
        discussion: """
            Prints the value in the shortest form that reads back exactly (42, 0.1, \
            1.7163378145367738, 1e-07). Arithmetic follows IEEE 754, so log(-1) is nan and \
            1/0 is inf; JSON writes such values as null.

              sym eval "x^2*y + y + 2" --at x=3,y=4    # 42
              sym eval "sin(pi/6)" --format json       # {"value": 0.49999999999999994}
              sym eval "x*y" --points points.csv       # a 'value' header, a row per point
            """,
        arguments: [ExpressionInput.argument],
        options: [PointOption.definition, PointsFile.definition, ProgressOptions.progress, ProgressOptions.quiet, ExpressionInput.fileOption, DefineOption.definition, OutputFormat.option()])

    var input: ExpressionInput
    var point: PointOption?
    var points: PointsFile?
    var format: OutputFormat

    init(_ arguments: ScannedArguments) throws(UsageError) {
        input = try ExpressionInput(arguments)
        point = try PointOption(arguments)
        format = try OutputFormat.parse(arguments)
        points = try PointsFile(arguments, format: format)
    }

    mutating func run(console: inout Console) throws(CommandError) {
        let expression = try input.expression(console: &console)
        if let points {
            let table = try points.read(console: &console)
            try BatchEvaluator.run([expression], table: table, labels: ["value"], format: format,
                                   json: { .object([("value", .number($0[0]))]) }, console: &console)
            return
        }
        let value = try Rendering.value(of: expression, at: point?.values() ?? [:])
        switch format {
        case .text: console.printLine(NumberFormatting.text(value))
        case .json: console.printLine(JSONValue.object([("value", .number(value))]).serialized())
        case .latex: console.printLine(NumberFormatting.latex(value))
        }
    }
}
