import Foundation

precedencegroup ExponentiationPrecedence {
    higherThan: MultiplicationPrecedence
    associativity: right
}

/// Power: `x ** 2` is `x^2` in the expression language.
///
/// Note that Swift's prefix minus binds tighter than any infix operator, so
/// `-x ** 2` in Swift code is `(-x)^2`; the parser reads `-x^2` as `-(x^2)`.
infix operator **: ExponentiationPrecedence

extension Expression {
    /// The exact constant 0.
    public static let zero = Expression.constant(.zero)
    /// The exact constant 1.
    public static let one = Expression.constant(.one)
    /// The exact constant -1.
    public static let minusOne = Expression.constant(.minusOne)
    /// The constant π.
    public static let pi = Expression.intern(.namedConstant(.pi))
    /// Euler's number e.
    public static let e = Expression.intern(.namedConstant(.e))

    /// The numeric constant `value`.
    public static func constant(_ value: Number) -> Expression { intern(.constant(value)) }

    /// The variable named `name`.
    public static func variable(_ name: String) -> Expression { intern(.variable(name)) }

    /// `lhs + rhs`.
    public static func + (lhs: Expression, rhs: Expression) -> Expression { sum([lhs, rhs]) }
    /// `lhs - rhs`, which is `lhs + (-1)*rhs`.
    public static func - (lhs: Expression, rhs: Expression) -> Expression { sum([lhs, -rhs]) }
    /// `lhs * rhs`.
    public static func * (lhs: Expression, rhs: Expression) -> Expression { product([lhs, rhs]) }
    /// `lhs / rhs`, which is `lhs * rhs^-1`.
    public static func / (lhs: Expression, rhs: Expression) -> Expression {
        product([lhs, power(rhs, .minusOne)])
    }
    /// `-operand`, which is `(-1)*operand`.
    public static prefix func - (operand: Expression) -> Expression { product([.minusOne, operand]) }
    /// `+operand`, the operand itself.
    public static prefix func + (operand: Expression) -> Expression { operand }
    /// `base ^ exponent`.
    public static func ** (base: Expression, exponent: Expression) -> Expression { power(base, exponent) }

    /// `lhs += rhs`.
    public static func += (lhs: inout Expression, rhs: Expression) { lhs = lhs + rhs }
    /// `lhs -= rhs`.
    public static func -= (lhs: inout Expression, rhs: Expression) { lhs = lhs - rhs }
    /// `lhs *= rhs`.
    public static func *= (lhs: inout Expression, rhs: Expression) { lhs = lhs * rhs }
    /// `lhs /= rhs`.
    public static func /= (lhs: inout Expression, rhs: Expression) { lhs = lhs / rhs }
}

extension Expression: ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral {
    /// An exact integer constant.
    public init(integerLiteral value: Int) { self = .constant(.integer(value)) }
    /// A floating-point constant.
    public init(floatLiteral value: Double) { self = .constant(.real(value)) }
    /// An exact integer constant.
    public init(_ value: Int) { self = .constant(.integer(value)) }
    /// A floating-point constant.
    public init(_ value: Double) { self = .constant(.real(value)) }
}

/// `base ^ exponent`.
public func pow(_ base: Expression, _ exponent: Expression) -> Expression { .power(base, exponent) }
/// Sine.
public func sin(_ x: Expression) -> Expression { .call(.sin, [x]) }
/// Cosine.
public func cos(_ x: Expression) -> Expression { .call(.cos, [x]) }
/// Tangent.
public func tan(_ x: Expression) -> Expression { .call(.tan, [x]) }
/// Arc sine.
public func asin(_ x: Expression) -> Expression { .call(.asin, [x]) }
/// Arc cosine.
public func acos(_ x: Expression) -> Expression { .call(.acos, [x]) }
/// Arc tangent.
public func atan(_ x: Expression) -> Expression { .call(.atan, [x]) }
/// Two-argument arc tangent of `y/x`.
public func atan2(_ y: Expression, _ x: Expression) -> Expression { .call(.atan2, [y, x]) }
/// Hyperbolic sine.
public func sinh(_ x: Expression) -> Expression { .call(.sinh, [x]) }
/// Hyperbolic cosine.
public func cosh(_ x: Expression) -> Expression { .call(.cosh, [x]) }
/// Hyperbolic tangent.
public func tanh(_ x: Expression) -> Expression { .call(.tanh, [x]) }
/// Exponential.
public func exp(_ x: Expression) -> Expression { .call(.exp, [x]) }
/// Natural logarithm.
public func log(_ x: Expression) -> Expression { .call(.log, [x]) }
/// Natural logarithm (alias of `log`).
public func ln(_ x: Expression) -> Expression { .call(.log, [x]) }
/// Logarithm of `x` in base `base`: `log2(x)` and `log10(x)` for bases 2
/// and 10, the exact value for numbers when it is a fraction
/// (`log(8, 2) = 3`, `log(27, 3) = 3`, `log(8, 4) = 3/2`), else `log(x)/log(base)`.
public func log(_ x: Expression, _ base: Expression) -> Expression {
    if case .constant(.rational(let b)) = base.kind {
        if case .constant(.rational(let v)) = x.kind, let k = Expression.exactLogarithm(of: v, base: b) {
            return .constant(.rational(k))
        }
        if b == Rational(2) { return .call(.log2, [x]) }
        if b == Rational(10) { return .call(.log10, [x]) }
    }
    return .call(.log, [x]) / .call(.log, [base])
}
/// log(1 + x).
public func log1p(_ x: Expression) -> Expression { .call(.log1p, [x]) }
/// exp(x) - 1.
public func expm1(_ x: Expression) -> Expression { .call(.expm1, [x]) }
/// Square root.
public func sqrt(_ x: Expression) -> Expression { .call(.sqrt, [x]) }
/// Absolute value.
public func abs(_ x: Expression) -> Expression { .call(.abs, [x]) }
/// Sign (-1, 0 or 1).
public func sign(_ x: Expression) -> Expression { .call(.sign, [x]) }
/// Unit step (1 for x > 0, else 0).
public func step(_ x: Expression) -> Expression { .call(.step, [x]) }
/// Logistic sigmoid.
public func sigmoid(_ x: Expression) -> Expression { .call(.sigmoid, [x]) }
/// Rectified linear unit.
public func relu(_ x: Expression) -> Expression { .call(.relu, [x]) }
/// softplus log(1 + exp(x)).
public func softplus(_ x: Expression) -> Expression { .call(.softplus, [x]) }
/// The larger of two expressions (see ``max(_:)`` for more).
public func max(_ a: Expression, _ b: Expression) -> Expression { .call(.max, [a, b]) }
/// The smaller of two expressions (see ``min(_:)`` for more).
public func min(_ a: Expression, _ b: Expression) -> Expression { .call(.min, [a, b]) }
