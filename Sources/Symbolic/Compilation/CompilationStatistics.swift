/// What the compiler made of a set of expressions.
///
/// "CSE hits" are counted in two honest parts: ``graphCSEHits`` are uses of
/// a shared subexpression beyond its first (interning makes equal
/// subexpressions one node, and compiling lowers each node once, so each
/// such use is a computation saved), and ``instructionCSEHits`` are lowered
/// operations found already computed (two sums starting alike, `x^3` next to
/// `x^2`, a reciprocal used by several quotients).
public struct CompilationStatistics: Sendable, Equatable, CustomStringConvertible {
    /// Instructions executed per evaluation.
    public var instructionCount: Int
    /// Instructions that run inside vectorised loops: independent
    /// same-opcode instructions over consecutive work slots.
    public var vectorizedInstructionCount: Int
    /// Size of the work array in `Double`s: constants, inputs and temporaries.
    public var workSlotCount: Int
    /// Work slots for intermediate values (after slot reuse).
    public var temporarySlotCount: Int
    /// Distinct constants in the work array.
    public var constantCount: Int
    /// Inputs: variables plus parameters.
    public var inputCount: Int
    /// Outputs.
    public var outputCount: Int
    /// Distinct expression nodes of all outputs together.
    public var graphNodeCount: Int
    /// The outputs' total size written out as trees (saturating): what the
    /// program would cost without any sharing.
    public var treeSize: Int
    /// Compound subexpressions used more than once (an output counts as a use).
    public var sharedSubexpressionCount: Int
    /// Uses of shared subexpressions beyond their first.
    public var graphCSEHits: Int
    /// Lowered operations found already computed.
    public var instructionCSEHits: Int
    /// Operations on constants computed at compile time.
    public var constantFolds: Int
    /// Lowered operations removed because no output needs them.
    public var deadInstructionsRemoved: Int
    /// How many instructions of each kind the program has, by name
    /// (`"add"`, `"multiply"`, `"sin"`, …).
    public var instructionCounts: [String: Int]
    /// Bytes held by the compiled program (instructions, constants, output
    /// map); a workspace adds `8 * workSlotCount` bytes.
    public var programBytes: Int

    /// All CSE hits: ``graphCSEHits`` plus ``instructionCSEHits``.
    public var cseHits: Int { graphCSEHits + instructionCSEHits }

    init(_ lowered: LoweredProgram, _ program: Program) {
        instructionCount = program.instructions.count
        vectorizedInstructionCount = program.runs.filter(\.isStrided).reduce(0) { $0 + Int($1.end - $1.start) }
        workSlotCount = program.slotCount
        constantCount = program.constants.count
        inputCount = program.inputCount
        temporarySlotCount = program.slotCount - program.constants.count - program.inputCount
        outputCount = program.outputSlots.count
        graphNodeCount = lowered.graphNodeCount
        treeSize = lowered.treeSize
        sharedSubexpressionCount = lowered.sharedNodeCount
        graphCSEHits = lowered.graphCSEHits
        instructionCSEHits = lowered.instructionCSEHits
        constantFolds = lowered.constantFolds
        deadInstructionsRemoved = program.deadInstructionCount
        var perOpcode = [Int](repeating: 0, count: Opcode.allCases.count)
        for ins in program.instructions { perOpcode[Int(ins.op.rawValue)] += 1 }
        var counts: [String: Int] = [:]
        for op in Opcode.allCases where perOpcode[Int(op.rawValue)] > 0 { counts[op.name] = perOpcode[Int(op.rawValue)] }
        instructionCounts = counts
        programBytes = MemoryLayout<Instruction>.stride * program.instructions.count
            + MemoryLayout<Double>.stride * program.constants.count
            + MemoryLayout<Int32>.stride * program.outputSlots.count
    }

    /// A one-line summary, e.g. `12 instructions, 7 work slots (3 temporaries), 4 CSE hits`.
    public var description: String {
        "\(instructionCount) instructions (\(vectorizedInstructionCount) vectorised), \(workSlotCount) work slots (\(temporarySlotCount) temporaries), "
            + "\(outputCount) outputs, \(graphNodeCount) graph nodes (tree size \(treeSize)), "
            + "\(cseHits) CSE hits (\(graphCSEHits) shared uses + \(instructionCSEHits) lowered), "
            + "\(constantFolds) constants folded, \(deadInstructionsRemoved) dead operations removed, "
            + "\(programBytes) bytes"
    }
}
