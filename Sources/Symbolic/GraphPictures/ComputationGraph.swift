/// The computation graph of an expression, as the course notes draw it:
/// input nodes v₁₋ₙ … v₀, constants, and one node per working variable
/// v₁ … v_l of the evaluation trace (each one elementary operation), with an
/// edge from every operand to its user. Every shared subexpression is one
/// node, however often it is used; constants are drawn beside each user.
///
/// With the gradient, the graph of the derivative follows: one adjoint node
/// v̄ᵢ per working variable the output depends on, an edge v̄ⱼ → v̄ᵢ for every
/// contribution v̄ⱼ ∂vⱼ/∂vᵢ (labelled with the local partial ∂vⱼ/∂vᵢ), and a
/// gradient node ∂f/∂x for every input.
///
///     var order = WrittenOrder()
///     let f = try Expression(parsing: "ln(x1) + x1*x2 - sin(x2)", writtenOrder: &order)
///     let graph = f.computationGraph(variables: ["x1", "x2"], gradient: true, writtenOrder: order)
///     print(graph.nodes.count, graph.edges.count)
///     // Prints "17 20"
///     print(graph.dot().hasPrefix("digraph"))   // true
///
/// Node names match `sym trace`: `v-1`, `v0`, `v1`, …, adjoints `v̄1`, ….
public struct ComputationGraph: Sendable, Hashable {
    /// What a node stands for.
    public enum NodeKind: Sendable, Hashable {
        /// An input variable.
        case input
        /// A constant operand.
        case constant
        /// A working variable: one operation of earlier nodes.
        case operation
        /// The adjoint v̄ᵢ = ∂f/∂vᵢ of a working variable or an input.
        case adjoint
        /// A component ∂f/∂x of the gradient.
        case gradient
    }

    /// One node.
    public struct Node: Sendable, Hashable {
        /// Its name: `v-1`, `v3`, `v̄3`, `∂f/∂x1`, or a constant's text.
        public let name: String
        /// What it stands for.
        public let kind: NodeKind
        /// What it computes: an input's variable, an operation such as
        /// `ln(v-1)` or `v1 + v2`; empty for constants and adjoints.
        public let definition: String
        /// Its value, when the graph was built at a point.
        public let value: Double?
        /// The operation's symbol for summaries (`+`, `*`, `sin`, …; `input`, `constant`, `adjoint`, `gradient`).
        public let operation: String
        /// The evaluation-trace row it belongs to (operations, inputs and adjoints).
        public let row: Int?
        /// Whether this node is the expression's value.
        public let isOutput: Bool
    }

    /// What an edge means.
    public enum EdgeKind: Sendable, Hashable {
        /// An operand flows into its user.
        case operand
        /// The output seeds the reverse sweep (v̄_l = 1).
        case seed
        /// A contribution v̄ⱼ ∂vⱼ/∂vᵢ to an adjoint.
        case adjoint
        /// An input's adjoint is a gradient component.
        case gradient
    }

    /// One edge, from an operand (or a later adjoint) to the node using it.
    public struct Edge: Sendable, Hashable {
        /// Index of the source node in ``ComputationGraph/nodes``.
        public let from: Int
        /// Index of the target node.
        public let to: Int
        /// What it means.
        public let kind: EdgeKind
        /// For adjoint edges, the local partial ∂vⱼ/∂vᵢ in terms of the
        /// forward nodes, such as `cos(v0)` or `v-1`.
        public let label: String?
    }

    /// The nodes in topological order (every edge goes from a lower index to a higher one).
    public let nodes: [Node]
    /// The edges.
    public let edges: [Edge]
    /// The expression as written, for titles.
    public let title: String
    /// Whether adjoint and gradient nodes are included.
    public let hasGradient: Bool
}

/// An error raised when building a computation graph.
public enum ComputationGraphError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A variable has no value at the point given.
    case unboundVariable(String)

    /// A description of the error that says how to fix it.
    public var description: String {
        switch self {
        case .unboundVariable(let name): return "no value for '\(name)'; give every variable a value, e.g. --at \(name)=1"
        }
    }
}

extension Expression {
    /// The computation graph of this expression (see ``ComputationGraph``).
    ///
    ///     let graph = (x * y + sin(y)).computationGraph(variables: ["x", "y"])
    ///     print(graph.nodes.map(\.name))
    ///     // Prints "["v-1", "v0", "v1", "v2", "v3"]"
    ///
    /// - Parameters:
    ///   - variables: The inputs in order; variables of the expression not listed
    ///     follow them. With `gradient`, only these get gradient nodes (all when nil).
    ///   - gradient: Whether to add the adjoint nodes and the gradient.
    ///   - writtenOrder: The operand order of the text (see ``WrittenOrder``).
    ///   - title: The text pictures use as their title (default: the expression).
    /// - Complexity: O(n log n) in the distinct nodes of the expression; no recursion.
    public func computationGraph(variables: [String]? = nil, gradient: Bool = false,
                                 writtenOrder: WrittenOrder = WrittenOrder(), title: String? = nil) -> ComputationGraph {
        (try? computationGraph(at: nil, variables: variables, gradient: gradient, writtenOrder: writtenOrder, title: title))!
    }

    /// The computation graph of this expression with the value of every node
    /// (and adjoint) at `point`.
    ///
    ///     let graph = try (x * y).computationGraph(at: ["x": 2, "y": 5], gradient: true)
    ///     print(graph.nodes.compactMap(\.value))
    ///     // Prints "[2.0, 5.0, 10.0, 1.0, 2.0, 5.0, 5.0, 2.0]"
    ///
    /// - Throws: ``ComputationGraphError/unboundVariable(_:)`` when a variable has no value.
    public func computationGraph(at point: [String: Double]?, variables: [String]? = nil, gradient: Bool = false,
                                 writtenOrder: WrittenOrder = WrittenOrder(),
                                 title: String? = nil) throws(ComputationGraphError) -> ComputationGraph {
        let wanted = variables ?? self.variables
        var all = wanted
        var seen = Set(all)
        for v in self.variables where seen.insert(v).inserted { all.append(v) }
        var values = [Double](repeating: .nan, count: all.count)
        if let point {
            for (k, v) in all.enumerated() {
                guard let value = point[v] else { throw .unboundVariable(v) }
                values[k] = value
            }
        }
        var builder = TraceBuilder(variables: all, values: values, tangentVariable: nil, order: writtenOrder)
        let trace = builder.build(self)
        return ComputationGraph(trace: trace, gradientFor: gradient ? Set(wanted) : nil, showValues: point != nil,
                                title: title ?? description)
    }
}
