/// Draws a ``ComputationGraph`` as SVG with ``LayeredLayout``: nodes as
/// boxes with their labels, edges as curves through their dummy points
/// with arrowheads, adjoints dashed in vermillion, a title and a legend.
extension ComputationGraph {
    static let margin = 16.0, titleHeight = 30.0, legendHeight = 30.0
    static let fontSize = 11.5, lineHeight = 14.0, labelFontSize = 10.0

    /// The size of a node's box.
    func boxSize(of node: Node) -> (width: Double, height: Double) {
        let lines = labelLines(of: node)
        let size = node.kind == .constant ? ComputationGraph.labelFontSize : ComputationGraph.fontSize
        let text = lines.map { TextMetrics.width(of: $0, fontSize: size) }.max() ?? 0
        if node.kind == .constant { return (Swift.max(text + 14, 24), 20) }
        return (Swift.max(text + 16, node.kind == .adjoint ? 44 : 36), 8 + ComputationGraph.lineHeight * Double(lines.count))
    }

    /// The graph the layout works on: box sizes and edges.
    func layoutGraph() -> LayeredLayout.Graph {
        let sizes = nodes.map(boxSize)
        return LayeredLayout.Graph(
            widths: sizes.map(\.width), heights: sizes.map(\.height), edges: edges.map { ($0.from, $0.to) },
            pinnedTop: nodes.map { $0.kind == .input }, pinnedBottom: nodes.map { $0.kind == .gradient })
    }

    /// The layout of this graph's nodes and edges.
    func layout(_ graph: LayeredLayout.Graph? = nil) -> LayeredLayout {
        let graph = graph ?? layoutGraph()
        let labelled = edges.contains { $0.label != nil }
        return LayeredLayout(graph, layerGap: labelled ? 46 : 34, nodeGap: labelled ? 30 : 18)
    }

    func fullSVG(_ graph: LayeredLayout.Graph) -> String {
        let layout = layout(graph)
        let m = ComputationGraph.margin
        let legend = legendEntries()
        let legendWidth = legend.reduce(0.0) { $0 + 34 + TextMetrics.width(of: $1.label, fontSize: 10.5) + 12 }
        let titleWidth = TextMetrics.width(of: pictureTitle, fontSize: 13)
        let width = Swift.max(layout.width, titleWidth, legendWidth) + 2 * m
        let height = layout.height + ComputationGraph.titleHeight + ComputationGraph.legendHeight + 2 * m
        let left = m + (width - 2 * m - layout.width) / 2, top = m + ComputationGraph.titleHeight
        var svg = SVGDocument(width: width, height: height, fontFamily: PlotStyle.fontFamily)
        svg.element("rect", [("class", "background"), ("width", "100%"), ("height", "100%"), ("fill", "#ffffff")])
        svg.open("defs")
        for (id, color) in [("arrow", GraphStyle.edge), ("arrow-adjoint", GraphStyle.adjointStroke),
                            ("arrow-gradient", GraphStyle.gradientStroke)] {
            svg.open("marker", [("id", id), ("viewBox", "0 0 10 10"), ("refX", "10"), ("refY", "5"),
                                ("markerWidth", "7"), ("markerHeight", "7"), ("markerUnits", "userSpaceOnUse"),
                                ("orient", "auto")])
            svg.element("path", [("d", "M0 0L10 5L0 10z"), ("fill", color.hex)])
            svg.close("marker")
        }
        svg.close("defs")
        svg.element("text", [("class", "title"), ("x", SVGNumber.format(width / 2)), ("y", SVGNumber.format(m + 14)),
                             ("text-anchor", "middle"), ("font-size", "13")], content: pictureTitle)
        svg.open("g", [("class", "graph"), ("transform", "translate(\(SVGNumber.format(left)) \(SVGNumber.format(top)))")])
        drawEdges(layout, into: &svg)
        drawNodes(layout, into: &svg)
        svg.close("g")
        drawLegend(legend, y: height - m - 10, width: width, into: &svg)
        return svg.finish()
    }

    private func drawEdges(_ layout: LayeredLayout, into svg: inout SVGDocument) {
        svg.open("g", [("class", "edges"), ("fill", "none")])
        var labels: [(band: Int, x: Double, y: Double, text: String)] = []
        for (k, edge) in edges.enumerated() {
            let points = layout.routes[k]
            var path = SVGPath()
            path.move(points[0].x, points[0].y)
            var d = path.data
            for i in 1..<points.count {
                let (a, b) = (points[i - 1], points[i])
                if abs(a.x - b.x) < 0.01 {
                    d += "L" + SVGNumber.format(b.x) + " " + SVGNumber.format(b.y)
                } else {
                    let mid = (a.y + b.y) / 2
                    d += "C" + [a.x, mid, b.x, mid, b.x, b.y].map(SVGNumber.format).joined(separator: " ")
                }
            }
            var attributes: [(String, String)] = [("class", "edge"), ("data-kind", "\(edge.kind)"),
                                                  ("data-from", "n\(edge.from)"), ("data-to", "n\(edge.to)"), ("d", d)]
            switch edge.kind {
            case .operand:
                attributes += [("stroke", GraphStyle.edge.hex), ("stroke-width", "1.2"), ("marker-end", "url(#arrow)")]
            case .seed:
                attributes += [("stroke", GraphStyle.adjointStroke.hex), ("stroke-width", "1.2"),
                               ("stroke-dasharray", "2 3"), ("marker-end", "url(#arrow-adjoint)")]
            case .adjoint:
                attributes += [("stroke", GraphStyle.adjointStroke.hex), ("stroke-width", "1.2"),
                               ("stroke-dasharray", "5 3"), ("marker-end", "url(#arrow-adjoint)")]
            case .gradient:
                attributes += [("stroke", GraphStyle.gradientStroke.hex), ("stroke-width", "1.4"),
                               ("marker-end", "url(#arrow-gradient)")]
            }
            svg.element("path", attributes)
            if let label = edge.label, edge.kind == .adjoint, points.count >= 2 {
                let band = layout.layer[edge.to]
                let y = layout.layerTop[band] - layout.layerGap / 2
                let (a, b) = (points[points.count - 2], points[points.count - 1])
                labels.append((band, ComputationGraph.curveX(from: a, to: b, atY: y), y + 3.5,
                               ComputationGraphSummary.shortened(label, to: 24)))
            }
        }
        svg.close("g")
        guard !labels.isEmpty else { return }
        svg.open("g", [("class", "partials"), ("font-size", SVGNumber.format(ComputationGraph.labelFontSize)),
                       ("fill", Color(hex: 0x8A3C00).hex), ("text-anchor", "middle"), ("stroke", "#ffffff"),
                       ("stroke-width", "3"), ("paint-order", "stroke"), ("stroke-linejoin", "round")])
        // The labels of one gap, spread so that none overlaps its neighbours;
        // when that would move one far from its edge, in two staggered rows.
        let byBand = Dictionary(grouping: labels.indices, by: { labels[$0].band })
        for band in byBand.keys.sorted() {
            let group = byBand[band]!.sorted { labels[$0].x != labels[$1].x ? labels[$0].x < labels[$1].x : $0 < $1 }
            var placed = ComputationGraph.spread(group.map { (labels[$0].x, labels[$0].text) })
            var rows = [Double](repeating: 0, count: group.count)
            if zip(placed, group).contains(where: { abs($0 - labels[$1].x) > 6 }) {
                for row in 0..<2 {
                    let members = group.indices.filter { $0 % 2 == row }
                    let xs = ComputationGraph.spread(members.map { (labels[group[$0]].x, labels[group[$0]].text) })
                    for (k, m) in members.enumerated() {
                        placed[m] = xs[k]
                        rows[m] = row == 0 ? -6 : 6
                    }
                }
            }
            for (k, i) in group.enumerated() {
                svg.element("text", [("x", SVGNumber.format(placed[k])), ("y", SVGNumber.format(labels[i].y + rows[k]))],
                             content: labels[i].text)
            }
        }
        svg.close("g")
    }

    /// Centres for labels wanted at `wanted` (sorted by x), in that order,
    /// as close to them as they can be without overlapping.
    static func spread(_ wanted: [(x: Double, text: String)]) -> [Double] {
        guard !wanted.isEmpty else { return [] }
        let widths = wanted.map { TextMetrics.width(of: $0.text, fontSize: labelFontSize) }
        var offset = [0.0]
        for k in wanted.indices.dropFirst() { offset.append(offset[k - 1] + (widths[k - 1] + widths[k]) / 2 + 6) }
        let fitted = LayeredLayout.isotonic(wanted.indices.map { wanted[$0].x - offset[$0] },
                                            weights: [Double](repeating: 1, count: wanted.count))
        return wanted.indices.map { fitted[$0] + offset[$0] }
    }

    /// The x of the curve drawn from `a` to `b` (vertical tangents at both
    /// ends) where it crosses height `y` (its middle if it does not).
    static func curveX(from a: (x: Double, y: Double), to b: (x: Double, y: Double), atY y: Double) -> Double {
        guard b.y > a.y, y > a.y, y < b.y else { return (a.x + b.x) / 2 }
        // With control points (a.x, m) and (b.x, m), m the middle height:
        // y(t) = a.y + (b.y - a.y)(1.5t - 1.5t² + t³), rising monotonically,
        // and x(t) = a.x + (b.x - a.x)(3t² - 2t³).
        let target = (y - a.y) / (b.y - a.y)
        var low = 0.0, high = 1.0
        for _ in 0..<30 {
            let t = (low + high) / 2
            if 1.5 * t - 1.5 * t * t + t * t * t < target { low = t } else { high = t }
        }
        let t = (low + high) / 2
        return a.x + (b.x - a.x) * (3 * t * t - 2 * t * t * t)
    }

    private func drawNodes(_ layout: LayeredLayout, into svg: inout SVGDocument) {
        svg.open("g", [("class", "nodes"), ("text-anchor", "middle")])
        for (k, node) in nodes.enumerated() {
            let (w, h) = boxSize(of: node)
            let x0 = layout.x[k] - w / 2, y0 = layout.y[k] - h / 2
            let style = GraphStyle.node(node)
            var group: [(String, String)] = [("class", "node"), ("id", "n\(k)"), ("data-kind", "\(node.kind)")]
            if node.isOutput { group.append(("data-output", "true")) }
            svg.open("g", group)
            let emphasised = node.isOutput || node.kind == .gradient
            var box: [(String, String)] = [
                ("x", SVGNumber.format(x0)), ("y", SVGNumber.format(y0)), ("width", SVGNumber.format(w)),
                ("height", SVGNumber.format(h)), ("rx", node.kind == .constant ? SVGNumber.format(h / 2) : "4"),
                ("fill", style.fill.hex), ("stroke", style.stroke.hex), ("stroke-width", emphasised ? "2.4" : "1.2")]
            if node.kind == .adjoint { box.append(("stroke-dasharray", "4 2")) }
            svg.element("rect", box)
            let size = node.kind == .constant ? ComputationGraph.labelFontSize : ComputationGraph.fontSize
            for (i, line) in labelLines(of: node).enumerated() {
                var attributes: [(String, String)] = [
                    ("x", SVGNumber.format(layout.x[k])),
                    ("y", SVGNumber.format(node.kind == .constant ? y0 + 14 : y0 + 4 + ComputationGraph.lineHeight * Double(i) + 11)),
                    ("fill", style.text.hex)]
                attributes.append(("font-size", SVGNumber.format(size)))
                if i == 0 && node.kind != .constant && node.kind != .input { attributes.append(("font-weight", "bold")) }
                svg.element("text", attributes, content: line)
            }
            svg.close("g")
        }
        svg.close("g")
    }

    private func legendEntries() -> [(label: String, fill: Color, stroke: Color, dashed: Bool)] {
        let sample = { (kind: NodeKind, output: Bool) in
            GraphStyle.node(Node(name: "", kind: kind, definition: "", value: nil, operation: "", row: nil, isOutput: output))
        }
        var entries: [(label: String, fill: Color, stroke: Color, dashed: Bool)] = []
        let kinds = Set(nodes.map(\.kind))
        for (label, kind, output) in [("input", NodeKind.input, false), ("operation", .operation, false),
                                      ("output", .operation, true), ("constant", .constant, false)]
        where kinds.contains(kind) || output {
            let s = sample(kind, output)
            entries.append((label, s.fill, s.stroke, false))
        }
        if hasGradient {
            let a = sample(.adjoint, false), g = sample(.gradient, false)
            entries.append(("adjoint v̄ᵢ (edges: local partials)", a.fill, a.stroke, true))
            entries.append(("gradient", g.fill, g.stroke, false))
        }
        return entries
    }

    private func drawLegend(_ entries: [(label: String, fill: Color, stroke: Color, dashed: Bool)], y: Double,
                            width: Double, into svg: inout SVGDocument) {
        let total = entries.reduce(0.0) { $0 + 34 + TextMetrics.width(of: $1.label, fontSize: 10.5) + 12 } - 12
        var cursor = (width - total) / 2
        svg.open("g", [("class", "legend"), ("font-size", "10.5")])
        for e in entries {
            var box: [(String, String)] = [("x", SVGNumber.format(cursor)), ("y", SVGNumber.format(y - 10)), ("width", "28"),
                                           ("height", "14"), ("rx", "3"), ("fill", e.fill.hex), ("stroke", e.stroke.hex)]
            if e.dashed { box.append(("stroke-dasharray", "4 2")) }
            svg.element("rect", box)
            svg.element("text", [("x", SVGNumber.format(cursor + 34)), ("y", SVGNumber.format(y + 1)), ("fill", "#333333")],
                        content: e.label)
            cursor += 34 + TextMetrics.width(of: e.label, fontSize: 10.5) + 12
        }
        svg.close("g")
    }

    func summarySVG(_ reason: String) -> String {
        let lines = summaryHeading(reason) + summary.lines
        let m = ComputationGraph.margin
        let width = ([pictureTitle].map { TextMetrics.width(of: $0, fontSize: 13) }
                     + lines.map { TextMetrics.width(of: $0, fontSize: 12) }).max()! + 2 * m
        let height = ComputationGraph.titleHeight + Double(lines.count) * 18 + 2 * m
        var svg = SVGDocument(width: width, height: height, fontFamily: PlotStyle.fontFamily)
        svg.element("rect", [("class", "background"), ("width", "100%"), ("height", "100%"), ("fill", "#ffffff")])
        svg.element("text", [("class", "title"), ("x", SVGNumber.format(m)), ("y", SVGNumber.format(m + 14)),
                             ("font-size", "13")], content: pictureTitle)
        svg.open("g", [("class", "summary"), ("font-size", "12"), ("fill", "#222222")])
        for (i, line) in lines.enumerated() {
            svg.element("text", [("x", SVGNumber.format(m)), ("y", SVGNumber.format(m + ComputationGraph.titleHeight + 14 + 18 * Double(i))),
                                 ("xml:space", "preserve")], content: line)
        }
        svg.close("g")
        return svg.finish()
    }
}
