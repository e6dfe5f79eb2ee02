/// A problem with a data table or the CSV text it was read from.
///
/// Every error names its source (a file path, or "standard input") and,
/// where the problem has a place, the 1-based line and column (in
/// characters) where it starts, so messages read like a compiler's:
///
///     do {
///         _ = try DataTable(csv: "x,y\n1,2\n3\n", source: "data.csv")
///     } catch {
///         print(error)
///         // Prints "data.csv:3:2: expected 2 values as in the header, found 1"
///     }
public struct DataError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: Equatable, Sendable {
        /// The input has no header row (it is empty, or only blank and
        /// comment lines).
        case emptyInput
        /// A header cell is empty.
        case emptyColumnName(position: Int)
        /// Two header cells have the same name.
        case duplicateColumnName(String)
        /// A row has a different number of cells from the header.
        case raggedRow(expected: Int, found: Int)
        /// A cell is empty.
        case emptyCell(column: String)
        /// A cell is not a number.
        case notANumber(String, column: String)
        /// A cell is `inf`, `nan` or too large for a double, and the reader
        /// does not allow non-finite values.
        case nonFiniteValue(String, column: String)
        /// A quoted cell has no closing quote.
        case unterminatedQuote
        /// Something other than a comma or the line end follows a quoted cell.
        case textAfterQuote
        /// The input is not valid UTF-8 text.
        case invalidText
        /// A column that was asked for does not exist.
        case unknownColumn(String, suggestion: String?, available: [String])
        /// The file could not be read.
        case unreadable(reason: String)
        /// Columns of different lengths were put into one table.
        case columnLengthMismatch(column: String, expected: Int, found: Int)
        /// A value that is not a label the loss accepts (reported by a
        /// fit), with what the loss needs, e.g. `the logistic loss needs
        /// labels 0/1 or -1/+1`.
        case invalidLabel(String, column: String, requirement: String)
    }

    /// What went wrong.
    public var kind: Kind
    /// The file path, "standard input", or a caller's name for the data.
    public var source: String
    /// The 1-based line, when the problem has one.
    public var line: Int?
    /// The 1-based column in characters, when the problem has one.
    public var column: Int?

    /// Creates an error.
    ///
    ///     let error = DataError(.emptyInput, source: "data.csv")
    ///     print(error)   // Prints "data.csv: the data is empty; expected a header row naming the columns"
    public init(_ kind: Kind, source: String, line: Int? = nil, column: Int? = nil) {
        self.kind = kind
        self.source = source
        self.line = line
        self.column = column
    }

    /// `SOURCE:LINE:COLUMN: message`, a fragment that reads well after
    /// "error: ".
    public var description: String {
        var place = source
        if let line {
            place += ":\(line)"
            if let column { place += ":\(column)" }
        }
        return "\(place): \(message)"
    }

    /// The message without the place.
    public var message: String {
        switch kind {
        case .emptyInput:
            return "the data is empty; expected a header row naming the columns"
        case .emptyColumnName(let position):
            return "column \(position) of the header has no name"
        case .duplicateColumnName(let name):
            return "the column name '\(name)' appears twice in the header"
        case .raggedRow(let expected, let found):
            return "expected \(expected) value\(expected == 1 ? "" : "s") as in the header, found \(found)"
        case .emptyCell(let column):
            return "the value for '\(column)' is empty"
        case .notANumber(let text, let column):
            return "the value '\(text)' for '\(column)' is not a number"
        case .nonFiniteValue(let text, let column):
            return "the value '\(text)' for '\(column)' is not a finite number"
        case .unterminatedQuote:
            return "a quoted value has no closing quote"
        case .textAfterQuote:
            return "unexpected text after a quoted value; expected ',' or the end of the line"
        case .invalidText:
            return "the data is not valid UTF-8 text"
        case .unknownColumn(let name, let suggestion, let available):
            var text = "there is no column named '\(name)'"
            if let suggestion { text += " (did you mean '\(suggestion)'?)" }
            return text + "; the columns are: \(available.joined(separator: ", "))"
        case .unreadable(let reason):
            return "cannot read the data: \(reason)"
        case .columnLengthMismatch(let column, let expected, let found):
            return "column '\(column)' has \(found) values, expected \(expected) like the others"
        case .invalidLabel(let text, let column, let requirement):
            return "the value '\(text)' for '\(column)' is not a valid label; \(requirement)"
        }
    }
}
