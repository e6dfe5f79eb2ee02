/// The evaluation loop for one point.
enum ScalarExecution {
    /// Runs `runs` of instructions over the work array `w`.
    ///
    /// One `switch` per run, then a tight loop over the run's instructions
    /// with the opcode fixed: no per-instruction dispatch inside a run, no
    /// bounds checks, no reference counting, no dictionaries.
    @inline(__always)
    static func execute(_ code: UnsafePointer<Instruction>, _ runs: UnsafeBufferPointer<Program.Run>,
                        _ sumOperands: UnsafeBufferPointer<Int32>, _ w: UnsafeMutablePointer<Double>) {
        for run in runs {
            if run.isStrided {
                if run.op == .sum {
                    executeStridedSum(run, code[Int(run.start)], sumOperands.baseAddress!, w)
                } else {
                    executeStrided(run, code[Int(run.start)], w)
                }
                continue
            }
            let range = Int(run.start)..<Int(run.end)
            switch run.op {
            case .add:
                for i in range { let c = code[i]; w[Int(c.dest)] = w[Int(c.a)] + w[Int(c.b)] }
            case .subtract:
                for i in range { let c = code[i]; w[Int(c.dest)] = w[Int(c.a)] - w[Int(c.b)] }
            case .multiply:
                for i in range { let c = code[i]; w[Int(c.dest)] = w[Int(c.a)] * w[Int(c.b)] }
            case .multiplyReciprocal:
                for i in range { let c = code[i]; w[Int(c.dest)] = w[Int(c.a)] * (1 / w[Int(c.b)]) }
            case .square:
                for i in range { let c = code[i]; let x = w[Int(c.a)]; w[Int(c.dest)] = x * x }
            case .negate:
                for i in range { let c = code[i]; w[Int(c.dest)] = -w[Int(c.a)] }
            case .reciprocal:
                for i in range { let c = code[i]; w[Int(c.dest)] = 1 / w[Int(c.a)] }
            case .sum:
                let operands = sumOperands.baseAddress!   // sum instructions have operands
                for i in range { let c = code[i]; w[Int(c.dest)] = sum(operands + Int(c.a), Int(c.b), w) }
            case .select:
                let operands = sumOperands.baseAddress!
                for i in range { let c = code[i]; w[Int(c.dest)] = select(operands + Int(c.a), Int(c.b), w) }
            default:
                for i in range { let c = code[i]; w[Int(c.dest)] = c.op.apply(w[Int(c.a)], w[Int(c.b)]) }
            }
        }
    }

    /// Whether `op` has a strided (vectorised) loop.
    static func hasStridedForm(_ op: Opcode) -> Bool {
        switch op {
        case .add, .subtract, .multiply, .multiplyReciprocal, .square, .negate, .reciprocal, .tanh: return true
        default: return false
        }
    }

    /// A strided run: destinations `first.dest + i`, operands
    /// `first.a + i·strideA` and `first.b + i·strideB`.
    @inline(__always)
    static func executeStrided(_ run: Program.Run, _ first: Instruction, _ w: UnsafeMutablePointer<Double>) {
        let n = Int(run.end - run.start)
        let d = w + Int(first.dest), a = w + Int(first.a), b = w + Int(first.b)
        @inline(__always) func binary(_ f: (Double, Double) -> Double) {
            switch (run.strideA, run.strideB) {
            case (1, 1): for i in 0..<n { d[i] = f(a[i], b[i]) }
            case (1, _): let y = b[0]; for i in 0..<n { d[i] = f(a[i], y) }
            case (_, 1): let x = a[0]; for i in 0..<n { d[i] = f(x, b[i]) }
            default: let v = f(a[0], b[0]); for i in 0..<n { d[i] = v }
            }
        }
        @inline(__always) func unary(_ f: (Double) -> Double) {
            if run.strideA == 1 {
                for i in 0..<n { d[i] = f(a[i]) }
            } else {
                let v = f(a[0])
                for i in 0..<n { d[i] = v }
            }
        }
        switch run.op {
        case .add: binary { $0 + $1 }
        case .subtract: binary { $0 - $1 }
        case .multiply: binary { $0 * $1 }
        case .multiplyReciprocal: binary { $0 * (1 / $1) }
        case .square: unary { $0 * $0 }
        case .negate: unary { -$0 }
        case .reciprocal: unary { 1 / $0 }
        case .tanh:
            if run.strideA == 1 {
                VectorMath.tanh(a, into: d, count: n)
            } else {
                unary { VectorMath.tanh($0) }
            }
        default:
            for i in 0..<n { d[i] = run.op.apply(a[i * Int(run.strideA)], b[i * Int(run.strideB)]) }
        }
    }

    /// A strided run of n-ary sums: term by term over the whole run, each
    /// destination adding its terms in the same order as ``sum(_:_:_:)``.
    @inline(__always)
    static func executeStridedSum(_ run: Program.Run, _ first: Instruction, _ sumOperands: UnsafePointer<Int32>,
                                  _ w: UnsafeMutablePointer<Double>) {
        let n = Int(run.end - run.start)
        let d = w + Int(first.dest), terms = sumOperands + Int(first.a)
        let t0 = w + Int(terms[0] & 0x7FFF_FFFF)
        if run.termStrides & 1 != 0 {
            d.update(from: t0, count: n)
        } else {
            d.update(repeating: t0[0], count: n)
        }
        for j in 1..<Int(first.b) {
            let t = terms[j], a = w + Int(t & 0x7FFF_FFFF)
            switch (run.termStrides >> UInt32(j) & 1 != 0, t < 0) {
            case (true, false): for i in 0..<n { d[i] = d[i] + a[i] }
            case (true, true): for i in 0..<n { d[i] = d[i] - a[i] }
            case (false, false): let v = a[0]; for i in 0..<n { d[i] = d[i] + v }
            case (false, true): let v = a[0]; for i in 0..<n { d[i] = d[i] - v }
            }
        }
    }

    /// `select(index, choices...)` with the operand slots `operands[0 ..< count]`.
    @inline(__always)
    static func select(_ operands: UnsafePointer<Int32>, _ count: Int, _ w: UnsafePointer<Double>) -> Double {
        let index = w[Int(operands[0])]
        guard index >= 0, index < Double(count - 1), index.rounded(.towardZero) == index else { return .nan }
        return w[Int(operands[1 + Int(index)])]
    }

    /// The n-ary sum, left to right, in a register.
    @inline(__always)
    static func sum(_ operands: UnsafePointer<Int32>, _ count: Int, _ w: UnsafePointer<Double>) -> Double {
        var s = w[Int(operands[0])]
        for k in 1..<count {
            let j = operands[k]
            let v = w[Int(j & 0x7FFF_FFFF)]
            s = j < 0 ? s - v : s + v
        }
        return s
    }
}
