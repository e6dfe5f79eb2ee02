import Foundation

/// A picture: one or more panels in a grid, with an optional title,
/// written as a standalone SVG document.
///
/// The SVG is deterministic — the same figure always gives the same bytes
/// — uses text elements for all text (small, searchable, selectable) and
/// needs no fonts or scripts beyond a sans-serif font.
///
///     var panel = Panel(xAxis: Axis(label: "x"), yAxis: Axis(label: "y"))
///     panel.add(LineSeries(x: [0, 1, 2], y: [0, 1, 4], label: "x²"))
///     let svg = Figure(title: "A parabola", panels: [panel]).svg()
///     // svg starts with "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
public struct Figure: Sendable, Hashable {
    /// Shown centred above all panels.
    public var title: String?
    /// The panels, filled into the grid row by row.
    public var panels: [Panel]
    /// Panels per row.
    public var columns: Int
    /// Width in pixels (CSS px, 1/96 inch).
    public var width: Double
    /// Height in pixels.
    public var height: Double

    /// Creates a figure. By default panels sit side by side up to three
    /// per row; one panel is 640 × 480 (matplotlib's default size at 100
    /// dpi), and each further row or column adds about half of that.
    ///
    ///     let pair = Figure(panels: [left, right])             // 1 row, 2 columns
    ///     let grid = Figure(panels: panels, columns: 4, width: 1200, height: 600)
    public init(title: String? = nil, panels: [Panel], columns: Int? = nil, width: Double? = nil, height: Double? = nil) {
        self.title = title
        self.panels = panels
        let columns = Swift.max(1, columns ?? Swift.min(Swift.max(panels.count, 1), 3))
        self.columns = columns
        let rows = Swift.max(1, (panels.count + columns - 1) / columns)
        self.width = width ?? (columns == 1 ? 640 : 340 * Double(columns))
        self.height = height ?? ((rows == 1 ? 480 : 300 * Double(rows)) + (title == nil ? 0 : 30))
    }

    /// Panel rows.
    public var rows: Int { Swift.max(1, (panels.count + columns - 1) / columns) }

    /// The figure as an SVG document.
    ///
    ///     let text = Figure(panels: [Panel()]).svg()
    ///
    /// - Complexity: Linear in the number of points drawn, plus the cells
    ///   of each contour grid.
    public func svg() -> String {
        var svg = SVGDocument(width: width, height: height, fontFamily: PlotStyle.fontFamily)
        svg.element("rect", [("width", "100%"), ("height", "100%"), ("fill", "#ffffff")])
        let titleHeight = title == nil ? 0 : PlotStyle.figureTitleFont * 2
        if let title {
            svg.element("text", [("class", "figure-title"), ("x", SVGNumber.format(width / 2)),
                                 ("y", SVGNumber.format(PlotStyle.figureTitleFont * 1.4)),
                                 ("font-size", SVGNumber.format(PlotStyle.figureTitleFont)), ("text-anchor", "middle"),
                                 ("fill", PlotStyle.textColor)], content: title)
        }
        for (index, layout) in layouts(top: titleHeight).enumerated() {
            PanelRenderer.draw(panels[index], layout: layout, id: "panel\(index + 1)", into: &svg)
        }
        return svg.finish()
    }

    /// Writes ``svg()`` to the file at `path`, replacing it.
    ///
    ///     try figure.write(toFile: "loss.svg")
    ///
    /// - Throws: ``PlotError/cannotWrite(path:reason:)``.
    public func write(toFile path: String) throws(PlotError) {
        do {
            try Data(svg().utf8).write(to: URL(fileURLWithPath: path))
        } catch {
            let directory = (path as NSString).deletingLastPathComponent
            let exists = directory.isEmpty || FileManager.default.fileExists(atPath: directory)
            throw .cannotWrite(path: path, reason: exists ? "permission denied or not a regular file" : "no such directory")
        }
    }

    /// Every panel's layout, with plot areas lined up: panels in one grid
    /// column share left and right margins, panels in one row share top
    /// and bottom margins.
    func layouts(top: Double) -> [PanelLayout] {
        let cellWidth = width / Double(columns)
        let cellHeight = (height - top) / Double(rows)
        let cells = panels.indices.map { index in
            PixelRect(x: Double(index % columns) * cellWidth, y: top + Double(index / columns) * cellHeight,
                      width: cellWidth, height: cellHeight)
        }
        let natural = panels.indices.map { PanelLayout(panels[$0], cell: cells[$0]).margins }
        var columnMargins = [Margins](repeating: Margins(), count: columns)
        var rowMargins = [Margins](repeating: Margins(), count: rows)
        for (index, m) in natural.enumerated() {
            let c = index % columns, r = index / columns
            columnMargins[c] = columnMargins[c].union(Margins(left: m.left, right: m.right))
            rowMargins[r] = rowMargins[r].union(Margins(top: m.top, bottom: m.bottom))
        }
        return panels.indices.map { index in
            let c = index % columns, r = index / columns
            let minimum = Margins(left: columnMargins[c].left, right: columnMargins[c].right,
                                  top: rowMargins[r].top, bottom: rowMargins[r].bottom)
            return PanelLayout(panels[index], cell: cells[index], minimum: minimum)
        }
    }
}

/// A failure to save a picture.
public enum PlotError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file could not be written.
    case cannotWrite(path: String, reason: String)

    /// A fragment that reads well after "error: ".
    ///
    ///     PlotError.cannotWrite(path: "/x/a.svg", reason: "no such directory").description
    ///     // "cannot write '/x/a.svg': no such directory"
    public var description: String {
        switch self {
        case .cannotWrite(let path, let reason): return "cannot write '\(path)': \(reason)"
        }
    }
}
