import Symbolic

/// Turns expression text into expressions, converting the parser's errors
/// into ``CommandError/parse(_:input:)`` so they are reported with the input
/// and a caret.
enum ExpressionReader {
    /// Parses one expression.
    static func parse(_ text: String, functions: FunctionRegistry = FunctionRegistry()) throws(CommandError) -> Expression {
        do {
            return try Expression(parsing: text, functions: functions)
        } catch {
            throw .parse(error, input: text)
        }
    }

    /// Parses `a; b; c` into its expressions; a line break outside
    /// parentheses also separates expressions (one per line), unless the line
    /// ends with an operator, `(` or `,`, or the next line starts with the
    /// `in` of a `let` form, which continue it.
    static func parseList(_ text: String, functions: FunctionRegistry = FunctionRegistry()) throws(CommandError) -> [Expression] {
        do {
            return try Expression.parseList(linesAsSeparators(text), functions: functions)
        } catch {
            throw .parse(error, input: text)
        }
    }

    /// `text` with each line break that ends an expression replaced by `;`
    /// and other line breaks by spaces: one character for one, so columns
    /// still count from the start of `text`.
    static func linesAsSeparators(_ text: String) -> String {
        guard text.contains(where: \.isNewline) else { return text }
        var result = ""
        var depth = 0
        var last: Character? = nil   // the last non-blank character since a separator
        let characters = Array(text)
        for (offset, character) in characters.enumerated() {
            if character.isNewline {
                let continues = last.map { "+-*/^(,;=".contains($0) } ?? true
                    || startsWithIn(characters[(offset + 1)...])
                if depth == 0 && !continues {
                    result.append(";")
                    last = nil
                } else {
                    result.append(" ")
                }
                continue
            }
            if character == "(" { depth += 1 } else if character == ")" { depth = Swift.max(0, depth - 1) }
            if character == ";" { last = nil } else if !character.isWhitespace { last = character }
            result.append(character)
        }
        return result
    }

    /// Whether `rest` starts, after blanks, with the word `in`.
    private static func startsWithIn(_ rest: ArraySlice<Character>) -> Bool {
        let word = rest.drop(while: { $0.isWhitespace })
        guard word.starts(with: ["i", "n"]) else { return false }
        let next = word.dropFirst(2).first
        return next.map { !($0.isLetter || $0.isNumber || $0 == "_") } ?? true
    }

    /// For input of several lines: the 1-based line of the 1-based
    /// character `column` of `input`, the column within that line, and the
    /// line's text; `nil` for one-line input.
    static func location(ofColumn column: Int, in input: String) -> (line: Int, column: Int, text: String)? {
        guard input.contains(where: \.isNewline) else { return nil }
        var line = 1, start = 0, offset = 0
        let characters = Array(input)
        let target = Swift.min(Swift.max(column - 1, 0), characters.count)
        while offset < target {
            if characters[offset].isNewline { line += 1; start = offset + 1 }
            offset += 1
        }
        var end = start
        while end < characters.count && !characters[end].isNewline { end += 1 }
        return (line, target - start + 1, String(characters[start..<end]))
    }
}

/// The closest spelling among `candidates` to the unknown `word`, using the
/// parser's "did you mean" matcher, but never a candidate that the word
/// would have to be rewritten entirely to reach (so `x` does not suggest `h`).
func suggestion(for word: String, among candidates: [String]) -> String? {
    guard let match = closestMatch(to: word, in: candidates) else { return nil }
    return editDistance(word.lowercased(), match.lowercased()) < match.count ? match : nil
}
