import Foundation

/// A closed interval of data, possibly empty.
struct Extent: Hashable {
    var lo = Double.infinity
    var hi = -Double.infinity

    var isEmpty: Bool { lo > hi }

    /// Widens the extent to `value` if a scale can show it.
    mutating func include(_ value: Double, logarithmic: Bool) {
        guard value.isFinite, !logarithmic || value > 0 else { return }
        lo = Swift.min(lo, value)
        hi = Swift.max(hi, value)
    }

    mutating func include(_ values: [Double], logarithmic: Bool) {
        for v in values { include(v, logarithmic: logarithmic) }
    }

    mutating func include(_ other: Extent) {
        guard !other.isEmpty else { return }
        lo = Swift.min(lo, other.lo)
        hi = Swift.max(hi, other.hi)
    }
}

/// Where a panel's data lie: the series' own points, and separately the
/// sampled grids, whose edges are "sticky" (limits stop there, as with
/// matplotlib's `contourf`, instead of adding a margin of empty space).
struct DataBounds {
    var x = Extent(), y = Extent()
    var stickyX = Extent(), stickyY = Extent()

    init(_ series: [Series], xLogarithmic: Bool, yLogarithmic: Bool) {
        for s in series {
            switch s {
            case .line(let line):
                x.include(line.x, logarithmic: xLogarithmic)
                y.include(line.y, logarithmic: yLogarithmic)
            case .scatter(let points):
                x.include(points.x, logarithmic: xLogarithmic)
                y.include(points.y, logarithmic: yLogarithmic)
            case .area(let area):
                x.include(area.x, logarithmic: xLogarithmic)
                y.include(area.lower, logarithmic: yLogarithmic)
                y.include(area.upper, logarithmic: yLogarithmic)
            case .contour(let contour):
                includeGrid(contour.grid, xLogarithmic, yLogarithmic)
            case .filledContour(let bands):
                includeGrid(bands.grid, xLogarithmic, yLogarithmic)
            }
        }
    }

    private mutating func includeGrid(_ grid: SampledGrid, _ xLogarithmic: Bool, _ yLogarithmic: Bool) {
        stickyX.include([grid.xs[0], grid.xs[grid.xs.count - 1]], logarithmic: xLogarithmic)
        stickyY.include([grid.ys[0], grid.ys[grid.ys.count - 1]], logarithmic: yLogarithmic)
    }

    /// The visible range of an axis: the axis's own limits when valid,
    /// else the data with a margin (none beyond sticky grid edges).
    static func limits(_ axis: Axis, data: Extent, sticky: Extent) -> (lo: Double, hi: Double) {
        let logarithmic = axis.scale == .logarithmic
        if let limits = axis.limits, limits.lowerBound.isFinite, limits.upperBound.isFinite,
           limits.lowerBound < limits.upperBound, !logarithmic || limits.lowerBound > 0 {
            return (limits.lowerBound, limits.upperBound)
        }
        var all = data
        all.include(sticky)
        guard !all.isEmpty else { return logarithmic ? (1, 10) : (0, 1) }
        let forward = { (v: Double) in logarithmic ? Foundation.log10(v) : v }
        let back = { (t: Double) in logarithmic ? Foundation.pow(10, t) : t }
        var lo = forward(all.lo), hi = forward(all.hi)
        if hi - lo <= 1e-12 * Swift.max(Swift.abs(lo), Swift.abs(hi), 1e-300) {
            // One value: centre it in a range that shows its size.
            let half = logarithmic ? 0.5 : (lo == 0 ? 1 : Swift.abs(lo) * 0.1)
            return (back(lo - half), back(hi + half))
        }
        let pad = PlotStyle.margin * (hi - lo)
        let stickyLo = sticky.isEmpty ? Double.infinity : forward(sticky.lo)
        let stickyHi = sticky.isEmpty ? -Double.infinity : forward(sticky.hi)
        lo = lo < stickyLo ? lo - pad : stickyLo
        hi = hi > stickyHi ? hi + pad : stickyHi
        return (back(lo), back(hi))
    }
}

/// One axis's mapping and ticks, ready to draw.
struct AxisLayout {
    var mapping: AxisMapping
    var major: [Tick]
    var minor: [Double]
    /// The power of ten the labels leave out (0: none).
    var exponent: Int

    /// Ticks for the range [lo, hi] drawn from `pixelLo` to `pixelHi`,
    /// as many as fit without labels touching.
    init(lo: Double, hi: Double, logarithmic: Bool, pixelLo: Double, pixelHi: Double, horizontal: Bool) {
        mapping = AxisMapping(lo: lo, hi: hi, isLogarithmic: logarithmic, pixelLo: pixelLo, pixelHi: pixelHi)
        let length = Swift.abs(pixelHi - pixelLo)
        let font = PlotStyle.tickFont
        if logarithmic {
            let spacing = horizontal ? font * 3.2 : font * 2
            (major, minor) = LogTicks.ticks(from: lo, to: hi, maximumLabels: Swift.max(2, Int(length / spacing)))
            exponent = 0
            return
        }
        exponent = LinearTicks.sharedExponent(largest: Swift.max(Swift.abs(lo), Swift.abs(hi)))
        minor = []
        major = []
        let most = Swift.min(11, Swift.max(2, Int(length / (horizontal ? 60 : 40))))
        // Walk up the nice steps (1, 2, 5 × 10ᵏ) from a small one: the first
        // with at most `most` ticks whose labels fit wins; never fewer than
        // two ticks (a crowded axis keeps its two outermost).
        var step = LinearTicks.niceNumber((hi - lo) / 20, rounding: false)
        var crowded: [Tick] = [], previous: [Tick] = [], single: [Tick] = []
        for _ in 0..<40 {
            let ticks = AxisLayout.linearTicks(lo, hi, step: step, exponent: exponent)
            if ticks.count < 2 {
                single = ticks
                break
            }
            if ticks.count <= most {
                if AxisLayout.labelsFit(ticks, mapping, horizontal: horizontal) {
                    major = ticks
                    return
                }
                crowded = ticks
            }
            previous = ticks
            step = LinearTicks.niceNumber(step * 1.5, rounding: false)
        }
        // Nothing fits the rules: the outermost two of a crowded set, the
        // last set with several ticks if its labels fit, or a single tick.
        let candidates = [crowded.count >= 2 ? [crowded[0], crowded[crowded.count - 1]] : [], previous]
        major = candidates.first { !$0.isEmpty && AxisLayout.labelsFit($0, mapping, horizontal: horizontal) }
            ?? (single.isEmpty ? Array(previous.prefix(1)) : single)
    }

    /// The multiples of `step` in [lo, hi] with their labels.
    private static func linearTicks(_ lo: Double, _ hi: Double, step: Double, exponent: Int) -> [Tick] {
        let first = (lo / step - 1e-6).rounded(.up), last = (hi / step + 1e-6).rounded(.down)
        guard first <= last, last - first < 1000 else { return [] }
        let values = stride(from: first, through: last, by: 1).map { $0 * step }
        return zip(values, LinearTicks.labels(values, step: step, exponent: exponent)).map { Tick(value: $0, label: $1) }
    }

    /// Whether neighbouring labels keep at least a gap between them.
    static func labelsFit(_ ticks: [Tick], _ mapping: AxisMapping, horizontal: Bool) -> Bool {
        let font = PlotStyle.tickFont
        for (a, b) in zip(ticks, ticks.dropFirst()) {
            guard let pa = mapping.pixel(a.value), let pb = mapping.pixel(b.value) else { continue }
            let distance = Swift.abs(pb - pa)
            let needed = horizontal
                ? (TextMetrics.width(of: a.label, fontSize: font) + TextMetrics.width(of: b.label, fontSize: font)) / 2 + font
                : font * 1.6
            if distance < needed { return false }
        }
        return true
    }

    /// The widest tick label.
    var widestLabel: Double {
        major.map { TextMetrics.width(of: $0.label, fontSize: PlotStyle.tickFont) }.max() ?? 0
    }

    /// The "×10ⁿ" note for the shared exponent, if any.
    var exponentNote: String? {
        exponent == 0 ? nil : "×" + NumberLabel.powerOfTen(exponent)
    }
}
