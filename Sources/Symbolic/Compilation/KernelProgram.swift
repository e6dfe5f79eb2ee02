import SymbolicKernels

/// A batched program's per-point instructions in the form the SIMD chunk
/// executor of `SymbolicKernels` runs, plus the loop that runs a chunk.
///
/// The translation is one to one (instruction `k` here is instruction `k`
/// of ``BatchProgram/instructions``), so an operation the C executor does
/// not know — one added to ``Opcode`` later, or `power` with its exact
/// small-exponent cases — is run by the Swift ``BatchExecution`` loop for
/// that one instruction, and the C loop resumes after it.
struct KernelProgram: Sendable {
    /// The instructions, as `SKInstruction` values.
    let code: [KernelInstruction]
    /// Whether any instruction falls back to Swift.
    let hasFallbacks: Bool

    /// The C struct, wrapped so that it can be stored in a `Sendable` value
    /// (it holds only integers).
    struct KernelInstruction: @unchecked Sendable {
        var value: SKInstruction
    }

    init(_ program: BatchProgram) {
        var fallbacks = false
        code = program.instructions.map { ins in
            let op = KernelProgram.kernelOpcode(ins.op)
            if op == Int32(SKOpFallback) { fallbacks = true }
            return KernelInstruction(value: SKInstruction(op: UInt8(op), mode: ins.mode, reserved: 0,
                                                          dest: ins.dest, a: ins.a, b: ins.b))
        }
        hasFallbacks = fallbacks
    }

    /// The executor's operation for `op`, or `SKOpFallback`.
    static func kernelOpcode(_ op: Opcode) -> Int32 {
        let kernel: Int
        switch op {
        case .add: kernel = SKOpAdd
        case .subtract: kernel = SKOpSubtract
        case .multiply: kernel = SKOpMultiply
        case .multiplyReciprocal: kernel = SKOpDivide
        case .max: kernel = SKOpMax
        case .min: kernel = SKOpMin
        case .atan2: kernel = SKOpAtan2
        case .negate: kernel = SKOpNegate
        case .reciprocal: kernel = SKOpReciprocal
        case .square: kernel = SKOpSquare
        case .squareRoot: kernel = SKOpSquareRoot
        case .abs: kernel = SKOpAbs
        case .sign: kernel = SKOpSign
        case .step: kernel = SKOpStep
        case .relu: kernel = SKOpRelu
        case .tanh: kernel = SKOpTanh
        case .exp: kernel = SKOpExp
        case .log: kernel = SKOpLog
        case .sigmoid: kernel = SKOpSigmoid
        case .softplus: kernel = SKOpSoftplus
        case .sin: kernel = SKOpSin
        case .cos: kernel = SKOpCos
        case .tan: kernel = SKOpTan
        case .asin: kernel = SKOpAsin
        case .acos: kernel = SKOpAcos
        case .atan: kernel = SKOpAtan
        case .sinh: kernel = SKOpSinh
        case .cosh: kernel = SKOpCosh
        case .log1p: kernel = SKOpLog1p
        case .expm1: kernel = SKOpExpm1
        case .sum: kernel = SKOpSum
        case .output: kernel = SKOpOutput
        case .dotSum: kernel = SKOpDotSum
        case .outputProduct: kernel = SKOpOutputProduct
        case .delta: kernel = SKOpDelta
        case .leakyRelu: kernel = SKOpLeakyRelu
        case .finiteOrZero: kernel = SKOpFiniteOrZero
        case .select: kernel = SKOpSelect
        case .hypot: kernel = SKOpHypot
        case .asinh: kernel = SKOpAsinh
        case .acosh: kernel = SKOpAcosh
        case .atanh: kernel = SKOpAtanh
        case .log10: kernel = SKOpLog10
        case .log2: kernel = SKOpLog2
        case .cbrt: kernel = SKOpCbrt
        case .floor: kernel = SKOpFloor
        case .ceil: kernel = SKOpCeil
        case .erf: kernel = SKOpErf
        case .erfc: kernel = SKOpErfc
        default: kernel = SKOpFallback
        }
        return Int32(kernel)
    }

    /// Runs every instruction on one chunk of `count` points.
    ///
    /// - Parameters:
    ///   - program: The program these instructions were made from (for
    ///     the Swift fallback).
    ///   - rows: Rows of `stride` doubles (a multiple of 8); the input rows
    ///     hold the chunk's inputs, zero-padded to a multiple of 8.
    ///   - outputs: Where `output` instructions deliver.
    @inline(__always)
    func execute(_ program: BatchProgram, code: UnsafeBufferPointer<KernelInstruction>,
                 instructions: UnsafeBufferPointer<Instruction>, sumOperands: UnsafeBufferPointer<Int32>,
                 rows: UnsafeMutablePointer<Double>, stride: Int, count: Int, shared: UnsafePointer<Double>,
                 outputs: UnsafePointer<SKOutputs>) {
        let n = Int32(code.count)
        let base = UnsafeRawPointer(code.baseAddress!).assumingMemoryBound(to: SKInstruction.self)
        var k: Int32 = 0
        while k < n {
            k = sk_execute_chunk(base, n, k, sumOperands.baseAddress, rows, Int64(stride), Int32(count), shared, outputs)
            if k < n {
                // One instruction the C loop does not run; it is never an output.
                BatchExecution.execute(UnsafeBufferPointer(rebasing: instructions[Int(k)..<Int(k) + 1]), sumOperands,
                                       rows: rows, stride: stride, count: (count + 7) & ~7, shared: shared)
                k += 1
            }
        }
    }
}
