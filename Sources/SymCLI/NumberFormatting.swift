/// How `sym` writes numbers: the shortest text that reads back to exactly
/// the same `Double`, with integral values written without a trailing `.0`.
///
///     NumberFormatting.text(42.0)                  // "42"
///     NumberFormatting.text(1.7163378145367738)    // "1.7163378145367738"
///     NumberFormatting.text(0.001)                 // "0.001"
///     NumberFormatting.text(1e-7)                  // "1e-07"
///     NumberFormatting.text(.infinity)             // "inf"
///     NumberFormatting.json(.nan)                  // "null"
enum NumberFormatting {
    /// The number for text output: Swift's shortest round-trip form without
    /// a trailing `.0`; non-finite values as `inf`, `-inf`, `nan`.
    static func text(_ value: Double) -> String {
        let text = value.description
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }

    /// The number as a JSON value: like ``text(_:)``, or `null` when the
    /// value is not finite (JSON has no infinities or NaN).
    static func json(_ value: Double) -> String {
        value.isFinite ? text(value) : "null"
    }

    /// The number in LaTeX: `42`, `-0.5`, `1.5 \times 10^{-7}`, `\infty`,
    /// `\mathrm{NaN}`.
    static func latex(_ value: Double) -> String {
        if value.isNaN { return "\\mathrm{NaN}" }
        if value.isInfinite { return value < 0 ? "-\\infty" : "\\infty" }
        let text = text(value)
        guard let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) else { return text }
        let mantissa = text[..<e]
        var exponent = String(text[text.index(after: e)...])
        if exponent.hasPrefix("+") { exponent.removeFirst() }
        let negative = exponent.hasPrefix("-")
        if negative { exponent.removeFirst() }
        while exponent.count > 1, exponent.hasPrefix("0") { exponent.removeFirst() }
        return "\(mantissa) \\times 10^{\(negative ? "-" : "")\(exponent)}"
    }
}
