/// Draws contour lines and filled contour bands.
enum ContourRenderer {
    /// One path per level, coloured by the level's rank along the colormap
    /// (or all in the series' colour).
    static func drawLines(_ contour: ContourSeries, x: AxisMapping, y: AxisMapping, plot: PixelRect,
                          into svg: inout SVGDocument) {
        let levels = Array(Set(contour.levels.filter(\.isFinite))).sorted()
        guard !levels.isEmpty else { return }
        svg.open("g", [("class", "contour"), ("fill", "none"), ("stroke-width", SVGNumber.format(contour.width)),
                       ("stroke-linejoin", "round")] + SeriesRenderer.dashAttributes(contour.dash, width: contour.width))
        for (rank, level) in levels.enumerated() {
            var path = SVGPath()
            for line in MarchingSquares(grid: contour.grid, level: level).isolines() {
                let pixels = line.points.map { pixel($0, contour.grid, x, y) }
                for piece in LineGeometry.clippedPieces(pixels, to: plot.insetBy(-2)) {
                    let thin = LineGeometry.simplified(piece, tolerance: 0.2)
                    path.move(thin[0].x, thin[0].y)
                    for p in thin.dropFirst() { path.line(p.x, p.y) }
                }
            }
            guard !path.isEmpty else { continue }
            let color = contour.color ?? contour.colormap.color(at: levels.count == 1 ? 0.5 : Double(rank) / Double(levels.count - 1))
            svg.element("path", [("d", path.data), ("stroke", color.hex), ("data-level", NumberLabel.shortest(level))])
        }
        svg.close("g")
    }

    /// The grid painted in band 0's colour, then the region above each
    /// level painted over in the next band's colour.
    static func drawBands(_ bands: FilledContourSeries, x: AxisMapping, y: AxisMapping, into svg: inout SVGDocument) {
        let grid = bands.grid
        let levels = bands.levels.filter(\.isFinite).sorted()
        svg.open("g", [("class", "filled-contour"), ("stroke", "none"), ("fill-opacity", SVGNumber.format(bands.opacity))])
        for band in 0...levels.count {
            let rings: [[GridPoint]]
            if band == 0 {
                rings = [FilledRegions.Border(columns: grid.xs.count, rows: grid.ys.count).vertices]
            } else {
                rings = FilledRegions.superlevelRings(of: grid, level: levels[band - 1])
            }
            var path = SVGPath()
            for ring in rings {
                let pixels = ring.compactMap { pixel($0, grid, x, y) }
                guard pixels.count >= 3 else { continue }
                let thin = LineGeometry.simplified(pixels + [pixels[0]], tolerance: 0.1)
                path.move(thin[0].x, thin[0].y)
                for p in thin.dropFirst().dropLast() { path.line(p.x, p.y) }
                path.closeSubpath()
            }
            guard !path.isEmpty else { continue }
            svg.element("path", [("d", path.data), ("fill", color(of: band, in: bands).hex)])
        }
        svg.close("g")
    }

    /// The colour of band `index`: given, or a light palette colour.
    static func color(of index: Int, in bands: FilledContourSeries) -> Color {
        index < bands.colors.count ? bands.colors[index] : Palette.color(index).blended(with: .white, 0.7)
    }

    private static func pixel(_ p: GridPoint, _ grid: SampledGrid, _ x: AxisMapping, _ y: AxisMapping) -> PixelPoint? {
        guard let px = x.pixel(grid.x(atColumn: p.column)), let py = y.pixel(grid.y(atRow: p.row)) else { return nil }
        return PixelPoint(x: px, y: py)
    }
}
