import Symbolic

/// `sym print EXPR`: the expression in canonical form.
struct PrintCommand: TransformCommand {
    static let configuration = CommandConfiguration(
        name: "print",
        abstract: "Print an expression in canonical form.",
        discussion: """
            Parsing already canonicalises: sums and products are flattened and sorted, numbers \
            are folded, and like terms and factors are merged. The printed text parses back to \
            the same expression.

              sym print "y*x + 2*x*y"         # 3*x*y
              sym print "x^2/2" --format latex
            """,
        arguments: [ExpressionInput.argument],
        options: standardOptions)

    static func transform(_ expression: Expression) -> Expression { expression }

    var input: ExpressionInput
    var format: OutputFormat
}

/// Output shared by `print` and `simplify`: one expression in any format.
enum ExpressionOutput {
    /// Writes `expression` as text, LaTeX, or `{"expression": "..."}`.
    static func write(_ expression: Expression, format: OutputFormat, console: inout Console) {
        switch format {
        case .text: console.printLine(Rendering.text(expression))
        case .latex: console.printLine(Rendering.latex(expression))
        case .json: console.printLine(JSONValue.object([("expression", .string(Rendering.text(expression)))]).serialized())
        }
    }
}
