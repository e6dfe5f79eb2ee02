extension ParseError {
    /// The input line with a caret under the error, for printing after the
    /// error's description:
    ///
    ///     let error = ParseError(.unexpectedToken(")"), column: 6)
    ///     print(error.caretDiagnostic(for: "2*(x+)"))
    ///     // Prints:
    ///     //   2*(x+)
    ///     //        ^
    ///
    /// The input is indented by two spaces; the caret is followed by one `~`
    /// per further character of the offending text (`^~~~` for a four-letter
    /// name). Line breaks in the input are shown as spaces so the input stays
    /// one line, tabs are kept in both lines so the caret stays aligned, and
    /// input longer than 100 characters is cut to a window around the error,
    /// with `...` marking the cuts. Alignment assumes one terminal cell per
    /// `Character`, which holds for ASCII and most European text.
    ///
    /// - Parameter input: The text that was parsed when the error was thrown.
    /// - Returns: Two lines separated by `"\n"`, without a trailing newline.
    public func caretDiagnostic(for input: String) -> String {
        let characters = Array(input)
        let window = ParseError.windowWidth
        // Zero-based offset of the error, clamped so a column from another
        // input never traps.
        let offset = min(max(column - 1, 0), characters.count)
        var start = 0, end = characters.count
        if characters.count > window {
            start = max(0, min(offset - window / 2, characters.count - window))
            end = min(characters.count, start + window)
        }
        let visible = characters[start..<end].map { $0.isNewline ? " " : $0 }
        let leading = start > 0 ? "..." : ""
        let trailing = end < characters.count ? "..." : ""

        var padding = String(repeating: " ", count: leading.count)
        for character in visible.prefix(offset - start) {
            padding.append(character == "\t" ? "\t" : " ")
        }
        // The caret covers the offending text, but no further than one past
        // the visible text (the end-of-input position).
        let room = max(1, end - offset + (end == characters.count ? 1 : 0))
        let carets = "^" + String(repeating: "~", count: max(0, min(length, room) - 1))
        return "  " + leading + String(visible) + trailing + "\n  " + padding + carets
    }

    /// The most characters of the input a diagnostic shows.
    static let windowWidth = 100
}
