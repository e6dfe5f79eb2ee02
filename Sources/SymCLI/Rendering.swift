import Symbolic

/// How commands write expressions, vectors and matrices in each format.
///
/// Every expression is written in the printer's canonical infix form, which
/// the parser reads back to the same expression.
enum Rendering {
    /// The expression as re-parseable text.
    static func text(_ expression: Expression) -> String {
        String(describing: expression)
    }

    /// The expression as LaTeX math.
    static func latex(_ expression: Expression) -> String {
        String(describing: expression)
    }

    /// A column vector: `\begin{pmatrix} a \\ b \end{pmatrix}`.
    static func latexColumn(_ entries: [String]) -> String {
        "\\begin{pmatrix} " + entries.joined(separator: " \\\\ ") + " \\end{pmatrix}"
    }

    /// A matrix: `\begin{pmatrix} a & b \\ c & d \end{pmatrix}`.
    static func latexMatrix(_ rows: [[String]]) -> String {
        "\\begin{pmatrix} " + rows.map { $0.joined(separator: " & ") }.joined(separator: " \\\\ ") + " \\end{pmatrix}"
    }

    /// Evaluates `expression` at `point`, reporting an unbound variable as a
    /// ``CommandError``.
    static func value(of expression: Expression, at point: [String: Double]) throws(CommandError) -> Double {
        do {
            return try expression.evaluate(at: point)
        } catch {
            throw .evaluation(error)
        }
    }
}
