/// A program that evaluates many points at once, laid out struct-of-arrays:
/// every per-point value is a *row* holding one number per point of a
/// chunk, and every instruction loops over the chunk, so the dispatch cost
/// is paid once per chunk and plain arithmetic vectorises.
///
/// Values that do not depend on the per-point inputs (constants, and
/// everything computed from the shared inputs only: in a model's loss over
/// a data set, everything that depends on the weights alone) are *shared*:
/// a separate scalar program computes them once per call, and per-point
/// instructions read them as scalars.
struct BatchProgram: Sendable {
    /// Computes the shared values once per call. Its inputs are all the
    /// function's inputs (the per-point ones are not read).
    var shared: Program
    /// Per-point instructions over rows. `mode` bit 1: operand `a` is a slot
    /// of `shared`'s work array, bit 2: so is `b`; otherwise they are rows.
    var instructions: [Instruction]
    /// Operands of n-ary operations: bit 31 marks subtraction (sums), bit 30 a shared slot.
    var sumOperands: [Int32]
    /// The input index held by each of the first `rowInputs.count` rows.
    var rowInputs: [Int32]
    /// The number of rows.
    var rowCount: Int
    /// Per output: a row, or (bit 30 set) a shared slot; `-1` for outputs
    /// that an `output` instruction delivers as soon as they are computed.
    var outputs: [Int32]

    static let sharedBit = Int32(1 << 30)
    static let subtractBit = LoweredProgram.subtractBit
    static let indexMask = Int32(0x3FFF_FFFF)

    /// Splits `lowered` into shared and per-point parts.
    ///
    /// - Parameter varyingInputs: Whether each input varies per point.
    init(_ original: LoweredProgram, inputCount: Int, varyingInputs: [Bool]) {
        var varying = [Bool](repeating: false, count: original.values.count)
        for v in original.values.indices {
            switch original.values[v] {
            case .constant: break
            case .input(let i): varying[v] = varyingInputs[Int(i)]
            case .operation, .list:
                var any = false
                original.forEachOperand(of: v) { any = any || varying[Int($0)] }
                varying[v] = any
            }
        }
        let fusion = BatchFusion(original, varying: varying)
        let lowered = fusion.lowered, values = lowered.values
        varying.append(false)   // the fusion's "no factor" constant

        // The per-point operations, depth-first so that few rows are live.
        var pointLowered = lowered
        pointLowered.outputs = lowered.outputs.filter { varying[Int($0)] }
        let order = Schedule.depthFirstOrder(pointLowered) { !varying[Int($0)] || values[Int($0)].isLeaf }

        // Shared values that per-point instructions or outputs read.
        var sharedIndex = [Int32](repeating: -1, count: values.count)
        var sharedValues: [Int32] = []
        func needShared(_ v: Int32) {
            if !varying[Int(v)] && sharedIndex[Int(v)] < 0 {
                sharedIndex[Int(v)] = Int32(sharedValues.count)
                sharedValues.append(v)
            }
        }
        for v in order { lowered.forEachOperand(of: Int(v), needShared) }
        for o in lowered.outputs { needShared(o) }
        var sharedLowered = lowered
        sharedLowered.outputs = sharedValues
        let shared = Program(sharedLowered, inputCount: inputCount, schedule: .levels)
        func sharedSlot(_ v: Int32) -> Int32 { shared.outputSlots[Int(sharedIndex[Int(v)])] }

        // Rows: the per-point inputs first, then temporaries, reused once
        // dead. A destination never shares a row with its own operands, so
        // that the loops over a chunk can be vectorised without overlap.
        var row = [Int32](repeating: -1, count: values.count)
        var rowInputs: [Int32] = []
        for v in values.indices {
            if case .input(let i) = values[v], varying[v] {
                row[v] = Int32(rowInputs.count)
                rowInputs.append(i)
            }
        }
        // Computed per-point outputs are delivered by an `output` instruction
        // right after the instruction computing them (CasADi's OP_OUTPUT):
        // their rows are then free for reuse, instead of all outputs (31,878
        // for an MLP(50) Hessian) staying live to the end of the chunk.
        var outputsOf: [Int32: [Int32]] = [:]
        for (k, o) in lowered.outputs.enumerated() where varying[Int(o)] && !values[Int(o)].isLeaf {
            outputsOf[o, default: []].append(Int32(k))
        }
        // A product used only as outputs is delivered without a row of its own.
        enum Step { case compute(Int32), output(value: Int32, index: Int32), outputProduct(Int32) }
        var steps: [Step] = []
        steps.reserveCapacity(order.count + outputsOf.count)
        for v in order {
            if fusion.isOutputProduct[Int(v)] {
                steps.append(.outputProduct(v))
                continue
            }
            steps.append(.compute(v))
            for k in outputsOf[v] ?? [] { steps.append(.output(value: v, index: k)) }
        }
        var lastUse = [Int32](repeating: -1, count: values.count)
        for (k, step) in steps.enumerated() {
            switch step {
            case .compute(let v), .outputProduct(let v): lowered.forEachOperand(of: Int(v)) { lastUse[Int($0)] = Int32(k) }
            case .output(let v, _): lastUse[Int(v)] = Int32(k)
            }
        }

        func operand(_ v: Int32) -> Int32 { varying[Int(v)] ? row[Int(v)] : sharedSlot(v) | BatchProgram.sharedBit }
        var free: [Int32] = []
        var next = Int32(rowInputs.count)
        var instructions: [Instruction] = []
        instructions.reserveCapacity(steps.count)
        var sumOperands: [Int32] = []
        func release(_ o: Int32, at k: Int) {
            if varying[Int(o)], !values[Int(o)].isLeaf, lastUse[Int(o)] == Int32(k) {
                lastUse[Int(o)] = -1
                free.append(row[Int(o)])
            }
        }
        func modeOf(_ a: Int32, _ b: Int32) -> UInt8 {
            UInt8(a & BatchProgram.sharedBit != 0 ? 1 : 0) | UInt8(b & BatchProgram.sharedBit != 0 ? 2 : 0)
        }
        for (k, step) in steps.enumerated() {
            switch step {
            case .compute: break
            case .output(let v, let index):
                instructions.append(Instruction(.output, dest: 0, row[Int(v)], index))
                release(v, at: k)
                continue
            case .outputProduct(let v):
                guard case .operation(.multiply, let a, let b) = values[Int(v)] else { preconditionFailure("not a product") }
                let (ra, rb) = (operand(a), operand(b))
                for index in outputsOf[v] ?? [] {
                    instructions.append(Instruction(.outputProduct, dest: index, ra & BatchProgram.indexMask,
                                                    rb & BatchProgram.indexMask, mode: modeOf(ra, rb)))
                }
                lowered.forEachOperand(of: Int(v)) { release($0, at: k) }
                continue
            }
            guard case .compute(let v) = step else { continue }
            let dest: Int32
            if let reused = free.popLast() { dest = reused } else { dest = next; next += 1 }
            row[Int(v)] = dest
            switch values[Int(v)] {
            case .operation(let op, let a, let b):
                let (ra, rb) = (operand(a), b >= 0 ? operand(b) : 0)
                let mode = UInt8(ra & BatchProgram.sharedBit != 0 ? 1 : 0) | UInt8(rb & BatchProgram.sharedBit != 0 ? 2 : 0)
                instructions.append(Instruction(op, dest: dest, ra & BatchProgram.indexMask, rb & BatchProgram.indexMask, mode: mode))
            case .list(.sum, let start, let count) where fusion.isDotSum[Int(v)]:
                // Pairs: (x with its sign, y or -1 for "no factor").
                let first = Int32(sumOperands.count)
                for pair in stride(from: Int(start), to: Int(start + count), by: 2) {
                    let (x, y) = (lowered.sumTerms[pair], lowered.sumTerms[pair + 1])
                    let r = operand(x & ~BatchProgram.subtractBit)
                    sumOperands.append(x < 0 ? r | BatchProgram.subtractBit : r)
                    sumOperands.append(y == fusion.noFactor ? -1 : operand(y))
                }
                instructions.append(Instruction(.dotSum, dest: dest, first, count / 2))
            case .list(let op, let start, let count):
                let first = Int32(sumOperands.count)
                for t in lowered.sumTerms[Int(start)..<Int(start + count)] {
                    let r = operand(t & ~BatchProgram.subtractBit)
                    sumOperands.append(t < 0 ? r | BatchProgram.subtractBit : r)
                }
                instructions.append(Instruction(op, dest: dest, first, count))
            case .constant, .input:
                preconditionFailure("leaves are not scheduled")
            }
            lowered.forEachOperand(of: Int(v)) { release($0, at: k) }
        }
        self.shared = shared
        self.instructions = instructions
        self.sumOperands = sumOperands
        self.rowInputs = rowInputs
        self.rowCount = Int(next)
        self.outputs = lowered.outputs.map { o in outputsOf[o] != nil ? -1 : operand(o) }
    }
}
