import Symbolic

/// Turns expression text into expressions, converting the parser's errors
/// into ``CommandError/parse(message:input:location:)`` so they are reported
/// with the input and a caret.
enum ExpressionReader {
    /// Parses one expression.
    static func parse(_ text: String) throws(CommandError) -> Expression {
        do {
            return try TemporaryParser.parse(text)
        } catch {
            throw .parse(message: error.message, input: text, location: InputLocation(column: error.column, length: error.length))
        }
    }

    /// Parses `a; b; c` into its expressions.
    static func parseList(_ text: String) throws(CommandError) -> [Expression] {
        var expressions: [Expression] = []
        var offset = 0
        for piece in text.split(separator: ";", omittingEmptySubsequences: false) {
            do {
                expressions.append(try TemporaryParser.parse(String(piece)))
            } catch {
                let location = InputLocation(column: error.column + offset, length: error.length)
                throw .parse(message: error.message, input: text, location: location)
            }
            offset += piece.count + 1
        }
        return expressions
    }
}

/// Renders the excerpt shown under a parse error: the offending line,
/// indented by two spaces, and a caret line marking the error's columns.
///
///     error: unexpected ')' at column 6
///       2*(x+)
///            ^
enum CaretDiagnostic {
    /// Lines longer than this are cut to a window around the error.
    static let maximumExcerptWidth = 100
    /// Characters kept on each side of the error in a cut line.
    static let windowRadius = 40

    /// The two lines to print after the error message.
    ///
    /// `location.column` counts characters from the start of `input`
    /// (newlines included); for multi-line input the line holding that column
    /// is shown. Tabs and newlines are shown as spaces so the caret lines up.
    static func excerpt(input: String, location: InputLocation) -> [String] {
        let characters = Array(input)
        var errorIndex = max(0, min(location.column - 1, characters.count))
        // Find the line that holds the error.
        var lineStart = errorIndex
        while lineStart > 0, !characters[lineStart - 1].isNewline { lineStart -= 1 }
        var lineEnd = errorIndex
        while lineEnd < characters.count, !characters[lineEnd].isNewline { lineEnd += 1 }
        var line = characters[lineStart..<lineEnd].map { $0 == "\t" ? " " : $0 }
        errorIndex -= lineStart
        var length = max(1, min(location.length, line.count - errorIndex))
        // Cut very long lines to a window around the error.
        var prefix = "", suffix = ""
        if line.count > maximumExcerptWidth {
            let from = max(0, errorIndex - windowRadius)
            let to = min(line.count, errorIndex + length + windowRadius)
            if from > 0 { prefix = "..." }
            if to < line.count { suffix = "..." }
            line = Array(line[from..<to])
            errorIndex -= from
            length = max(1, min(length, line.count - errorIndex))
        }
        let shown = "  " + prefix + String(line) + suffix
        let caret = String(repeating: " ", count: 2 + prefix.count + errorIndex)
            + "^" + String(repeating: "~", count: length - 1)
        return [shown, caret]
    }
}
