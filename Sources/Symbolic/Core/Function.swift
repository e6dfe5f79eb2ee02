import Foundation

/// An elementary function that can be called in an expression.
///
/// Evaluation follows IEEE 754 and the C math library: arguments outside a
/// function's real domain give NaN (`log(-1)`, `sqrt(-1)`, `asin(2)`), poles
/// give ±infinity (`log(0) = -inf`). `tanh`, `exp`, `log` and `sigmoid` use
/// the library's own vectorisable versions (within 1 ulp for `exp` and `log`,
/// 3 ulp for `tanh`, of the correctly rounded result) so that evaluated,
/// compiled and batched results agree bit for bit on every machine. The exact semantics of each case is given
/// in its documentation and in `docs/Functions.md`.
public enum Function: String, Sendable, Hashable, Codable, CaseIterable {
    /// Sine (radians).
    case sin
    /// Cosine (radians).
    case cos
    /// Tangent (radians).
    case tan
    /// Arc sine; NaN outside [-1, 1].
    case asin
    /// Arc cosine; NaN outside [-1, 1].
    case acos
    /// Arc tangent, in (-π/2, π/2).
    case atan
    /// Two-argument arc tangent `atan2(y, x)`, the angle of the point (x, y), in [-π, π].
    case atan2
    /// Hyperbolic sine.
    case sinh
    /// Hyperbolic cosine.
    case cosh
    /// Hyperbolic tangent.
    case tanh
    /// Exponential eˣ.
    case exp
    /// Natural logarithm; NaN for x < 0, -inf at 0. (`ln` is an alias; `log(x, b)` is log base b.)
    case log
    /// log(1 + x), accurate for small x.
    case log1p
    /// eˣ - 1, accurate for small x.
    case expm1
    /// Square root; NaN for x < 0.
    case sqrt
    /// Absolute value.
    case abs
    /// Sign: -1 for x < 0, 0 for x = 0, 1 for x > 0 (NaN for NaN).
    case sign
    /// Unit step: 1 for x > 0, 0 for x ≤ 0 (NaN for NaN). The derivative of `relu`.
    case step
    /// Logistic sigmoid 1 / (1 + e⁻ˣ), evaluated without overflow for any x.
    case sigmoid
    /// Rectified linear unit max(x, 0).
    case relu
    /// softplus log(1 + eˣ), evaluated without overflow for any x.
    case softplus
    /// The larger of two values (NaN if either is NaN).
    case max
    /// The smaller of two values (NaN if either is NaN).
    case min

    /// The function's name in the expression language.
    public var name: String { rawValue }

    /// The number of arguments the function takes.
    public var arity: Int {
        switch self {
        case .atan2, .max, .min: return 2
        default: return 1
        }
    }

    /// Evaluates the function on `Double` arguments.
    ///
    /// - Precondition: `arguments.count == arity`.
    @inlinable
    public func evaluate(_ arguments: [Double]) -> Double {
        if arity == 2 { return evaluate(arguments[0], arguments[1]) }
        return evaluate(arguments[0])
    }

    /// Evaluates a one-argument function at `x`.
    @inlinable
    public func evaluate(_ x: Double) -> Double {
        switch self {
        case .sin: return Foundation.sin(x)
        case .cos: return Foundation.cos(x)
        case .tan: return Foundation.tan(x)
        case .asin: return Foundation.asin(x)
        case .acos: return Foundation.acos(x)
        case .atan: return Foundation.atan(x)
        case .sinh: return Foundation.sinh(x)
        case .cosh: return Foundation.cosh(x)
        case .tanh: return VectorMath.tanh(x)
        case .exp: return VectorMath.exp(x)
        case .log: return VectorMath.log(x)
        case .log1p: return Foundation.log1p(x)
        case .expm1: return Foundation.expm1(x)
        case .sqrt: return x.squareRoot()
        case .abs: return Swift.abs(x)
        case .sign: return x > 0 ? 1 : (x < 0 ? -1 : (x == 0 ? 0 : x))
        case .step: return x > 0 ? 1 : (x <= 0 ? 0 : x)
        case .sigmoid: return Function.stableSigmoid(x)
        case .relu: return x > 0 ? x : (x <= 0 ? 0 : x)
        case .softplus: return Function.stableSoftplus(x)
        case .atan2, .max, .min: return .nan
        }
    }

    /// Evaluates a two-argument function.
    @inlinable
    public func evaluate(_ a: Double, _ b: Double) -> Double {
        switch self {
        case .atan2: return Foundation.atan2(a, b)
        case .max: return a.isNaN || b.isNaN ? .nan : Swift.max(a, b)
        case .min: return a.isNaN || b.isNaN ? .nan : Swift.min(a, b)
        default: return evaluate(a)
        }
    }

    /// 1/(1+e⁻ˣ) for x ≥ 0 and eˣ/(1+eˣ) for x < 0: neither form overflows.
    @inlinable
    public static func stableSigmoid(_ x: Double) -> Double {
        if x >= 0 { return 1 / (1 + VectorMath.exp(-x)) }
        let z = VectorMath.exp(x)
        return z / (1 + z)
    }

    /// max(x, 0) + log1p(e^-|x|): exact to rounding and never overflows.
    @inlinable
    public static func stableSoftplus(_ x: Double) -> Double {
        if x.isNaN { return x }
        return Swift.max(x, 0) + Foundation.log1p(Foundation.exp(-Swift.abs(x)))
    }
}
