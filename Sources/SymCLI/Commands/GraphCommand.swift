import Foundation
import Symbolic

/// `sym graph EXPR [--gradient] [--format dot|svg] [--output FILE]`: the
/// computation graph as a picture, with the graph of its adjoints.
struct GraphCommand: Subcommand {
    static let configuration = CommandConfiguration(
        name: "graph",
        abstract: "Draw the computation graph and adjoints as DOT or SVG.",
        discussion: """
            Draws the inputs v-1, v0, ..., the constants and the working variables v1, v2, ... \
            of 'sym trace' (one operation each), with an edge from every operand to its user; \
            a shared subexpression is one node. The output has a thick border. With --gradient \
            the adjoints follow, dashed: an edge from each v̄j to v̄i labelled with the local \
            partial dvj/dvi, ending in the gradient. --at adds every node's value. DOT is for \
            Graphviz (dot -Tsvg); SVG is laid out by sym itself. Graphs of more than --limit \
            nodes are drawn as a summary (counts by operation, depth, most used nodes). \
            Without --format, an --output name ending in .svg chooses SVG.

              sym graph "ln(x1) + x1*x2 - sin(x2)" --gradient --output graph.svg
            """,
        arguments: [ExpressionInput.argument],
        options: [
            OptionDefinition("--gradient", value: nil, help: "Also draw the adjoints and the gradient."),
            CommonOptions.wrtOption("The inputs, in order; with --gradient only these get gradient nodes. (default: all, in order of first appearance)"),
            PointOption.definition,
            OptionDefinition("--format", value: "format", help: "dot or svg. (default: svg for an --output name ending in .svg, else dot)"),
            OptionDefinition("--limit", value: "count", help: "Draw at most this many nodes; larger graphs are summarised.",
                             default: "\(ComputationGraph.defaultNodeLimit)"),
            OptionDefinition("--output", short: "-o", value: "file", help: "Write the picture to this file instead of standard output."),
            ExpressionInput.fileOption, DefineOption.definition,
        ])

    var input: ExpressionInput
    var gradient: Bool
    var variables: [String]?
    var point: PointOption?
    var format: GraphPictureFormat
    var limit: Int
    var outputPath: String?

    init(_ arguments: ScannedArguments) throws(UsageError) {
        input = try ExpressionInput(arguments)
        gradient = arguments.contains(flag: "--gradient")
        variables = try CommonOptions.variables(arguments)
        point = try PointOption(arguments)
        outputPath = arguments.value("--output")
        if let text = arguments.value("--format") {
            guard let format = GraphPictureFormat(rawValue: text) else {
                throw .invalidValue(text, option: "--format <format>", expected: "dot or svg")
            }
            self.format = format
        } else {
            format = outputPath?.lowercased().hasSuffix(".svg") == true ? .svg : .dot
        }
        let text = arguments.value("--limit") ?? "\(ComputationGraph.defaultNodeLimit)"
        guard let count = Int(text), count >= 1 else {
            throw .invalidValue(text, option: "--limit <count>", expected: "a positive integer")
        }
        limit = count
    }

    mutating func run(console: inout Console) throws(CommandError) {
        let text = try input.read(console: &console)
        var order = WrittenOrder()
        let expression: Symbolic.Expression
        do {
            expression = try Symbolic.Expression(parsing: text, functions: console.functions, writtenOrder: &order)
        } catch {
            throw .parse(error, input: text)
        }
        let present = Set(expression.variables)
        let written = Symbolic.Expression.variableNames(appearingIn: text).filter(present.contains)
        let values = try point?.values()
        let graph: ComputationGraph
        do {
            graph = try expression.computationGraph(at: values, variables: variables ?? written,
                                                    gradient: gradient, writtenOrder: order,
                                                    title: text.trimmingCharacters(in: .whitespacesAndNewlines))
        } catch {
            throw .failure(error.description)
        }
        let picture = graph.picture(format, nodeLimit: limit)
        if let reason = picture.summaryReason {
            console.printErrorLine("note: \(reason)" + (graph.nodes.count > limit ? " (raise the limit with --limit)" : ""))
        }
        guard let path = outputPath, path != "-" else {
            console.output.write(picture.text)
            return
        }
        do {
            try picture.text.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw .failure("cannot write '\(path)': \(error.localizedDescription)")
        }
    }
}
