/// Rebuilds a sum of terms with common factors pulled out greedily, the
/// way a person tidies an expanded expression:
/// `x^2*sin(x) + 2*x*sin(x) + cos(x) → x*sin(x)*(x + 2) + cos(x)`.
///
/// At each level the factor `b^e` (an atom to a numeric power: `e` > 0 is
/// taken out of the terms with exponent ≥ e, `e` < 0 out of those with
/// exponent ≤ e, so `1/q + 1/q^2 → (1 + 1/q)/q`) whose extraction saves the
/// most printed operations is pulled out of the terms that contain it; the
/// group and the remaining terms are collected in turn. A factor is only
/// pulled out when it saves operations, so the result is never larger than
/// the flat sum by the size measure's estimate; callers compare exactly.
///
/// The work is bounded: at most `depthLimit` nested levels, each O(t·f) for
/// t terms with f factors.
struct Collector {
    /// Deeper nesting is written as a flat sum.
    var depthLimit = 48
    /// The most terms a numerator formed over a common denominator may have.
    var termLimit = 1000
    var measure = SizeMeasure()
    /// Expansions of atoms that are sums (`x^2 + y` for the atom
    /// `(x^2 + y)^-2`), used to put terms over a common denominator.
    var expansions: [Expression: TermSum] = [:]

    /// One factor of a monomial: `base^exponent` with a numeric exponent
    /// (a factor with a symbolic exponent is its own base, exponent 1).
    private struct Factor {
        let base: Expression
        let exponent: Number
    }

    /// The terms collected into one expression.
    mutating func collect(_ terms: [(coefficient: Number, monomial: Expression)]) -> Expression {
        collect(terms, depth: 0, used: [])
    }

    /// `used` holds the bases already pulled out on the way down: each is
    /// pulled out at most once per path, which keeps polynomials expanded
    /// (`x^3 + 2*x^2 + x`, not Horner's `x*(x*(x + 2) + 1)`).
    private mutating func collect(_ terms: [(coefficient: Number, monomial: Expression)], depth: Int,
                                  used: Set<Expression>) -> Expression {
        let flat = Expression.sum(terms.map { Expression.product([.constant($0.coefficient), $0.monomial]) })
        guard terms.count >= 2, depth < depthLimit else { return flat }
        var best = withContentPulledOut(flat, terms)
        var bestCount = measure.count(best)
        if let grouped = grouped(terms, depth: depth, used: used), measure.count(grouped) < bestCount {
            best = grouped
            bestCount = measure.count(grouped)
        }
        if let combined = overCommonDenominator(terms, depth: depth, used: used), measure.count(combined) < bestCount {
            best = combined
        }
        return best
    }

    /// The terms with the best common factor pulled out of those that have
    /// it, or `nil` when no factor saves operations.
    private mutating func grouped(_ terms: [(coefficient: Number, monomial: Expression)], depth: Int,
                                  used: Set<Expression>) -> Expression? {
        guard let best = bestFactor(terms, excluding: used) else { return nil }
        var inner: [(coefficient: Number, monomial: Expression)] = []
        var rest: [(coefficient: Number, monomial: Expression)] = []
        for (k, t) in terms.enumerated() {
            if best.terms.contains(k),
               let (c, m) = Collector.divide(t.monomial, by: best.base, best.exponent),
               let coefficient = TermSum.product(t.coefficient, c) {
                inner.append((coefficient, m))
            } else {
                rest.append(t)
            }
        }
        let factor = Expression.power(best.base, .constant(best.exponent))
        let grouped = Expression.product([factor, collect(inner, depth: depth + 1, used: used.union([best.base]))])
        return Expression.sum([grouped, collect(rest, depth: depth + 1, used: used)])
    }

    /// The terms over their common denominator, `N/(b1^k1*b2^k2*…)`: every
    /// factor with a negative integer exponent is multiplied out, and the
    /// powers of sums that this leaves in the numerator are expanded so that
    /// numerator terms can cancel (`1/q - x^2/q^2 = (q - x^2)/q^2`, which is
    /// `y/(x^2 + y)^2` for `q = x^2 + y`). `nil` when there is nothing to
    /// combine or the numerator would exceed ``termLimit`` terms.
    private mutating func overCommonDenominator(_ terms: [(coefficient: Number, monomial: Expression)],
                                                depth: Int, used: Set<Expression>) -> Expression? {
        // The largest power of each denominator base, in order of first appearance.
        var bases: [Expression] = []
        var largest: [Expression: Int] = [:]
        for t in terms {
            for f in Collector.factors(of: t.monomial) {
                guard let n = f.exponent.integerValue, n < 0 else { continue }
                if largest[f.base] == nil { bases.append(f.base) }
                largest[f.base] = Swift.max(largest[f.base] ?? 0, -n)
            }
        }
        guard !bases.isEmpty, bases.contains(where: { expansions[$0] != nil }) else { return nil }
        var numerator = TermSum()
        for t in terms {
            // c * (monomial without denominators) * Π b^(e_b + k_b), expanded.
            var exponents: [Expression: Int] = [:]
            var kept: [Expression] = []
            for f in Collector.factors(of: t.monomial) {
                if largest[f.base] != nil, let n = f.exponent.integerValue { exponents[f.base] = n } else {
                    kept.append(.power(f.base, .constant(f.exponent)))
                }
            }
            var product = TermSum(term: .product(kept))
            for b in bases {
                let power = (exponents[b] ?? 0) + largest[b]!
                guard power > 0 else { continue }
                let factor = expansions[b] ?? TermSum(term: b)
                guard let p = factor.raised(to: power, limit: termLimit),
                      let next = product.multiplied(by: p, limit: termLimit) else { return nil }
                product = next
            }
            guard numerator.add(product, times: t.coefficient, limit: termLimit) else { return nil }
        }
        let denominator = Expression.product(bases.map { .power($0, .constant(.integer(-largest[$0]!))) })
        let top = numerator.terms
        if top.isEmpty { return .zero }
        return .product([collect(top, depth: depth + 1, used: used), denominator])
    }

    /// `g*(Σ (c/g)*m)` when the coefficients share a rational factor `g` and
    /// that prints fewer operations (`2*x*a + 2*x*b`'s group `2*(a + b)`);
    /// when every coefficient is negative, `g` is negative and the form wins
    /// ties, so `-a - b` inside a product reads `-(a + b)`.
    private mutating func withContentPulledOut(_ flat: Expression,
                                               _ terms: [(coefficient: Number, monomial: Expression)]) -> Expression {
        guard terms.count >= 2, var g = Collector.content(terms.map(\.coefficient)) else { return flat }
        let negative = terms.allSatisfy { $0.coefficient.isNegative }
        if negative { g = Rational(-g.numerator, g.denominator)! }
        if g == Rational(1) { return flat }
        var scaled: [Expression] = []
        for t in terms {
            guard case .rational(let c) = t.coefficient, let q = c.multiplying(by: Rational(g.denominator, g.numerator)!)
            else { return flat }
            scaled.append(.product([.constant(.rational(q)), t.monomial]))
        }
        let candidate = Expression.product([.constant(.rational(g)), .sum(scaled)])
        let (c, f) = (measure.count(candidate), measure.count(flat))
        return c < f || (negative && c == f) ? candidate : flat
    }

    /// The positive gcd of exact coefficients (gcd of numerators over lcm of
    /// denominators), or `nil` when one is inexact or it overflows.
    static func content(_ coefficients: [Number]) -> Rational? {
        var numerator: UInt = 0
        var denominator: UInt = 1
        for c in coefficients {
            guard case .rational(let r) = c else { return nil }
            numerator = Rational.gcd(numerator, r.numerator.magnitude)
            let g = Rational.gcd(denominator, UInt(r.denominator))
            let (l, overflow) = (denominator / g).multipliedReportingOverflow(by: UInt(r.denominator))
            if overflow { return nil }
            denominator = l
        }
        guard numerator <= UInt(Int.max), denominator <= UInt(Int.max) else { return nil }
        return Rational(Int(numerator), Int(denominator))
    }

    private struct Choice {
        let base: Expression
        let exponent: Number
        let terms: Set<Int>
        let gain: Int
    }

    /// The factor whose extraction saves the most operations (ties: more
    /// terms, then first seen), or `nil` when none saves any.
    private mutating func bestFactor(_ terms: [(coefficient: Number, monomial: Expression)],
                                     excluding used: Set<Expression>) -> Choice? {
        // Occurrences of each base, in order of first appearance.
        var bases: [Expression] = []
        var occurrences: [Expression: [(term: Int, exponent: Number)]] = [:]
        for (k, t) in terms.enumerated() {
            for f in Collector.factors(of: t.monomial) {
                if occurrences[f.base] == nil { bases.append(f.base) }
                occurrences[f.base, default: []].append((k, f.exponent))
            }
        }
        // Polynomials print expanded (`x^4 + 2*x^3 - 3`, not `x*(x^3 + 2*x^2) - 3`):
        // in a group of plain monomials a variable is only pulled out of every term.
        let polynomial = terms.allSatisfy { t in
            Collector.factors(of: t.monomial).allSatisfy { $0.base.isVariable && $0.exponent.integerValue.map { $0 > 0 } == true }
        }
        var best: Choice?
        for base in bases where !used.contains(base) {
            let found = occurrences[base]!
            guard found.count >= 2 else { continue }
            let baseCost = measure.count(base)
            var levels: [Number] = []
            for o in found where !levels.contains(o.exponent) { levels.append(o.exponent) }
            for e in levels {
                let positive = !e.isNegative
                let covered = found.filter {
                    positive ? !$0.exponent.isNegative && $0.exponent.doubleValue >= e.doubleValue
                             : $0.exponent.isNegative && $0.exponent.doubleValue <= e.doubleValue
                }
                guard covered.count >= 2, !polynomial || covered.count == terms.count else { continue }
                let factorCost = baseCost + Collector.exponentCost(e)
                var saved = 0
                for o in covered {
                    if o.exponent == e {
                        saved += factorCost + 1
                    } else if let left = TermSum.sum(o.exponent, e.negated) {
                        saved += Collector.exponentCost(o.exponent) - Collector.exponentCost(left)
                    }
                }
                let gain = saved - (factorCost + 1)
                guard gain > 0 else { continue }
                if best == nil || gain > best!.gain || (gain == best!.gain && covered.count > best!.terms.count) {
                    best = Choice(base: base, exponent: e, terms: Set(covered.map(\.term)), gain: gain)
                }
            }
        }
        return best
    }

    /// `monomial / base^exponent`, adjusting the exponent of the factor
    /// with that base (not multiplying by the reciprocal, which would write
    /// `x^(y - 1)/x^(y - 1)` as `x^(y - 1 - (y - 1))`).
    private static func divide(_ monomial: Expression, by base: Expression, _ exponent: Number) -> (Number, Expression)? {
        var rebuilt: [Expression] = []
        for f in factors(of: monomial) {
            guard f.base == base else { rebuilt.append(.power(f.base, .constant(f.exponent))); continue }
            guard let left = TermSum.sum(f.exponent, exponent.negated) else { return nil }
            if !left.isZero { rebuilt.append(.power(f.base, .constant(left))) }
        }
        return TermSum.split(.product(rebuilt))
    }

    /// The factors of a coefficient-free monomial.
    private static func factors(of monomial: Expression) -> [Factor] {
        if monomial == .one { return [] }
        let list: [Expression]
        if case .product(let fs) = monomial.kind { list = fs } else { list = [monomial] }
        return list.map { f in
            if case .power(let b, let e) = f.kind, let n = e.numberValue { return Factor(base: b, exponent: n) }
            return Factor(base: f, exponent: .one)
        }
    }

    /// Operations spent on an exponent when printed: none for ±1, else `^`
    /// and the number's own (a fraction's `/`).
    private static func exponentCost(_ e: Number) -> Int {
        let magnitude = e.isNegative ? e.negated : e
        return magnitude.isOne ? 0 : 1 + SizeMeasure.count(magnitude)
    }
}

extension Expression {
    var isVariable: Bool {
        if case .variable = kind { return true }
        return false
    }
}
