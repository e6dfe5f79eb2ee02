/// Writing the loops of a ``LoopPlan`` in each language.
extension CodeEmitter {
    /// Independent partial totals of a C or Swift reduction loop: the loop
    /// body runs for four iterations at a time, each adding to its own
    /// total, so that the additions do not wait on one another.
    static let reductionLanes = 4

    /// `in[index]` in the target language.
    func inputText(_ index: String) -> String {
        switch syntax.language {
        case .c: return "in[\(index)]"
        case .swift: return "input[\(index)]"
        case .python: return "inp[\(index)]"
        case .numpy: return "X[..., \(index)]"
        }
    }

    /// The name of constant table `t`.
    func tableName(_ t: Int) -> String {
        syntax.language == .python || syntax.language == .numpy ? "_sym_k\(t)" : "sym_k\(t)"
    }

    /// The declarations of the plan's constant tables, eight entries a line.
    func tableDeclarations() -> String {
        var text = ""
        for (t, table) in plan.tables.enumerated() {
            let values = table.map { syntax.literal(Double(bitPattern: $0)) }
            let lines = stride(from: 0, to: values.count, by: 8).map {
                "    " + values[$0..<Swift.min($0 + 8, values.count)].joined(separator: ", ")
            }.joined(separator: ",\n")
            switch syntax.language {
            case .c: text += "static const double \(tableName(t))[\(table.count)] = {\n\(lines)\n};\n\n"
            case .swift: text += "private let \(tableName(t)): [Double] = [\n\(lines)\n]\n\n"
            case .python, .numpy: text += "\(tableName(t)) = [\n\(lines)\n]\n\n"
            }
        }
        return text
    }

    /// `scale*i + offset`, spelled simply.
    static func indexText(_ scale: Int, _ offset: Int, _ i: String = "i") -> String {
        if scale == 0 { return "\(offset)" }
        var s = scale == 1 ? i : (scale == -1 ? "-\(i)" : "\(scale) * \(i)")
        if offset > 0 { s += " + \(offset)" } else if offset < 0 { s += " - \(-offset)" }
        return s
    }

    /// The statements of one iteration of `body` and the text of each node.
    mutating func bodyLines(_ body: LoopBody, indent: String, text: [String]) -> (lines: [String], names: [String]) {
        var lines: [String] = []
        var names: [String] = []
        names.reserveCapacity(body.nodes.count)
        for node in body.nodes {
            let rhs: String
            switch node {
            case .constant(let bits):
                names.append(syntax.literal(Double(bitPattern: bits)))
                continue
            case .input(let scale, let offset):
                names.append(inputText(CodeEmitter.indexText(scale, offset)))
                continue
            case .table(let t):
                names.append("\(tableName(Int(t)))[i]")
                continue
            case .external(let v):
                names.append(text[Int(v)])
                continue
            case .operation(let op, let a, let b):
                if let h = syntax.helper(op) { helpers.insert(h) }
                rhs = syntax.render(op, names[Int(a)], b >= 0 ? names[Int(b)] : "")
            case .list(let op, let operands):
                if op == .select {
                    helpers.insert(.select)
                    rhs = syntax.renderSelect(operands.map { names[Int($0)] })
                } else {
                    rhs = operands.enumerated().map { k, t in
                        let operand = names[Int(t & ~LoweredProgram.subtractBit)]
                        return k == 0 ? operand : (t < 0 ? " - " : " + ") + operand
                    }.joined()
                }
            }
            let name = "u\(lines.count)"
            switch syntax.language {
            case .c: lines.append("\(indent)const double \(name) = \(rhs);")
            case .swift: lines.append("\(indent)let \(name): Double = \(rhs)")
            case .python, .numpy: lines.append("\(indent)\(name) = \(rhs)")
            }
            names.append(name)
        }
        return (lines, names)
    }

    private var semicolon: String { syntax.language == .c ? ";" : "" }

    /// A loop writing outputs.
    mutating func outputLoopLines(_ loop: GeneratedLoop, indent: String, text: [String]) -> [String] {
        let inner = indent + "    "
        var lines: [String]
        switch syntax.language {
        case .c: lines = ["\(indent)for (int i = 0; i < \(loop.count); ++i) {"]
        case .swift: lines = ["\(indent)for i in 0..<\(loop.count) {"]
        case .python, .numpy: lines = ["\(indent)for i in range(\(loop.count)):"]
        }
        let (body, names) = bodyLines(loop.body, indent: inner, text: text)
        temporaryCount += body.count
        lines += body
        for w in loop.writes {
            lines.append("\(inner)out[\(CodeEmitter.indexText(w.stride, w.start))] = \(names[Int(w.node)])\(semicolon)")
        }
        if syntax.language != .python && syntax.language != .numpy { lines.append(indent + "}") }
        return lines
    }

    /// A loop adding terms to partial totals; returns its lines and the text of the total.
    mutating func reductionLoopLines(_ loop: GeneratedLoop, id: Int, indent: String, text: [String])
        -> (lines: [String], total: String) {
        let lanes = syntax.language == .python ? 1 : CodeEmitter.reductionLanes
        let totals = (0..<lanes).map { "sym_s\(id)_\($0)" }
        let (body, names) = bodyLines(loop.body, indent: "", text: text)
        temporaryCount += body.count
        let added = loop.terms.filter { !$0.subtract }.map { names[Int($0.node)] }
        let subtracted = loop.terms.filter(\.subtract).map { names[Int($0.node)] }
        func update(_ total: String) -> String {
            if added.isEmpty { return "\(total) -= \(subtracted.joined(separator: " + "))\(semicolon)" }
            return "\(total) += \(added.joined(separator: " + "))" + subtracted.map { " - " + $0 }.joined() + semicolon
        }
        let keepIndex = body.isEmpty || loop.body.usesIndex ? nil : (syntax.language == .c ? "(void)i;" : "_ = i")
        func iteration(_ index: String, _ total: String, _ indent: String, block: Bool) -> [String] {
            var lines: [String] = []
            let inner = block ? indent + "    " : indent
            switch syntax.language {
            case .c:
                if block { lines.append(indent + "{") }
                lines.append("\(inner)const int i = \(index);")
            case .swift:
                if block { lines.append(indent + "do {") }
                lines.append("\(inner)let i = \(index)")
            case .python, .numpy:
                break
            }
            if let keepIndex { lines.append(inner + keepIndex) }
            lines += body.map { inner + $0 }
            lines.append(inner + update(total))
            if block { lines.append(indent + "}") }
            return lines
        }
        let m = loop.count
        let i1 = indent + "    ", i2 = i1 + "    "
        var lines: [String] = []
        switch syntax.language {
        case .c:
            lines.append(indent + "double " + totals.map { "\($0) = 0.0" }.joined(separator: ", ") + ";")
            lines += [indent + "{", i1 + "int j = 0;", i1 + "for (; j + \(lanes) <= \(m); j += \(lanes)) {"]
            for l in 0..<lanes { lines += iteration(l == 0 ? "j" : "j + \(l)", totals[l], i2, block: true) }
            lines += [i1 + "}", i1 + "for (; j < \(m); ++j) {"]
            lines += iteration("j", totals[0], i2, block: false)
            lines += [i1 + "}", indent + "}"]
        case .swift:
            lines.append(indent + "var " + totals.map { "\($0) = 0.0" }.joined(separator: ", "))
            lines += [indent + "do {", i1 + "var j = 0", i1 + "while j + \(lanes) <= \(m) {"]
            for l in 0..<lanes { lines += iteration(l == 0 ? "j" : "j + \(l)", totals[l], i2, block: true) }
            lines += [i2 + "j += \(lanes)", i1 + "}", i1 + "while j < \(m) {"]
            lines += iteration("j", totals[0], i2, block: false)
            lines += [i2 + "j += 1", i1 + "}", indent + "}"]
        case .python, .numpy:
            lines += [indent + "\(totals[0]) = 0.0", indent + "for i in range(\(m)):"]
            lines += iteration("i", totals[0], i1, block: false)
        }
        let total = lanes == 1 ? totals[0] : "(" + totals.joined(separator: " + ") + ")"
        return (lines, total)
    }
}
