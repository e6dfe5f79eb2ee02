/// A program in SSA form: every value is a constant, an input, or an
/// operation on earlier values. ``Lowering`` builds it from expressions;
/// ``Program`` schedules it and assigns work slots.
struct LoweredProgram {
    /// An SSA value. Operands of an operation always precede it.
    enum Value: Equatable {
        case constant(Double)
        case input(Int32)
        /// `op(a, b)`; `b` is -1 for unary operations.
        case operation(Opcode, Int32, Int32)
        /// An n-ary operation (``Opcode/isNary``) on the values
        /// `sumTerms[start ..< start + count]`: a left-to-right `sum`, or a
        /// `select` of index and choices.
        case list(Opcode, start: Int32, count: Int32)
    }

    var values: [Value] = []
    /// Operands of n-ary operations: value ids, with
    /// ``LoweredProgram/subtractBit`` set on terms that a sum subtracts.
    var sumTerms: [Int32] = []
    static let subtractBit = Int32(bitPattern: 0x8000_0000)

    /// The values each output is.
    var outputs: [Int32] = []

    /// Calls `body` with each operand value of `v` (in order, once per use).
    @inline(__always)
    func forEachOperand(of v: Int, _ body: (Int32) -> Void) {
        switch values[v] {
        case .constant, .input: break
        case .operation(_, let a, let b):
            body(a)
            if b >= 0 { body(b) }
        case .list(_, let start, let count):
            for k in Int(start)..<Int(start + count) { body(sumTerms[k] & ~LoweredProgram.subtractBit) }
        }
    }
    /// Distinct expression nodes reachable from the outputs.
    var graphNodeCount = 0
    /// Compound nodes with more than one user (an output counts as a user).
    var sharedNodeCount = 0
    /// Uses of compound nodes beyond their first: work saved by sharing.
    var graphCSEHits = 0
    /// Lowered operations found already computed.
    var instructionCSEHits = 0
    /// Operations on constants computed at compile time.
    var constantFolds = 0
    /// The total tree size of the outputs (saturating).
    var treeSize = 0
}


extension LoweredProgram {
    /// The SSA form of a slot program (inverting the slot assignment), so
    /// that it can be scheduled again, e.g. for batched evaluation.
    init(reconstructing program: Program) {
        var current = [Int32](repeating: -1, count: program.slotCount)   // slot → value
        for (i, c) in program.constants.enumerated() {
            current[i] = Int32(values.count)
            values.append(.constant(c))
        }
        for i in 0..<program.inputCount {
            current[program.inputBase + i] = Int32(values.count)
            values.append(.input(Int32(i)))
        }
        for ins in program.instructions {
            let v = Int32(values.count)
            if ins.op.isNary {
                let start = Int32(sumTerms.count)
                for j in program.sumOperands[Int(ins.a)..<Int(ins.a + ins.b)] {
                    let operand = current[Int(j & ~LoweredProgram.subtractBit)]
                    sumTerms.append(j < 0 ? operand | LoweredProgram.subtractBit : operand)
                }
                values.append(.list(ins.op, start: start, count: ins.b))
            } else {
                values.append(.operation(ins.op, current[Int(ins.a)], ins.op.arity == 2 ? current[Int(ins.b)] : -1))
            }
            current[Int(ins.dest)] = v
        }
        outputs = program.outputSlots.map { current[Int($0)] }
    }
}
