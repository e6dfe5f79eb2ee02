import Symbolic

/// `sym grad EXPR`: the gradient, from one reverse-mode sweep.
struct GradCommand: Subcommand {
    static let configuration = CommandConfiguration(
        name: "grad",
        abstract: "Compute the gradient of an expression.",
        discussion: """
            All partial derivatives come from one reverse-mode sweep over the expression \
            graph. Text output has one 'd/dx = ...' line per variable (with ' = value' when \
            --at is given); JSON is {"variables": [...], "expressions": [...], "values": [...]}, \
            where "values" appears only with --at; LaTeX is a column vector (and a second \
            line with the values). With --points, prints a CSV row of the gradient per point \
            (header 'd/da,d/db,...'), or a JSON line {"values": [...]} per point.

              sym grad "a*b^2 + c" --wrt a,b,c --at a=1.5,b=-2,c=0.25 --format json
            """,
        arguments: [ExpressionInput.argument],
        options: [
            CommonOptions.wrtOption("The variables, in order, e.g. a,b,c. (default: all, in order of first appearance)"),
            PointOption.definition, PointsFile.definition, ProgressOptions.progress, ProgressOptions.quiet, ExpressionInput.fileOption, DefineOption.definition, OutputFormat.option(),
        ])

    var input: ExpressionInput
    var variables: [String]?
    var point: PointOption?
    var points: PointsFile?
    var format: OutputFormat

    init(_ arguments: ScannedArguments) throws(UsageError) {
        input = try ExpressionInput(arguments)
        variables = try CommonOptions.variables(arguments)
        point = try PointOption(arguments)
        format = try OutputFormat.parse(arguments)
        points = try PointsFile(arguments, format: format)
    }

    mutating func run(console: inout Console) throws(CommandError) {
        let (expression, writtenVariables) = try input.expressionAndVariables(console: &console)
        let variables = variables ?? writtenVariables
        try CommonOptions.requireVariables(variables)
        let gradient = expression.gradient(withRespectTo: variables)
        if let points {
            let table = try points.read(console: &console)
            try BatchEvaluator.run(gradient, table: table, labels: variables.map { Rendering.derivativeLabel($0) },
                                   format: format, json: { .object([("values", .numbers($0))]) }, console: &console)
            return
        }
        let values = try point.map { point throws(CommandError) in try Rendering.values(of: gradient, at: point.values()) }
        switch format {
        case .text:
            for (i, variable) in variables.enumerated() {
                let valueText = values.map { " = " + NumberFormatting.text($0[i]) } ?? ""
                console.printLine(Rendering.labelled(Rendering.derivativeLabel(variable), gradient[i]) + valueText)
            }
        case .latex:
            let names = variables + expression.variables
            console.printLine(Rendering.latexColumn(gradient.map { Rendering.latex($0, among: names) }))
            if let values { console.printLine(Rendering.latexColumn(values.map(NumberFormatting.latex))) }
        case .json:
            var members: [(String, JSONValue)] = [
                ("variables", .strings(variables)), ("expressions", .strings(gradient.map(Rendering.text))),
            ]
            if let values { members.append(("values", .numbers(values))) }
            console.printLine(JSONValue.object(members).serialized())
        }
    }
}
