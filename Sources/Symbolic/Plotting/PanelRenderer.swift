/// Draws one laid-out panel: grid, series, frame, ticks, labels, title
/// and legend, in that order (the frame and ticks over the data, as in
/// matplotlib).
enum PanelRenderer {
    static func draw(_ panel: Panel, layout: PanelLayout, id: String, into svg: inout SVGDocument) {
        let plot = layout.plot
        svg.open("g", [("class", "panel"), ("id", id)])
        svg.open("defs")
        svg.open("clipPath", [("id", id + "-clip")])
        svg.element("rect", rectAttributes(plot))
        svg.close("clipPath")
        svg.close("defs")
        if panel.showsGrid { drawGrid(layout, into: &svg) }
        SeriesRenderer.draw(panel.series, colors: layout.colors, x: layout.x.mapping, y: layout.y.mapping,
                            plot: plot, clipID: id + "-clip", into: &svg)
        svg.element("rect", [("class", "frame")] + rectAttributes(plot)
                    + [("fill", "none"), ("stroke", PlotStyle.axisColor), ("stroke-width", SVGNumber.format(PlotStyle.axisWidth))])
        drawTicks(layout, into: &svg)
        drawLabels(panel, layout: layout, into: &svg)
        layout.legend?.draw(into: &svg)
        svg.close("g")
    }

    static func rectAttributes(_ r: PixelRect) -> [(String, String)] {
        [("x", SVGNumber.format(r.x)), ("y", SVGNumber.format(r.y)),
         ("width", SVGNumber.format(r.width)), ("height", SVGNumber.format(r.height))]
    }

    private static func drawGrid(_ layout: PanelLayout, into svg: inout SVGDocument) {
        let plot = layout.plot
        var path = SVGPath()
        for tick in layout.x.major {
            guard let px = layout.x.mapping.pixel(tick.value) else { continue }
            path.move(px, plot.y)
            path.line(px, plot.maxY)
        }
        for tick in layout.y.major {
            guard let py = layout.y.mapping.pixel(tick.value) else { continue }
            path.move(plot.x, py)
            path.line(plot.maxX, py)
        }
        guard !path.isEmpty else { return }
        svg.element("path", [("class", "grid"), ("d", path.data), ("fill", "none"), ("stroke", PlotStyle.gridColor),
                             ("stroke-width", SVGNumber.format(PlotStyle.gridWidth))])
    }

    private static func drawTicks(_ layout: PanelLayout, into svg: inout SVGDocument) {
        let plot = layout.plot
        let font = PlotStyle.tickFont
        var marks = SVGPath()
        // x axis: marks below the frame, labels centred under them.
        svg.open("g", [("class", "x-ticks"), ("font-size", SVGNumber.format(font)), ("fill", PlotStyle.textColor),
                       ("text-anchor", "middle")])
        for tick in layout.x.major {
            guard let px = layout.x.mapping.pixel(tick.value) else { continue }
            marks.move(px, plot.maxY)
            marks.line(px, plot.maxY + PlotStyle.tickLength)
            let baseline = plot.maxY + PlotStyle.tickLength + PlotStyle.tickPad + font * TextMetrics.capitalHeight
            svg.element("text", [("x", SVGNumber.format(px)), ("y", SVGNumber.format(baseline))], content: tick.label)
        }
        svg.close("g")
        svg.open("g", [("class", "y-ticks"), ("font-size", SVGNumber.format(font)), ("fill", PlotStyle.textColor),
                       ("text-anchor", "end")])
        for tick in layout.y.major {
            guard let py = layout.y.mapping.pixel(tick.value) else { continue }
            marks.move(plot.x, py)
            marks.line(plot.x - PlotStyle.tickLength, py)
            let right = plot.x - PlotStyle.tickLength - PlotStyle.tickPad
            svg.element("text", [("x", SVGNumber.format(right)), ("y", SVGNumber.format(py + font * TextMetrics.capitalHeight / 2))],
                        content: tick.label)
        }
        svg.close("g")
        for value in layout.x.minor {
            guard let px = layout.x.mapping.pixel(value) else { continue }
            marks.move(px, plot.maxY)
            marks.line(px, plot.maxY + PlotStyle.minorTickLength)
        }
        for value in layout.y.minor {
            guard let py = layout.y.mapping.pixel(value) else { continue }
            marks.move(plot.x, py)
            marks.line(plot.x - PlotStyle.minorTickLength, py)
        }
        if !marks.isEmpty {
            svg.element("path", [("class", "tick-marks"), ("d", marks.data), ("stroke", PlotStyle.axisColor),
                                 ("stroke-width", SVGNumber.format(PlotStyle.axisWidth))])
        }
    }

    private static func drawLabels(_ panel: Panel, layout: PanelLayout, into svg: inout SVGDocument) {
        let plot = layout.plot, cell = layout.cell
        let text = [("fill", PlotStyle.textColor)]
        if let label = panel.xAxis.label {
            let baseline = plot.maxY + PlotStyle.tickLength + PlotStyle.tickPad + PlotStyle.tickFont * 1.15
                + PlotStyle.labelFont * 1.1
            svg.element("text", [("class", "x-label"), ("x", SVGNumber.format(plot.x + plot.width / 2)),
                                 ("y", SVGNumber.format(baseline)), ("font-size", SVGNumber.format(PlotStyle.labelFont)),
                                 ("text-anchor", "middle")] + text, content: label)
        }
        if let label = panel.yAxis.label {
            let centreX = cell.x + PlotStyle.padding + PlotStyle.labelFont * 0.8
            let centreY = plot.y + plot.height / 2
            let x = SVGNumber.format(centreX), y = SVGNumber.format(centreY)
            svg.element("text", [("class", "y-label"), ("x", x), ("y", y), ("font-size", SVGNumber.format(PlotStyle.labelFont)),
                                 ("text-anchor", "middle"), ("transform", "rotate(-90 \(x) \(y))")] + text, content: label)
        }
        if let note = layout.x.exponentNote {
            let baseline = plot.maxY + PlotStyle.tickLength + PlotStyle.tickPad + PlotStyle.tickFont * 1.9
            svg.element("text", [("class", "x-exponent"), ("x", SVGNumber.format(plot.maxX)), ("y", SVGNumber.format(baseline)),
                                 ("font-size", SVGNumber.format(PlotStyle.tickFont)), ("text-anchor", "end")] + text, content: note)
        }
        if let note = layout.y.exponentNote {
            svg.element("text", [("class", "y-exponent"), ("x", SVGNumber.format(plot.x)),
                                 ("y", SVGNumber.format(plot.y - PlotStyle.tickFont * 0.6)),
                                 ("font-size", SVGNumber.format(PlotStyle.tickFont)), ("text-anchor", "start")] + text, content: note)
        }
        if let title = panel.title {
            // A long title shrinks to fit above the plot area, down to 10 px.
            let width = TextMetrics.width(of: title, fontSize: PlotStyle.titleFont)
            let available = cell.width - 2 * PlotStyle.padding
            let size = width > available ? Swift.max(10, PlotStyle.titleFont * available / width) : PlotStyle.titleFont
            // Centred over the plot area, moved in as far as needed to stay in the cell.
            let half = Swift.min(width * size / PlotStyle.titleFont, available) / 2
            let centre = Swift.min(Swift.max(plot.x + plot.width / 2, cell.x + PlotStyle.padding + half),
                                   cell.maxX - PlotStyle.padding - half)
            let baseline = layout.titleBaseline
            svg.element("text", [("class", "title"), ("x", SVGNumber.format(centre)), ("y", SVGNumber.format(baseline)),
                                 ("font-size", SVGNumber.format(size)), ("text-anchor", "middle")] + text, content: title)
        }
    }
}
