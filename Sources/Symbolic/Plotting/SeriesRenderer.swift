/// Draws series into a panel's plot area.
enum SeriesRenderer {
    /// Each series' colour: its own, or the next palette colour (series
    /// that bring their own colours do not use up palette entries).
    static func colors(for series: [Series]) -> [Color] {
        var next = 0
        func palette(_ own: Color?) -> Color {
            if let own { return own }
            defer { next += 1 }
            return Palette.color(next)
        }
        return series.map { s in
            switch s {
            case .line(let line): return palette(line.color)
            case .scatter(let points): return palette(points.color)
            case .area(let area): return palette(area.color)
            case .contour(let contour): return contour.color ?? contour.colormap.color(at: 0.5)
            case .filledContour(let bands): return bands.colors.first ?? .white
            }
        }
    }

    /// The drawn pieces of a line in pixels: broken at values the axes
    /// cannot show, clipped just outside the plot area, and thinned to
    /// what can be seen.
    static func linePieces(_ line: LineSeries, x: AxisMapping, y: AxisMapping, plot: PixelRect) -> [[PixelPoint]] {
        let count = Swift.min(line.x.count, line.y.count)
        var points: [PixelPoint?] = []
        points.reserveCapacity(count)
        for i in 0..<count {
            if let px = x.pixel(line.x[i]), let py = y.pixel(line.y[i]) {
                points.append(PixelPoint(x: px, y: py))
            } else {
                points.append(nil)
            }
        }
        return LineGeometry.clippedPieces(points, to: plot.insetBy(-(line.width + 2))).map { piece in
            let reduced = piece.count > 4 * Int(plot.width) && LineGeometry.isMonotoneInX(piece)
                ? LineGeometry.reducedPerColumn(piece) : piece
            return LineGeometry.simplified(reduced, tolerance: 0.2)
        }
    }

    /// The pixel positions of points inside the plot area (markers are
    /// only drawn there).
    static func visiblePoints(x xs: [Double], y ys: [Double], x: AxisMapping, y: AxisMapping,
                              plot: PixelRect) -> [PixelPoint] {
        var result: [PixelPoint] = []
        for (vx, vy) in zip(xs, ys) {
            guard let px = x.pixel(vx), let py = y.pixel(vy) else { continue }
            let p = PixelPoint(x: px, y: py)
            if plot.insetBy(-0.5).contains(p) { result.append(p) }
        }
        return result
    }

    /// The points and segments a legend should not cover.
    static func obstacles(_ series: [Series], x: AxisMapping, y: AxisMapping, plot: PixelRect) -> Obstacles {
        var obstacles = Obstacles()
        for s in series {
            switch s {
            case .line(let line):
                for piece in linePieces(line, x: x, y: y, plot: plot) {
                    obstacles.segments += zip(piece, piece.dropFirst()).map { ($0, $1) }
                }
                if line.marker != nil { obstacles.points += visiblePoints(x: line.x, y: line.y, x: x, y: y, plot: plot) }
            case .scatter(let points):
                obstacles.points += visiblePoints(x: points.x, y: points.y, x: x, y: y, plot: plot)
            case .area(let area):
                obstacles.points += visiblePoints(x: area.x, y: area.upper, x: x, y: y, plot: plot)
            case .contour, .filledContour:
                break  // backgrounds: a legend may sit on them
            }
        }
        return obstacles
    }

    /// Draws every series, clipped to the plot area by `clipID`.
    static func draw(_ series: [Series], colors: [Color], x: AxisMapping, y: AxisMapping, plot: PixelRect,
                     clipID: String, into svg: inout SVGDocument) {
        svg.open("g", [("class", "series"), ("clip-path", "url(#\(clipID))")])
        for (s, color) in zip(series, colors) {
            switch s {
            case .line(let line): drawLine(line, color: color, x: x, y: y, plot: plot, into: &svg)
            case .scatter(let points): drawScatter(points, color: color, x: x, y: y, plot: plot, into: &svg)
            case .area(let area): drawArea(area, color: color, x: x, y: y, into: &svg)
            case .contour(let contour): ContourRenderer.drawLines(contour, x: x, y: y, plot: plot, into: &svg)
            case .filledContour(let bands): ContourRenderer.drawBands(bands, x: x, y: y, into: &svg)
            }
        }
        svg.close("g")
    }

    static func drawLine(_ line: LineSeries, color: Color, x: AxisMapping, y: AxisMapping, plot: PixelRect,
                         into svg: inout SVGDocument) {
        var path = SVGPath()
        for piece in linePieces(line, x: x, y: y, plot: plot) {
            path.move(piece[0].x, piece[0].y)
            for p in piece.dropFirst() { path.line(p.x, p.y) }
        }
        if !path.isEmpty {
            svg.element("path", [("class", "line"), ("d", path.data), ("fill", "none"), ("stroke", color.hex),
                                 ("stroke-width", SVGNumber.format(line.width)), ("stroke-linejoin", "round"),
                                 ("stroke-linecap", "round")] + dashAttributes(line.dash, width: line.width))
        }
        if let marker = line.marker {
            let points = visiblePoints(x: line.x, y: line.y, x: x, y: y, plot: plot)
            svg.open("g", [("class", "markers"), ("fill", color.hex)])
            for p in points { drawMarker(marker, at: p, size: line.markerSize, color: color, into: &svg, attributes: []) }
            svg.close("g")
        }
    }

    static func drawScatter(_ points: ScatterSeries, color: Color, x: AxisMapping, y: AxisMapping, plot: PixelRect,
                            into svg: inout SVGDocument) {
        var attributes = [("class", "scatter"), ("fill", color.hex)]
        if let edge = points.edgeColor { attributes += [("stroke", edge.hex), ("stroke-width", "0.6")] }
        svg.open("g", attributes)
        let visible = visiblePoints(x: points.x, y: points.y, x: x, y: y, plot: plot.insetBy(-points.size))
        for p in visible { drawMarker(points.marker, at: p, size: points.size, color: color, into: &svg, attributes: []) }
        svg.close("g")
    }

    static func drawArea(_ area: AreaSeries, color: Color, x: AxisMapping, y: AxisMapping, into svg: inout SVGDocument) {
        var path = SVGPath()
        var run: [(x: Double, lower: Double, upper: Double)] = []
        func flush() {
            defer { run = [] }
            guard run.count >= 2 else { return }
            path.move(run[0].x, run[0].upper)
            for p in run.dropFirst() { path.line(p.x, p.upper) }
            for p in run.reversed() { path.line(p.x, p.lower) }
            path.closeSubpath()
        }
        for i in 0..<Swift.min(area.x.count, area.lower.count, area.upper.count) {
            if let px = x.pixel(area.x[i]), let lo = y.pixel(area.lower[i]), let hi = y.pixel(area.upper[i]) {
                run.append((px, lo, hi))
            } else {
                flush()
            }
        }
        flush()
        guard !path.isEmpty else { return }
        svg.element("path", [("class", "area"), ("d", path.data), ("fill", color.hex),
                             ("fill-opacity", SVGNumber.format(area.opacity)), ("stroke", "none")])
    }

    /// Draws one marker centred at `p` with diameter `size`; `attributes`
    /// add to (or, for fills, set) what an enclosing group gives.
    static func drawMarker(_ shape: MarkerShape, at p: PixelPoint, size: Double, color: Color,
                           into svg: inout SVGDocument, attributes: [(String, String)]) {
        let r = size / 2
        func polygon(_ corners: [(Double, Double)]) {
            var path = SVGPath()
            path.move(p.x + corners[0].0 * r, p.y + corners[0].1 * r)
            for c in corners.dropFirst() { path.line(p.x + c.0 * r, p.y + c.1 * r) }
            path.closeSubpath()
            svg.element("path", [("d", path.data)] + attributes)
        }
        switch shape {
        case .circle:
            svg.element("circle", [("cx", SVGNumber.format(p.x)), ("cy", SVGNumber.format(p.y)),
                                   ("r", SVGNumber.format(r))] + attributes)
        case .square:
            polygon([(-0.85, -0.85), (0.85, -0.85), (0.85, 0.85), (-0.85, 0.85)])
        case .triangle:
            polygon([(0, -1.15), (1.0, 0.6), (-1.0, 0.6)])
        case .triangleDown:
            polygon([(0, 1.15), (-1.0, -0.6), (1.0, -0.6)])
        case .diamond:
            polygon([(0, -1.15), (1.0, 0), (0, 1.15), (-1.0, 0)])
        case .plus, .cross:
            let d = shape == .plus ? [(-1.0, 0.0, 1.0, 0.0), (0.0, -1.0, 0.0, 1.0)] : [(-0.8, -0.8, 0.8, 0.8), (-0.8, 0.8, 0.8, -0.8)]
            var path = SVGPath()
            for (x0, y0, x1, y1) in d {
                path.move(p.x + x0 * r, p.y + y0 * r)
                path.line(p.x + x1 * r, p.y + y1 * r)
            }
            // Crosses have no area: they are drawn with a stroke in the series colour.
            svg.element("path", [("d", path.data), ("fill", "none"), ("stroke", color.hex), ("stroke-width", "1.5")])
        }
    }

    /// `stroke-dasharray` for a dash style, scaled with the line width.
    static func dashAttributes(_ dash: LineDash, width: Double) -> [(String, String)] {
        switch dash {
        case .solid: return []
        case .dashed: return [("stroke-dasharray", "\(SVGNumber.format(3.7 * width)) \(SVGNumber.format(1.6 * width))")]
        case .dotted: return [("stroke-dasharray", "\(SVGNumber.format(0.1)) \(SVGNumber.format(2 * width))")]
        }
    }
}
