/// The picture formats of a ``ComputationGraph``.
public enum GraphPictureFormat: String, Sendable, CaseIterable {
    /// Graphviz's DOT language (`dot -Tsvg graph.dot -o graph.svg`).
    case dot
    /// A standalone SVG picture laid out by our own layered layout.
    case svg
}

/// A drawn graph: the text, and whether it is a summary because the graph
/// was too large to draw.
public struct GraphPicture: Sendable, Hashable {
    /// The DOT or SVG text.
    public let text: String
    /// Why `text` summarises the graph (node counts, depth, most used nodes)
    /// instead of drawing it; nil when it draws the graph.
    public let summaryReason: String?
    /// Whether `text` is a summary.
    public var isSummary: Bool { summaryReason != nil }
}

extension ComputationGraph {
    /// The most nodes a picture draws by default; larger graphs are summarised.
    public static let defaultNodeLimit = 300

    /// The graph as DOT or SVG; a graph of more than `nodeLimit` nodes is
    /// drawn as its ``summary`` instead.
    ///
    ///     let picture = (x * y).computationGraph().picture(.svg)
    ///     print(picture.isSummary, picture.text.hasPrefix("<?xml"))
    ///     // Prints "false true"
    ///
    /// - Complexity: DOT is linear; the SVG layout about O(n·e) in the
    ///   nodes and edges (with dummy nodes for edges spanning several layers).
    public func picture(_ format: GraphPictureFormat, nodeLimit: Int = ComputationGraph.defaultNodeLimit) -> GraphPicture {
        var reason: String?
        if nodes.count > nodeLimit {
            reason = "the graph has \(nodes.count) nodes, more than the limit of \(nodeLimit); drawing a summary instead"
        }
        var graph: LayeredLayout.Graph?
        if reason == nil && format == .svg {
            graph = layoutGraph()
            let bends = LayeredLayout.bendCount(graph!)
            if bends > ComputationGraph.maximumBends {
                reason = "the graph's long edges would need \(bends) bends (at most \(ComputationGraph.maximumBends)); drawing a summary instead"
            }
        }
        if let reason {
            return GraphPicture(text: format == .dot ? summaryDOT(reason) : summarySVG(reason), summaryReason: reason)
        }
        return GraphPicture(text: format == .dot ? fullDOT() : fullSVG(graph!), summaryReason: nil)
    }

    /// The most bend points (dummy nodes of edges spanning several layers) an SVG layout may need.
    static let maximumBends = 20_000

    /// The graph in Graphviz's DOT language (a summary beyond `nodeLimit` nodes).
    ///
    ///     print((x + 1).computationGraph().dot())
    ///     // digraph computation { ... n0 [label="v0\nx", ...]; ... n1 -> n2; ... }
    public func dot(nodeLimit: Int = ComputationGraph.defaultNodeLimit) -> String { picture(.dot, nodeLimit: nodeLimit).text }

    /// The graph as an SVG picture (a summary beyond `nodeLimit` nodes).
    ///
    ///     let svg = (x + 1).computationGraph().svg()   // "<?xml ...><svg ...>...</svg>"
    public func svg(nodeLimit: Int = ComputationGraph.defaultNodeLimit) -> String { picture(.svg, nodeLimit: nodeLimit).text }

    /// The lines of a node's label: name, definition, value.
    func labelLines(of node: Node) -> [String] {
        var lines: [String]
        switch node.kind {
        case .input: lines = ["\(node.name) = \(node.definition)"]
        case .operation: lines = [node.name, ComputationGraphSummary.shortened(node.definition, to: 40)]
        case .constant, .adjoint, .gradient: lines = [node.name]
        }
        if let v = node.value, node.kind != .constant { lines.append("= " + EvaluationTrace.number(v)) }
        return lines
    }

    private func fullDOT() -> String {
        var text = "digraph computation {\n"
        text += "  graph [label=\(DOTText.quoted(pictureTitle)), labelloc=t, fontname=\"DejaVu Sans\", fontsize=13, nodesep=0.25, ranksep=0.35];\n"
        text += "  node [fontname=\"DejaVu Sans\", fontsize=11, shape=box, style=\"rounded,filled\", color=\"#333333\", fillcolor=\"#ffffff\"];\n"
        text += "  edge [color=\"#555555\", arrowsize=0.7, fontname=\"DejaVu Sans\", fontsize=9];\n"
        for (k, node) in nodes.enumerated() {
            let style = GraphStyle.node(node)
            var attributes = ["label=" + DOTText.quoted(labelLines(of: node).joined(separator: "\n"))]
            if node.kind == .constant { attributes.append("shape=ellipse") }
            if node.kind == .adjoint { attributes.append("style=\"rounded,dashed,filled\"") }
            attributes += ["color=\"\(style.stroke.hex)\"", "fillcolor=\"\(style.fill.hex)\""]
            if style.stroke != GraphStyle.text { attributes.append("fontcolor=\"\(style.text.hex)\"") }
            if node.isOutput || node.kind == .gradient { attributes += ["peripheries=2", "penwidth=1.5"] }
            text += "  n\(k) [\(attributes.joined(separator: ", "))];\n"
        }
        for edge in edges {
            var attributes: [String] = []
            switch edge.kind {
            case .operand: break
            case .seed: attributes += ["style=dotted", "color=\"\(GraphStyle.adjointStroke.hex)\""]
            case .adjoint: attributes += ["style=dashed", "color=\"\(GraphStyle.adjointStroke.hex)\""]
            case .gradient: attributes += ["color=\"\(GraphStyle.gradientStroke.hex)\""]
            }
            if let label = edge.label {
                attributes += ["label=" + DOTText.quoted(" " + label + " "), "fontcolor=\"\(GraphStyle.adjointStroke.hex)\""]
            }
            text += "  n\(edge.from) -> n\(edge.to)" + (attributes.isEmpty ? "" : " [\(attributes.joined(separator: ", "))]") + ";\n"
        }
        return text + "}\n"
    }

    private func summaryDOT(_ reason: String) -> String {
        let lines = summaryHeading(reason) + summary.lines
        var text = "digraph computation {\n"
        text += "  graph [label=\(DOTText.quoted(pictureTitle)), labelloc=t, fontname=\"DejaVu Sans\"];\n"
        text += "  summary [shape=note, fontname=\"DejaVu Sans\", fontsize=11, label=\""
        for line in lines { text += DOTText.escaped(line) + "\\l" }
        return text + "\"];\n}\n"
    }

    /// The picture's title: the expression, shortened.
    var pictureTitle: String {
        (hasGradient ? "Computation graph and adjoints of " : "Computation graph of ")
            + ComputationGraphSummary.shortened(title, to: 90)
    }

    func summaryHeading(_ reason: String) -> [String] {
        ["Summary: " + reason.replacingOccurrences(of: "; drawing a summary instead", with: "") + "."]
    }
}

/// Quoting of DOT strings.
enum DOTText {
    /// `text` in double quotes, with `"` and `\` escaped and newlines as `\n`.
    static func quoted(_ text: String) -> String { "\"" + escaped(text) + "\"" }

    static func escaped(_ text: String) -> String {
        var result = ""
        for c in text {
            switch c {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r", "\t": result += " "
            default: result.append(c)
            }
        }
        return result
    }
}

/// The colours of the graph pictures (the Okabe–Ito palette of the plots).
enum GraphStyle {
    struct NodeStyle { let fill: Color; let stroke: Color; let text: Color }
    static let text = Color(hex: 0x222222)
    static let adjointStroke = Color(hex: 0xD55E00)
    static let gradientStroke = Color(hex: 0x009E73)
    static let edge = Color(hex: 0x555555)

    static func node(_ node: ComputationGraph.Node) -> NodeStyle {
        switch node.kind {
        case .input: return NodeStyle(fill: Color(hex: 0xDCEBF7), stroke: Color(hex: 0x0072B2), text: text)
        case .constant: return NodeStyle(fill: Color(hex: 0xF2F2F2), stroke: Color(hex: 0x999999), text: Color(hex: 0x555555))
        case .operation:
            return node.isOutput ? NodeStyle(fill: Color(hex: 0xFCEBC8), stroke: Color(hex: 0xB87F00), text: text)
                : NodeStyle(fill: .white, stroke: Color(hex: 0x333333), text: text)
        case .adjoint: return NodeStyle(fill: Color(hex: 0xFBE7DA), stroke: adjointStroke, text: Color(hex: 0x8A3C00))
        case .gradient: return NodeStyle(fill: Color(hex: 0xDDF2EA), stroke: gradientStroke, text: Color(hex: 0x00593F))
        }
    }
}
