/// One row of a legend: a small sample of the series and its label.
struct LegendEntry {
    enum Handle {
        case line(color: Color, width: Double, dash: LineDash, marker: MarkerShape?)
        case marker(color: Color, shape: MarkerShape, edge: Color?)
        case patch(color: Color, opacity: Double)
    }

    var label: String
    var handle: Handle
}

/// A legend's entries and where it goes.
struct LegendLayout {
    var entries: [LegendEntry]
    var frame: PixelRect
    var isOutside: Bool
    /// Entries side by side in one row (a legend above the plot) rather
    /// than stacked.
    var isHorizontal: Bool

    static let font = PlotStyle.legendFont
    static let rowHeight = font * 1.5
    static let handleWidth = font * 2
    static let inset = 7.0

    /// The entries of the labelled series, in drawing order.
    static func entries(_ series: [Series], colors: [Color]) -> [LegendEntry] {
        var entries: [LegendEntry] = []
        for (s, color) in zip(series, colors) {
            switch s {
            case .line(let line):
                if let label = line.label {
                    entries.append(LegendEntry(label: label, handle: .line(color: color, width: line.width, dash: line.dash, marker: line.marker)))
                }
            case .scatter(let points):
                if let label = points.label {
                    entries.append(LegendEntry(label: label, handle: .marker(color: color, shape: points.marker, edge: points.edgeColor)))
                }
            case .area(let area):
                if let label = area.label { entries.append(LegendEntry(label: label, handle: .patch(color: color, opacity: area.opacity))) }
            case .contour(let contour):
                if let label = contour.label {
                    let sample = contour.color ?? contour.colormap.color(at: 0.5)
                    entries.append(LegendEntry(label: label, handle: .line(color: sample, width: contour.width, dash: contour.dash, marker: nil)))
                }
            case .filledContour(let bands):
                for (index, label) in bands.bandLabels.enumerated() {
                    guard let label, index < bands.colors.count else { continue }
                    entries.append(LegendEntry(label: label, handle: .patch(color: bands.colors[index], opacity: bands.opacity)))
                }
            }
        }
        return entries
    }

    /// The legend box's width and height for `entries`, stacked or in a row.
    static func size(of entries: [LegendEntry], horizontal: Bool) -> Size {
        let widths = entries.map { entryWidth($0) }
        if horizontal {
            let total = widths.reduce(0, +) + Double(Swift.max(entries.count - 1, 0)) * spacing
            return Size(width: inset * 2 + total, height: inset * 2 + rowHeight - font * 0.3)
        }
        return Size(width: inset * 2 + (widths.max() ?? 0), height: inset * 2 + Double(entries.count) * rowHeight - font * 0.3)
    }

    struct Size: Equatable {
        var width: Double
        var height: Double
    }

    /// Space between entries in a row.
    static let spacing = font * 1.2

    /// Handle, gap and label.
    static func entryWidth(_ entry: LegendEntry) -> Double {
        handleWidth + font * 0.6 + TextMetrics.width(of: entry.label, fontSize: font)
    }

    /// The inside positions in matplotlib's order of preference for
    /// `loc="best"`: upper right, upper left, lower left, lower right,
    /// right, centre left, lower centre, upper centre, centre.
    static func candidates(width: Double, height: Double, in plot: PixelRect) -> [PixelRect] {
        let gap = 8.0
        let left = plot.x + gap, right = plot.maxX - gap - width
        let top = plot.y + gap, bottom = plot.maxY - gap - height
        let middleX = plot.x + (plot.width - width) / 2, middleY = plot.y + (plot.height - height) / 2
        let positions = [(right, top), (left, top), (left, bottom), (right, bottom), (right, middleY),
                         (left, middleY), (middleX, bottom), (middleX, top), (middleX, middleY)]
        return positions.map { PixelRect(x: $0.0, y: $0.1, width: width, height: height) }
    }

    /// Draws the frame, handles and labels.
    func draw(into svg: inout SVGDocument) {
        let font = LegendLayout.font
        svg.open("g", [("class", "legend")])
        svg.element("rect", [("x", SVGNumber.format(frame.x)), ("y", SVGNumber.format(frame.y)),
                             ("width", SVGNumber.format(frame.width)), ("height", SVGNumber.format(frame.height)),
                             ("rx", "3"), ("fill", "#ffffff"), ("fill-opacity", "0.85"), ("stroke", "#cccccc"),
                             ("stroke-width", "0.8")])
        var handleX = frame.x + LegendLayout.inset
        for (row, entry) in entries.enumerated() {
            let centreY = frame.y + LegendLayout.inset + font * 0.6 + (isHorizontal ? 0 : Double(row) * LegendLayout.rowHeight)
            defer { if isHorizontal { handleX += LegendLayout.entryWidth(entry) + LegendLayout.spacing } }
            switch entry.handle {
            case .line(let color, let width, let dash, let marker):
                var path = SVGPath()
                path.move(handleX, centreY)
                path.line(handleX + LegendLayout.handleWidth, centreY)
                svg.element("path", [("d", path.data), ("fill", "none"), ("stroke", color.hex),
                                     ("stroke-width", SVGNumber.format(width)), ("stroke-linecap", "round")]
                                    + SeriesRenderer.dashAttributes(dash, width: width))
                if let marker {
                    SeriesRenderer.drawMarker(marker, at: PixelPoint(x: handleX + LegendLayout.handleWidth / 2, y: centreY),
                                              size: 6, color: color, into: &svg, attributes: [("fill", color.hex)])
                }
            case .marker(let color, let shape, let edge):
                var attributes = [("fill", color.hex)]
                if let edge { attributes += [("stroke", edge.hex), ("stroke-width", "0.6")] }
                SeriesRenderer.drawMarker(shape, at: PixelPoint(x: handleX + LegendLayout.handleWidth / 2, y: centreY),
                                          size: 7, color: color, into: &svg, attributes: attributes)
            case .patch(let color, let opacity):
                svg.element("rect", [("x", SVGNumber.format(handleX)), ("y", SVGNumber.format(centreY - font * 0.4)),
                                     ("width", SVGNumber.format(LegendLayout.handleWidth)), ("height", SVGNumber.format(font * 0.8)),
                                     ("fill", color.hex), ("fill-opacity", SVGNumber.format(opacity)),
                                     ("stroke", "#999999"), ("stroke-width", "0.5")])
            }
            svg.element("text", [("x", SVGNumber.format(handleX + LegendLayout.handleWidth + font * 0.6)),
                                 ("y", SVGNumber.format(centreY + font * 0.35)), ("font-size", SVGNumber.format(font)),
                                 ("fill", PlotStyle.textColor)], content: entry.label)
        }
        svg.close("g")
    }
}

/// What a legend must not cover: data points and line segments, in pixels.
struct Obstacles {
    var points: [PixelPoint] = []
    var segments: [(PixelPoint, PixelPoint)] = []

    /// How many points lie in `rect` plus how many segments meet it (as
    /// matplotlib's legend "badness").
    func badness(_ rect: PixelRect) -> Int {
        var count = 0
        for p in points where rect.contains(p) { count += 1 }
        for (a, b) in segments {
            // Cheap rejection before the exact test.
            if Swift.max(a.x, b.x) < rect.x || Swift.min(a.x, b.x) > rect.maxX
                || Swift.max(a.y, b.y) < rect.y || Swift.min(a.y, b.y) > rect.maxY { continue }
            if LineGeometry.segment(a, b, touches: rect) { count += 1 }
        }
        return count
    }
}
