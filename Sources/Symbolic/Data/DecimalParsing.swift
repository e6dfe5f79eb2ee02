/// Decimal numbers read straight from UTF-8 bytes, correctly rounded.
///
/// A CSV file of a million rows holds millions of numbers; building a
/// `String` per cell to call `Double(_:)` costs more than everything else
/// the reader does. Most data cells have at most 19 significant digits and a
/// small exponent, where Clinger's fast path gives the correctly rounded
/// double with one exact integer conversion and one correctly rounded
/// multiplication or division; every other well-formed number falls back to
/// the standard library's (correctly rounded) conversion.
enum DecimalParsing {
    /// The outcome of reading one cell.
    enum Outcome: Equatable {
        /// A number (possibly infinite or NaN when written `inf` or `nan`).
        case number(Double)
        /// The bytes do not form a number.
        case invalid
    }

    /// Exact powers of ten up to 10²², the largest exactly representable.
    private static let powersOfTen: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    /// Reads the number in `bytes[start..<end]` (already trimmed): an
    /// optional sign, digits with at most one decimal point (at least one
    /// digit in all), an optional exponent `e`/`E` with optional sign and at
    /// least one digit; or `inf`, `infinity`, `nan` in any case, with an
    /// optional sign.
    ///
    /// - Complexity: O(end − start).
    static func parse(_ bytes: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Outcome {
        var i = start
        guard i < end else { return .invalid }
        var negative = false
        if bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") {
            negative = bytes[i] == UInt8(ascii: "-")
            i += 1
        }
        guard i < end else { return .invalid }
        if !isDigit(bytes[i]) && bytes[i] != UInt8(ascii: ".") {
            return parseSpecial(bytes, from: i, to: end, negative: negative)
        }
        var mantissa: UInt64 = 0
        var significantDigits = 0
        var digitCount = 0
        var exponent = 0
        var truncated = false
        var seenPoint = false
        while i < end {
            let byte = bytes[i]
            if isDigit(byte) {
                digitCount += 1
                let digit = UInt64(byte &- UInt8(ascii: "0"))
                if significantDigits < 19 {
                    if mantissa != 0 || digit != 0 { significantDigits += 1 }
                    mantissa = mantissa &* 10 &+ digit
                    if seenPoint { exponent -= 1 }
                } else {
                    // Digits beyond 19 cannot be held; remember the scale.
                    if digit != 0 { truncated = true }
                    if !seenPoint { exponent += 1 }
                }
            } else if byte == UInt8(ascii: "."), !seenPoint {
                seenPoint = true
            } else {
                break
            }
            i += 1
        }
        guard digitCount > 0 else { return .invalid }
        if i < end {
            guard bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") else { return .invalid }
            i += 1
            var exponentNegative = false
            if i < end, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") {
                exponentNegative = bytes[i] == UInt8(ascii: "-")
                i += 1
            }
            guard i < end else { return .invalid }
            var written = 0
            while i < end {
                guard isDigit(bytes[i]) else { return .invalid }
                // Saturate: 10^±100000 is already zero or infinity.
                if written < 100_000 { written = written * 10 + Int(bytes[i] &- UInt8(ascii: "0")) }
                i += 1
            }
            exponent += exponentNegative ? -written : written
        }
        if !truncated && mantissa <= 1 << 53 {
            let value = Double(mantissa)
            var result: Double? = nil
            if exponent == 0 || mantissa == 0 {
                result = value
            } else if exponent > 0 && exponent <= 22 {
                result = value * powersOfTen[exponent]
            } else if exponent < 0 && exponent >= -22 {
                result = value / powersOfTen[-exponent]
            }
            if let result { return .number(negative ? -result : result) }
        }
        return fallback(bytes, from: start, to: end)
    }

    /// `inf`, `infinity` or `nan` (any case) after an optional sign.
    private static func parseSpecial(_ bytes: UnsafePointer<UInt8>, from start: Int, to end: Int,
                                     negative: Bool) -> Outcome {
        var word = ""
        for i in start..<end {
            guard bytes[i] < 0x80 else { return .invalid }
            word.unicodeScalars.append(Unicode.Scalar(bytes[i] | 0x20))
        }
        switch word {
        case "inf", "infinity": return .number(negative ? -.infinity : .infinity)
        case "nan": return .number(.nan)
        default: return .invalid
        }
    }

    /// The standard library's correctly rounded conversion, for numbers
    /// with many digits or large exponents (already checked well-formed).
    private static func fallback(_ bytes: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Outcome {
        let text = String(decoding: UnsafeBufferPointer(start: bytes + start, count: end - start), as: UTF8.self)
        guard let value = Double(text) else { return .invalid }
        return .number(value)
    }

    @inline(__always)
    private static func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }
}
