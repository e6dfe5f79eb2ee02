/// One token of the expression language with its position in the input.
struct Token: Sendable {
    /// The token's category and, for numbers and names, its value.
    enum Kind: Equatable, Sendable {
        case number(Number)
        case identifier(String)
        case plus, minus, star, slash
        /// `^` or `**`.
        case power
        case leftParenthesis, rightParenthesis, comma, semicolon
        /// `=`, which appears only in the bindings of a `let` form.
        case equals
        /// The end of the input.
        case end
    }

    let kind: Kind
    /// The token as written (`**` for the long power operator, `""` at the end).
    let text: String
    /// Offset of the first byte in the input's UTF-8 encoding. Every token is
    /// ASCII, so its bytes are also its characters.
    let offset: Int

    /// Length in `Character`s (= bytes, since tokens are ASCII).
    var length: Int { text.utf8.count }
}

/// Splits the input into tokens on demand, so that the first error reported
/// is the leftmost one in the input, whether lexical or syntactic.
///
/// Every token of the language is ASCII, so the lexer scans UTF-8 bytes (a
/// `Character`-by-`Character` scan is several times slower). Unicode
/// whitespace is skipped like a space; any other non-ASCII character is an
/// `unexpectedCharacter` error. Columns, which count `Character`s, are worked
/// out by ``column(ofByte:)`` only when an error is reported.
struct Lexer {
    let text: String
    private let bytes: [UInt8]
    private var position = 0

    init(_ text: String) {
        self.text = text
        bytes = Array(text.utf8)
    }

    /// The next token; `.end` forever once the input is exhausted.
    mutating func next() throws(ParseError) -> Token {
        try skipWhitespace()
        guard position < bytes.count else { return Token(kind: .end, text: "", offset: bytes.count) }
        switch bytes[position] {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."):
            return try number()
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"):
            return identifier()
        case UInt8(ascii: "*"):
            if byte(after: 1) == UInt8(ascii: "*") { return symbol(.power, "**") }
            return symbol(.star, "*")
        case UInt8(ascii: "+"): return symbol(.plus, "+")
        case UInt8(ascii: "-"): return symbol(.minus, "-")
        case UInt8(ascii: "/"): return symbol(.slash, "/")
        case UInt8(ascii: "^"): return symbol(.power, "^")
        case UInt8(ascii: "("): return symbol(.leftParenthesis, "(")
        case UInt8(ascii: ")"): return symbol(.rightParenthesis, ")")
        case UInt8(ascii: ","): return symbol(.comma, ",")
        case UInt8(ascii: ";"): return symbol(.semicolon, ";")
        case UInt8(ascii: "="): return symbol(.equals, "=")
        default: throw unexpectedCharacter(atByte: position)
        }
    }

    /// Skips ASCII and Unicode whitespace.
    private mutating func skipWhitespace() throws(ParseError) {
        while position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"), 0x0B, 0x0C:
                position += 1
            case 0x80...:
                let (scalar, end) = scalar(atByte: position)
                guard scalar.properties.isWhitespace else { throw unexpectedCharacter(atByte: position) }
                position = end
            default:
                return
            }
        }
    }

    private func byte(after distance: Int) -> UInt8? {
        position + distance < bytes.count ? bytes[position + distance] : nil
    }

    private mutating func symbol(_ kind: Token.Kind, _ spelling: String) -> Token {
        defer { position += spelling.utf8.count }
        return Token(kind: kind, text: spelling, offset: position)
    }

    private static func isDigit(_ byte: UInt8?) -> Bool {
        guard let byte else { return false }
        return byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private static func isIdentifierByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"):
            return true
        default:
            return false
        }
    }

    private mutating func identifier() -> Token {
        let start = position
        while position < bytes.count && Lexer.isIdentifierByte(bytes[position]) { position += 1 }
        let name = String(decoding: bytes[start..<position], as: UTF8.self)
        return Token(kind: .identifier(name), text: name, offset: start)
    }

    /// `digits [. digits] [e [+|-] digits]` or `. digits [e [+|-] digits]`.
    /// An `e` not followed by a digit (after an optional sign) ends the
    /// number, so `2e` is `2` then the name `e` (reported as implicit
    /// multiplication by the parser).
    private mutating func number() throws(ParseError) -> Token {
        let start = position
        var digits = 0, isReal = false
        while Lexer.isDigit(byte(after: 0)) { position += 1; digits += 1 }
        if byte(after: 0) == UInt8(ascii: ".") {
            isReal = true
            position += 1
            while Lexer.isDigit(byte(after: 0)) { position += 1; digits += 1 }
        }
        guard digits > 0 else { throw unexpectedCharacter(atByte: start) }
        if byte(after: 0) == UInt8(ascii: "e") || byte(after: 0) == UInt8(ascii: "E") {
            let signed = byte(after: 1) == UInt8(ascii: "+") || byte(after: 1) == UInt8(ascii: "-")
            if Lexer.isDigit(byte(after: signed ? 2 : 1)) {
                isReal = true
                position += signed ? 2 : 1
                while Lexer.isDigit(byte(after: 0)) { position += 1 }
            }
        }
        // `1.2.3` and `1e5.5` are malformed rather than two numbers.
        if byte(after: 0) == UInt8(ascii: ".") { throw unexpectedCharacter(atByte: position) }
        let literal = String(decoding: bytes[start..<position], as: UTF8.self)
        let value: Number
        if !isReal, let integer = Int(literal) {
            value = .integer(integer)
        } else if let real = Double(literal), real.isFinite {
            // Integers beyond Int's range become the nearest Double.
            value = .real(real)
        } else {
            throw ParseError(.numberOutOfRange(literal), column: column(ofByte: start), length: literal.utf8.count)
        }
        return Token(kind: .number(value), text: literal, offset: start)
    }

    /// The Unicode scalar starting at byte `offset` and the offset after it.
    private func scalar(atByte offset: Int) -> (Unicode.Scalar, Int) {
        var iterator = bytes[offset...].makeIterator()
        var decoder = UTF8()
        if case .scalarValue(let scalar) = decoder.decode(&iterator) {
            return (scalar, offset + String(scalar).utf8.count)
        }
        // `String` storage is valid UTF-8, so this is unreachable; treat the
        // byte as a replacement character rather than trap.
        return ("\u{FFFD}", offset + 1)
    }

    /// The error for the character that contains byte `offset`.
    private func unexpectedCharacter(atByte offset: Int) -> ParseError {
        let (character, column) = characterAndColumn(containingByte: offset)
        return ParseError(.unexpectedCharacter(character), column: column)
    }

    /// The 1-based `Character` column of the character starting at byte
    /// `offset` (one past the last character for `offset == bytes.count`).
    ///
    /// - Complexity: O(offset); called only to report an error.
    func column(ofByte offset: Int) -> Int {
        characterAndColumn(containingByte: offset).column
    }

    /// The `Character` whose UTF-8 bytes include `offset`, and its column.
    /// A non-ASCII scalar can belong to a character that starts earlier
    /// (`e` + U+0301 is one character `é`), so this walks whole characters.
    private func characterAndColumn(containingByte offset: Int) -> (character: Character, column: Int) {
        let target = text.utf8.index(text.startIndex, offsetBy: min(max(offset, 0), bytes.count))
        var index = text.startIndex, column = 1
        while index < text.endIndex {
            let next = text.index(after: index)
            if next > target { return (text[index], column) }
            index = next
            column += 1
        }
        return (" ", column)
    }
}
