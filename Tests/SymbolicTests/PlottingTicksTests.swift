import Foundation
import Testing
@testable import Symbolic

/// Nice numbers, tick positions and labels, and the fixed number formats.
@Suite("Plotting: ticks and number formats")
struct PlottingTicksTests {
    @Test func niceNumbersAreOneTwoOrFiveTimesAPowerOfTen() {
        #expect(LinearTicks.niceNumber(0.73, rounding: false) == 1)
        #expect(LinearTicks.niceNumber(1.3, rounding: false) == 2)
        #expect(LinearTicks.niceNumber(3.3, rounding: false) == 5)
        #expect(LinearTicks.niceNumber(7.3, rounding: false) == 10)
        #expect(LinearTicks.niceNumber(1.3, rounding: true) == 1)
        #expect(LinearTicks.niceNumber(2.9, rounding: true) == 2)
        #expect(LinearTicks.niceNumber(4.0, rounding: true) == 5)
        #expect(LinearTicks.niceNumber(8.0, rounding: true) == 10)
        #expect(LinearTicks.niceNumber(0.004, rounding: false) == 0.005)
        #expect(LinearTicks.niceNumber(4200, rounding: false) == 5000)
    }

    @Test func linearTicksTakeTheSmallestNiceStepThatFits() {
        let (values, step) = LinearTicks.values(from: -5.5, to: 5.5, maximumCount: 6)
        #expect(step == 2)
        #expect(values == [-4, -2, 0, 2, 4])
        let fine = LinearTicks.values(from: 0, to: 1, maximumCount: 11)
        #expect(fine.step == 0.1)
        #expect(fine.values.count == 11)
        // A limit that is itself a multiple stays a tick despite rounding.
        #expect(LinearTicks.values(from: 0.1 + 0.2, to: 0.9, maximumCount: 7).values.first == 0.30000000000000004)
    }

    /// Property: for random ranges, ticks lie inside, are evenly spaced by
    /// a nice step, and never exceed the count.
    @Test func linearTicksPropertiesOnRandomRanges() {
        var generator = SeededGenerator(seed: 10)
        for _ in 0..<500 {
            let centre = Double.random(in: -1e6...1e6, using: &generator)
            let width = Foundation.pow(10, Double.random(in: -6...6, using: &generator))
            let lo = centre - width / 2, hi = centre + width / 2
            let count = Int.random(in: 2...11, using: &generator)
            let (values, step) = LinearTicks.values(from: lo, to: hi, maximumCount: count)
            #expect(values.count <= count && values.count >= 1, "\(lo)...\(hi) count \(count): \(values)")
            let mantissa = step / Foundation.pow(10, Foundation.log10(step).rounded(.down))
            #expect([1, 2, 5].contains { Swift.abs(mantissa - Double($0)) < 1e-9 }, "step \(step)")
            for v in values { #expect(v >= lo - 1e-6 * step && v <= hi + 1e-6 * step) }
        }
    }

    @Test func labelsShareTheirDecimalsAndUseTheMinusSign() {
        #expect(LinearTicks.labels([-0.5, 0, 0.5, 1], step: 0.5) == ["−0.5", "0.0", "0.5", "1.0"])
        #expect(LinearTicks.labels([0, 5000, 10000], step: 5000) == ["0", "5000", "10000"])
        #expect(LinearTicks.labels([0.001, 0.002], step: 0.001) == ["0.001", "0.002"])
        #expect(LinearTicks.sharedExponent(largest: 2e6) == 6)
        #expect(LinearTicks.sharedExponent(largest: 0.0004) == -6)
        #expect(LinearTicks.sharedExponent(largest: 12345) == 0)
        #expect(LinearTicks.labels([1e6, 2e6], step: 1e6, exponent: 6) == ["1", "2"])
    }

    @Test func logTicksLabelDecadesAndMarkTheRest() {
        let (major, minor) = LogTicks.ticks(from: 1e-4, to: 3, maximumLabels: 8)
        #expect(major.map(\.label) == ["10⁻⁴", "10⁻³", "10⁻²", "10⁻¹", "10⁰"])
        #expect(minor.count == 4 * 8 + 2)  // 2…9 in four decades, then 2 and 3
        let crowded = LogTicks.ticks(from: 1e-12, to: 1e3, maximumLabels: 5)
        #expect(crowded.major.map(\.label) == ["10⁻¹²", "10⁻⁸", "10⁻⁴", "10⁰"])
    }

    @Test func narrowLogRangesGetOneTwoFiveLabels() {
        let (major, _) = LogTicks.ticks(from: 0.03, to: 0.8, maximumLabels: 8)
        #expect(major.map(\.label) == ["0.05", "0.1", "0.2", "0.5"])
        let narrower = LogTicks.ticks(from: 0.3, to: 0.9, maximumLabels: 8)
        #expect(narrower.major.map(\.label) == ["0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.9"])
        #expect(LogTicks.label(mantissa: 2, exponent: -6) == "2×10⁻⁶")
        #expect(LogTicks.label(mantissa: 5, exponent: 3) == "5000")
    }

    @Test func svgNumbersHaveAFixedForm() {
        #expect(SVGNumber.format(12.345) == "12.35")
        #expect(SVGNumber.format(-0.001) == "0")
        #expect(SVGNumber.format(3) == "3")
        #expect(SVGNumber.format(-2.5) == "-2.5")
        #expect(SVGNumber.format(0.05) == "0.05")
        #expect(SVGNumber.format(.nan) == "0")
        #expect(SVGNumber.format(1e300) == "10000000")
    }

    @Test func numberLabels() {
        #expect(NumberLabel.fixed(-0.5, decimals: 1) == "−0.5")
        #expect(NumberLabel.fixed(-1e-17, decimals: 1) == "0.0")
        #expect(NumberLabel.fixed(0.05, decimals: 2) == "0.05")
        #expect(NumberLabel.powerOfTen(-12) == "10⁻¹²")
        #expect(NumberLabel.general(0.012345) == "0.01235")
        #expect(NumberLabel.general(1234567) == "1.235×10⁶")
        #expect(NumberLabel.general(-3) == "−3")
    }

    @Test func xmlEscaping() {
        #expect(XMLEscaping.escaped("a<b & \"c\"", quotes: true) == "a&lt;b &amp; &quot;c&quot;")
        #expect(XMLEscaping.escaped("x > 0\u{1}") == "x &gt; 0 ")
    }
}
