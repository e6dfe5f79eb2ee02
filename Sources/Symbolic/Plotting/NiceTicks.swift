import Foundation

/// One tick of an axis: where it is and what it says (minor ticks say
/// nothing).
struct Tick: Sendable, Hashable {
    var value: Double
    var label: String
}

/// Tick marks at "nice" numbers — 1, 2 or 5 times a power of ten — after
/// Heckbert, "Nice numbers for graph labels" (Graphics Gems, 1990).
///
///     LinearTicks.values(from: 0, to: 7.3, maximumCount: 5)   // ([0, 2, 4, 6], step 2)
enum LinearTicks {
    /// A nice number near `x` > 0: the closest of 1, 2, 5, 10 × 10ᵏ when
    /// `rounding`, otherwise the smallest not below `x`.
    static func niceNumber(_ x: Double, rounding: Bool) -> Double {
        let exponent = (Foundation.log10(x)).rounded(.down)
        let power = Foundation.pow(10, exponent)
        let fraction = x / power
        let nice: Double
        if rounding {
            nice = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10
        } else {
            nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
        }
        return nice * power
    }

    /// The multiples of the smallest nice step (1, 2 or 5 × 10ᵏ) that put at
    /// most `maximumCount` ticks in [lo, hi], with that step.
    ///
    /// As matplotlib's MaxNLocator, the step is the smallest nice number
    /// that keeps the count down, rather than Heckbert's rounding of
    /// range/(count − 1), which can leave a single tick on a short axis.
    /// The axis limits are not widened to the ticks (matplotlib's default
    /// since 2.0): data keep the room, ticks fall inside.
    static func values(from lo: Double, to hi: Double, maximumCount: Int) -> (values: [Double], step: Double) {
        let count = Swift.max(maximumCount, 2)
        var step = niceNumber((hi - lo) / Double(count), rounding: false)
        while true {
            // A tolerance of a millionth of a step keeps a limit that is itself
            // a multiple (up to rounding) as a tick.
            let first = (lo / step - 1e-6).rounded(.up)
            let last = (hi / step + 1e-6).rounded(.down)
            if last - first + 1 <= Double(count) || !step.isFinite {
                guard first <= last, last - first < 1000 else { return ([], step) }
                return (stride(from: first, through: last, by: 1).map { $0 * step }, step)
            }
            step = niceNumber(step * 1.5, rounding: false)
        }
    }

    /// The power of ten that labels along an axis reaching `largest` in
    /// magnitude share: 0 for ordinary numbers, a multiple of three for very
    /// large or small ones (shown once as "×10ⁿ" at the end of the axis).
    static func sharedExponent(largest: Double) -> Int {
        guard largest.isFinite, largest >= 1e5 || (largest > 0 && largest < 1e-3) else { return 0 }
        return Int((Foundation.log10(largest) / 3).rounded(.down)) * 3
    }

    /// Labels for linear ticks `values` spaced by `step`, divided by
    /// 10^`exponent`: all with the same number of decimals (as matplotlib's
    /// ScalarFormatter), minus signs as U+2212.
    ///
    ///     LinearTicks.labels([-0.5, 0, 0.5], step: 0.5)   // ["−0.5", "0.0", "0.5"]
    static func labels(_ values: [Double], step: Double, exponent: Int = 0) -> [String] {
        let scale = Foundation.pow(10, Double(exponent))
        let decimals = Swift.max(0, -Int((Foundation.log10(step / scale) + 1e-9).rounded(.down)))
        return values.map { NumberLabel.fixed($0 / scale, decimals: decimals) }
    }
}

/// Number formatting for tick labels, deterministic and locale-free.
enum NumberLabel {
    /// `value` with exactly `decimals` decimals, U+2212 for minus, and no
    /// negative zero.
    ///
    ///     NumberLabel.fixed(-0.5, decimals: 1)   // "−0.5"
    ///     NumberLabel.fixed(1e-17, decimals: 1)  // "0.0"
    static func fixed(_ value: Double, decimals: Int) -> String {
        let decimals = Swift.min(decimals, 15)
        let factor = Foundation.pow(10, Double(decimals))
        let scaled = (value * factor).rounded()
        guard scaled.magnitude < 9e15 else { return shortest(value) }
        let integer = Int64(scaled)
        var digits = String(integer.magnitude)
        if decimals > 0 {
            if digits.count <= decimals { digits = String(repeating: "0", count: decimals - digits.count + 1) + digits }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -decimals))
        }
        return integer < 0 ? "−" + digits : digits
    }

    /// The shortest round-trip form, with U+2212 for minus.
    static func shortest(_ value: Double) -> String {
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text.hasPrefix("-") ? "−" + text.dropFirst() : text
    }

    /// "10" followed by `exponent` in superscript digits: `10⁻³`.
    static func powerOfTen(_ exponent: Int) -> String {
        "10" + superscript(exponent)
    }

    /// `exponent` in Unicode superscript digits.
    static func superscript(_ exponent: Int) -> String {
        let digits: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
        let text = String(exponent.magnitude).map { digits[Int($0.asciiValue! - 48)] }
        return (exponent < 0 ? "⁻" : "") + String(text)
    }

    /// A short general-purpose form with about `significant` digits, for
    /// legends and titles: `0.0123`, `1.5e+06` becomes `1.5×10⁶`.
    static func general(_ value: Double, significant: Int = 4) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value < 0 ? "−inf" : "inf") }
        if value == 0 { return "0" }
        let exponent = Int(Foundation.log10(Swift.abs(value)).rounded(.down))
        if exponent >= -3 && exponent < 6 {
            let decimals = Swift.max(0, significant - 1 - exponent)
            var text = fixed(value, decimals: decimals)
            if text.contains(".") {
                while text.hasSuffix("0") { text.removeLast() }
                if text.hasSuffix(".") { text.removeLast() }
            }
            return text
        }
        let mantissa = general(value / Foundation.pow(10, Double(exponent)), significant: significant)
        return (mantissa == "1" ? "" : mantissa == "−1" ? "−" : mantissa + "×") + powerOfTen(exponent)
    }
}
