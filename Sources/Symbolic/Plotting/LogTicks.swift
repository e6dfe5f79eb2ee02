import Foundation

/// Ticks for a logarithmic axis, as matplotlib's LogLocator draws them:
/// labelled powers of ten, unlabelled minor ticks at 2–9 × 10ᵏ; a range
/// narrower than about two decades gets labelled ticks at 1, 2 and 5 × 10ᵏ
/// (or every integer multiple) so that it still shows numbers.
///
///     LogTicks.ticks(from: 1e-4, to: 3, maximumLabels: 8).major.map(\.label)
///     // ["10⁻⁴", "10⁻³", "10⁻²", "10⁻¹", "10⁰"]
enum LogTicks {
    /// Major (labelled) and minor ticks for the positive range [lo, hi].
    ///
    /// - Parameter maximumLabels: How many labels fit along the axis.
    static func ticks(from lo: Double, to hi: Double, maximumLabels: Int) -> (major: [Tick], minor: [Double]) {
        let lowExponent = Int((Foundation.log10(lo) - 1e-9).rounded(.down))
        let highExponent = Int((Foundation.log10(hi) + 1e-9).rounded(.up))
        guard highExponent - lowExponent < 700 else { return ([], []) }
        let range = Range(lo: lo, hi: hi, lowExponent: lowExponent, highExponent: highExponent)
        let decades = (lowExponent...highExponent).filter { range.contains(power($0)) }
        let limit = Swift.max(maximumLabels, 2)
        if decades.count >= 3 { return decadeTicks(decades, range, limit: limit) }
        // Narrow range: label 1-2-5 multiples, or every multiple 1–9 if that
        // gives fewer than three labels; the multiples left unlabelled are minor.
        let oneTwoFive = multiples([1, 2, 5], range)
        if oneTwoFive.major.count > limit && decades.count == 2 { return decadeTicks(decades, range, limit: limit) }
        let chosen = oneTwoFive.major.count >= 3 ? oneTwoFive : multiples(Array(1...9), range)
        guard chosen.major.count > limit else { return chosen }
        // Too crowded: keep every other label.
        let kept = chosen.major.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
        let dropped = chosen.major.enumerated().filter { $0.offset % 2 == 1 }.map(\.element.value)
        return (kept, (chosen.minor + dropped).sorted())
    }

    /// The axis range with its decade bounds.
    private struct Range {
        var lo, hi: Double
        var lowExponent, highExponent: Int

        func contains(_ v: Double) -> Bool { v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9) }
    }

    /// Labelled powers of ten (every `stride`-th when they would not fit),
    /// minor ticks at the others and, when every decade is labelled, at 2–9 × 10ᵏ.
    private static func decadeTicks(_ decades: [Int], _ range: Range, limit: Int) -> (major: [Tick], minor: [Double]) {
        var stride = 1
        while (decades.count + stride - 1) / stride > limit { stride += 1 }
        let major = decades.filter { $0 % stride == 0 }.map { Tick(value: power($0), label: NumberLabel.powerOfTen($0)) }
        var minor: [Double] = decades.filter { $0 % stride != 0 }.map(power)
        if stride == 1 {
            for e in range.lowExponent...range.highExponent {
                for m in 2...9 where range.contains(Double(m) * power(e)) { minor.append(Double(m) * power(e)) }
            }
        }
        return (major, minor.sorted())
    }

    /// Labelled ticks at `mantissas` × 10ᵏ, minor ticks at the other multiples.
    private static func multiples(_ mantissas: [Int], _ range: Range) -> (major: [Tick], minor: [Double]) {
        var major: [Tick] = []
        var minor: [Double] = []
        for e in range.lowExponent...range.highExponent {
            for m in 1...9 {
                let v = Double(m) * power(e)
                guard range.contains(v) else { continue }
                if mantissas.contains(m) {
                    major.append(Tick(value: v, label: label(mantissa: m, exponent: e)))
                } else {
                    minor.append(v)
                }
            }
        }
        return (major, minor)
    }

    /// 10ᵉ, exact for the exponents doubles can hold.
    static func power(_ exponent: Int) -> Double {
        Foundation.pow(10, Double(exponent))
    }

    /// `m × 10ᵉ` as a plain decimal where that stays short (0.002, 50,
    /// 3000), else as `2×10⁻⁶`.
    static func label(mantissa m: Int, exponent e: Int) -> String {
        if e >= 0 && e <= 4 { return String(m) + String(repeating: "0", count: e) }
        if e < 0 && e >= -4 { return "0." + String(repeating: "0", count: -e - 1) + String(m) }
        return (m == 1 ? "" : "\(m)×") + NumberLabel.powerOfTen(e)
    }
}
