extension RuleGroup {
    /// The default groups: ``powers``, ``exponentials``, ``trigonometric`` and ``absoluteValue``.
    public static let standard: [RuleGroup] = [.powers, .exponentials, .trigonometric, .absoluteValue]

    /// `(x^a)^n → x^(a*n)` for an integer n (assumes x^a is real, e.g.
    /// x ≥ 0 when a is fractional); `sqrt(x)^(2k) → x^k` (assumes x ≥ 0),
    /// which gives `sqrt(x)^2 → x`.
    public static let powers = RuleGroup(name: "powers", rules: [
        Rewriter(name: "power-of-power", summary: "(x^a)^n → x^(a*n) for integer n; needs x^a real") { e in
            guard case .power(let inner, let n) = e.kind, n.numberValue?.integerValue != nil,
                  case .power(let x, let a) = inner.kind else { return nil }
            return .power(x, a * n)
        },
        Rewriter(name: "power-of-sqrt", summary: "sqrt(x)^(2k) → x^k; needs x ≥ 0") { e in
            guard case .power(let inner, let n) = e.kind, let k = n.numberValue?.integerValue,
                  case .call(.sqrt, let args) = inner.kind, let half = Rational(k, 2) else { return nil }
            let exponent = Expression.constant(.rational(half))
            return half.isInteger ? .power(args[0], exponent) : nil
        },
    ])

    /// `log(exp(x)) → x`; `exp(log(x)) → x` (assumes x > 0);
    /// `exp(a)*exp(b) → exp(a + b)` and `exp(a)^n → exp(n*a)`.
    /// `log(x^n) → n*log(x)` is deliberately absent: it changes values for x < 0.
    public static let exponentials = RuleGroup(name: "exponentials", rules: [
        Rewriter(name: "log-exp", summary: "log(exp(x)) → x") { e in
            guard case .call(.log, let args) = e.kind, case .call(.exp, let inner) = args[0].kind else { return nil }
            return inner[0]
        },
        Rewriter(name: "exp-log", summary: "exp(log(x)) → x; needs x > 0") { e in
            guard case .call(.exp, let args) = e.kind, case .call(.log, let inner) = args[0].kind else { return nil }
            return inner[0]
        },
        Rewriter(name: "power-of-exp", summary: "exp(a)^n → exp(n*a)") { e in
            guard case .power(let base, let n) = e.kind, case .call(.exp, let args) = base.kind,
                  n.numberValue != nil else { return nil }
            return exp(n * args[0])
        },
        Rewriter(name: "product-of-exps", summary: "exp(a)*exp(b) → exp(a + b)") { e in
            guard case .product(let factors) = e.kind else { return nil }
            var exponents: [Expression] = []
            var others: [Expression] = []
            for f in factors {
                if case .call(.exp, let args) = f.kind { exponents.append(args[0]) } else { others.append(f) }
            }
            guard exponents.count >= 2 else { return nil }
            return .product(others + [exp(.sum(exponents))])
        },
    ])

    /// `sin(u)^2 + cos(u)^2 → 1` (with equal coefficients, inside any sum);
    /// odd and even symmetry `sin(-u) → -sin(u)`, `cos(-u) → cos(u)`, and the
    /// same for tan, asin, atan, sinh, tanh, cosh.
    public static let trigonometric = RuleGroup(name: "trigonometric", rules: [
        Rewriter(name: "pythagorean", summary: "c*sin(u)^2 + c*cos(u)^2 → c") { e in
            guard case .sum(let terms) = e.kind else { return nil }
            for (i, t) in terms.enumerated() {
                let (c, m) = t.coefficientAndMonomial
                guard case .power(let base, let two) = m.kind, two == 2, case .call(.sin, let u) = base.kind else { continue }
                let partner = Expression.scaled(.power(cos(u[0]), 2), by: c)
                guard let j = terms.firstIndex(of: partner) else { continue }
                var rest = terms
                rest.remove(at: Swift.max(i, j))
                rest.remove(at: Swift.min(i, j))
                return .sum(rest + [.constant(c)])
            }
            return nil
        },
        Rewriter(name: "symmetry", summary: "f(-u) → -f(u) for odd f, f(u) for even f") { e in
            guard case .call(let f, let args) = e.kind, args.count == 1,
                  case .product(let factors) = args[0].kind, let c = factors[0].numberValue, c.isNegative else { return nil }
            let positive = args[0] * .constant(.minusOne)
            switch f {
            case .sin, .tan, .asin, .atan, .sinh, .tanh, .asinh, .atanh, .cbrt, .erf: return -.call(f, [positive])
            case .cos, .cosh, .abs: return .call(f, [positive])
            default: return nil
            }
        },
    ])

    /// `abs(abs(x)) → abs(x)`, `abs(x)^(2k) → x^(2k)`, `sqrt(x^2) → abs(x)`,
    /// `sign(x)*abs(x) → x`.
    public static let absoluteValue = RuleGroup(name: "absolute value", rules: [
        Rewriter(name: "abs-abs", summary: "abs(abs(x)) → abs(x)") { e in
            guard case .call(.abs, let args) = e.kind, case .call(.abs, _) = args[0].kind else { return nil }
            return args[0]
        },
        Rewriter(name: "even-power-of-abs", summary: "abs(x)^(2k) → x^(2k)") { e in
            guard case .power(let base, let n) = e.kind, let k = n.numberValue?.integerValue, k % 2 == 0,
                  case .call(.abs, let args) = base.kind else { return nil }
            return .power(args[0], n)
        },
        Rewriter(name: "sqrt-of-square", summary: "sqrt(x^2) → abs(x)") { e in
            guard case .call(.sqrt, let args) = e.kind, case .power(let x, let two) = args[0].kind, two == 2 else { return nil }
            return abs(x)
        },
        Rewriter(name: "sign-times-abs", summary: "sign(x)*abs(x) → x") { e in
            guard case .product(let factors) = e.kind else { return nil }
            for f in factors {
                guard case .call(.sign, let args) = f.kind, factors.contains(abs(args[0])) else { continue }
                return .product(factors.filter { $0 != f && $0 != abs(args[0]) } + [args[0]])
            }
            return nil
        },
    ])
}
