/// Builds the text of an SVG document one element at a time.
///
/// Output is deterministic: attributes are written in the order given,
/// numbers in a fixed form (``SVGNumber``), text and attribute values
/// escaped for XML (``XMLEscaping``). One element per line keeps diffs of
/// generated pictures readable.
struct SVGDocument {
    private(set) var text = ""
    private var depth = 0

    /// Starts a document of `width` × `height` user units (CSS pixels).
    init(width: Double, height: Double, fontFamily: String) {
        text.reserveCapacity(16_384)
        text += #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
        let w = SVGNumber.format(width), h = SVGNumber.format(height)
        open("svg", [("xmlns", "http://www.w3.org/2000/svg"), ("width", w), ("height", h),
                     ("viewBox", "0 0 \(w) \(h)"), ("font-family", fontFamily)])
    }

    /// Writes `<name a="v" ...>` and indents what follows.
    mutating func open(_ name: String, _ attributes: [(String, String)] = []) {
        startTag(name, attributes)
        text += ">\n"
        depth += 1
    }

    /// Writes `</name>`.
    mutating func close(_ name: String) {
        depth -= 1
        indent()
        text += "</\(name)>\n"
    }

    /// Writes an empty element `<name a="v" .../>`.
    mutating func element(_ name: String, _ attributes: [(String, String)]) {
        startTag(name, attributes)
        text += "/>\n"
    }

    /// Writes `<name ...>content</name>` with `content` escaped.
    mutating func element(_ name: String, _ attributes: [(String, String)], content: String) {
        startTag(name, attributes)
        text += ">"
        XMLEscaping.appendEscaped(content, to: &text)
        text += "</\(name)>\n"
    }

    /// Writes a comment (for people reading the file; `--` is not allowed
    /// inside XML comments, so it is replaced).
    mutating func comment(_ content: String) {
        indent()
        text += "<!-- " + content.replacingOccurrences(of: "--", with: "- -") + " -->\n"
    }

    /// Closes the root element and returns the finished document.
    mutating func finish() -> String {
        close("svg")
        return text
    }

    private mutating func startTag(_ name: String, _ attributes: [(String, String)]) {
        indent()
        text += "<" + name
        for (key, value) in attributes {
            text += " " + key + "=\""
            XMLEscaping.appendEscaped(value, to: &text, quotes: true)
            text += "\""
        }
    }

    private mutating func indent() {
        for _ in 0..<depth { text += " " }
    }
}

/// Escaping of text and attribute values for XML.
enum XMLEscaping {
    /// `text` with `&`, `<`, `>` (and with `quotes`, `"`) replaced by
    /// entities; control characters XML 1.0 forbids become spaces.
    ///
    ///     XMLEscaping.escaped("a<b & \"c\"", quotes: true)   // "a&lt;b &amp; &quot;c&quot;"
    static func escaped(_ text: String, quotes: Bool = false) -> String {
        var result = ""
        appendEscaped(text, to: &result, quotes: quotes)
        return result
    }

    static func appendEscaped(_ text: String, to result: inout String, quotes: Bool = false) {
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"" where quotes: result += "&quot;"
            case "\t", "\n", "\r": result.unicodeScalars.append(quotes ? " " : scalar)
            default:
                // XML 1.0 allows no other C0 controls, nor U+FFFE/U+FFFF.
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    result += " "
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
    }
}

/// The fixed number format of SVG coordinates: rounded to 1/100 of a unit,
/// no exponent, no trailing zeros, no negative zero.
///
///     SVGNumber.format(12.345)   // "12.35"
///     SVGNumber.format(-0.001)   // "0"
///     SVGNumber.format(3)        // "3"
enum SVGNumber {
    /// Coordinates beyond this magnitude are clamped (a stray huge value
    /// must not produce text like `1e+300`, which SVG renderers reject).
    static let limit = 1e7

    static func format(_ value: Double) -> String {
        var text = ""
        append(value, to: &text)
        return text
    }

    /// Appends the formatted `value` (NaN is written as 0).
    static func append(_ value: Double, to text: inout String) {
        let clamped = value.isNaN ? 0 : Swift.min(Swift.max(value, -limit), limit)
        let hundredths = Int64((clamped * 100).rounded())
        if hundredths < 0 { text += "-" }
        let magnitude = hundredths.magnitude
        text += String(magnitude / 100)
        let fraction = magnitude % 100
        if fraction != 0 {
            text += fraction % 10 == 0 ? ".\(fraction / 10)" : (fraction < 10 ? ".0\(fraction)" : ".\(fraction)")
        }
    }
}

/// Compact SVG path data: `M1 2L3 4L5 6Z`.
struct SVGPath {
    private(set) var data = ""

    /// Starts a new subpath at (x, y).
    mutating func move(_ x: Double, _ y: Double) {
        data += "M"
        appendPoint(x, y)
    }

    /// Draws a straight line to (x, y).
    mutating func line(_ x: Double, _ y: Double) {
        data += "L"
        appendPoint(x, y)
    }

    /// Closes the current subpath.
    mutating func closeSubpath() { data += "Z" }

    /// Whether nothing has been drawn.
    var isEmpty: Bool { data.isEmpty }

    private mutating func appendPoint(_ x: Double, _ y: Double) {
        SVGNumber.append(x, to: &data)
        data += " "
        SVGNumber.append(y, to: &data)
    }
}
