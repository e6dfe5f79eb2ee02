import Foundation

/// One operation of a compiled program.
///
/// Every operation computes exactly what the tree evaluator
/// (``Expression/evaluate(at:)``) computes for the node it comes from, with
/// the same IEEE operations in the same order, so compiled results equal
/// evaluated results bit for bit (`tanh`, `exp`, `log` and `sigmoid` use the
/// library's own vectorised ``VectorMath`` in both, because they dominate
/// neural-network losses). That is why division is "multiply by the
/// reciprocal" (the evaluator computes `a * b^-1` as `a * (1/b)`) and why
/// `power` keeps the evaluator's run-time exponent switch.
enum Opcode: UInt8, Sendable, CaseIterable {
    // Binary.
    case add, subtract, multiply
    /// `a * (1 / b)`: a product factor `b^-1` used only there.
    case multiplyReciprocal
    /// `a ^ b` with the evaluator's exact small-exponent cases, else `pow`.
    case power
    case atan2, max, min, delta, leakyRelu, hypot
    // Unary.
    case negate, reciprocal, square, squareRoot
    case sin, cos, tan, asin, acos, atan, sinh, cosh, tanh, exp, log, log1p, expm1
    case abs, sign, step, sigmoid, relu, softplus
    case asinh, acosh, atanh, log10, log2, cbrt, floor, ceil, erf, erfc
    /// `x` if finite, else 0: the shift of a lowered `logsumexp`.
    case finiteOrZero
    /// N-ary: `sumOperands[a ..< a + b]` added (or subtracted) left to right.
    case sum
    /// N-ary: `select(index, choices...)` over `sumOperands[a ..< a + b]`.
    case select
    /// Batched programs only: deliver row `a` as output `b`.
    case output
    /// Batched programs only: `Σ ±x·y` over the operand pairs
    /// `sumOperands[a ..< a + 2b]` (see ``BatchFusion``).
    case dotSum
    /// Batched programs only: deliver `a · b` as output `dest`.
    case outputProduct

    /// The number of operands (1 or 2; the n-ary `sum` and `select` keep
    /// theirs in a list, see ``isNary``).
    var arity: Int {
        switch self {
        case .add, .subtract, .multiply, .multiplyReciprocal, .power, .atan2, .max, .min, .delta, .leakyRelu, .hypot,
             .sum, .select, .dotSum, .outputProduct:
            return 2
        default: return 1
        }
    }

    /// Whether the operands are the list `sumOperands[a ..< a + b]`.
    var isNary: Bool { self == .sum || self == .select }

    /// Whether `op(a, b) == op(b, a)` bit for bit, so CSE may sort operands.
    /// (Not `max`/`min`: `Swift.max(-0.0, 0.0)` depends on the order.)
    var isCommutative: Bool { self == .add || self == .multiply }

    /// The opcode that evaluates `function`, or `nil` for `logsumexp`,
    /// which is lowered to several operations (see ``Lowering``). `max` and
    /// `min` with more than two arguments become chains of binary ones.
    init?(_ function: Function) {
        switch function {
        case .sin: self = .sin
        case .cos: self = .cos
        case .tan: self = .tan
        case .asin: self = .asin
        case .acos: self = .acos
        case .atan: self = .atan
        case .atan2: self = .atan2
        case .sinh: self = .sinh
        case .cosh: self = .cosh
        case .tanh: self = .tanh
        case .exp: self = .exp
        case .log: self = .log
        case .log1p: self = .log1p
        case .expm1: self = .expm1
        case .sqrt: self = .squareRoot
        case .abs: self = .abs
        case .sign: self = .sign
        case .step: self = .step
        case .sigmoid: self = .sigmoid
        case .relu: self = .relu
        case .softplus: self = .softplus
        case .hypot: self = .hypot
        case .asinh: self = .asinh
        case .acosh: self = .acosh
        case .atanh: self = .atanh
        case .log10: self = .log10
        case .log2: self = .log2
        case .cbrt: self = .cbrt
        case .floor: self = .floor
        case .ceil: self = .ceil
        case .erf: self = .erf
        case .erfc: self = .erfc
        case .max: self = .max
        case .min: self = .min
        case .delta: self = .delta
        case .leakyRelu: self = .leakyRelu
        case .select: self = .select
        case .logsumexp: return nil
        }
    }

    /// The operation's name in listings and statistics.
    var name: String {
        switch self {
        case .add: return "add"
        case .subtract: return "subtract"
        case .multiply: return "multiply"
        case .multiplyReciprocal: return "divide"
        case .power: return "pow"
        case .negate: return "negate"
        case .reciprocal: return "reciprocal"
        case .square: return "square"
        case .sum: return "sum"
        case .select: return "select"
        case .output: return "output"
        case .finiteOrZero: return "finite_or_zero"
        case .leakyRelu: return "leaky_relu"
        case .dotSum: return "dot"
        case .outputProduct: return "output_product"
        case .squareRoot: return "sqrt"
        case .atan2, .max, .min, .delta, .sin, .cos, .tan, .asin, .acos, .atan, .sinh, .cosh, .tanh,
             .exp, .log, .log1p, .expm1, .abs, .sign, .step, .sigmoid, .relu, .softplus,
             .hypot, .asinh, .acosh, .atanh, .log10, .log2, .cbrt, .floor, .ceil, .erf, .erfc:
            return "\(self)"
        }
    }

    /// The right-hand side of a listing line, e.g. `@1 * @2` or `sin(@3)`.
    func listingText(_ a: String, _ b: String) -> String {
        switch self {
        case .add: return "\(a) + \(b)"
        case .subtract: return "\(a) - \(b)"
        case .multiply: return "\(a) * \(b)"
        case .multiplyReciprocal: return "\(a) / \(b)"
        case .power: return "\(a) ^ \(b)"
        case .negate: return "-\(a)"
        case .reciprocal: return "1 / \(a)"
        case .square: return "\(a) * \(a)"
        default: return arity == 2 ? "\(name)(\(a), \(b))" : "\(name)(\(a))"
        }
    }
}

/// One instruction of a flat program: `work[dest] = op(work[a], work[b])`.
///
/// 16 bytes, no references: the evaluation loop streams through a contiguous
/// array of these without any reference counting. `mode` is used by batched
/// programs to say which operands are per-point rows and which are shared
/// scalars (see ``OperandMode``); scalar programs leave it 0.
struct Instruction: Sendable, Hashable {
    var op: Opcode
    var mode: UInt8
    var dest: Int32
    var a: Int32
    var b: Int32

    init(_ op: Opcode, dest: Int32, _ a: Int32, _ b: Int32 = 0, mode: UInt8 = 0) {
        self.op = op
        self.mode = mode
        self.dest = dest
        self.a = a
        self.b = b
    }
}

extension Opcode {
    /// The scalar semantics of every opcode; the evaluation loops inline it.
    @inline(__always)
    func apply(_ a: Double, _ b: Double) -> Double {
        switch self {
        case .add: return a + b
        case .subtract: return a - b
        case .multiply: return a * b
        case .multiplyReciprocal: return a * (1 / b)
        case .power: return Opcode.power(a, b)
        case .atan2: return Function.atan2.evaluate(a, b)
        case .max: return Function.max.evaluate(a, b)
        case .min: return Function.min.evaluate(a, b)
        case .delta: return Function.kroneckerDelta(a, b)
        case .leakyRelu: return Function.leakyRelu(a, slope: b)
        case .negate: return -a
        case .reciprocal: return 1 / a
        case .square: return a * a
        case .squareRoot: return a.squareRoot()
        case .sin: return Foundation.sin(a)
        case .cos: return Foundation.cos(a)
        case .tan: return Foundation.tan(a)
        case .asin: return Foundation.asin(a)
        case .acos: return Foundation.acos(a)
        case .atan: return Foundation.atan(a)
        case .sinh: return Foundation.sinh(a)
        case .cosh: return Foundation.cosh(a)
        case .tanh: return VectorMath.tanh(a)
        case .exp: return VectorMath.exp(a)
        case .log: return VectorMath.log(a)
        case .log1p: return Foundation.log1p(a)
        case .expm1: return Foundation.expm1(a)
        case .abs: return Swift.abs(a)
        case .sign: return Function.sign.evaluate(a)
        case .step: return Function.step.evaluate(a)
        case .sigmoid: return VectorMath.sigmoid(a)
        case .relu: return Function.relu.evaluate(a)
        case .softplus: return Function.stableSoftplus(a)
        case .finiteOrZero: return Function.finiteOrZero(a)
        case .hypot: return Foundation.hypot(a, b)
        case .asinh: return Foundation.asinh(a)
        case .acosh: return Foundation.acosh(a)
        case .atanh: return Foundation.atanh(a)
        case .log10: return Foundation.log10(a)
        case .log2: return Foundation.log2(a)
        case .cbrt: return Foundation.cbrt(a)
        case .floor: return Foundation.floor(a)
        case .ceil: return Foundation.ceil(a)
        case .erf: return Foundation.erf(a)
        case .erfc: return Foundation.erfc(a)
        case .sum, .select: preconditionFailure("\(self) is n-ary")
        case .output, .dotSum, .outputProduct: preconditionFailure("\(self) exists in batched programs only")
        }
    }

    /// `b ^ e` exactly as the tree evaluator computes a power (the same function).
    @inline(__always)
    static func power(_ b: Double, _ e: Double) -> Double {
        Expression.evaluatePower(b, e)
    }
}
