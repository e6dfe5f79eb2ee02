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

    /// The expression with its shared compound subexpressions bound once
    /// each, in a `let` form that ``init(parsing:maximumNesting:)`` reads
    /// back to the same expression:
    ///
    ///     let f = try Expression(parsing: "y*(sin(x) + 1)^2 + exp(sin(x) + 1)")
    ///     print(f.sharedDescription)
    ///     // Prints:
    ///     // let t1 = sin(x) + 1
    ///     // in y*t1^2 + exp(t1)
    ///
    /// A subexpression used more than once gets a binding `tK` (another
    /// letter when the expression has variables like `t1`), one per line;
    /// each binding uses only earlier ones, and every binding is used. An
    /// expression without shared parts prints as ``description`` would in
    /// full. The text is linear in the number of distinct nodes, however
    /// large the tree.
    ///
    /// - Complexity: O(n log n) for n distinct nodes, plus the output.
    public var sharedDescription: String {
        sharedText(format: .infix)
    }

    /// The shared form in `format`: infix `let … in …`, or for LaTeX the
    /// body followed by a `\text{where }` line per temporary.
    func sharedText(format: ExpressionPrinter.Format, latexNames: [String: String] = [:]) -> String {
        let temporaries = sharedTemporaries()
        let prefix = Expression.temporaryPrefix(avoiding: variables)
        var names: [Int: String] = [:]
        var bindings: [String] = []
        for node in temporaries {
            let name = format == .latex ? "\(prefix)_{\(names.count + 1)}" : "\(prefix)\(names.count + 1)"
            let definition = ExpressionPrinter(format: format, names: names, latexNames: latexNames).print(node)
            bindings.append("\(name) = \(definition)")
            names[node.id] = name
        }
        let body = ExpressionPrinter(format: format, names: names, latexNames: latexNames).print(self)
        guard !bindings.isEmpty else { return body }
        if format == .latex {
            return ([body, "\\text{where } " + bindings[0]] + bindings.dropFirst()).joined(separator: ", \\\\\n")
        }
        return "let " + bindings.joined(separator: ",\n    ") + "\nin " + body
    }

    /// The compound nodes to bind, in an order where each uses only earlier
    /// ones: those the graph uses more than once, less those the printer
    /// would never refer to by name (a reciprocal printed after `/`, a
    /// negative term printed after ` - `), so that every binding is used.
    private func sharedTemporaries() -> [Expression] {
        let nodes = topologicallySortedNodes()
        var uses: [Int: Int] = [:]
        for node in nodes {
            for operand in node.operands { uses[operand.id, default: 0] += 1 }
        }
        let candidates = nodes.filter { $0 != self && (uses[$0.id] ?? 0) > 1 && !$0.operands.isEmpty }
        guard !candidates.isEmpty else { return [] }
        // Print once with every candidate named, counting the references.
        var names: [Int: String] = [:]
        for node in candidates { names[node.id] = "t" }
        let printer = ExpressionPrinter(format: .infix, names: names)
        var referencedBy: [[Int]] = []
        var count: [Int: Int] = [:]
        for node in candidates + [self] {
            var references: [Int] = []
            _ = printer.print(node, references: &references)
            for id in references { count[id, default: 0] += 1 }
            referencedBy.append(references)
        }
        // Drop the unreferenced, and what only they referred to.
        let position = Dictionary(uniqueKeysWithValues: candidates.enumerated().map { ($1.id, $0) })
        var dropped = Set<Int>()
        var pending = candidates.indices.filter { (count[candidates[$0].id] ?? 0) == 0 }
        while let i = pending.popLast() {
            guard dropped.insert(i).inserted else { continue }
            for id in referencedBy[i] {
                count[id]! -= 1
                if count[id] == 0, let j = position[id] { pending.append(j) }
            }
        }
        return candidates.indices.filter { !dropped.contains($0) }.map { candidates[$0] }
    }

    /// The first of `t`, `u`, `w`, `s`, `tt`, `ttt`, … that no variable
    /// spells as the prefix followed by digits (`t1`) or by `_` and digits
    /// (`t_1`, which LaTeX prints like `t1`).
    static func temporaryPrefix(avoiding variables: [String]) -> String {
        func clashes(_ prefix: String) -> Bool {
            variables.contains { name in
                guard name.hasPrefix(prefix) else { return false }
                var rest = name.dropFirst(prefix.count)
                if rest.first == "_" { rest = rest.dropFirst() }
                return !rest.isEmpty && rest.allSatisfy(\.isASCII) && rest.allSatisfy(\.isNumber)
            }
        }
        for prefix in ["t", "u", "w", "s"] where !clashes(prefix) { return prefix }
        var prefix = "tt"
        while clashes(prefix) { prefix += "t" }
        return prefix
    }
}
