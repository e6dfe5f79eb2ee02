/// The canonicalising constructors. Every compound expression is built here,
/// so derivative rules and the parser get small, canonical results without a
/// separate simplification pass.
///
/// What they do (all value-preserving, with the caveats documented in
/// `docs/Design.md`): flatten nested sums and products; fold numbers exactly
/// (floats when a float takes part); merge like terms (`2*x + 3*x → 5*x`) and
/// like factors (`x*x → x^2`, `x^a*x^b → x^(a+b)`); drop `0` terms, `1`
/// factors, `x^1`; turn `x^0` and `1^x` into `1` and `0*x` into `0`; distribute
/// integer powers over products (`(x*y)^2 → x^2*y^2`) and merge integer powers
/// of integer powers (`(x^2)^3 → x^6`); sort operands in ``CanonicalOrder``.
extension Expression {
    /// The canonical sum of `terms` (`0` when empty).
    /// - Complexity: O(k log k) for k terms after flattening.
    public static func sum(_ terms: [Expression]) -> Expression {
        var constant = Number.zero
        var unfolded: [Expression] = []           // constants or terms whose folding overflowed
        var monomials: [Expression] = []          // first-seen order
        var coefficients: [Expression: Number] = [:]
        coefficients.reserveCapacity(terms.count)

        func add(_ term: Expression) {
            switch term.kind {
            case .constant(let n):
                if let s = constant.adding(n) { constant = s } else { unfolded.append(term) }
            case .sum(let inner):
                for t in inner { add(t) }   // canonical sums hold no sums: depth 1
            default:
                let (c, m) = term.coefficientAndMonomial
                if let existing = coefficients[m] {
                    if let s = existing.adding(c) { coefficients[m] = s } else { unfolded.append(term) }
                } else {
                    coefficients[m] = c
                    monomials.append(m)
                }
            }
        }
        for t in terms { add(t) }

        var pairs: [(Number, Expression)] = []
        pairs.reserveCapacity(monomials.count)
        for m in monomials {
            let c = coefficients[m]!
            if !c.isZero { pairs.append((c, m)) }
        }
        pairs.sort { lhs, rhs in
            let (c1, m1) = lhs, (c2, m2) = rhs
            if m1.node.degree != m2.node.degree { return m1.node.degree > m2.node.degree }
            let c = CanonicalOrder.compare(m1, m2)
            return c != 0 ? c < 0 : c1.doubleValue < c2.doubleValue
        }
        var result = pairs.map { c, m in scaled(m, by: c) }
        result.append(contentsOf: unfolded)
        if !constant.isZero { result.append(.constant(constant)) }
        switch result.count {
        case 0: return .constant(constant)
        case 1: return result[0]
        default: return intern(.sum(result))
        }
    }

    /// `c*m` for a canonical coefficient-free `m`, without re-canonicalising.
    static func scaled(_ m: Expression, by c: Number) -> Expression {
        if c.isOne { return m }
        if case .product(let factors) = m.kind { return intern(.product([.constant(c)] + factors)) }
        return intern(.product([.constant(c), m]))
    }

    /// The canonical product of `factors` (`1` when empty).
    /// - Complexity: O(k log k) for k factors after flattening.
    public static func product(_ factors: [Expression]) -> Expression {
        var coefficient = Number.one
        var unfolded: [Expression] = []
        var bases: [Expression] = []
        var exponents: [Expression: [Expression]] = [:]
        var originals: [Expression: Expression] = [:]   // the factor as given, when its base occurs once

        func add(_ factor: Expression) {
            switch factor.kind {
            case .constant(let n):
                if let p = coefficient.multiplying(by: n) { coefficient = p } else { unfolded.append(factor) }
            case .product(let inner):
                for f in inner { add(f) }
            default:
                let (b, e) = factor.baseAndExponent
                if exponents[b] != nil {
                    exponents[b]!.append(e)
                } else {
                    exponents[b] = [e]
                    originals[b] = factor
                    bases.append(b)
                }
            }
        }
        for f in factors { add(f) }
        if coefficient.isZero && unfolded.isEmpty { return .constant(coefficient.isExactly(0) ? .zero : .real(0)) }

        var result: [Expression] = []
        var needsAnotherPass = false
        for b in bases {
            let es = exponents[b]!
            let merged = es.count == 1 ? originals[b]! : power(b, sum(es))
            switch merged.kind {
            case .constant(let n):
                if let p = coefficient.multiplying(by: n) { coefficient = p } else { unfolded.append(merged) }
            case .product:
                needsAnotherPass = true
                result.append(merged)
            default:
                result.append(merged)
            }
        }
        if needsAnotherPass { return product([.constant(coefficient)] + unfolded + result) }
        if coefficient.isZero && unfolded.isEmpty { return .constant(coefficient.isExactly(0) ? .zero : .real(0)) }
        result.sort(by: CanonicalOrder.factorPrecedes)
        result.insert(contentsOf: unfolded, at: 0)
        if !(coefficient.isOne) { result.insert(.constant(coefficient), at: 0) }
        switch result.count {
        case 0: return .constant(coefficient)
        case 1: return result[0]
        default: return intern(.product(result))
        }
    }

    /// The canonical power `base ^ exponent`.
    public static func power(_ base: Expression, _ exponent: Expression) -> Expression {
        if case .constant(let e) = exponent.kind {
            if e.isZero { return e.isExactly(0) ? .one : .constant(.real(1)) }
            if e.isOne { return base }
        }
        switch base.kind {
        case .constant(let b):
            if b.isExactly(1) { return .one }
            if case .constant(let e) = exponent.kind, let r = b.raised(to: e) { return .constant(r) }
        case .power(let innerBase, let innerExponent):
            // (x^a)^b = x^(a*b) is exact for integers a and b, and for b = -1
            // with any a (1/x^a = x^-a, NaN on both sides where x^a is NaN).
            if let b = exponent.numberValue?.integerValue, let a = innerExponent.numberValue?.integerValue {
                let (ab, overflow) = a.multipliedReportingOverflow(by: b)
                if !overflow { return power(innerBase, .constant(.integer(ab))) }
            }
            if exponent.numberValue?.isExactly(-1) == true {
                return power(innerBase, product([innerExponent, .minusOne]))
            }
        case .product(let factors):
            // (x*y)^n = x^n * y^n for an integer n.
            if exponent.numberValue?.integerValue != nil {
                return product(factors.map { power($0, exponent) })
            }
        default:
            break
        }
        return intern(.power(base, exponent))
    }

    /// The canonical call `function(arguments...)`; numeric arguments are
    /// folded when the result is exact or a finite `Double`.
    ///
    /// - Precondition: `arguments.count == function.arity`.
    public static func call(_ function: Function, _ arguments: [Expression]) -> Expression {
        precondition(arguments.count == function.arity,
                     "\(function.name) takes \(function.arity) argument(s), got \(arguments.count)")
        if let folded = foldCall(function, arguments) { return folded }
        return intern(.call(function, arguments))
    }

    private static func foldCall(_ f: Function, _ arguments: [Expression]) -> Expression? {
        if f == .log, case .namedConstant(.e) = arguments[0].kind { return .one }
        let numbers = arguments.compactMap(\.numberValue)
        guard numbers.count == arguments.count else { return nil }
        if numbers.contains(where: { if case .real = $0 { return true } else { return false } }) {
            let v = f.evaluate(numbers.map(\.doubleValue))
            return v.isFinite ? .constant(.real(v)) : nil
        }
        guard case .rational(let x) = numbers[0] else { return nil }
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
        case .softplus:
            return nil
        case .max, .min, .atan2:
            guard case .rational(let y) = numbers[1] else { return nil }
            if f == .max { return .constant(.rational(Swift.max(x, y))) }
            if f == .min { return .constant(.rational(Swift.min(x, y))) }
            return x.numerator == 0 && y.numerator > 0 ? .zero : nil
        }
    }
}
