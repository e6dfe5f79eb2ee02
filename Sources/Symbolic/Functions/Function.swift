import Foundation

/// An elementary function that can be called in an expression.
///
/// Evaluation follows IEEE 754 and the C math library: arguments outside a
/// function's real domain give NaN (`log(-1)`, `sqrt(-1)`, `asin(2)`), poles
/// give ±infinity (`log(0) = -inf`). The exact semantics of each case is given
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
    /// `hypot(x, y)` = √(x² + y²), without overflow or underflow in the squares.
    case hypot
    /// Hyperbolic sine.
    case sinh
    /// Hyperbolic cosine.
    case cosh
    /// Hyperbolic tangent.
    case tanh
    /// Inverse hyperbolic sine.
    case asinh
    /// Inverse hyperbolic cosine; NaN for x < 1.
    case acosh
    /// Inverse hyperbolic tangent; NaN outside [-1, 1], ±inf at ±1.
    case atanh
    /// Exponential eˣ.
    case exp
    /// Natural logarithm; NaN for x < 0, -inf at 0. (`ln` is an alias; `log(x, b)` is log base b.)
    case log
    /// Base-10 logarithm; exact at powers of ten (`log10(1000) = 3`).
    case log10
    /// Base-2 logarithm; exact at powers of two (`log2(8) = 3`).
    case log2
    /// log(1 + x), accurate for small x.
    case log1p
    /// eˣ - 1, accurate for small x.
    case expm1
    /// Square root; NaN for x < 0.
    case sqrt
    /// Cube root, defined for every real x (`cbrt(-8) = -2`).
    case cbrt
    /// Absolute value.
    case abs
    /// Sign: -1 for x < 0, 0 for x = 0, 1 for x > 0 (NaN for NaN).
    case sign
    /// Unit step: 1 for x > 0, 0 for x ≤ 0 (NaN for NaN). The derivative of `relu`.
    case step
    /// The largest integer ≤ x.
    case floor
    /// The smallest integer ≥ x.
    case ceil
    /// Logistic sigmoid 1 / (1 + e⁻ˣ), evaluated without overflow for any x.
    case sigmoid
    /// Rectified linear unit max(x, 0).
    case relu
    /// softplus log(1 + eˣ), evaluated without overflow for any x.
    case softplus
    /// The error function erf(x) = (2/√π) ∫₀ˣ e^(−t²) dt (GELU is x·(1 + erf(x/√2))/2).
    case erf
    /// The complementary error function 1 − erf(x), accurate where erf(x) is near 1.
    case erfc
    /// The largest of one or more values (NaN if any is NaN).
    case max
    /// The smallest of one or more values (NaN if any is NaN).
    case min
    /// log(e^z₁ + … + e^zₙ) of one or more values, computed as
    /// m + log Σ e^(zᵢ − m) with m the largest zᵢ, so that it never
    /// overflows: `logsumexp(1000, 1000) = 1000 + log 2`.
    case logsumexp
    /// `select(i, z₀, …, zₙ₋₁)` is z_i, the choice picked by an integer index
    /// (a class label); NaN when i is not an integer in 0…n−1.
    case select
    /// The Kronecker delta `delta(a, b)`: 1 when a = b, else 0 (NaN if either
    /// is NaN). The derivative of `select` with respect to a choice.
    case delta
    /// Leaky ReLU `leaky_relu(x, a)`: x for x > 0, a·x otherwise. In the
    /// language, `leaky_relu(x)` has the standard slope a = 0.01.
    case leakyRelu = "leaky_relu"

    /// The function's name in the expression language.
    public var name: String { rawValue }

    /// The numbers of arguments a call of the function has: `1...1` for
    /// most functions, `2...2` for `atan2`, `delta` and `leaky_relu` (whose
    /// one-argument form is a spelling the parser and ``leakyRelu(_:slope:)``
    /// fill in), and an upper bound of `Int.max` for the variadic `max`,
    /// `min`, `logsumexp` (one or more values) and `select` (an index and
    /// one or more choices).
    ///
    ///     Function.atan2.arity        // 2...2
    ///     Function.logsumexp.arity    // 1...Int.max
    public var arity: ClosedRange<Int> {
        switch self {
        case .atan2, .hypot, .delta, .leakyRelu: return 2...2
        case .max, .min, .logsumexp: return 1...Int.max
        case .select: return 2...Int.max
        default: return 1...1
        }
    }

    /// Whether calls of the function can have any number of arguments.
    ///
    ///     Function.max.isVariadic     // true
    public var isVariadic: Bool { arity.upperBound == Int.max }
}
