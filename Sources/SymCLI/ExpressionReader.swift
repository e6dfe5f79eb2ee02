import Symbolic

/// Turns expression text into expressions, converting the parser's errors
/// into ``CommandError/parse(_:input:)`` so they are reported with the input
/// and a caret.
enum ExpressionReader {
    /// Parses one expression.
    static func parse(_ text: String) throws(CommandError) -> Expression {
        do {
            return try Expression(parsing: text)
        } catch {
            throw .parse(error, input: text)
        }
    }

    /// Parses `a; b; c` into its expressions.
    static func parseList(_ text: String) throws(CommandError) -> [Expression] {
        do {
            return try Expression.parseList(text)
        } catch {
            throw .parse(error, input: text)
        }
    }
}

/// The closest spelling among `candidates` to the unknown `word`, using the
/// parser's "did you mean" matcher, but never a candidate that the word
/// would have to be rewritten entirely to reach (so `x` does not suggest `h`).
func suggestion(for word: String, among candidates: [String]) -> String? {
    guard let match = closestMatch(to: word, in: candidates) else { return nil }
    return editDistance(word.lowercased(), match.lowercased()) < match.count ? match : nil
}
