import Symbolic

/// `sym expand EXPR`: products distributed over sums, powers of sums multiplied out.
struct ExpandCommand: TransformCommand {
    static let configuration = CommandConfiguration(
        name: "expand",
        abstract: "Expand products and integer powers of sums.",
        discussion: """
            Distributes products over sums and multiplies out integer powers of sums, with \
            exact rational coefficients; like terms merge. Negative powers of sums stay as \
            denominators. Function arguments are expanded too.

              sym expand "(x + 1)^3*(y - 2)"
            """,
        arguments: [ExpressionInput.argument],
        options: standardOptions)

    static func transform(_ expression: Expression) -> Expression { expression.expanded() }

    var input: ExpressionInput
    var format: OutputFormat
}

/// `sym factor EXPR`: factorisation over the rationals.
struct FactorCommand: TransformCommand {
    static let configuration = CommandConfiguration(
        name: "factor",
        abstract: "Factor a polynomial over the rationals.",
        discussion: """
            Writes the expression as a number times powers of factors: common numeric and \
            monomial factors, common polynomial factors, repeated factors, and the irreducible \
            factors of polynomials in one variable (rational roots, then Kronecker's method). \
            A rational function's numerator and denominator are factored after cancelling.

              sym factor "x^4 - 1"
            """,
        arguments: [ExpressionInput.argument],
        options: standardOptions)

    static func transform(_ expression: Expression) -> Expression { expression.factored() }

    var input: ExpressionInput
    var format: OutputFormat
}

/// `sym collect EXPR --in x`: terms grouped by powers of variables.
struct CollectCommand: Subcommand {
    static let configuration = CommandConfiguration(
        name: "collect",
        abstract: "Expand and group terms by powers of variables.",
        discussion: """
            Expands the expression, then groups its terms by their powers of the variables \
            named with --in, each power multiplying the sum of its coefficients.

              sym collect "x^2*y + x^2 + x*y + x*z + 2" --in x
            """,
        arguments: [ExpressionInput.argument],
        options: [
            OptionDefinition("--in", value: "variables", help: "The variables to collect in, e.g. x or x,y."),
            ExpressionInput.fileOption, DefineOption.definition, OutputFormat.option(),
        ])

    var input: ExpressionInput
    var variables: [String]
    var format: OutputFormat

    init(_ arguments: ScannedArguments) throws(UsageError) {
        input = try ExpressionInput(arguments)
        guard let text = arguments.value("--in") else { throw .missingArgument("--in <variables>") }
        variables = []
        for piece in text.split(separator: ",", omittingEmptySubsequences: false) {
            let name = piece.trimmingSpaces()
            guard CommonOptions.isIdentifier(name) else {
                throw .invalidValue(text, option: "--in <variables>", expected: "variable names separated by commas, e.g. x,y")
            }
            variables.append(name)
        }
        format = try OutputFormat.parse(arguments)
    }

    mutating func run(console: inout Console) throws(CommandError) {
        let expression = try input.expression(console: &console)
        ExpressionOutput.write(expression.collected(in: variables), format: format, console: &console)
    }
}

/// `sym cancel EXPR`: a rational function in lowest terms.
struct CancelCommand: TransformCommand {
    static let configuration = CommandConfiguration(
        name: "cancel",
        abstract: "Write a rational function in lowest terms.",
        discussion: """
            Puts the expression over a common denominator, expands numerator and denominator, \
            and cancels their greatest common divisor. The result equals the input wherever the \
            input is defined.

              sym cancel "(x^2 - 1)/(x^2 + 2*x + 1)"
            """,
        arguments: [ExpressionInput.argument],
        options: standardOptions)

    static func transform(_ expression: Expression) -> Expression { expression.cancelled() }

    var input: ExpressionInput
    var format: OutputFormat
}
