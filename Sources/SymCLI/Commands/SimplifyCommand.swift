import Symbolic

/// `sym simplify EXPR`: the expression after the rule-based simplifier.
struct SimplifyCommand: Subcommand {
    static let configuration = CommandConfiguration(
        name: "simplify",
        abstract: "Simplify an expression with the standard rules.",
        discussion: """
            Applies the standard rule groups (powers, exponentials, trigonometric identities, \
            absolute values) until nothing changes, then lets the normalised, cancelled, \
            factored and expanded forms compete: the one that prints fewest operations wins, \
            and the result is never larger than the input. It has the same value wherever \
            the input is defined.

              sym simplify "sin(x)^2 + cos(x)^2"
              sym simplify "x*(x + 1) - x^2"      # x
            """,
        arguments: [ExpressionInput.argument],
        options: [ExpressionInput.fileOption, DefineOption.definition, OutputFormat.option()])

    var input: ExpressionInput
    var format: OutputFormat

    init(_ arguments: ScannedArguments) throws(UsageError) {
        input = try ExpressionInput(arguments)
        format = try OutputFormat.parse(arguments)
    }

    mutating func run(console: inout Console) throws(CommandError) {
        let expression = try input.expression(console: &console)
        ExpressionOutput.write(expression.simplified(), format: format, console: &console)
    }
}
