import Foundation

/// Constant folding and the structural identities of calls, applied by
/// ``Expression/call(_:_:)`` on construction.
///
/// Folding only happens when it is exact (rationals: `sqrt(4) → 2`,
/// `max(1/2, 1/3) → 1/2`) or, with a `Double` argument, when the result is a
/// finite `Double`. The identities hold for every value of the operands:
/// `max(u) = min(u) = logsumexp(u) = u`, `select(k, z₀, …) = z_k` for a
/// constant integer k in range, `delta(u, u) = 1`.
extension Expression {
    static func foldedCall(_ f: Function, _ arguments: [Expression]) -> Expression? {
        switch f {
        case .max, .min, .logsumexp:
            if arguments.count == 1 { return arguments[0] }
        case .select:
            if let k = arguments[0].numberValue, case .rational(let r) = k, r.isInteger,
               r.numerator >= 0, r.numerator < arguments.count - 1 {
                return arguments[1 + r.numerator]
            }
        case .delta:
            if arguments[0] == arguments[1] { return .one }
        case .log:
            if case .namedConstant(.e) = arguments[0].kind { return .one }
        default:
            break
        }
        let numbers = arguments.compactMap(\.numberValue)
        guard numbers.count == arguments.count else { return nil }
        if numbers.contains(where: { if case .real = $0 { return true } else { return false } }) {
            // Non-finite arguments fold (NaN propagates, as in IEEE 754);
            // finite ones only to a finite value, so `exp(1000.0)` stays
            // readable rather than printing `inf`.
            let v = f.evaluate(numbers.map(\.doubleValue))
            return v.isFinite || numbers.contains(where: { !$0.isFinite }) ? .constant(.real(v)) : nil
        }
        let exact = numbers.compactMap { n -> Rational? in if case .rational(let r) = n { return r } else { return nil } }
        let x = exact[0]
        let zero = x.numerator == 0
        switch f {
        case .sin, .tan, .asin, .atan, .sinh, .tanh, .log1p, .expm1, .asinh, .atanh, .erf:
            return zero ? .zero : nil
        case .cos, .cosh, .exp, .erfc:
            return zero ? .one : nil
        case .acos, .acosh:
            return x == Rational(1) ? .zero : nil
        case .log10:
            return Expression.exactLogarithm(of: x, base: Rational(10)).map { .constant(.rational($0)) }
        case .log2:
            return Expression.exactLogarithm(of: x, base: Rational(2)).map { .constant(.rational($0)) }
        case .cbrt:
            guard x.numerator != Int.min, let m = Rational(Swift.abs(x.numerator), x.denominator),
                  case .rational(let root)? = Number.rational(m).raised(to: .rational(Rational(1, 3)!)) else { return nil }
            return .constant(.rational(x.numerator < 0 ? Rational(-root.numerator, root.denominator)! : root))
        case .floor, .ceil:
            // Integer division truncates toward zero; adjust for the sign.
            var q = x.numerator / x.denominator
            if f == .floor && x.numerator < 0 && x.numerator % x.denominator != 0 { q -= 1 }
            if f == .ceil && x.numerator > 0 && x.numerator % x.denominator != 0 { q += 1 }
            return .constant(.integer(q))
        case .hypot:
            guard let a2 = x.multiplying(by: x), let b2 = exact[1].multiplying(by: exact[1]),
                  let s = a2.adding(b2) else { return nil }
            return Number.rational(s).raised(to: .rational(Rational(1, 2)!)).map(Expression.constant)
        case .log:
            return x == Rational(1) ? .zero : nil
        case .sqrt:
            return Number.rational(x).raised(to: .rational(Rational(1, 2)!)).map(Expression.constant)
        case .abs:
            return .constant(.rational(x.numerator < 0 ? Rational(-x.numerator, x.denominator) ?? x : x))
        case .sign:
            return .constant(.integer(x.numerator.signum()))
        case .step:
            return .constant(.integer(x.numerator > 0 ? 1 : 0))
        case .relu:
            return x.numerator > 0 ? arguments[0] : .zero
        case .sigmoid:
            return zero ? .constant(.rational(Rational(1, 2)!)) : nil
        case .softplus, .logsumexp, .select:
            return nil
        case .max:
            return .constant(.rational(exact.max()!))
        case .min:
            return .constant(.rational(exact.min()!))
        case .atan2:
            return x.numerator == 0 && exact[1].numerator > 0 ? .zero : nil
        case .delta:
            return exact[0] == exact[1] ? .one : .zero
        case .leakyRelu:
            if x.numerator > 0 { return arguments[0] }
            return x.multiplying(by: exact[1]).map { .constant(.rational($0)) }
        }
    }

    /// The exact logarithm `k` with `base^k = x`, when `k` is a fraction
    /// with a denominator of at most 64 (`log(8, 2) = 3`, `log(1/100, 10) = -2`,
    /// `log(8, 4) = 3/2`), else `nil`.
    ///
    /// The candidate comes from the floating-point quotient by continued
    /// fractions; it is accepted only if `base^p = x^q` holds exactly.
    static func exactLogarithm(of x: Rational, base: Rational) -> Rational? {
        guard x.numerator > 0, base.numerator > 0, base != Rational(1) else { return nil }
        if x == Rational(1) { return Rational(0) }
        let k = Foundation.log(x.doubleValue) / Foundation.log(base.doubleValue)
        guard k.isFinite, Swift.abs(k) < 4096 else { return nil }
        // Convergents p/q of k's continued fraction.
        var (p0, q0, p1, q1) = (0, 1, 1, 0)
        var rest = k
        for _ in 0..<12 {
            let a = rest.rounded(FloatingPointRoundingRule.down)
            guard Swift.abs(a) < 1e6 else { return nil }
            (p0, q0, p1, q1) = (p1, q1, Int(a) * p1 + p0, Int(a) * q1 + q0)
            if q1 > 64 { return nil }
            if let exponent = Rational(p1, q1), let lhs = base.raised(to: exponent.numerator), let rhs = x.raised(to: exponent.denominator),
               lhs == rhs {
                return exponent
            }
            let fraction = rest - a
            if fraction < 1e-12 { return nil }
            rest = 1 / fraction
        }
        return nil
    }
}
