extension Expression: CustomStringConvertible, CustomDebugStringConvertible {
    /// Expressions whose written-out tree has more nodes than this print with
    /// shared temporaries (``sharedDescription``) instead of in full.
    public static let fullPrintingNodeLimit = 4_000_000

    /// Canonical infix text with the fewest parentheses needed, which
    /// ``init(parsing:)`` reads back to an equal expression.
    ///
    ///     print(try Expression(parsing: "y*x + x*y"))
    ///     // Prints "2*x*y"
    ///
    /// Numbers print exactly: fractions as `p/q`, doubles in the shortest
    /// form that reads back to the same `Double` (`0.1` prints `0.1`).
    /// Non-finite constants (`1/0` folds to +∞, `0/0` to NaN) print as the
    /// quotients `(1/0)`, `-(1/0)` and `(0/0)`, which read back to them
    /// (`inf` and `nan` would read as variables).
    ///
    /// When the expression written out as a tree would exceed
    /// ``fullPrintingNodeLimit`` nodes (heavily shared graphs can be
    /// exponentially large as trees), or would exceed 100,000 nodes while
    /// being more than 16 times its distinct nodes (a high derivative from
    /// the Leibniz recurrences), the text is ``sharedDescription`` instead,
    /// so printing never hangs and stays linear in the graph.
    ///
    /// - Complexity: O(length of the output).
    public var description: String {
        if printsWithSharing { return sharedDescription }
        return ExpressionPrinter(format: .infix).print(self)
    }

    /// The same as ``description``.
    public var debugDescription: String { description }

    /// Whether ``description`` and ``latex`` print numbered temporaries
    /// rather than the tree: the tree is past ``fullPrintingNodeLimit``, or
    /// past 100,000 nodes and more than 16 times the distinct nodes.
    var printsWithSharing: Bool {
        if treeSize > Expression.fullPrintingNodeLimit { return true }
        return treeSize > 100_000 && treeSize > 16 * nodeCount
    }

    /// The expression in LaTeX math notation: `\frac{}{}` for quotients,
    /// `^{}` for powers, `\sin`, `\sqrt{}`, and `\left( \right)` where needed.
    ///
    ///     print(try Expression(parsing: "sqrt(x)/(2*y^2)").latex)
    ///     // Prints "\frac{\sqrt{x}}{2 y^{2}}"
    ///
    /// Different variables always print differently: `x10 + x_10` prints
    /// `\mathit{x10} + x_{10}` (see ``latex(distinguishing:)``).
    public var latex: String { latex(distinguishing: []) }

    /// The expression with every compound subexpression that is used more
    /// than once printed once, as a numbered temporary:
    ///
    ///     @1 = x^2 + x
    ///     @2 = @1^2 + @1
    ///     @2^2 + @2
    ///
    /// The last line is the expression itself. Its size is linear in the
    /// number of distinct nodes, however large the tree.
    public var sharedDescription: String {
        sharedLines(format: .infix).joined(separator: "\n")
    }

    func sharedLines(format: ExpressionPrinter.Format, latexNames: [String: String] = [:]) -> [String] {
        let nodes = topologicallySortedNodes()
        var uses: [Int: Int] = [:]
        for node in nodes {
            for operand in node.operands { uses[operand.id, default: 0] += 1 }
        }
        var names: [Int: String] = [:]
        var lines: [String] = []
        for node in nodes where node != self && (uses[node.id] ?? 0) > 1 && !node.operands.isEmpty {
            let name = format == .latex ? "t_{\(names.count + 1)}" : "@\(names.count + 1)"
            let definition = ExpressionPrinter(format: format, names: names, latexNames: latexNames).print(node)
            lines.append("\(name) = \(definition)")
            names[node.id] = name
        }
        lines.append(ExpressionPrinter(format: format, names: names, latexNames: latexNames).print(self))
        return lines
    }
}
