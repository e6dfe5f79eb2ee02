import Symbolic

/// How commands write expressions, vectors and matrices in each format.
///
/// Every expression is written in the printer's canonical infix form, which
/// the parser reads back to the same expression.
enum Rendering {
    /// The expression as re-parseable text.
    static func text(_ expression: Expression) -> String {
        expression.description
    }

    /// `label = text` for a labelled line; the continuation lines of a
    /// `let … in …` text are indented to align under its first line:
    ///
    ///     d^25/dx^25 = let t1 = log(x),
    ///                      t2 = x^x,
    ///                  ...
    ///                  in t2*t1 + …
    static func labelled(_ label: String, _ expression: Expression) -> String {
        let text = expression.description
        guard text.contains("\n") else { return "\(label) = \(text)" }
        let indent = "\n" + String(repeating: " ", count: label.count + 3)
        return "\(label) = " + text.replacingOccurrences(of: "\n", with: indent)
    }

    /// The expression as LaTeX math, its variables kept apart from each
    /// other and from `names` (the variables of what is printed beside it):
    /// `x10` and `x_10` never print alike.
    static func latex(_ expression: Expression, among names: [String] = []) -> String {
        expression.latex(distinguishing: names)
    }

    /// A column vector: `\begin{pmatrix} a \\ b \end{pmatrix}`.
    static func latexColumn(_ entries: [String]) -> String {
        "\\begin{pmatrix} " + entries.joined(separator: " \\\\ ") + " \\end{pmatrix}"
    }

    /// A matrix: `\begin{pmatrix} a & b \\ c & d \end{pmatrix}`.
    static func latexMatrix(_ rows: [[String]]) -> String {
        "\\begin{pmatrix} " + rows.map { $0.joined(separator: " & ") }.joined(separator: " \\\\ ") + " \\end{pmatrix}"
    }

    /// The label of a partial derivative in text output: `d/dx`, `d^3/dx^3`.
    static func derivativeLabel(_ variable: String, order: Int = 1) -> String {
        order == 1 ? "d/d\(variable)" : "d^\(order)/d\(variable)^\(order)"
    }

    /// The label of a second partial derivative: `d^2/dx^2` or `d^2/dx dy`.
    static func secondDerivativeLabel(_ first: String, _ second: String) -> String {
        first == second ? "d^2/d\(first)^2" : "d^2/d\(first) d\(second)"
    }

    /// The LaTeX label of a partial derivative of `f`:
    /// `\frac{\partial f}{\partial x}`, `\frac{\partial^{2} f}{\partial x^{2}}`.
    static func latexDerivativeLabel(_ variable: String, order: Int = 1, among names: [String] = []) -> String {
        let name = Expression.latexName(of: variable, distinguishing: names)
        if order == 1 { return "\\frac{\\partial f}{\\partial \(name)}" }
        return "\\frac{\\partial^{\(order)} f}{\\partial \(name)^{\(order)}}"
    }


    /// Evaluates every expression of `expressions` at `point`.
    static func values(of expressions: [Expression], at point: [String: Double]) throws(CommandError) -> [Double] {
        var result: [Double] = []
        result.reserveCapacity(expressions.count)
        for expression in expressions { result.append(try value(of: expression, at: point)) }
        return result
    }

    /// Evaluates `expression` at `point`, reporting an unbound variable as a
    /// ``CommandError``.
    static func value(of expression: Expression, at point: [String: Double]) throws(CommandError) -> Double {
        do {
            return try expression.evaluate(at: point)
        } catch {
            guard case .unboundVariable(let name) = error else { throw .evaluation(error) }
            // A value given under a name the expression does not use is
            // probably meant for this variable (`--at X=1` for x).
            let used = Set(expression.variables)
            let unused = point.keys.filter { !used.contains($0) }.sorted()
            if let given = unused.first(where: { $0.lowercased() == name.lowercased() })
                ?? suggestion(for: name, among: unused) {
                throw .failure("no value given for variable '\(name)'; --at gives '\(given)', which the expression "
                               + "does not use (names are case-sensitive): write --at \(name)=...")
            }
            throw .evaluation(.unboundVariable(name))
        }
    }
}
