/// A JSON value with object keys kept in the order they were written.
///
/// `sym`'s JSON output has a fixed key order and spacing that scripts may
/// compare textually, which Foundation's `JSONEncoder` does not promise;
/// this tiny writer does.
indirect enum JSONValue: Equatable {
    /// A string, escaped on output.
    case string(String)
    /// A number, written with ``NumberFormatting/json(_:)`` (`null` if not finite).
    case number(Double)
    /// An exact integer.
    case integer(Int)
    /// `true` or `false`.
    case bool(Bool)
    /// `null`.
    case null
    /// An array.
    case array([JSONValue])
    /// An object whose keys appear in this order.
    case object([(String, JSONValue)])

    static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        lhs.serialized() == rhs.serialized()
    }

    /// The value on one line with `": "` after keys and `", "` between
    /// elements: `{"value": 42, "names": ["a", "b"]}`.
    ///
    /// Nesting depth is fixed by the command (at most a matrix inside an
    /// object), so the recursion here does not depend on user input.
    func serialized() -> String {
        var text = ""
        write(to: &text)
        return text
    }

    private func write(to text: inout String) {
        switch self {
        case .string(let s): JSONValue.writeString(s, to: &text)
        case .number(let d): text += NumberFormatting.json(d)
        case .integer(let i): text += String(i)
        case .bool(let b): text += b ? "true" : "false"
        case .null: text += "null"
        case .array(let elements):
            text += "["
            for (i, element) in elements.enumerated() {
                if i > 0 { text += ", " }
                element.write(to: &text)
            }
            text += "]"
        case .object(let members):
            text += "{"
            for (i, (key, value)) in members.enumerated() {
                if i > 0 { text += ", " }
                JSONValue.writeString(key, to: &text)
                text += ": "
                value.write(to: &text)
            }
            text += "}"
        }
    }

    /// Writes `s` as a JSON string literal, escaping quotes, backslashes and
    /// control characters (RFC 8259 §7).
    static func writeString(_ s: String, to text: inout String) {
        text += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case "\u{08}": text += "\\b"
            case "\u{0C}": text += "\\f"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    text.unicodeScalars.append(scalar)
                }
            }
        }
        text += "\""
    }
}

extension JSONValue {
    /// An array of numbers.
    static func numbers(_ values: [Double]) -> JSONValue { .array(values.map(JSONValue.number)) }
    /// An array of strings.
    static func strings(_ values: [String]) -> JSONValue { .array(values.map(JSONValue.string)) }
}
