import Symbolic

/// `sym hessian EXPR`: the matrix of second partial derivatives.
struct HessianCommand: Subcommand {
    static let configuration = CommandConfiguration(
        name: "hessian",
        abstract: "Compute the Hessian matrix of an expression.",
        discussion: """
            The Hessian is built as one triangle and mirrored, skipping entries that are \
            structurally zero. Text output has one 'd^2/dx dy = ...' line per entry, row by \
            row, normalised to print small unless --raw is given; JSON is {"variables": [...], "expressions": [[...]], "values": [[...]]}, where \
            "values" appears only with --at; LaTeX is a pmatrix. With --points, prints a CSV \
            row per point with the entries row by row, or a JSON line {"values": [[...]]}.

              sym hessian "x^2*y + y^3" --wrt x,y --at x=1,y=2
            """,
        arguments: [ExpressionInput.argument],
        options: [
            CommonOptions.wrtOption("The variables, in order, e.g. x,y. (default: all, in order of first appearance)"),
            CommonOptions.rawOption, MatrixOutput.sparseOption, PointOption.definition, PointsFile.definition,
            ProgressOptions.progress, ProgressOptions.quiet, ExpressionInput.fileOption, DefineOption.definition, OutputFormat.option(),
        ])

    var input: ExpressionInput
    var variables: [String]?
    var form: DerivativeForm
    var point: PointOption?
    var points: PointsFile?
    var format: OutputFormat
    var sparse: Bool

    init(_ arguments: ScannedArguments) throws(UsageError) {
        input = try ExpressionInput(arguments)
        variables = try CommonOptions.variables(arguments)
        form = CommonOptions.derivativeForm(arguments)
        point = try PointOption(arguments)
        format = try OutputFormat.parse(arguments)
        sparse = try MatrixOutput.sparse(arguments, format: format)
        points = try PointsFile(arguments, format: format)
        if sparse && points != nil { throw .conflict("--sparse cannot be combined with --points") }
    }

    mutating func run(console: inout Console) throws(CommandError) {
        let (expression, writtenVariables) = try input.expressionAndVariables(console: &console)
        let variables = variables ?? writtenVariables
        try CommonOptions.requireVariables(variables)
        let hessian = expression.hessian(withRespectTo: variables, form: form)
        if let points {
            let table = try points.read(console: &console)
            let n = variables.count
            let labels = variables.flatMap { row in variables.map { Rendering.secondDerivativeLabel(row, $0) } }
            try BatchEvaluator.run(hessian.flatMap { $0 }, table: table, labels: labels, format: format, json: { flat in
                .object([("values", .array((0..<n).map { i in .numbers(Array(flat[i * n..<(i + 1) * n])) }))])
            }, console: &console)
            return
        }
        var output = MatrixOutput(
            variables: variables, expressions: hessian, values: nil,
            label: { Rendering.secondDerivativeLabel(variables[$0], variables[$1]) })
        output.sparse = sparse
        try output.evaluate(at: point)
        output.write(format: format, console: &console)
    }
}
