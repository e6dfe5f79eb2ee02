/// A flat program: instructions over a work array whose slots are laid out
/// as `[constants | inputs | temporaries]`.
///
/// Constants are written once when a workspace is made and never
/// overwritten; inputs are copied in at each call; temporaries are reused as
/// soon as their value is dead, so the work array stays small (its size is
/// the peak number of live values, not the number of instructions).
struct Program: Sendable {
    var instructions: [Instruction]
    /// Operand slots of n-ary (`sum`, `select`) instructions, with
    /// ``LoweredProgram/subtractBit`` marking subtracted terms.
    var sumOperands: [Int32]
    /// `constants[i]` lives in slot `i`.
    var constants: [Double]
    /// The number of inputs; input `i` lives in slot `constants.count + i`.
    var inputCount: Int
    /// The size of the work array.
    var slotCount: Int
    /// The slot holding each output at the end of a run.
    var outputSlots: [Int32]
    /// Operations dropped because no output needs them.
    var deadInstructionCount: Int
    /// Maximal runs of consecutive instructions with the same opcode.
    var runs: [Run]

    /// Instructions `start ..< end`, all with opcode `op`. A *strided* run
    /// has destinations `d, d+1, …` and operands `a + i·strideA`,
    /// `b + i·strideB` (strides 0 or 1), so it runs as one loop over
    /// contiguous memory that the compiler vectorises.
    struct Run: Sendable {
        var op: Opcode
        var isStrided: Bool
        var strideA: UInt8
        var strideB: UInt8
        var start: Int32
        var end: Int32
        /// For strided `sum` runs: bit j set when term j has stride 1 (else 0).
        var termStrides: UInt32 = 0
    }

    var inputBase: Int { constants.count }

    /// Removes dead values, orders the rest (see ``Schedule``), then
    /// numbers the slots.
    ///
    /// Depth-first programs reuse a temporary's slot once its last reader
    /// has run (live ranges on straight-line code: one forward pass is
    /// exact). Level-scheduled programs give every value its own slot, in
    /// instruction order, unless that would take more than
    /// ``maximumUnsharedSlots``: then a run of same-opcode instructions
    /// writes consecutive slots and often reads consecutive slots too (the
    /// i-th term's values were computed in order), which makes it a
    /// vectorisable strided run.
    init(_ lowered: LoweredProgram, inputCount: Int, schedule: Schedule) {
        let values = lowered.values
        let order = schedule.order(lowered)
        let reuseSlots = schedule == .depthFirst || order.count > Program.maximumUnsharedSlots
        var live = [Bool](repeating: false, count: values.count)
        for v in order { live[Int(v)] = true; lowered.forEachOperand(of: Int(v)) { live[Int($0)] = true } }
        for o in lowered.outputs { live[Int(o)] = true }
        var operationCount = 0
        for v in values where !v.isLeaf { operationCount += 1 }

        // Constants first, then inputs (all of them: callers pass every input).
        var slot = [Int32](repeating: -1, count: values.count)
        var constants: [Double] = []
        for v in values.indices {
            switch values[v] {
            case .constant(let x) where live[v]:
                slot[v] = Int32(constants.count)
                constants.append(x)
            default:
                break
            }
        }
        for v in values.indices {
            if case .input(let i) = values[v] { slot[v] = Int32(constants.count) + i }
        }

        // The last reader of each value, in instruction order.
        var lastUse = [Int32](repeating: -1, count: values.count)
        for (k, v) in order.enumerated() { lowered.forEachOperand(of: Int(v)) { lastUse[Int($0)] = Int32(k) } }
        for o in lowered.outputs { lastUse[Int(o)] = Int32.max }

        var free: [Int32] = []
        var next = Int32(constants.count + inputCount)
        var instructions: [Instruction] = []
        instructions.reserveCapacity(order.count)
        var sumOperands: [Int32] = []
        for (k, v) in order.enumerated() {
            // Release operands that die here before choosing the destination:
            // an instruction reads all its operands before it writes.
            if reuseSlots { lowered.forEachOperand(of: Int(v)) { operand in
                if !values[Int(operand)].isLeaf, lastUse[Int(operand)] == Int32(k) {
                    lastUse[Int(operand)] = -1   // release once, even if read twice
                    free.append(slot[Int(operand)])
                }
            } }
            let dest: Int32
            if let reused = free.popLast() { dest = reused } else { dest = next; next += 1 }
            slot[Int(v)] = dest
            switch values[Int(v)] {
            case .operation(let op, let a, let b):
                instructions.append(Instruction(op, dest: dest, slot[Int(a)], b >= 0 ? slot[Int(b)] : 0))
            case .list(let op, let start, let count):
                let first = Int32(sumOperands.count)
                for t in lowered.sumTerms[Int(start)..<Int(start + count)] {
                    let s = slot[Int(t & ~LoweredProgram.subtractBit)]
                    sumOperands.append(t < 0 ? s | LoweredProgram.subtractBit : s)
                }
                instructions.append(Instruction(op, dest: dest, first, count))
            case .constant, .input:
                preconditionFailure("leaves are not scheduled")
            }
        }

        self.instructions = instructions
        // Strided runs need independent instructions (levels) writing fresh slots.
        self.runs = Program.runs(of: instructions, sumOperands: sumOperands, strided: !reuseSlots)
        self.sumOperands = sumOperands
        self.constants = constants
        self.inputCount = inputCount
        self.slotCount = Int(next)
        self.outputSlots = lowered.outputs.map { slot[Int($0)] }
        self.deadInstructionCount = operationCount - order.count
    }

    /// The term strides (bit j: stride 1, else 0) that take sum `x` to
    /// sum `y` at the next destination, or `nil` if they do not fit.
    private static func sumStrides(_ x: Instruction, _ y: Instruction, _ operands: [Int32]) -> UInt32? {
        guard y.dest == x.dest + 1, x.b == y.b, x.b <= 32 else { return nil }
        var strides: UInt32 = 0
        for j in 0..<Int(x.b) {
            let (p, q) = (operands[Int(x.a) + j], operands[Int(y.a) + j])
            guard (p < 0) == (q < 0) else { return nil }
            switch (q & 0x7FFF_FFFF) - (p & 0x7FFF_FFFF) {
            case 0: break
            case 1: strides |= 1 << UInt32(j)
            default: return nil
            }
        }
        return strides
    }

    /// Values beyond which level-scheduled programs reuse slots (32 MB of work memory).
    static let maximumUnsharedSlots = 1 << 22

    /// Shortest strided run worth its own loop.
    static let minimumStridedRun = 4

    /// Maximal runs of one opcode, split into strided and plain pieces.
    static func runs(of code: [Instruction], sumOperands: [Int32], strided: Bool) -> [Run] {
        var runs: [Run] = []
        var i = 0
        while i < code.count {
            var j = i + 1
            while j < code.count && code[j].op == code[i].op { j += 1 }
            if strided {
                appendRuns(code, sumOperands, i..<j, to: &runs)
            } else {
                runs.append(Run(op: code[i].op, isStrided: false, strideA: 0, strideB: 0, start: Int32(i), end: Int32(j)))
            }
            i = j
        }
        return runs
    }

    /// Splits one same-opcode range into maximal strided pieces (of at
    /// least ``minimumStridedRun`` instructions) and plain pieces between them.
    private static func appendRuns(_ code: [Instruction], _ sumOperands: [Int32], _ range: Range<Int>, to runs: inout [Run]) {
        let op = code[range.lowerBound].op
        var plainStart = range.lowerBound
        var k = range.lowerBound
        while k < range.upperBound {
            var end = k + 1
            var strideA: Int32 = 0, strideB: Int32 = 0, termStrides: UInt32 = 0
            if op == .sum, k + 1 < range.upperBound, let strides = sumStrides(code[k], code[k + 1], sumOperands) {
                termStrides = strides
                while end < range.upperBound, code[end].dest == code[end - 1].dest + 1,
                      sumStrides(code[end - 1], code[end], sumOperands) == strides {
                    end += 1
                }
            } else if ScalarExecution.hasStridedForm(op), k + 1 < range.upperBound, code[k + 1].dest == code[k].dest + 1 {
                strideA = code[k + 1].a - code[k].a
                strideB = op.arity == 2 ? code[k + 1].b - code[k].b : 0
                if (0...1).contains(strideA) && (0...1).contains(strideB) {
                    let first = code[k]
                    while end < range.upperBound {
                        let c = code[end], n = Int32(end - k)
                        guard c.dest == first.dest + n, c.a == first.a + n * strideA,
                              op.arity == 1 || c.b == first.b + n * strideB else { break }
                        end += 1
                    }
                }
            }
            if end - k >= minimumStridedRun {
                if plainStart < k {
                    runs.append(Run(op: op, isStrided: false, strideA: 0, strideB: 0, start: Int32(plainStart), end: Int32(k)))
                }
                runs.append(Run(op: op, isStrided: true, strideA: UInt8(strideA), strideB: UInt8(strideB),
                                start: Int32(k), end: Int32(end), termStrides: termStrides))
                plainStart = end
                k = end
            } else {
                k += 1
            }
        }
        if plainStart < range.upperBound {
            runs.append(Run(op: op, isStrided: false, strideA: 0, strideB: 0, start: Int32(plainStart), end: Int32(range.upperBound)))
        }
    }

    /// Evaluates the program: copies `inputs` into `work` (which must hold
    /// the constants already), runs it and gathers the outputs.
    ///
    /// - Parameter inputs: `inputCount` values (may be `nil` when there are none).
    func run(inputs: UnsafePointer<Double>?, work: UnsafeMutablePointer<Double>, outputs: UnsafeMutablePointer<Double>?) {
        run(inputs: inputs, work: work)
        outputSlots.withUnsafeBufferPointer { slots in
            for (k, s) in slots.enumerated() { outputs![k] = work[Int(s)] }
        }
    }

    /// Runs the program, leaving the outputs in their slots of `work`.
    func run(inputs: UnsafePointer<Double>?, work: UnsafeMutablePointer<Double>) {
        if inputCount > 0 { (work + inputBase).update(from: inputs!, count: inputCount) }
        instructions.withUnsafeBufferPointer { code in
            sumOperands.withUnsafeBufferPointer { sums in
                runs.withUnsafeBufferPointer { runs in
                    guard let code = code.baseAddress else { return }
                    ScalarExecution.execute(code, runs, sums, work)
                }
            }
        }
    }

    /// A fresh work array with the constants in place (never empty, so that
    /// it always has a base address).
    func makeWork() -> [Double] {
        var work = [Double](repeating: 0, count: Swift.max(slotCount, 1))
        work.withUnsafeMutableBufferPointer { w in
            for (i, c) in constants.enumerated() { w[i] = c }
        }
        return work
    }
}

extension LoweredProgram.Value {
    /// Constants and inputs: values that no instruction computes.
    var isLeaf: Bool {
        switch self {
        case .constant, .input: return true
        case .operation, .list: return false
        }
    }
}

