import Foundation

/// An exact fraction `numerator / denominator` of machine integers, always in
/// lowest terms with a positive denominator.
///
/// Arithmetic reports overflow by returning `nil` instead of trapping, so that
/// constant folding can fall back to floating point (or leave the expression
/// unevaluated) on any input.
public struct Rational: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// The numerator; carries the sign.
    public let numerator: Int
    /// The denominator; always positive.
    public let denominator: Int

    /// Creates the integer `value`.
    public init(_ value: Int) {
        numerator = value
        denominator = 1
    }

    /// Creates `numerator / denominator` in lowest terms, or `nil` when the
    /// denominator is zero or the normalised fraction does not fit in `Int`.
    public init?(_ numerator: Int, _ denominator: Int) {
        guard denominator != 0 else { return nil }
        let divisor = Rational.gcd(numerator.magnitude, denominator.magnitude)
        let n = numerator.magnitude / divisor
        let d = denominator.magnitude / divisor
        let negative = (numerator < 0) != (denominator < 0) && n != 0
        guard d <= UInt(Int.max) else { return nil }
        if negative {
            guard n <= UInt(Int.max) + 1 else { return nil }
            self.numerator = n == UInt(Int.max) + 1 ? Int.min : -Int(n)
        } else {
            guard n <= UInt(Int.max) else { return nil }
            self.numerator = Int(n)
        }
        self.denominator = Int(d)
    }

    /// Whether the denominator is 1.
    public var isInteger: Bool { denominator == 1 }

    /// The nearest `Double`.
    public var doubleValue: Double { Double(numerator) / Double(denominator) }

    public var description: String {
        isInteger ? String(numerator) : "\(numerator)/\(denominator)"
    }

    public static func < (lhs: Rational, rhs: Rational) -> Bool {
        // Cross-multiplication in 128 bits cannot overflow.
        let l = lhs.numerator.multipliedFullWidth(by: rhs.denominator)
        let r = rhs.numerator.multipliedFullWidth(by: lhs.denominator)
        return (l.high, l.low) < (r.high, r.low)
    }

    static func gcd(_ a: UInt, _ b: UInt) -> UInt {
        var (a, b) = (a, b)
        while b != 0 { (a, b) = (b, a % b) }
        return a == 0 ? 1 : a
    }

    /// `self + other`, or `nil` on overflow.
    public func adding(_ other: Rational) -> Rational? {
        let (ad, o1) = numerator.multipliedReportingOverflow(by: other.denominator)
        let (bc, o2) = other.numerator.multipliedReportingOverflow(by: denominator)
        let (bd, o3) = denominator.multipliedReportingOverflow(by: other.denominator)
        let (sum, o4) = ad.addingReportingOverflow(bc)
        if o1 || o2 || o3 || o4 { return nil }
        return Rational(sum, bd)
    }

    /// `self * other`, or `nil` on overflow.
    public func multiplying(by other: Rational) -> Rational? {
        // Cross-reduce first so products stay small.
        let g1 = Int(Rational.gcd(numerator.magnitude, other.denominator.magnitude))
        let g2 = Int(Rational.gcd(other.numerator.magnitude, denominator.magnitude))
        let (n, o1) = (numerator / g1).multipliedReportingOverflow(by: other.numerator / g2)
        let (d, o2) = (denominator / g2).multipliedReportingOverflow(by: other.denominator / g1)
        if o1 || o2 { return nil }
        return Rational(n, d)
    }

    /// `self ^ exponent` for an integer exponent, or `nil` on overflow or 0^negative.
    public func raised(to exponent: Int) -> Rational? {
        if exponent == 0 { return Rational(1) }
        if exponent < 0 {
            guard numerator != 0, exponent != Int.min,
                  let inverse = Rational(denominator, numerator) else { return nil }
            return inverse.raised(to: -exponent)
        }
        var result = Rational(1)
        var base = self
        var e = exponent
        while true {
            if e & 1 == 1 { guard let r = result.multiplying(by: base) else { return nil }; result = r }
            e >>= 1
            if e == 0 { break }
            guard let b = base.multiplying(by: base) else { return nil }
            base = b
        }
        return result
    }
}

/// A numeric constant: either exact (a `Rational`) or floating point.
///
/// Integer and fraction literals are exact and stay exact under folding
/// (`1/2 + 1/3` folds to `5/6`); a literal written with a decimal point or an
/// exponent is a `Double` and makes every result it takes part in a `Double`
/// ("floats stay floats").
///
/// Two `.real` values are equal when their bit patterns are equal, so `0.0`
/// and `-0.0` are distinct constants and a NaN constant equals itself; this is
/// what interning needs.
public enum Number: Sendable, Hashable, Codable, CustomStringConvertible {
    /// An exact rational number.
    case rational(Rational)
    /// A floating-point number.
    case real(Double)

    /// The exact integer `value`.
    public static func integer(_ value: Int) -> Number { .rational(Rational(value)) }

    /// The exact zero.
    public static let zero = Number.integer(0)
    /// The exact one.
    public static let one = Number.integer(1)
    /// The exact minus one.
    public static let minusOne = Number.integer(-1)

    /// The value as a `Double`.
    public var doubleValue: Double {
        switch self {
        case .rational(let r): return r.doubleValue
        case .real(let d): return d
        }
    }

    /// Whether this is exactly the integer `value` (a `.real` never is).
    public func isExactly(_ value: Int) -> Bool {
        if case .rational(let r) = self { return r.isInteger && r.numerator == value }
        return false
    }

    /// Whether the value is zero (exact 0 or ±0.0).
    public var isZero: Bool { doubleValue == 0 }

    /// Whether the value is one (exact 1 or 1.0).
    public var isOne: Bool { doubleValue == 1 }

    /// Whether the value is negative.
    public var isNegative: Bool { doubleValue < 0 }

    /// The exact integer value, if this is an exact integer.
    public var integerValue: Int? {
        if case .rational(let r) = self, r.isInteger { return r.numerator }
        return nil
    }

    /// The text the parser reads back to this number: integers as digits,
    /// fractions as `p/q`, doubles in Swift's shortest round-trip form.
    public var description: String {
        switch self {
        case .rational(let r): return r.description
        case .real(let d): return d.description
        }
    }

    public static func == (lhs: Number, rhs: Number) -> Bool {
        switch (lhs, rhs) {
        case let (.rational(a), .rational(b)): return a == b
        case let (.real(a), .real(b)): return a.bitPattern == b.bitPattern
        default: return false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .rational(let r): hasher.combine(0); hasher.combine(r)
        case .real(let d): hasher.combine(1); hasher.combine(d.bitPattern)
        }
    }

    /// `self + other`, folded as IEEE 754 says: exact when both are exact
    /// and the sum fits, else the `Double` sum, which may be ±inf or NaN
    /// (`inf + -inf` is NaN). Never `nil` (the optional is kept for source
    /// compatibility).
    public func adding(_ other: Number) -> Number? {
        if case .rational(let a) = self, case .rational(let b) = other, let r = a.adding(b) { return .rational(r) }
        return .real(doubleValue + other.doubleValue)
    }

    /// `self * other`, folded as IEEE 754 says (`0 * inf` is NaN). Never `nil`.
    public func multiplying(by other: Number) -> Number? {
        if case .rational(let a) = self, case .rational(let b) = other, let r = a.multiplying(by: b) { return .rational(r) }
        return .real(doubleValue * other.doubleValue)
    }

    /// `self ^ exponent` when it can be represented: exact for an exact base
    /// and integer exponent, exact for a fractional exponent when the result
    /// is (`4^(1/2) = 2`), and C `pow` (IEEE 754, non-finite results
    /// included) when either side is a `Double`. An exact zero to a negative
    /// power is `inf`, as `1/0` is in IEEE 754. `nil` — leave the power
    /// unevaluated — when the exact result overflows (`2^200`) or is
    /// irrational (`2^(1/2)`).
    public func raised(to exponent: Number) -> Number? {
        switch (self, exponent) {
        case let (.rational(b), .rational(e)):
            if b.numerator == 0 && e.numerator < 0 { return .real(.infinity) }
            if e.isInteger { return b.raised(to: e.numerator).map(Number.rational) }
            return Number.exactRoot(b, e)
        default:
            return .real(Foundation.pow(doubleValue, exponent.doubleValue))
        }
    }

    /// Whether this is a `Double` that is NaN.
    public var isNaN: Bool {
        if case .real(let d) = self { return d.isNaN }
        return false
    }

    /// Whether the value is finite (every exact number is).
    public var isFinite: Bool { doubleValue.isFinite }

    /// Exact `b^(p/q)` for small `q` when `b` is a perfect `q`-th power.
    private static func exactRoot(_ b: Rational, _ e: Rational) -> Number? {
        guard b.numerator >= 0, e.denominator <= 64 else { return nil }
        func root(_ v: Int) -> Int? {
            let guess = Foundation.pow(Double(v), 1 / Double(e.denominator)).rounded()
            guard guess.isFinite, guess < 4e18 else { return nil }
            let g = Int(guess)
            for candidate in [g - 1, g, g + 1] where candidate >= 0 {
                if Rational(candidate).raised(to: e.denominator) == Rational(v) { return candidate }
            }
            return nil
        }
        guard let n = root(b.numerator), let d = root(b.denominator),
              let base = Rational(n, d), let r = base.raised(to: e.numerator) else { return nil }
        return .rational(r)
    }
}
