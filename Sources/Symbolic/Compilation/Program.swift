/// A flat program: instructions over a work array whose slots are laid out
/// as `[constants | inputs | temporaries]`.
///
/// Constants are written once when a workspace is made and never
/// overwritten; inputs are copied in at each call; temporaries are reused as
/// soon as their value is dead, so the work array stays small (its size is
/// the peak number of live values, not the number of instructions).
struct Program: Sendable {
    var instructions: [Instruction]
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

    var inputBase: Int { constants.count }

    /// Removes dead values, then numbers the slots, reusing a temporary's
    /// slot once its last reader has run (live-range analysis on the
    /// straight-line program, so a single forward pass is exact).
    init(_ lowered: LoweredProgram, inputCount: Int) {
        let values = lowered.values
        var live = [Bool](repeating: false, count: values.count)
        for o in lowered.outputs { live[Int(o)] = true }
        var deadCount = 0
        for v in values.indices.reversed() {
            guard case .operation(_, let a, let b) = values[v] else { continue }
            if live[v] {
                live[Int(a)] = true
                if b >= 0 { live[Int(b)] = true }
            } else {
                deadCount += 1
            }
        }

        // Constants first, then inputs (all of them: callers pass every input).
        var slot = [Int32](repeating: -1, count: values.count)
        var constants: [Double] = []
        for v in values.indices where live[v] {
            if case .constant(let x) = values[v] {
                slot[v] = Int32(constants.count)
                constants.append(x)
            }
        }
        for v in values.indices {
            if case .input(let i) = values[v] { slot[v] = Int32(constants.count) + i }
        }

        // Last reader of each operation value, in instruction order.
        var order: [Int32] = []
        var lastUse = [Int32](repeating: -1, count: values.count)
        for v in values.indices where live[v] {
            guard case .operation(_, let a, let b) = values[v] else { continue }
            let k = Int32(order.count)
            lastUse[Int(a)] = k
            if b >= 0 { lastUse[Int(b)] = k }
            order.append(Int32(v))
        }
        for o in lowered.outputs { lastUse[Int(o)] = Int32.max }

        var free: [Int32] = []
        var next = Int32(constants.count + inputCount)
        var instructions: [Instruction] = []
        instructions.reserveCapacity(order.count)
        for (k, v) in order.enumerated() {
            guard case .operation(let op, let a, let b) = values[Int(v)] else { continue }
            // Release operands that die here before choosing the destination:
            // an instruction reads its operands before it writes, so the
            // destination may take an operand's slot.
            if case .operation = values[Int(a)], lastUse[Int(a)] == Int32(k) { free.append(slot[Int(a)]) }
            if b >= 0, b != a, case .operation = values[Int(b)], lastUse[Int(b)] == Int32(k) {
                free.append(slot[Int(b)])
            }
            let dest: Int32
            if let reused = free.popLast() { dest = reused } else { dest = next; next += 1 }
            slot[Int(v)] = dest
            instructions.append(Instruction(op, dest: dest, slot[Int(a)], b >= 0 ? slot[Int(b)] : 0))
        }

        self.instructions = instructions
        self.constants = constants
        self.inputCount = inputCount
        self.slotCount = Int(next)
        self.outputSlots = lowered.outputs.map { slot[Int($0)] }
        self.deadInstructionCount = deadCount
    }

    /// Runs the program on a work array whose constants are in place and
    /// whose input slots hold the inputs.
    ///
    /// One `switch` per instruction over raw pointers: no bounds checks,
    /// no reference counting, no dictionaries.
    @inline(__always)
    static func execute(_ code: UnsafeBufferPointer<Instruction>, _ w: UnsafeMutablePointer<Double>) {
        for ins in code {
            let x = w[Int(ins.a)], y = w[Int(ins.b)]
            let r: Double
            switch ins.op {
            case .add: r = x + y
            case .subtract: r = x - y
            case .multiply: r = x * y
            case .multiplyReciprocal: r = x * (1 / y)
            case .negate: r = -x
            case .square: r = x * x
            case .reciprocal: r = 1 / x
            default: r = ins.op.apply(x, y)
            }
            w[Int(ins.dest)] = r
        }
    }

    /// Evaluates the program: copies `inputs` into `work` (which must hold
    /// the constants already), runs it and gathers the outputs.
    func run(inputs: UnsafePointer<Double>, work: UnsafeMutablePointer<Double>, outputs: UnsafeMutablePointer<Double>) {
        (work + inputBase).update(from: inputs, count: inputCount)
        instructions.withUnsafeBufferPointer { Program.execute($0, work) }
        outputSlots.withUnsafeBufferPointer { slots in
            for (k, s) in slots.enumerated() { outputs[k] = work[Int(s)] }
        }
    }

    /// A fresh work array with the constants in place.
    func makeWork() -> [Double] {
        var work = [Double](repeating: 0, count: slotCount)
        work.withUnsafeMutableBufferPointer { w in
            for (i, c) in constants.enumerated() { w[i] = c }
        }
        return work
    }
}
