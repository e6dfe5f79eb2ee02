import Foundation
import Testing
@testable import Symbolic
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Computation-graph pictures: the graph of the trace's rows, its adjoints,
/// DOT, SVG with our layered layout, and the summary of large graphs.
@Suite struct ComputationGraphTests {
    static let notes = "ln(x1) + x1*x2 - sin(x2)"
    static let rosenbrock = "100*(x2-x1^2)^2 + (1-x1)^2 + 100*(x3-x2^2)^2 + (1-x2)^2 + 100*(x4-x3^2)^2 + (1-x3)^2"
    static let network = "(w5*tanh(w1*x1 + w2*x2 + b1) + w6*tanh(w3*x1 + w4*x2 + b2) + b3 - y)^2"

    static func graph(_ text: String, gradient: Bool = false, variables: [String]? = nil,
                      at point: [String: Double]? = nil) throws -> ComputationGraph {
        var order = WrittenOrder()
        let f = try Expr(parsing: text, writtenOrder: &order)
        return try f.computationGraph(at: point, variables: variables ?? Expr.variableNames(appearingIn: text),
                                      gradient: gradient, writtenOrder: order)
    }

    /// DOT node statements (`  nK [`) and edge statements (`  nA -> nB`).
    static func dotCounts(_ dot: String) -> (nodes: Int, edges: Int) {
        let lines = dot.split(separator: "\n")
        let edges = lines.filter { $0.contains(" -> ") }.count
        let nodes = lines.filter { $0.hasPrefix("  n") && $0.contains(" [label=") && !$0.contains(" -> ") }.count
        return (nodes, edges)
    }

    @Test func notesGraphIsTheTraceRows() throws {
        let graph = try ComputationGraphTests.graph(ComputationGraphTests.notes)
        #expect(graph.nodes.map(\.name) == ["v-1", "v0", "v1", "v2", "v3", "v4", "v5"])
        #expect(graph.nodes.map(\.definition) == ["x1", "x2", "ln(v-1)", "v-1 * v0", "sin(v0)", "v1 + v2", "v4 - v3"])
        #expect(graph.nodes.filter(\.isOutput).map(\.name) == ["v5"])
        #expect(graph.edges.map { "\(graph.nodes[$0.from].name)>\(graph.nodes[$0.to].name)" }
                == ["v-1>v1", "v-1>v2", "v0>v2", "v0>v3", "v1>v4", "v2>v4", "v4>v5", "v3>v5"])
        let dot = graph.dot()
        #expect(ComputationGraphTests.dotCounts(dot) == (7, 8))
        #expect(dot.hasPrefix("digraph computation {\n") && dot.hasSuffix("}\n"))
        #expect(dot.contains(#"n6 [label="v5\nv4 - v3""#) && dot.contains("peripheries=2"))
    }

    @Test func sharedSubexpressionsAreDrawnOnce() throws {
        let graph = try ComputationGraphTests.graph("sin(x*y) + cos(x*y) + x*y")
        let products = graph.nodes.filter { $0.operation == "*" }
        #expect(products.count == 1)
        let product = try #require(graph.nodes.firstIndex { $0.operation == "*" })
        #expect(graph.edges.filter { $0.from == product }.count == 3)
        #expect(graph.summary.mostShared.first?.name == graph.nodes[product].name)
        #expect(graph.summary.mostShared.first?.uses == 3)
        #expect(ComputationGraphTests.dotCounts(graph.dot()).nodes == graph.nodes.count)
        // Constants are drawn beside each user.
        let square = try ComputationGraphTests.graph("x^2 + y^2")
        #expect(square.nodes.filter { $0.kind == .constant }.map(\.name) == ["2", "2"])
    }

    @Test func adjointsEndInTheNotesGradient() throws {
        let graph = try ComputationGraphTests.graph(ComputationGraphTests.notes, gradient: true, at: ["x1": 2, "x2": 5])
        #expect(graph.nodes.filter { $0.kind == .adjoint }.map(\.name) == ["v̄5", "v̄4", "v̄3", "v̄2", "v̄1", "v̄0", "v̄-1"])
        let gradient = graph.nodes.filter { $0.kind == .gradient }
        #expect(gradient.map(\.name) == ["∂f/∂x1", "∂f/∂x2"])
        expectClose(gradient[0].value!, 5.5, relativeTolerance: 1e-15)
        expectClose(gradient[1].value!, 2 - cos(5), relativeTolerance: 1e-15)
        let adjoint = graph.edges.filter { $0.kind == .adjoint }
        #expect(adjoint.map { "\(graph.nodes[$0.from].name)>\(graph.nodes[$0.to].name):\($0.label!)" } == [
            "v̄5>v̄4:1", "v̄5>v̄3:-1", "v̄4>v̄2:1", "v̄4>v̄1:1", "v̄3>v̄0:cos(v0)", "v̄2>v̄0:v-1", "v̄2>v̄-1:v0", "v̄1>v̄-1:1/v-1",
        ])
        #expect(graph.edges.filter { $0.kind == .seed }.count == 1)
        #expect(graph.edges.filter { $0.kind == .gradient }.count == 2)
        let (nodes, edges) = ComputationGraphTests.dotCounts(graph.dot())
        #expect(nodes == 16 && edges == 19)
        #expect(graph.dot().contains(#"[label="v̄0\n= 1.716", style="rounded,dashed,filled""#))
    }

    @Test func onlyActiveAdjointsForChosenVariables() throws {
        let graph = try ComputationGraphTests.graph("x*y + exp(z)", gradient: true, variables: ["x"])
        #expect(graph.nodes.filter { $0.kind == .gradient }.map(\.name) == ["∂f/∂x"])
        // v̄ of the output, of x*y and of x; nothing for exp(z), z or y.
        #expect(graph.nodes.filter { $0.kind == .adjoint }.count == 3)
        #expect(graph.nodes.filter { $0.kind == .input }.count == 3)
    }

    @Test func partialLabelsUseTheTraceNames() throws {
        let graph = try ComputationGraphTests.graph("x^y / log(x)", gradient: true)
        let labels = Set(graph.edges.compactMap(\.label))
        #expect(labels.contains { $0.contains("ln(v-1)") })
        #expect(!labels.contains { $0.contains("graphArgument") })
        #expect(LocalPartials.lnSpelling("log(a)*xlog(b)+log(c)") == "ln(a)*xlog(b)+ln(c)")
    }

    @Test(arguments: [notes, rosenbrock, network, "x", "2", "max(x, 0) + atan2(y, x)",
                       "max(x,0)^0.5/(1+exp(-y)) - atan2(y, x) + x^y"])
    func svgIsWellFormedAndLaidOutDownward(text: String) throws {
        for gradient in [false, true] {
            let graph = try ComputationGraphTests.graph(text, gradient: gradient)
            let picture = graph.picture(.svg)
            #expect(!picture.isSummary)
            let svg = try ParsedSVG(picture.text)
            let groups = svg.elements("g", class: "node")
            #expect(groups.count == graph.nodes.count)
            #expect(svg.elements("path", class: "edge").count == graph.edges.count)
            #expect(groups.filter { $0["data-kind"] == "adjoint" }.count == graph.nodes.filter { $0.kind == .adjoint }.count)
            #expect(gradient == graph.nodes.contains { $0.kind == .adjoint } || graph.nodes.allSatisfy { $0.kind != .input })
            var boxes: [String: (x: Double, y: Double, w: Double, h: Double)] = [:]
            for g in groups {
                let children: [XMLElement] = (g.children ?? []).compactMap { $0 as? XMLElement }
                let rect = try #require(children.first { $0.name == "rect" })
                boxes[g["id"]] = (Double(rect["x"])!, Double(rect["y"])!, Double(rect["width"])!, Double(rect["height"])!)
            }
            let list = Array(boxes.values)
            for i in list.indices {
                for j in list.indices where j > i {
                    let (a, b) = (list[i], list[j])
                    let apart = a.x + a.w <= b.x + 0.01 || b.x + b.w <= a.x + 0.01 || a.y + a.h <= b.y + 0.01 || b.y + b.h <= a.y + 0.01
                    #expect(apart, "nodes overlap in \(text)")
                }
            }
            // Partial labels of one row never overlap.
            let labels = svg.elements("g", class: "partials").flatMap { g -> [XMLElement] in
                (g.children ?? []).compactMap { $0 as? XMLElement }
            }
            let byRow = Dictionary(grouping: labels, by: { $0["y"] })
            for row in byRow.values {
                let spans = row.map { t -> (Double, Double) in
                    let w = TextMetrics.width(of: t.stringValue ?? "", fontSize: ComputationGraph.labelFontSize)
                    return (Double(t["x"])! - w / 2, Double(t["x"])! + w / 2)
                }.sorted { $0.0 < $1.0 }
                for k in spans.indices.dropFirst() { #expect(spans[k].0 >= spans[k - 1].1, "labels overlap in \(text)") }
            }
            for edge in svg.elements("path", class: "edge") {
                let from = try #require(boxes[edge["data-from"]]), to = try #require(boxes[edge["data-to"]])
                #expect(to.y >= from.y + from.h, "edge \(edge["data-from"])->\(edge["data-to"]) goes up in \(text)")
            }
        }
    }

    @Test func layoutOfATreeHasNoCrossingsAndKeepsLayersApart() {
        // A binary tree of 15 nodes, edges from the children to the root (as operands to users).
        let edges = (1..<15).map { (from: $0, to: ($0 - 1) / 2) }
        let graph = LayeredLayout.Graph(widths: [Double](repeating: 40, count: 15), heights: [Double](repeating: 20, count: 15),
                                        edges: edges, pinnedTop: [Bool](repeating: true, count: 15),
                                        pinnedBottom: [Bool](repeating: false, count: 15))
        let layout = LayeredLayout(graph, layerGap: 30)
        #expect(layout.crossings == 0)
        #expect(Set(layout.layer).count == 4)
        for e in edges { #expect(layout.layer[e.to] == layout.layer[e.from] + 1) }
        #expect(LayeredLayout.isotonic([1, 3, 2], weights: [1, 1, 1]) == [1, 2.5, 2.5])
    }

    @Test func crossingsAreCountedExactly() {
        // Two layers, edges 0→3 and 1→2 cross once when 2 is left of 3.
        let ordering = LayeredLayout.Ordering(layers: [[0, 1], [2, 3]], above: [[], [], [1], [0]], below: [[3], [2], [], []])
        #expect(ordering.crossings(between: 0) == 1)
        var reduced = ordering
        reduced.reduceCrossings()
        #expect(reduced.totalCrossings() == 0)
    }

    @Test func largeGraphsAreSummarised() throws {
        let graph = try ComputationGraphTests.graph(ComputationGraphTests.rosenbrock, gradient: true)
        let svg = graph.picture(.svg, nodeLimit: 20), dot = graph.picture(.dot, nodeLimit: 20)
        #expect(svg.isSummary && dot.isSummary)
        #expect(svg.summaryReason == "the graph has \(graph.nodes.count) nodes, more than the limit of 20; drawing a summary instead")
        let parsed = try ParsedSVG(svg.text)
        let lines = parsed.texts(in: "summary")
        #expect(lines.first == "Summary: the graph has \(graph.nodes.count) nodes, more than the limit of 20.")
        #expect(lines.contains("operations: ^ 9, - 6, + 5, * 3"))
        #expect(parsed.elements("g", class: "node").isEmpty)
        #expect(dot.text.contains("shape=note") && ComputationGraphTests.dotCounts(dot.text) == (0, 0))
        let summary = graph.summary
        #expect(summary.operations == 23 && summary.inputs == 4 && summary.adjoints == 27 && summary.gradients == 4)
        #expect(summary.nodeCount == graph.nodes.count && summary.edgeCount == graph.edges.count)
    }

    @Test func manyLongEdgesAreSummarisedToo() throws {
        let text = (1..<100).map { "100*(x\($0 + 1)-x\($0)^2)^2 + (1-x\($0))^2" }.joined(separator: " + ")
        let picture = try ComputationGraphTests.graph(text, gradient: true).picture(.svg, nodeLimit: 100_000)
        #expect(picture.summaryReason?.hasPrefix("the graph's long edges would need") == true)
    }

    @Test func deepExpressionsDoNotOverflow() throws {
        var e = Expr.variable("x")
        for _ in 0..<5_000 { e = .call(.sin, [e]) }
        let graph = e.computationGraph(gradient: true)
        #expect(graph.nodes.count == 10_003)   // x, 5000 rows, 5001 adjoints, ∂f/∂x
        #expect(graph.summary.depth == 10_002)
        #expect(graph.picture(.svg).isSummary)
        // A chain has no long edges: drawn in full when allowed.
        var chain = Expr.variable("x")
        for _ in 0..<2_000 { chain = .call(.sin, [chain]) }
        let full = chain.computationGraph().picture(.svg, nodeLimit: 5_000)
        #expect(!full.isSummary)
        #expect(try ParsedSVG(full.text).elements("g", class: "node").count == 2_001)
    }

    /// The examples in the doc comments and docs/CodeGeneration.md.
    @Test func documentedExamplesAreTrue() throws {
        let x = Expr.variable("x"), y = Expr.variable("y")
        var order = WrittenOrder()
        let f = try Expr(parsing: "ln(x1) + x1*x2 - sin(x2)", writtenOrder: &order)
        let notes = f.computationGraph(variables: ["x1", "x2"], gradient: true, writtenOrder: order)
        #expect(notes.nodes.count == 16 && notes.edges.count == 19)
        let valued = try f.computationGraph(at: ["x1": 2, "x2": 5], variables: ["x1", "x2"], gradient: true, writtenOrder: order)
        #expect(valued.summary.lines[0] == "16 nodes (2 inputs, 0 constants, 5 operations, 7 adjoints, 2 gradient), 19 edges, depth 8")
        #expect((x * y + sin(y)).computationGraph(variables: ["x", "y"]).nodes.map(\.name) == ["v-1", "v0", "v1", "v2", "v3"])
        #expect(try (x * y).computationGraph(at: ["x": 2, "y": 5], gradient: true).nodes.compactMap(\.value) == [2, 5, 10, 1, 2, 5, 5, 2])
        let summary = (x * y + sin(x * y)).computationGraph(variables: ["x", "y"]).summary
        #expect(summary.depth == 3 && summary.operationCounts.map(\.operation) == ["*", "+", "sin"])
        #expect(summary.mostShared[0].name == "v1" && summary.mostShared[0].uses == 2)
        #expect(x.computationGraph().summary.lines[0] == "1 node (1 input, 0 constants, 0 operations), 0 edges, depth 0")
        let picture = (x * y).computationGraph().picture(.svg)
        #expect(!picture.isSummary && picture.text.hasPrefix("<?xml"))
        #expect((x + 1).computationGraph().dot().contains(#"n0 [label="v0 = x""#))
    }
}
