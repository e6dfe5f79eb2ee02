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
            default:
                for i in range { let c = code[i]; w[Int(c.dest)] = c.op.apply(w[Int(c.a)], w[Int(c.b)]) }
            }
        }
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
