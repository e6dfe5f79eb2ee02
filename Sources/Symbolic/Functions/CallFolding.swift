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
        case .sin, .tan, .asin, .atan, .sinh, .tanh, .log1p, .expm1:
            return zero ? .zero : nil
        case .cos, .cosh, .exp:
            return zero ? .one : nil
        case .acos:
            return x == Rational(1) ? .zero : nil
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
}
