import Foundation

/// The layouts ``EvaluationTrace/formatted(_:maximumRows:)`` writes.
public enum TraceFormat: String, Sendable, CaseIterable {
    /// Aligned plain-text tables.
    case text
    /// GitHub-flavoured Markdown tables.
    case markdown
    /// LaTeX `tabular` environments.
    case latex
}

extension EvaluationTrace {
    /// The trace as tables: the forward trace (with a tangent column if the
    /// trace has tangents), then the reverse sweep and the gradient. Values
    /// are shown as the notes do (3 decimals, integers exactly); tables
    /// longer than `maximumRows` show their first and last rows around a
    /// line that counts the rows left out.
    ///
    ///     let trace = try (x * y).evaluationTrace(at: ["x": 2, "y": 5], variables: ["x", "y"])
    ///     print(trace.formatted(.markdown).contains("| v1 | v-1 * v0 | 10 |"))
    ///     // Prints "true"
    public func formatted(_ format: TraceFormat, maximumRows: Int = 40) -> String {
        let tangentHeader = tangentVariable.map { "tangent (d/d\($0))" }
        var forward: [[String]] = rows.map { row in
            [row.name, row.definition, EvaluationTrace.number(row.value)] + (row.tangent.map { [EvaluationTrace.number($0)] } ?? [])
        }
        forward.append(["f", rows[outputRow].name, EvaluationTrace.number(value)]
                       + (rows[outputRow].tangent.map { [EvaluationTrace.number($0)] } ?? []))
        let reverse: [[String]] = adjoints.map { a in
            let terms = a.contributions.map { "\(bar(rows[$0.from].name)) * \(EvaluationTrace.number($0.partial))" }
            return [bar(rows[a.row].name), terms.isEmpty ? "1 (seed)" : terms.joined(separator: " + "),
                    EvaluationTrace.number(a.adjoint)]
        }
        let forwardOnly = adjoints.isEmpty
        let gradientLine = forwardOnly
            ? tangentVariable.map { "df/d\($0) = \(EvaluationTrace.number(rows[outputRow].tangent ?? .nan))" } ?? ""
            : zip(variables, gradient).map { "df/d\($0) = \(EvaluationTrace.number($1))" }.joined(separator: ", ")
        let forwardHeader = ["node", "definition", "value"] + (tangentHeader.map { [$0] } ?? [])
        let reverseHeader = ["adjoint", "sum of contributions", "value"]
        switch format {
        case .text:
            return "Forward evaluation trace\n" + EvaluationTrace.textTable(forwardHeader, forward, maximumRows)
                + (forwardOnly ? "" : "\nReverse adjoint trace\n" + EvaluationTrace.textTable(reverseHeader, reverse, maximumRows))
                + (forwardOnly ? "\n" : "\nGradient: ") + gradientLine + "\n"
        case .markdown:
            return "**Forward evaluation trace**\n\n" + EvaluationTrace.markdownTable(forwardHeader, forward, maximumRows)
                + (forwardOnly ? "" : "\n**Reverse adjoint trace**\n\n" + EvaluationTrace.markdownTable(reverseHeader, reverse, maximumRows))
                + (forwardOnly ? "\n" : "\nGradient: ") + gradientLine + "\n"
        case .latex:
            let l = { (s: String) in EvaluationTrace.latex(s) }
            return EvaluationTrace.latexTable(forwardHeader.map { "\\text{\($0)}" }, forward.map { $0.map(l) }, maximumRows)
                + (forwardOnly ? "" : "\n" + EvaluationTrace.latexTable(reverseHeader.map { "\\text{\($0)}" }, reverse.map { $0.map(l) }, maximumRows))
        }
    }

    /// `v5` as `v̄5`.
    private func bar(_ name: String) -> String { "v\u{0304}" + name.dropFirst() }

    /// A value as the notes print it: integers exactly, others with 3 decimals
    /// (scientific notation outside 0.001 … 10⁶).
    ///
    ///     EvaluationTrace.number(0.6931471805599453)   // "0.693"
    public static func number(_ v: Double) -> String {
        if v.isNaN { return "nan" }
        if v.isInfinite { return v < 0 ? "-inf" : "inf" }
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        let a = abs(v)
        if a >= 1e-3 && a < 1e6 {
            var s = String(format: "%.3f", v)
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
            return s == "-0" ? "0" : s
        }
        return String(format: "%.3e", v)
    }

    /// The rows to show: all, or the first and last halves with the count left out.
    static func elided(_ rows: [[String]], _ maximum: Int) -> (head: ArraySlice<[String]>, omitted: Int, tail: ArraySlice<[String]>) {
        guard rows.count > maximum, maximum >= 2 else { return (rows[...], 0, []) }
        let half = maximum / 2
        return (rows.prefix(half), rows.count - 2 * half, rows.suffix(half))
    }

    static func textTable(_ header: [String], _ rows: [[String]], _ maximum: Int) -> String {
        let (head, omitted, tail) = elided(rows, maximum)
        let shown = [header] + Array(head) + Array(tail)
        var widths = header.map { _ in 0 }
        for r in shown { for (k, c) in r.enumerated() { widths[k] = max(widths[k], c.count) } }
        func line(_ r: [String]) -> String {
            r.enumerated().map { k, c in k == r.count - 1 ? c : c + String(repeating: " ", count: widths[k] - c.count) }
                .joined(separator: "  ")
        }
        var lines = [line(header)] + head.map(line)
        if omitted > 0 { lines.append("... \(omitted) rows omitted ...") }
        lines += tail.map(line)
        return lines.joined(separator: "\n") + "\n"
    }

    static func markdownTable(_ header: [String], _ rows: [[String]], _ maximum: Int) -> String {
        let (head, omitted, tail) = elided(rows, maximum)
        func line(_ r: [String]) -> String { "| " + r.joined(separator: " | ") + " |" }
        var lines = [line(header), "|" + header.map { _ in "---|" }.joined()]
        lines += head.map(line)
        if omitted > 0 { lines.append(line(["…"] + ["\(omitted) rows omitted"] + header.dropFirst(2).map { _ in "" })) }
        lines += tail.map(line)
        return lines.joined(separator: "\n") + "\n"
    }

    static func latexTable(_ header: [String], _ rows: [[String]], _ maximum: Int) -> String {
        let (head, omitted, tail) = elided(rows, maximum)
        func line(_ r: [String]) -> String { r.map { "$\($0)$" }.joined(separator: " & ") + " \\\\" }
        var lines = ["\\begin{tabular}{l" + String(repeating: "l", count: header.count - 2) + "r}", line(header), "\\hline"]
        lines += head.map(line)
        if omitted > 0 { lines.append("\\multicolumn{\(header.count)}{c}{\\dots\\ \(omitted) rows omitted \\dots} \\\\") }
        lines += tail.map(line)
        lines.append("\\end{tabular}")
        return lines.joined(separator: "\n") + "\n"
    }

    /// `v-1` as `v_{-1}`, `ln` as `\ln`, `*` as `\times`, `v̄` as `\bar{v}`.
    static func latex(_ text: String) -> String {
        var s = text.replacingOccurrences(of: " * ", with: " \\times ")
        s = s.replacingOccurrences(of: " / ", with: " \\div ")
        s = s.replacingOccurrences(of: "ln(", with: "\\ln(")
        var result = ""
        let chars = Array(s)
        let barred = Character("v\u{0304}")
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if (c == "v" || c == barred), i + 1 < chars.count, chars[i + 1] == "-" || chars[i + 1].isNumber,
               i == 0 || !(chars[i - 1].isLetter || chars[i - 1] == "_") {
                var j = i + 1
                if chars[j] == "-" { j += 1 }
                while j < chars.count, chars[j].isNumber { j += 1 }
                let index = String(chars[(i + 1)..<j])
                result += c == barred ? "\\bar{v}_{\(index)}" : "v_{\(index)}"
                i = j
            } else {
                result.append(c)
                i += 1
            }
        }
        return result
    }
}
