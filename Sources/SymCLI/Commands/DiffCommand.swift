import Symbolic

/// `sym diff EXPR`: partial derivatives, one per variable or of one variable.
struct DiffCommand: Subcommand {
    static let configuration = CommandConfiguration(
        name: "diff",
        abstract: "Differentiate an expression.",
        discussion: """
            Without --wrt, prints the partial derivative with respect to every variable \
            (in order of first appearance), one per line as 'd/dx = ...'. With --wrt naming \
            one variable, prints just the derivative; with --at it adds the value on a second \
            line. With several variables, prints one labelled line each. --at appends ' = value' \
            to labelled lines. Derivatives are normalised (products expanded where terms cancel, \
            common factors pulled out, whichever prints smaller) unless --raw is given.

              sym diff "x^2*y + y + 2"        # d/dx = 2*x*y and d/dy = x^2 + 1
              sym diff "sin(x)*y" --wrt x --order 2 --at x=0.5,y=2
            """,
        arguments: [ExpressionInput.argument],
        options: [
            CommonOptions.wrtOption("The variables to differentiate by, e.g. x or x,y. (default: all, in order of first appearance)"),
            CommonOptions.orderOption, CommonOptions.rawOption, PointOption.definition, ExpressionInput.fileOption, DefineOption.definition, OutputFormat.option(),
        ])

    var input: ExpressionInput
    var variables: [String]?
    var order: Int
    var form: DerivativeForm
    var point: PointOption?
    var format: OutputFormat

    init(_ arguments: ScannedArguments) throws(UsageError) {
        input = try ExpressionInput(arguments)
        variables = try CommonOptions.variables(arguments)
        order = try CommonOptions.order(arguments)
        form = CommonOptions.derivativeForm(arguments)
        point = try PointOption(arguments)
        format = try OutputFormat.parse(arguments)
    }

    mutating func run(console: inout Console) throws(CommandError) {
        let (expression, writtenVariables) = try input.expressionAndVariables(console: &console)
        let variables = variables ?? writtenVariables
        guard !variables.isEmpty else {
            throw .failure("the expression has no variables to differentiate by; name one with --wrt")
        }
        let derivatives = order == 1
            ? expression.gradient(withRespectTo: variables).map { form == .raw ? $0 : $0.normalized() }
            : variables.map { expression.derivative(withRespectTo: $0, order: order, form: form) }
        let values = try point.map { point throws(CommandError) in try Rendering.values(of: derivatives, at: point.values()) }
        let names = variables + expression.variables   // kept apart in LaTeX
        if self.variables?.count == 1 {
            writeSingle(variables[0], derivatives[0], value: values?[0], names: names, console: &console)
        } else {
            writeTable(variables, derivatives, values: values, names: names, console: &console)
        }
    }

    /// One variable named with --wrt: the bare derivative (and its value).
    private func writeSingle(_ variable: String, _ derivative: Expression, value: Double?, names: [String],
                             console: inout Console) {
        switch format {
        case .text:
            console.printLine(Rendering.text(derivative))
            if let value { console.printLine(NumberFormatting.text(value)) }
        case .latex:
            console.printLine(Rendering.latex(derivative, among: names))
            if let value { console.printLine(NumberFormatting.latex(value)) }
        case .json:
            var members: [(String, JSONValue)] = [
                ("variable", .string(variable)), ("order", .integer(order)),
                ("expression", .string(Rendering.text(derivative))),
            ]
            if let value { members.append(("value", .number(value))) }
            console.printLine(JSONValue.object(members).serialized())
        }
    }

    /// Several variables: one labelled line each, or one JSON object.
    private func writeTable(_ variables: [String], _ derivatives: [Expression], values: [Double]?, names: [String],
                            console: inout Console) {
        switch format {
        case .text:
            for (i, variable) in variables.enumerated() {
                let valueText = values.map { " = " + NumberFormatting.text($0[i]) } ?? ""
                console.printLine(Rendering.labelled(Rendering.derivativeLabel(variable, order: order), derivatives[i]) + valueText)
            }
        case .latex:
            for (i, variable) in variables.enumerated() {
                let valueText = values.map { " = " + NumberFormatting.latex($0[i]) } ?? ""
                let label = Rendering.latexDerivativeLabel(variable, order: order, among: names)
                console.printLine("\(label) = \(Rendering.latex(derivatives[i], among: names))\(valueText)")
            }
        case .json:
            var members: [(String, JSONValue)] = [
                ("variables", .strings(variables)), ("order", .integer(order)),
                ("expressions", .strings(derivatives.map(Rendering.text))),
            ]
            if let values { members.append(("values", .numbers(values))) }
            console.printLine(JSONValue.object(members).serialized())
        }
    }
}
