import Foundation

/// The Swift evaluation loop for a chunk of points (struct-of-arrays): the
/// fallback of the SIMD kernels (``KernelProgram``) for operations they do
/// not run, such as `power` with its exact small-exponent cases.
///
/// Each instruction runs one loop over the chunk with its operation fixed,
/// calling exactly the scalar operation that ``ScalarExecution`` and the
/// tree evaluator call, so every point's results are bit for bit the ones a
/// one-point evaluation gives.
enum BatchExecution {
    /// Runs per-point instructions (never outputs: the kernels deliver
    /// those) on `count` points.
    ///
    /// - Parameters:
    ///   - rows: `rowCount` rows of `stride` doubles; the per-point input
    ///     rows hold the chunk's inputs.
    ///   - shared: The work array of the shared program after it ran.
    @inline(__always)
    static func execute(_ code: UnsafeBufferPointer<Instruction>, _ sumOperands: UnsafeBufferPointer<Int32>,
                        rows: UnsafeMutablePointer<Double>, stride: Int, count: Int, shared: UnsafePointer<Double>) {
        let c = count
        for ins in code {
            let d = rows + Int(ins.dest) * stride
            @inline(__always) func row(_ r: Int32) -> UnsafeMutablePointer<Double> { rows + Int(r) * stride }
            @inline(__always) func binary(_ f: (Double, Double) -> Double) {
                switch ins.mode {
                case 0:
                    let a = row(ins.a), b = row(ins.b)
                    for i in 0..<c { d[i] = f(a[i], b[i]) }
                case 1:
                    let s = shared[Int(ins.a)], b = row(ins.b)
                    for i in 0..<c { d[i] = f(s, b[i]) }
                default:
                    let a = row(ins.a), s = shared[Int(ins.b)]
                    for i in 0..<c { d[i] = f(a[i], s) }
                }
            }
            @inline(__always) func unary(_ f: (Double) -> Double) {
                let a = row(ins.a)
                for i in 0..<c { d[i] = f(a[i]) }
            }
            switch ins.op {
            case .add: binary { $0 + $1 }
            case .subtract: binary { $0 - $1 }
            case .multiply: binary { $0 * $1 }
            case .multiplyReciprocal: binary { $0 * (1 / $1) }
            case .power: binary { Opcode.power($0, $1) }
            case .atan2: binary { Function.atan2.evaluate($0, $1) }
            case .max: binary { Function.max.evaluate($0, $1) }
            case .min: binary { Function.min.evaluate($0, $1) }
            case .delta: binary { Function.kroneckerDelta($0, $1) }
            case .leakyRelu: binary { Function.leakyRelu($0, slope: $1) }
            case .finiteOrZero: unary { Function.finiteOrZero($0) }
            case .hypot: binary { Foundation.hypot($0, $1) }
            case .asinh: unary { Foundation.asinh($0) }
            case .acosh: unary { Foundation.acosh($0) }
            case .atanh: unary { Foundation.atanh($0) }
            case .log10: unary { Foundation.log10($0) }
            case .log2: unary { Foundation.log2($0) }
            case .cbrt: unary { Foundation.cbrt($0) }
            case .floor: unary { Foundation.floor($0) }
            case .ceil: unary { Foundation.ceil($0) }
            case .erf: unary { Foundation.erf($0) }
            case .erfc: unary { Foundation.erfc($0) }
            case .negate: unary { -$0 }
            case .reciprocal: unary { 1 / $0 }
            case .square: unary { $0 * $0 }
            case .squareRoot: unary { $0.squareRoot() }
            case .sin: unary { Foundation.sin($0) }
            case .cos: unary { Foundation.cos($0) }
            case .tan: unary { Foundation.tan($0) }
            case .asin: unary { Foundation.asin($0) }
            case .acos: unary { Foundation.acos($0) }
            case .atan: unary { Foundation.atan($0) }
            case .sinh: unary { Foundation.sinh($0) }
            case .cosh: unary { Foundation.cosh($0) }
            case .tanh: unary { VectorMath.tanh($0) }
            case .exp: unary { VectorMath.exp($0) }
            case .log: unary { VectorMath.log($0) }
            case .log1p: unary { Foundation.log1p($0) }
            case .expm1: unary { Foundation.expm1($0) }
            case .abs: unary { Swift.abs($0) }
            case .sign: unary { Function.sign.evaluate($0) }
            case .step: unary { Function.step.evaluate($0) }
            case .sigmoid: unary { VectorMath.sigmoid($0) }
            case .relu: unary { Function.relu.evaluate($0) }
            case .softplus: unary { Function.stableSoftplus($0) }
            case .output, .outputProduct: preconditionFailure("outputs are delivered by the kernels")
            case .sum: sum(sumOperands.baseAddress! + Int(ins.a), Int(ins.b), into: d, rows: rows, stride: stride, count: c, shared: shared)
            case .dotSum: dotSum(sumOperands.baseAddress! + Int(ins.a), Int(ins.b), into: d, rows: rows, stride: stride, count: c, shared: shared)
            case .select: select(sumOperands.baseAddress! + Int(ins.a), Int(ins.b), into: d, rows: rows, stride: stride, count: c, shared: shared)
            }
        }
    }

    /// `select(index, choices...)` point by point: each point reads its
    /// chosen row (or shared value), NaN for an invalid index, exactly as
    /// ``Function/select(_:_:)``.
    @inline(__always)
    static func select(_ operands: UnsafePointer<Int32>, _ n: Int, into d: UnsafeMutablePointer<Double>,
                       rows: UnsafeMutablePointer<Double>, stride: Int, count c: Int, shared: UnsafePointer<Double>) {
        @inline(__always) func operand(_ k: Int, at i: Int) -> Double {
            let j = operands[k]
            let index = Int(j & BatchProgram.indexMask)
            return j & BatchProgram.sharedBit != 0 ? shared[index] : rows[index * stride + i]
        }
        for i in 0..<c {
            let index = operand(0, at: i)
            if index >= 0, index < Double(n - 1), index.rounded(.towardZero) == index {
                d[i] = operand(1 + Int(index), at: i)
            } else {
                d[i] = .nan
            }
        }
    }

    /// An n-ary sum into `d` (which is none of the operand rows), term by
    /// term in order, each term over the whole chunk.
    @inline(__always)
    static func sum(_ operands: UnsafePointer<Int32>, _ n: Int, into d: UnsafeMutablePointer<Double>,
                    rows: UnsafeMutablePointer<Double>, stride: Int, count c: Int, shared: UnsafePointer<Double>) {
        let first = operands[0]
        if first & BatchProgram.sharedBit != 0 {
            let s = shared[Int(first & BatchProgram.indexMask)]
            for i in 0..<c { d[i] = s }
        } else {
            d.update(from: rows + Int(first) * stride, count: c)
        }
        for k in 1..<n {
            let j = operands[k]
            let index = Int(j & BatchProgram.indexMask)
            switch (j & BatchProgram.sharedBit != 0, j < 0) {
            case (false, false):
                let a = rows + index * stride
                for i in 0..<c { d[i] += a[i] }
            case (false, true):
                let a = rows + index * stride
                for i in 0..<c { d[i] -= a[i] }
            case (true, false):
                let s = shared[index]
                for i in 0..<c { d[i] += s }
            case (true, true):
                let s = shared[index]
                for i in 0..<c { d[i] -= s }
            }
        }
    }

    /// A dot sum `Σ ±x·y` over operand pairs (``BatchFusion``): each
    /// product rounded, then added in order, as separate instructions would.
    @inline(__always)
    static func dotSum(_ operands: UnsafePointer<Int32>, _ n: Int, into d: UnsafeMutablePointer<Double>,
                       rows: UnsafeMutablePointer<Double>, stride: Int, count c: Int, shared: UnsafePointer<Double>) {
        for i in 0..<c {
            var total = 0.0
            for k in 0..<n {
                let x = operands[2 * k], y = operands[2 * k + 1]
                func value(_ o: Int32) -> Double {
                    let index = Int(o & BatchProgram.indexMask)
                    return o & BatchProgram.sharedBit != 0 ? shared[index] : rows[index * stride + i]
                }
                let term = y == -1 ? value(x) : value(x) * value(y)
                total = k == 0 ? term : (x < 0 ? total - term : total + term)
            }
            d[i] = total
        }
    }
}
