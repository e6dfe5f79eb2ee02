/// Writes a lowered program as source: one temporary per live operation, in
/// program order (operands before users), then the outputs.
struct CodeEmitter {
    let program: LoweredProgram
    let syntax: CodeSyntax
    let name: String
    let variables: [String]
    let layout: OutputLayout
    /// The repeated blocks written as loops (see ``LoopPlan``).
    let plan: LoopPlan
    var temporaryCount = 0
    /// The number of loops written (re-rolled blocks).
    private(set) var loopCount = 0
    var helpers: Set<CodeHelper> = []

    init(program: LoweredProgram, syntax: CodeSyntax, name: String, variables: [String], layout: OutputLayout,
         rerollLoops: Bool = true) {
        self.program = program
        self.syntax = syntax
        self.name = name
        self.variables = variables
        self.layout = layout
        plan = LoopPlan(program: program, enabled: rerollLoops && syntax.language != .numpy)
    }

    /// The complete source file.
    mutating func emit() -> String {
        let body = emitBody()
        var text = header()
        for h in helpers.sorted() {
            let definition = syntax.definition(h)
            if !definition.isEmpty { text += definition + (syntax.language == .c || syntax.language == .swift ? "\n" : "\n\n") }
        }
        if !helpers.isEmpty { text += "\n" }
        text += patternDeclarations()
        text += tableDeclarations()
        text += body
        return text
    }

    /// The most temporaries in one C or Swift function: compilers optimise
    /// huge straight-line functions in superlinear time (gcc -O2 takes
    /// minutes on 100,000 statements), so longer programs are split into
    /// parts that pass values between them through a work array `w`.
    static let partSize = 250

    private mutating func emitBody() -> String {
        let live = plan.liveness()
        let splits = (syntax.language == .c || syntax.language == .swift)
        // The part each live operation belongs to, and the work slot of values used in a later part.
        var part = [Int](repeating: -1, count: program.values.count)
        var count = 0
        for v in program.values.indices where live[v] {
            switch program.values[v] {
            case .constant, .input: break
            case .operation, .list:
                part[v] = splits ? count / CodeEmitter.partSize : 0
                count += 1 + (plan.sums[Int32(v)]?.loops.reduce(0) { $0 + plan.loops[$1].body.nodes.count } ?? 0)
            }
        }
        let partCount = count == 0 ? 1 : part.max()! + 1
        var slot = [Int](repeating: -1, count: program.values.count)
        var slotCount = 0
        if partCount > 1 {
            for v in program.values.indices where part[v] >= 0 {
                plan.forEachOperand(of: v) { o in
                    let o = Int(o)
                    if part[o] >= 0 && part[o] < part[v] && slot[o] < 0 { slot[o] = slotCount; slotCount += 1 }
                }
            }
            // Output loops run in the last part.
            for l in plan.outputLoops {
                for e in plan.loops[l].body.externals {
                    let o = Int(e)
                    if part[o] >= 0 && part[o] < partCount - 1 && slot[o] < 0 { slot[o] = slotCount; slotCount += 1 }
                }
            }
        }
        var text = [String](repeating: "", count: program.values.count)
        var parts = [[String]](repeating: [], count: partCount)
        let indent = syntax.language == .numpy ? "        " : "    "
        for v in program.values.indices {
            var rhs = ""
            switch program.values[v] {
            case .constant(let x):
                text[v] = syntax.literal(x)
                continue
            case .input(let k):
                text[v] = syntax.input(Int(k))
                continue
            case .operation(let op, let a, let b):
                guard live[v] else { continue }
                if let h = syntax.helper(op) { helpers.insert(h) }
                rhs = syntax.render(op, text[Int(a)], b >= 0 ? text[Int(b)] : "")
            case .list(let op, let start, let count):
                guard live[v] else { continue }
                let operands = program.sumTerms[Int(start)..<Int(start + count)]
                if op == .select {
                    helpers.insert(.select)
                    rhs = syntax.renderSelect(operands.map { text[Int($0)] })
                } else {
                    var terms: [(text: String, subtract: Bool)] = []
                    if let planned = plan.sums[Int32(v)] {
                        for l in planned.loops {
                            let (lines, total) = reductionLoopLines(plan.loops[l], id: loopCount, indent: indent, text: text)
                            loopCount += 1
                            parts[part[v]] += lines
                            terms.append((total, false))
                        }
                        terms += planned.rest.map { (text[Int($0 & ~LoweredProgram.subtractBit)], $0 < 0) }
                    } else {
                        terms = operands.map { (text[Int($0 & ~LoweredProgram.subtractBit)], $0 < 0) }
                    }
                    rhs = sumText(terms, &parts[part[v]], indent)
                }
            }
            if slot[v] >= 0 {
                text[v] = "w[\(slot[v])]"
                parts[part[v]].append("\(indent)\(text[v]) = \(rhs)" + (syntax.language == .c ? ";" : ""))
                temporaryCount += 1
            } else {
                text[v] = declare(rhs, &parts[part[v]], indent)
            }
        }
        // Outputs are assigned in the part that computes them (constants and inputs in the last part).
        let zeros = program.outputs.filter { if case .constant(0) = program.values[Int($0)] { return true } else { return false } }
        // Swift, Python and NumPy outputs start at zero; C's are filled by a loop when that is shorter.
        let fillsZeros = syntax.language != .c || zeros.count >= 16
        var prologue: [String] = []
        if syntax.language == .c && fillsZeros {
            prologue.append(indent + "for (int k = 0; k < \(program.outputs.count); ++k) out[k] = 0.0;")
        }
        for (k, o) in program.outputs.enumerated() where !plan.loopOutputs[k] {
            if fillsZeros, case .constant(0) = program.values[Int(o)] { continue }
            parts[part[Int(o)] >= 0 ? part[Int(o)] : partCount - 1].append(indent + assignment(k, text[Int(o)]))
        }
        for l in plan.outputLoops {
            parts[partCount - 1] += outputLoopLines(plan.loops[l], indent: indent, text: text)
            loopCount += 1
        }
        if partCount == 1 {
            return functionOpen() + (prologue + parts[0]).joined(separator: "\n") + "\n" + functionClose()
        }
        return splitFunctions(parts, prologue: prologue, slotCount: slotCount)
    }

    /// The parts as functions of their own, called in order by the main function.
    private func splitFunctions(_ parts: [[String]], prologue: [String], slotCount: Int) -> String {
        var text = ""
        for (k, lines) in parts.enumerated() {
            switch syntax.language {
            case .c:
                text += "static void \(name)_part\(k)(const double *restrict in, double *restrict out, double *restrict w)\n{\n"
                    + "    (void)in; (void)out; (void)w;\n" + lines.joined(separator: "\n") + "\n}\n\n"
            default:
                text += "private func \(name)_part\(k)(_ input: [Double], _ out: inout [Double], _ w: inout [Double]) {\n"
                    + lines.joined(separator: "\n") + "\n}\n\n"
            }
        }
        let calls: [String]
        switch syntax.language {
        case .c:
            // The work array is on the stack: 8 bytes per value passed from one part to a later one.
            calls = ["    double w[\(Swift.max(1, slotCount))];"] + prologue
                + parts.indices.map { "    \(name)_part\($0)(in, out, w);" }
        default:
            calls = ["    var w = [Double](repeating: 0, count: \(Swift.max(1, slotCount)))"]
                + parts.indices.map { "    \(name)_part\($0)(input, &out, &w)" }
        }
        return text + functionOpen() + calls.joined(separator: "\n") + "\n" + functionClose()
    }

    /// The most terms of one generated addition; longer sums are chained.
    static let sumChunk = 32

    /// `a + b - c ...`, with long sums added in chained pieces of ``sumChunk`` terms.
    private mutating func sumText(_ terms: [(text: String, subtract: Bool)], _ lines: inout [String], _ indent: String) -> String {
        var rhs = ""
        for (k, term) in terms.enumerated() {
            if k > 0 && k % (CodeEmitter.sumChunk - 1) == 0 { rhs = declare(rhs, &lines, indent) }
            rhs += rhs.isEmpty ? (term.subtract ? "-" : "") + term.text : (term.subtract ? " - " : " + ") + term.text
        }
        return rhs
    }

    private mutating func declare(_ rhs: String, _ lines: inout [String], _ indent: String) -> String {
        let t = "t\(temporaryCount)"
        temporaryCount += 1
        switch syntax.language {
        case .c: lines.append("\(indent)const double \(t) = \(rhs);")
        case .swift: lines.append("\(indent)let \(t): Double = \(rhs)")
        case .python, .numpy: lines.append("\(indent)\(t) = \(rhs)")
        }
        return t
    }

    private func assignment(_ k: Int, _ value: String) -> String {
        switch syntax.language {
        case .c: return "out[\(k)] = \(value);"
        case .swift, .python: return "out[\(k)] = \(value)"
        case .numpy: return "out[..., \(k)] = \(value)"
        }
    }

    /// The comment describing inputs and outputs.
    private func layoutComment(_ prefix: String) -> [String] {
        func elided(_ items: [String]) -> [String] {
            items.count <= 12 ? items : Array(items.prefix(10)) + ["... (\(items.count - 11) more)", items.last!]
        }
        let inputs = elided(variables.enumerated().map { "\(syntax.input($0.offset)) = \($0.element)" })
        var lines = ["Inputs (\(variables.count)): " + inputs.joined(separator: ", ")]
        let labels = layout.labels
        let shown = elided(labels)
        lines.append("Outputs (\(labels.count)): " + shown.joined(separator: ", "))
        if !layout.hessianRows.isEmpty {
            lines.append(layout.denseHessian
                ? "The Hessian's lower triangle row by row starts at output \(layout.hessianStart)."
                : "The Hessian's nonzero lower-triangle entries start at output \(layout.hessianStart); "
                  + "their positions are \(name)_hessian_rows and \(name)_hessian_columns.")
        }
        return lines.map { prefix + $0 }
    }

    private func header() -> String {
        let origin = "Generated by Symbolic (sym codegen); \(temporaryCount) temporaries."
        switch syntax.language {
        case .c:
            return "/* \(origin)\n * C99, needs only <math.h> (link with -lm).\n"
                + layoutComment(" * ").joined(separator: "\n") + "\n */\n#include <math.h>\n\n"
        case .swift:
            return "// \(origin)\n" + layoutComment("// ").joined(separator: "\n") + "\nimport Foundation\n\n"
        case .python:
            return "# \(origin)\n" + layoutComment("# ").joined(separator: "\n") + "\nimport math\n\n"
        case .numpy:
            return "# \(origin)\n" + layoutComment("# ").joined(separator: "\n")
                + "\n# X holds points along its last axis: X[..., k] is input k; X may be one point or many.\nimport math\n\nimport numpy as np\n\n"
        }
    }

    private func patternDeclarations() -> String {
        guard !layout.hessianRows.isEmpty, !layout.denseHessian else { return "" }
        let rows = layout.hessianRows.map(String.init).joined(separator: ", ")
        let columns = layout.hessianColumns.map(String.init).joined(separator: ", ")
        let count = layout.hessianRows.count
        switch syntax.language {
        case .c:
            return "const int \(name)_hessian_rows[\(count)] = {\(rows)};\nconst int \(name)_hessian_columns[\(count)] = {\(columns)};\n\n"
        case .swift:
            return "let \(name)_hessian_rows: [Int] = [\(rows)]\nlet \(name)_hessian_columns: [Int] = [\(columns)]\n\n"
        case .python, .numpy:
            return "\(name)_hessian_rows = [\(rows)]\n\(name)_hessian_columns = [\(columns)]\n\n"
        }
    }

    private func functionOpen() -> String {
        let n = program.outputs.count
        switch syntax.language {
        case .c:
            return "void \(name)(const double *restrict in, double *restrict out)\n{\n    (void)in;\n"
        case .swift:
            return "func \(name)(_ input: [Double]) -> [Double] {\n"
                + "    precondition(input.count == \(variables.count), \"\(name) takes \(variables.count) inputs\")\n"
                + "    var out = [Double](repeating: 0, count: \(n))\n"
        case .python:
            return "def \(name)(inp):\n    out = [0.0] * \(n)\n"
        case .numpy:
            return "def \(name)(X):\n    X = np.asarray(X, dtype=float)\n    out = np.zeros(X.shape[:-1] + (\(n),))\n"
                + "    with np.errstate(all='ignore'):\n"
        }
    }

    private func functionClose() -> String {
        switch syntax.language {
        case .c: return "}\n"
        case .swift: return "    return out\n}\n"
        case .python, .numpy: return "    return out\n"
        }
    }
}
