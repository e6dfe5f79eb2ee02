import Symbolic

/// `sym simplify EXPR`: the expression after the rule-based simplifier.
struct SimplifyCommand: TransformCommand {
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
        options: standardOptions)

    static func transform(_ expression: Expression) -> Expression { expression.simplified() }

    var input: ExpressionInput
    var format: OutputFormat
}
