/// Turns an ``EvaluationTrace`` into a ``ComputationGraph``: one loop over
/// the rows (already in topological order), one over the reverse sweep.
extension ComputationGraph {
    init(trace: EvaluationTrace, gradientFor wanted: Set<String>?, showValues: Bool, title: String) {
        var nodes: [Node] = [], edges: [Edge] = []
        let rows = trace.rows
        var nodeOfRow = [Int](repeating: -1, count: rows.count)
        func value(_ v: Double) -> Double? { showValues ? v : nil }
        for (r, row) in rows.enumerated() {
            var operandNodes: [Int] = []
            for operand in row.operands {
                switch operand {
                case .row(let o):
                    operandNodes.append(nodeOfRow[o])
                case .constant(let v, let text):
                    operandNodes.append(nodes.count)
                    nodes.append(Node(name: text, kind: .constant, definition: "", value: value(v), operation: "constant",
                                      row: nil, isOutput: false))
                }
            }
            nodeOfRow[r] = nodes.count
            let isInput: Bool
            if case .input = row.operation { isInput = true } else { isInput = false }
            nodes.append(Node(name: row.name, kind: isInput ? .input : .operation, definition: row.definition,
                              value: value(row.value), operation: ComputationGraph.symbol(row.operation),
                              row: r, isOutput: r == trace.outputRow))
            for o in operandNodes { edges.append(Edge(from: o, to: nodes.count - 1, kind: .operand, label: nil)) }
        }
        if let wanted {
            ComputationGraph.addGradient(trace: trace, wanted: wanted, showValues: showValues, nodeOfRow: nodeOfRow,
                                         nodes: &nodes, edges: &edges)
        }
        self.nodes = nodes
        self.edges = edges
        self.title = title
        hasGradient = wanted != nil
    }

    /// Appends the adjoint nodes of the rows that lead to a wanted input, their
    /// edges with the local partials, and the gradient nodes.
    private static func addGradient(trace: EvaluationTrace, wanted: Set<String>, showValues: Bool, nodeOfRow: [Int],
                                    nodes: inout [Node], edges: inout [Edge]) {
        let rows = trace.rows
        // Activity: a row matters when a path leads from a wanted input to it.
        var active = [Bool](repeating: false, count: rows.count)
        for (r, row) in rows.enumerated() {
            if case .input(let name) = row.operation { active[r] = wanted.contains(name); continue }
            active[r] = row.partials.contains { active[$0.row] }
        }
        var adjointNode = [Int](repeating: -1, count: rows.count)
        var partialTexts: [Int: [String]] = [:]
        for a in trace.adjoints where active[a.row] {
            let row = rows[a.row]
            adjointNode[a.row] = nodes.count
            nodes.append(Node(name: bar(row.name), kind: .adjoint, definition: "", value: showValues ? a.adjoint : nil,
                              operation: "adjoint", row: a.row, isOutput: false))
            if a.contributions.isEmpty {
                edges.append(Edge(from: nodeOfRow[a.row], to: nodes.count - 1, kind: .seed, label: "1"))
            }
            // The contributions in the sweep's order; several from one user
            // (f(v, v)) are matched to its operand positions in turn.
            var used: [Int: Int] = [:]
            for c in a.contributions where adjointNode[c.from] >= 0 {
                if partialTexts[c.from] == nil { partialTexts[c.from] = LocalPartials.labels(of: rows[c.from], in: rows) }
                let positions = rows[c.from].partials.indices.filter { rows[c.from].partials[$0].row == a.row }
                let k = used[c.from, default: 0]
                used[c.from] = k + 1
                let label = k < positions.count ? partialTexts[c.from]![positions[k]] : nil
                edges.append(Edge(from: adjointNode[c.from], to: nodes.count - 1, kind: .adjoint, label: label))
            }
        }
        let gradient = trace.gradient
        for (k, name) in trace.variables.enumerated() where wanted.contains(name) {
            nodes.append(Node(name: "∂f/∂\(name)", kind: .gradient, definition: "", value: showValues ? gradient[k] : nil,
                              operation: "gradient", row: k, isOutput: false))
            if adjointNode[k] >= 0 { edges.append(Edge(from: adjointNode[k], to: nodes.count - 1, kind: .gradient, label: nil)) }
        }
    }

    /// `v5` as `v̄5`.
    static func bar(_ name: String) -> String { "v\u{0304}" + name.dropFirst() }

    /// The symbol summaries count operations by.
    static func symbol(_ operation: EvaluationTrace.Operation) -> String {
        switch operation {
        case .input: return "input"
        case .add: return "+"
        case .subtract: return "-"
        case .multiply: return "*"
        case .divide: return "/"
        case .power: return "^"
        case .negate: return "neg"
        case .call(let f): return f == .log ? "ln" : f.name
        case .custom(let f): return f.name
        }
    }
}

/// The local partials ∂vⱼ/∂(operand) of one row as text in terms of the
/// row's operands (`cos(v0)`, `v-1`, `-1`), from the library's own
/// derivative rules applied to the row's operation.
enum LocalPartials {
    /// One text per row operand (constants have none), in operand order.
    static func labels(of row: EvaluationTrace.Row, in rows: [EvaluationTrace.Row]) -> [String] {
        var arguments: [Expression] = [], names: [(placeholder: String, name: String)] = []
        for (k, operand) in row.operands.enumerated() {
            switch operand {
            case .row(let r):
                let placeholder = "graphArgument\(k)Z"
                arguments.append(.variable(placeholder))
                names.append((placeholder, rows[r].name))
            case .constant(let v, let text):
                arguments.append((try? Expression(parsing: text)) ?? Expression(v))
            }
        }
        let e: Expression
        switch row.operation {
        case .input: return []
        case .add: e = arguments[0] + arguments[1]
        case .subtract: e = arguments[0] - arguments[1]
        case .multiply: e = arguments[0] * arguments[1]
        case .divide: e = arguments[0] / arguments[1]
        case .power: e = .power(arguments[0], arguments[1])
        case .negate: e = -arguments[0]
        case .call(let f): e = .call(f, arguments)
        case .custom(let f): e = f.call(arguments)
        }
        return names.map { n in
            var text = lnSpelling(e.derivative(withRespectTo: n.placeholder).description)
            for other in names { text = text.replacingOccurrences(of: other.placeholder, with: other.name) }
            return text
        }
    }

    /// `log(` written `ln(`, as the trace writes it.
    static func lnSpelling(_ text: String) -> String {
        guard text.contains("log(") else { return text }
        let characters = Array(text)
        var result = "", i = 0
        while i < characters.count {
            let startsWord = i == 0 || !(characters[i - 1].isLetter || characters[i - 1].isNumber || characters[i - 1] == "_")
            if startsWord, i + 4 <= characters.count, String(characters[i..<(i + 4)]) == "log(" {
                result += "ln("
                i += 4
            } else {
                result.append(characters[i])
                i += 1
            }
        }
        return result
    }
}
