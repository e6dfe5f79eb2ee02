/// Space between a panel's cell and its plot area.
struct Margins: Hashable {
    var left = 0.0, right = 0.0, top = 0.0, bottom = 0.0

    /// The larger of each side.
    func union(_ other: Margins) -> Margins {
        Margins(left: Swift.max(left, other.left), right: Swift.max(right, other.right),
                top: Swift.max(top, other.top), bottom: Swift.max(bottom, other.bottom))
    }
}

/// Where everything of one panel goes: the plot area inside the panel's
/// cell, both axes with their ticks, and the legend.
///
/// Margins follow the contents (as matplotlib's tight layout): room for
/// the title, the widest tick label, the axis labels and an outside legend,
/// so labels are never cut off and no space is wasted.
struct PanelLayout {
    var cell: PixelRect
    var plot: PixelRect
    var x: AxisLayout
    var y: AxisLayout
    var legend: LegendLayout?
    var colors: [Color]

    var margins: Margins {
        Margins(left: plot.x - cell.x, right: cell.maxX - plot.maxX, top: plot.y - cell.y, bottom: cell.maxY - plot.maxY)
    }

    /// Lays out `panel` in `cell`, with at least `minimum` margins (to line
    /// up plot areas across a figure's rows and columns).
    init(_ panel: Panel, cell: PixelRect, minimum: Margins = Margins()) {
        self.cell = cell
        colors = SeriesRenderer.colors(for: panel.series)
        let xLog = panel.xAxis.scale == .logarithmic, yLog = panel.yAxis.scale == .logarithmic
        let bounds = DataBounds(panel.series, xLogarithmic: xLog, yLogarithmic: yLog)
        let xLimits = DataBounds.limits(panel.xAxis, data: bounds.x, sticky: bounds.stickyX)
        let yLimits = DataBounds.limits(panel.yAxis, data: bounds.y, sticky: bounds.stickyY)
        let pad = PlotStyle.padding

        // Top and bottom do not depend on the ticks' labels.
        var margins = Margins()
        margins.top = pad + (panel.title == nil ? 0 : PlotStyle.titleFont * 1.5)
        if !yLog && LinearTicks.sharedExponent(largest: Swift.max(Swift.abs(yLimits.lo), Swift.abs(yLimits.hi))) != 0 {
            margins.top += PlotStyle.tickFont * 1.3
        }
        margins.top = Swift.max(margins.top, PlotStyle.tickFont)  // room for the top tick label's upper half
        margins.bottom = pad + PlotStyle.tickLength + PlotStyle.tickPad + PlotStyle.tickFont
            + (panel.xAxis.label == nil ? 0 : PlotStyle.labelFont * 1.5)
        margins.right = pad + PlotStyle.tickFont
        margins = margins.union(minimum)
        let axes = { (m: Margins) in
            PanelLayout.axes(panel, cell: cell, margins: m, minimum: minimum, xLimits: xLimits, yLimits: yLimits)
        }

        var layout = axes(margins)
        var legendLayout: LegendLayout? = nil
        let entries = panel.legend == .hidden ? [] : LegendLayout.entries(panel.series, colors: colors)
        if !entries.isEmpty {
            (layout, legendLayout) = PanelLayout.placeLegend(entries, panel: panel, inside: layout, margins: margins, axes: axes)
        }
        plot = layout.plot
        x = layout.x
        y = layout.y
        legend = legendLayout
        var titleBaseline = plot.y - PlotStyle.titleFont * 0.55
        if y.exponentNote != nil { titleBaseline -= PlotStyle.tickFont * 1.3 }
        if let legend, legend.isOutside, legend.frame.maxY <= plot.y { titleBaseline = legend.frame.y - PlotStyle.titleFont * 0.45 }
        self.titleBaseline = titleBaseline
    }

    /// Where the title's baseline goes.
    var titleBaseline: Double

    /// The legend's place, in order of preference: inside where it covers
    /// no data (matplotlib's "best"); outside to the right, or else above
    /// the plot, when that keeps at least 70% of the plot area's size;
    /// inside where it covers the least data.
    private static func placeLegend(
        _ entries: [LegendEntry], panel: Panel, inside: (plot: PixelRect, x: AxisLayout, y: AxisLayout),
        margins: Margins, axes: (Margins) -> (plot: PixelRect, x: AxisLayout, y: AxisLayout)
    ) -> ((plot: PixelRect, x: AxisLayout, y: AxisLayout), LegendLayout) {
        let pad = PlotStyle.padding
        let stacked = LegendLayout.size(of: entries, horizontal: false)
        func right() -> ((plot: PixelRect, x: AxisLayout, y: AxisLayout), LegendLayout) {
            var m = margins
            m.right += stacked.width + pad
            let layout = axes(m)
            let frame = PixelRect(x: layout.plot.maxX + pad, y: layout.plot.y, width: stacked.width, height: stacked.height)
            return (layout, LegendLayout(entries: entries, frame: frame, isOutside: true, isHorizontal: false))
        }
        func insideAt(_ frame: PixelRect) -> ((plot: PixelRect, x: AxisLayout, y: AxisLayout), LegendLayout) {
            (inside, LegendLayout(entries: entries, frame: frame, isOutside: false, isHorizontal: false))
        }
        let candidates = LegendLayout.candidates(width: stacked.width, height: stacked.height, in: inside.plot)
        switch panel.legend {
        case .outsideRight: return right()
        case .upperRight: return insideAt(candidates[0])
        case .automatic, .hidden: break
        }
        let obstacles = SeriesRenderer.obstacles(panel.series, x: inside.x.mapping, y: inside.y.mapping, plot: inside.plot)
        let fits = stacked.width < inside.plot.width * 0.6 && stacked.height < inside.plot.height * 0.8
        if fits, let clear = candidates.first(where: { obstacles.badness($0.insetBy(-3)) == 0 }) { return insideAt(clear) }

        let (rightLayout, rightLegend) = right()
        if rightLayout.plot.width >= 0.7 * inside.plot.width { return (rightLayout, rightLegend) }

        let horizontal = LegendLayout.size(of: entries, horizontal: true)
        let size = horizontal.width <= inside.plot.width ? horizontal : stacked
        var m = margins
        m.top += size.height + pad
        let above = axes(m)
        if above.plot.height >= 0.7 * inside.plot.height {
            let frame = PixelRect(x: above.plot.x + (above.plot.width - size.width) / 2, y: above.plot.y - size.height - pad / 2,
                                  width: size.width, height: size.height)
            return (above, LegendLayout(entries: entries, frame: frame, isOutside: true, isHorizontal: size == horizontal))
        }
        let least = candidates.min { obstacles.badness($0.insetBy(-3)) < obstacles.badness($1.insetBy(-3)) }!
        return insideAt(least)
    }

    /// The plot area and axes for given margins: the y ticks first (they
    /// depend only on the height), then the left margin that fits their
    /// labels, then the x ticks.
    private static func axes(_ panel: Panel, cell: PixelRect, margins: Margins, minimum: Margins,
                             xLimits: (lo: Double, hi: Double), yLimits: (lo: Double, hi: Double))
        -> (plot: PixelRect, x: AxisLayout, y: AxisLayout) {
        let layout = axesWithoutAspect(panel, cell: cell, margins: margins, minimum: minimum, xLimits: xLimits, yLimits: yLimits)
        guard panel.hasEqualAspect, panel.xAxis.scale == .linear, panel.yAxis.scale == .linear else { return layout }
        let (x, y) = equalAspect(xLimits, yLimits, plot: layout.plot)
        return axesWithoutAspect(panel, cell: cell, margins: margins, minimum: minimum, xLimits: x, yLimits: y)
    }

    private static func axesWithoutAspect(_ panel: Panel, cell: PixelRect, margins: Margins, minimum: Margins,
                                          xLimits: (lo: Double, hi: Double), yLimits: (lo: Double, hi: Double))
        -> (plot: PixelRect, x: AxisLayout, y: AxisLayout) {
        let top = cell.y + margins.top
        let bottom = cell.maxY - margins.bottom
        let height = Swift.max(bottom - top, 10)
        let y = AxisLayout(lo: yLimits.lo, hi: yLimits.hi, logarithmic: panel.yAxis.scale == .logarithmic,
                           pixelLo: top + height, pixelHi: top, horizontal: false)
        var left = PlotStyle.padding + y.widestLabel + PlotStyle.tickPad + PlotStyle.tickLength
        if panel.yAxis.label != nil { left += PlotStyle.labelFont * 1.5 }
        left = Swift.max(left, minimum.left, margins.left)
        let width = Swift.max(cell.width - left - margins.right, 10)
        let plot = PixelRect(x: cell.x + left, y: top, width: width, height: height)
        let x = AxisLayout(lo: xLimits.lo, hi: xLimits.hi, logarithmic: panel.xAxis.scale == .logarithmic,
                           pixelLo: plot.x, pixelHi: plot.maxX, horizontal: true)
        return (plot, x, y)
    }

    /// Limits widened on one axis so that a unit is as long on both.
    private static func equalAspect(_ x: (lo: Double, hi: Double), _ y: (lo: Double, hi: Double), plot: PixelRect)
        -> ((lo: Double, hi: Double), (lo: Double, hi: Double)) {
        let xPerPixel = (x.hi - x.lo) / plot.width, yPerPixel = (y.hi - y.lo) / plot.height
        if xPerPixel > yPerPixel {
            let half = xPerPixel * plot.height / 2, middle = (y.lo + y.hi) / 2
            return (x, (middle - half, middle + half))
        }
        let half = yPerPixel * plot.width / 2, middle = (x.lo + x.hi) / 2
        return ((middle - half, middle + half), y)
    }
}
