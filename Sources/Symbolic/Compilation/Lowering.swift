/// Builds a ``LoweredProgram`` from expressions.
struct Lowering {
    private var program = LoweredProgram()
    /// Constants by bit pattern (few: a `Dictionary` is fine).
    private var constantIDs: [UInt64: Int32] = [:]
    private var operationIDs = OperationTable()
    /// `isConstant[v]` for values `v` below its count: whether value `v` is a
    /// constant. A small array, where reading `program.values[v]` would be a
    /// likely cache miss on every emitted operation.
    private var isConstant: [Bool] = []

    /// Lowers `outputs` over `inputs` (variables then parameters).
    ///
    /// - Throws: ``CompilationError/unknownVariable(_:)`` for a variable that
    ///   is not among `inputs`, ``CompilationError/duplicateInput(_:)`` for a
    ///   name listed twice.
    static func lower(_ outputs: [Expression], inputs: [String], sumChunk: Int = Lowering.sumChunk) throws(CompilationError) -> LoweredProgram {
        // The sweep's name table: no SipHash for short ASCII names (a
        // Dictionary was 7% of compiling a 10,000-variable gradient).
        let inputIndex = VariableNames(inputs)
        if inputIndex.count != inputs.count {   // a repeated name: the first repeat, in order
            var seen = Set<String>()
            for name in inputs where !seen.insert(name).inserted { throw .duplicateInput(name) }
        }
        var lowering = Lowering()
        lowering.sumChunk = Swift.max(2, sumChunk)
        for i in inputs.indices { lowering.program.values.append(.input(Int32(i))) }
        try lowering.lowerGraph(outputs, inputIndex: inputIndex)
        return lowering.program
    }

    private mutating func lowerGraph(_ outputs: [Expression], inputIndex: VariableNames) throws(CompilationError) {
        var graph = try NodeGraph(roots: outputs, inputIndex: inputIndex)
        var outputs = outputs
        if graph.customCall != nil {
            // User-defined functions compile as their bodies.
            outputs = Expression.expandingCustomFunctions(outputs)
            graph = try NodeGraph(roots: outputs, inputIndex: inputIndex)
            if let f = graph.customCall { throw .functionWithoutBody(f.name) }
        }
        let n = graph.count
        program.graphNodeCount = n
        // Room for every value up front: growing copies the arrays.
        program.values.reserveCapacity(program.values.count + n + n / 4)
        program.sumTerms.reserveCapacity(graph.operands.count)
        operationIDs = OperationTable(capacity: program.values.count + n + n / 8, inputCount: program.values.count)

        // Users per node, to find shared nodes and single-use reciprocals.
        var users = [Int32](repeating: 0, count: n)
        for p in graph.operands { users[Int(p)] += 1 }
        for p in graph.rootPositions { users[Int(p)] += 1 }
        for o in outputs { program.treeSize = program.treeSize.addingSaturating(o.treeSize) }
        for i in 0..<n where users[i] > 1 && graph.tags[i] != .constant && graph.tags[i] != .variable {
            program.sharedNodeCount += 1
            program.graphCSEHits += Int(users[i]) - 1
        }

        // valueOf[i]: the SSA value of node i. negated[i] / reciprocated[i]:
        // for a node `-1*y` / `y^-1`, the value of y, so that users can
        // subtract / divide instead (the node itself is then dead code
        // unless something else needs it).
        var valueOf = [Int32](repeating: -1, count: n)
        var negated = [Int32](repeating: -1, count: n)
        var reciprocated = [Int32](repeating: -1, count: n)
        var terms: [(value: Int32, negated: Bool)] = []

        // Operands are read by index from local arrays: a slice per node
        // would retain and release the operand array every time.
        let operandStart = graph.operandStart, operands = graph.operands
        let tags = graph.tags, constants = graph.constants
        for i in 0..<n {
            let first = Int(operandStart[i]), end = Int(operandStart[i + 1])
            switch tags[i] {
            case .constant:
                valueOf[i] = constant(constants[i])
            case .variable:
                valueOf[i] = graph.aux[i]
            case .sum:
                terms.removeAll(keepingCapacity: true)
                for k in first..<end {
                    let p = Int(operands[k])
                    terms.append(negated[p] >= 0 ? (negated[p], true) : (valueOf[p], false))
                }
                valueOf[i] = lowerSum(&terms)
            case .product:
                let head = Int(operands[first])
                var v = valueOf[head]
                var next = first + 1
                if next < end, reciprocated[head] >= 0, users[head] == 1 {
                    // (1/a)·b == b·(1/a): IEEE multiplication is commutative.
                    v = emit(.multiplyReciprocal, valueOf[Int(operands[next])], reciprocated[head])
                    next += 1
                }
                for k in next..<Swift.max(next, end) {
                    let p = Int(operands[k])
                    if reciprocated[p] >= 0, users[p] == 1 {
                        v = emit(.multiplyReciprocal, v, reciprocated[p])
                    } else {
                        v = emit(.multiply, v, valueOf[p])
                    }
                }
                if graph.negate[i] {
                    // Sums subtract v instead: s + (-1·y)·z == s - y·z exactly.
                    negated[i] = v
                    v = emit(.negate, v)
                }
                valueOf[i] = v
            case .constantPower, .power:
                let b = valueOf[Int(operands[first])], e = valueOf[Int(operands[first + 1])]
                let constantExponent: Double? = tags[i] == .constantPower ? constants[i] : nil
                if constantExponent == -1 { reciprocated[i] = b }
                valueOf[i] = lowerPower(b, exponent: constantExponent, runtimeExponent: e)
            case .call:
                let op = Opcode(rawValue: UInt8(graph.aux[i]))!
                let a = valueOf[Int(operands[first])]
                if op == .select {
                    valueOf[i] = emitList(.select, (first..<end).map { valueOf[Int(operands[$0])] })
                } else if end - first > 2 {
                    // max/min of more arguments: left to right, as the evaluator folds.
                    valueOf[i] = (first + 1..<end).reduce(a) { emit(op, $0, valueOf[Int(operands[$1])]) }
                } else {
                    valueOf[i] = end - first == 2 ? emit(op, a, valueOf[Int(operands[first + 1])]) : emit(op, a)
                }
            case .logsumexp:
                valueOf[i] = lowerLogSumExp((first..<end).map { valueOf[Int(operands[$0])] })
            }
        }
        program.outputs = graph.rootPositions.map { valueOf[Int($0)] }
    }

    /// A sum, added left to right like the evaluator's loop. Negated terms
    /// `-1*y` are subtracted (`s + (-y) == s - y` exactly); the first two
    /// terms may swap since IEEE addition is commutative.
    ///
    /// Two terms become one binary instruction. More become n-ary `sum`
    /// instructions of up to `sumChunk` (32) terms each, chained (each piece
    /// starts with the previous piece's total): one instruction keeps its
    /// running total in a register, where a chain of binary additions
    /// would store and reload it at every step, and pieces keep the number
    /// of terms that must be live at once small.
    ///
    /// - Parameter ordered: The terms; rearranged in place (the caller's
    ///   scratch array, so that no copy is made per sum).
    private mutating func lowerSum(_ ordered: inout [(value: Int32, negated: Bool)]) -> Int32 {
        if ordered[0].negated && !ordered[1].negated { ordered.swapAt(0, 1) }
        if ordered[0].negated {
            // -y0 - y1 == -(y0 + y1) exactly.
            let head = emit(.negate, emit(.add, ordered[0].value, ordered[1].value))
            ordered.replaceSubrange(0..<2, with: [(head, false)])
            if ordered.count == 1 { return head }
        }
        var total = ordered[0].value
        var k = 1
        while k < ordered.count {
            let end = Swift.min(ordered.count, k + sumChunk - 1)
            if end - k == 1 {
                let t = ordered[k]
                total = emit(t.negated ? .subtract : .add, total, t.value)
            } else {
                let start = Int32(program.sumTerms.count)
                program.sumTerms.append(total)
                for j in k..<end {
                    let t = ordered[j]
                    program.sumTerms.append(t.negated ? t.value | LoweredProgram.subtractBit : t.value)
                }
                program.values.append(.list(.sum, start: start, count: Int32(end - k + 1)))
                total = Int32(program.values.count - 1)
            }
            k = end
        }
        return total
    }

    /// `logsumexp(z...)` as the operations of ``Function/logSumExp(_:)``, in
    /// its order: s = finiteOrZero(max chain), then s + log Σ exp(zᵢ - s).
    /// Every step is an ordinary instruction, so batched programs run each
    /// as one loop over the points.
    private mutating func lowerLogSumExp(_ z: [Int32]) -> Int32 {
        let m = z.dropFirst().reduce(z[0]) { emit(.max, $0, $1) }
        let shift = emit(.finiteOrZero, m)
        var terms = z.map { (value: emit(.exp, emit(.subtract, $0, shift)), negated: false) }
        let total = terms.count == 1 ? terms[0].value : lowerSum(&terms)
        return emit(.add, shift, emit(.log, total))
    }

    /// An n-ary operation on `operands` (no folding, no CSE: rare and cheap).
    private mutating func emitList(_ op: Opcode, _ operands: [Int32]) -> Int32 {
        let start = Int32(program.sumTerms.count)
        program.sumTerms.append(contentsOf: operands)
        program.values.append(.list(op, start: start, count: Int32(operands.count)))
        return Int32(program.values.count - 1)
    }

    /// The most terms one n-ary `sum` instruction adds (2: binary chains only).
    static let sumChunk = 32
    private var sumChunk = Lowering.sumChunk

    /// `b ^ e`, with the evaluator's exact small-exponent cases split into
    /// squares so that `x^2` and `x^3` share `x*x`.
    private mutating func lowerPower(_ b: Int32, exponent e: Double?, runtimeExponent: Int32) -> Int32 {
        switch e {
        case 1: return b
        case 2: return emit(.square, b)
        case 3: return emit(.multiply, emit(.square, b), b)         // b*b*b
        case -1: return emit(.reciprocal, b)
        case -2: return emit(.reciprocal, emit(.square, b))         // 1/(b*b)
        case 0.5: return emit(.squareRoot, b)
        default: return emit(.power, b, runtimeExponent)
        }
    }

    private mutating func constant(_ x: Double) -> Int32 {
        if let id = constantIDs[x.bitPattern] { return id }
        let id = Int32(program.values.count)
        program.values.append(.constant(x))
        constantIDs[x.bitPattern] = id
        if isConstant.count <= Int(id) {
            isConstant.append(contentsOf: repeatElement(false, count: Swift.max(Int(id) + 1, 2 * isConstant.count) - isConstant.count))
        }
        isConstant[Int(id)] = true
        return id
    }

    /// Whether value `v` is a constant.
    @inline(__always)
    private func valueIsConstant(_ v: Int32) -> Bool { Int(v) < isConstant.count && isConstant[Int(v)] }

    /// Appends `op(a, b)` unless it folds to a constant or exists already.
    private mutating func emit(_ op: Opcode, _ a: Int32, _ b: Int32 = -1) -> Int32 {
        var (a, b) = (a, op.arity == 1 ? -1 : b)
        var aIsConstant = valueIsConstant(a), bIsConstant = b >= 0 && valueIsConstant(b)
        if aIsConstant, case .constant(let x) = program.values[Int(a)] {
            if b < 0 {
                program.constantFolds += 1
                return constant(op.apply(x, 0))
            }
            if bIsConstant, case .constant(let y) = program.values[Int(b)] {
                program.constantFolds += 1
                return constant(op.apply(x, y))
            }
        }
        if op.isCommutative && a > b { swap(&a, &b); swap(&aIsConstant, &bIsConstant) }
        let id = Int32(program.values.count)
        let filedUnder = bIsConstant || b < 0 ? a : aIsConstant ? b : Swift.max(a, b)
        if let existing = operationIDs.findOrInsert(op, a, b, filedUnder: filedUnder, value: id) {
            program.instructionCSEHits += 1
            return existing
        }
        program.values.append(.operation(op, a, b))
        return id
    }
}

extension Expression {
    /// The value of a numeric or named constant, else `nil`.
    var constantDoubleValue: Double? { Expression.constantValue(of: node) }

    /// The value of a numeric or named constant node, else `nil`.
    @inline(__always)
    static func constantValue(of node: Node) -> Double? {
        switch node.kind {
        case .constant(let n): return n.doubleValue
        case .namedConstant(let c): return c.value
        default: return nil
        }
    }
}
