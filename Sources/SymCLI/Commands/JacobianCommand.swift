import Symbolic

/// `sym jacobian "f1; f2; ..."`: the Jacobian matrix of several expressions.
struct JacobianCommand: Subcommand {
    static let configuration = CommandConfiguration(
        name: "jacobian",
        abstract: "Compute the Jacobian matrix of several expressions.",
        discussion: """
            The expressions are separated by ';' or written one per line (a line that \
            ends with an operator, '(' or ',' continues on the next). Row i holds the partial derivatives of the \
            i-th expression. Text output has one 'df1/dx = ...' line per entry, row by row; \
            JSON is {"variables": [...], "expressions": [[...]], "values": [[...]]}, where \
            "values" appears only with --at; LaTeX is a pmatrix.

              sym jacobian "x*y; x + y^2" --wrt x,y
            """,
        arguments: [ArgumentDefinition(
            name: "expressions",
            help: "Expressions separated by ';' or line breaks, e.g. 'x*y; x + y^2'. '-' reads them from standard input.",
            isOptional: false)],
        options: [
            CommonOptions.wrtOption("The variables, in order, e.g. x,y. (default: all, in order of first appearance)"),
            MatrixOutput.sparseOption, PointOption.definition, ExpressionInput.fileOption, DefineOption.definition, OutputFormat.option(),
        ])

    var input: ExpressionInput
    var variables: [String]?
    var point: PointOption?
    var format: OutputFormat
    var sparse: Bool

    init(_ arguments: ScannedArguments) throws(UsageError) {
        do {
            input = try ExpressionInput(arguments)
        } catch .missingArgument {
            throw .missingArgument(JacobianCommand.configuration.arguments[0].synopsis)
        }
        variables = try CommonOptions.variables(arguments)
        point = try PointOption(arguments)
        format = try OutputFormat.parse(arguments)
        sparse = try MatrixOutput.sparse(arguments, format: format)
    }

    mutating func run(console: inout Console) throws(CommandError) {
        let (outputs, writtenVariables) = try input.expressionListAndVariables(console: &console)
        let variables = variables ?? writtenVariables
        try CommonOptions.requireVariables(variables)
        var output = MatrixOutput(
            variables: variables, expressions: Expression.jacobian(of: outputs, withRespectTo: variables), values: nil,
            label: { "df\($0 + 1)/d\(variables[$1])" })
        output.sparse = sparse
        try output.evaluate(at: point)
        output.write(format: format, console: &console)
    }
}
