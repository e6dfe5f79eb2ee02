/// What a graph too large to draw is made of: node counts by kind and by
/// operation, its depth, and the nodes with the most users.
///
///     let graph = (x * y + sin(x * y)).computationGraph(variables: ["x", "y"])
///     let summary = graph.summary
///     print(summary.depth, summary.operationCounts.map(\.operation))
///     // Prints "3 ["*", "+", "sin"]"
///     print(summary.mostShared[0].name, summary.mostShared[0].uses)
///     // Prints "v1 2"
public struct ComputationGraphSummary: Sendable, Hashable {
    /// How many nodes of one operation.
    public struct OperationCount: Sendable, Hashable {
        /// The operation: `+`, `-`, `*`, `/`, `^`, `neg` or a function name.
        public let operation: String
        /// How many working variables compute it.
        public let count: Int
    }

    /// A node used by several others.
    public struct SharedNode: Sendable, Hashable {
        /// Its name, such as `v12`.
        public let name: String
        /// What it computes.
        public let definition: String
        /// How many edges leave it (uses by later operations).
        public let uses: Int
    }

    /// All nodes.
    public let nodeCount: Int
    /// All edges.
    public let edgeCount: Int
    /// Input, constant, operation, adjoint and gradient nodes.
    public let inputs: Int, constants: Int, operations: Int, adjoints: Int, gradients: Int
    /// Operations by count, most frequent first (ties by name).
    public let operationCounts: [OperationCount]
    /// The number of edges on the longest path (the number of layers less one).
    public let depth: Int
    /// Up to five operations and inputs with the most uses (at least two), most used first.
    public let mostShared: [SharedNode]

    /// The summary as lines of text.
    ///
    ///     print(x.computationGraph().summary.lines[0])
    ///     // Prints "1 node (1 input, 0 constants, 0 operations), 0 edges, depth 0"
    public var lines: [String] {
        func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        var parts = [plural(inputs, "input"), plural(constants, "constant"), plural(operations, "operation")]
        if adjoints + gradients > 0 { parts += [plural(adjoints, "adjoint"), "\(gradients) gradient"] }
        var result = ["\(plural(nodeCount, "node")) (\(parts.joined(separator: ", "))), \(plural(edgeCount, "edge")), depth \(depth)"]
        if !operationCounts.isEmpty {
            result.append("operations: " + operationCounts.map { "\($0.operation) \($0.count)" }.joined(separator: ", "))
        }
        if !mostShared.isEmpty {
            result.append("most used:")
            for s in mostShared { result.append("  \(s.name) = \(ComputationGraphSummary.shortened(s.definition)): \(plural(s.uses, "use"))") }
        }
        return result
    }

    static func shortened(_ text: String, to limit: Int = 60) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }
}

extension ComputationGraph {
    /// Counts, depth and the most used nodes (see ``ComputationGraphSummary``).
    ///
    ///     print((x * x + 1).computationGraph().summary.lines.joined(separator: "\n"))
    ///
    /// - Complexity: O(n log n) in the nodes and edges; no recursion.
    public var summary: ComputationGraphSummary {
        var byKind: [NodeKind: Int] = [:]
        var byOperation: [String: Int] = [:]
        for node in nodes {
            byKind[node.kind, default: 0] += 1
            if node.kind == .operation { byOperation[node.operation, default: 0] += 1 }
        }
        var layer = [Int](repeating: 0, count: nodes.count)
        var uses = [Int](repeating: 0, count: nodes.count)
        // Edges go from lower to higher indices: one pass in target order.
        for edge in edges.sorted(by: { $0.to < $1.to }) {
            layer[edge.to] = Swift.max(layer[edge.to], layer[edge.from] + 1)
            if edge.kind == .operand { uses[edge.from] += 1 }
        }
        let shared = nodes.indices.filter { uses[$0] >= 2 && nodes[$0].kind != .constant }
            .sorted { uses[$0] != uses[$1] ? uses[$0] > uses[$1] : $0 < $1 }
            .prefix(5)
            .map { ComputationGraphSummary.SharedNode(name: nodes[$0].name, definition: nodes[$0].definition, uses: uses[$0]) }
        return ComputationGraphSummary(
            nodeCount: nodes.count, edgeCount: edges.count,
            inputs: byKind[.input, default: 0], constants: byKind[.constant, default: 0],
            operations: byKind[.operation, default: 0], adjoints: byKind[.adjoint, default: 0],
            gradients: byKind[.gradient, default: 0],
            operationCounts: byOperation.map { ComputationGraphSummary.OperationCount(operation: $0.key, count: $0.value) }
                .sorted { $0.count != $1.count ? $0.count > $1.count : $0.operation < $1.operation },
            depth: layer.max() ?? 0, mostShared: Array(shared))
    }
}
