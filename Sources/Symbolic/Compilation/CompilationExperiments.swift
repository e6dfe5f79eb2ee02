/// Hooks for the benchmark package (`Benchmarks/`, `symbench --experiments`)
/// to measure the design alternatives that docs/Compilation.md compares.
/// Not part of the supported API: import with `@_spi(Experiments)`.
@_spi(Experiments)
public enum CompilationExperiment: Sendable {
    /// The shipped design: level schedule, same-opcode runs, n-ary sums.
    case standard
    /// Depth-first schedule: one dispatch per instruction, few live slots.
    case depthFirst
    /// Sums as chains of binary additions instead of n-ary instructions.
    case binarySums
}

@_spi(Experiments)
extension CompiledFunction {
    /// Compiles with one of the design alternatives.
    public init(_ outputs: [Expression], variables: [String], experiment: CompilationExperiment) throws(CompilationError) {
        switch experiment {
        case .standard:
            try self.init(outputs, variables: variables)
        case .depthFirst:
            try self.init(outputs, variables: variables, parameters: [], schedule: .depthFirst, sumChunk: Lowering.sumChunk)
        case .binarySums:
            try self.init(outputs, variables: variables, parameters: [], schedule: .levels, sumChunk: 2)
        }
    }

    /// The same program run as a list of closures, one per instruction
    /// (closure-threaded code, the "nested closures" alternative to the
    /// `switch` loop): returns a function of the inputs that writes the
    /// outputs into its second argument, using the third as work memory
    /// (start with an empty array).
    public func closureEvaluator() -> @Sendable ([Double], inout [Double], inout [Double]) -> Void {
        typealias Step = (UnsafeMutablePointer<Double>) -> Void
        let p = program
        var steps: [Step] = []
        for ins in p.instructions {
            let d = Int(ins.dest), a = Int(ins.a), b = Int(ins.b)
            switch ins.op {
            case .add: steps.append { w in w[d] = w[a] + w[b] }
            case .subtract: steps.append { w in w[d] = w[a] - w[b] }
            case .multiply: steps.append { w in w[d] = w[a] * w[b] }
            case .square: steps.append { w in w[d] = w[a] * w[a] }
            case .negate: steps.append { w in w[d] = -w[a] }
            case .sum:
                let operands = Array(p.sumOperands[Int(ins.a)..<Int(ins.a + ins.b)])
                steps.append { w in
                    operands.withUnsafeBufferPointer { w[d] = ScalarExecution.sum($0.baseAddress!, $0.count, w) }
                }
            case .select:
                let operands = Array(p.sumOperands[Int(ins.a)..<Int(ins.a + ins.b)])
                steps.append { w in
                    operands.withUnsafeBufferPointer { w[d] = ScalarExecution.select($0.baseAddress!, $0.count, w) }
                }
            default:
                let op = ins.op
                steps.append { w in w[d] = op.apply(w[a], w[b]) }
            }
        }
        let program = UncheckedSendable(steps)   // immutable after construction
        return { inputs, outputs, work in
            if work.count != Swift.max(p.slotCount, 1) { work = p.makeWork() }
            if outputs.count != p.outputSlots.count { outputs = [Double](repeating: 0, count: p.outputSlots.count) }
            work.withUnsafeMutableBufferPointer { w in
                let base = w.baseAddress!
                for (i, v) in inputs.enumerated() { base[p.inputBase + i] = v }
                for step in program.value { step(base) }
                for (k, s) in p.outputSlots.enumerated() { outputs[k] = base[Int(s)] }
            }
        }
    }
}
