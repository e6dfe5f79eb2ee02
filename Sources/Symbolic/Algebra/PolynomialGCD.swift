/// Greatest common divisors of multivariate polynomials over ℚ, by the
/// primitive polynomial remainder sequence (Knuth, TAOCP 4.6.1, Algorithm
/// E, applied recursively): the gcd of `a` and `b` in a main generator `v`
/// is the gcd of their contents (the gcd of their coefficients, polynomials
/// in the other generators) times the last nonzero primitive pseudo-remainder
/// of their primitive parts.
///
/// Results are normalised: integer coefficients with gcd 1 and a positive
/// leading coefficient in lexicographic order, so `gcd(x^2 - 1, 2*x + 2)` is
/// `x + 1`. Every loop shrinks a degree and every nested call has fewer
/// generators, so the work is bounded; coefficient overflow or oversized
/// intermediates throw ``AlgebraLimit``.
extension Polynomial {
    /// The most generators a gcd recurses over.
    static let gcdGeneratorLimit = 24

    /// The normalised gcd of `a` and `b` (both polynomials, not Laurent).
    static func gcd(_ a: Polynomial, _ b: Polynomial) throws(AlgebraLimit) -> Polynomial {
        guard Set(a.generators).union(b.generators).count <= gcdGeneratorLimit else { throw .tooLarge }
        return try gcdUnnormalised(a, b).normalised().polynomial
    }

    private static func gcdUnnormalised(_ a: Polynomial, _ b: Polynomial) throws(AlgebraLimit) -> Polynomial {
        if a.isZero { return b }
        if b.isZero { return a }
        if a.isConstant || b.isConstant { return .one }
        let ga = a.generators, gb = b.generators
        guard let v = ga.first(where: { gb.contains($0) }) else {
            // No generator in common: only the contents can share factors.
            let v = ga[0]
            return try gcdUnnormalised(try a.content(in: v), b)
        }
        let ca = try a.content(in: v), cb = try b.content(in: v)
        let common = try gcdUnnormalised(ca, cb)
        guard var p = try a.divided(exactlyBy: ca), var q = try b.divided(exactlyBy: cb) else { throw .tooLarge }
        if p.degree(in: v) < q.degree(in: v) { swap(&p, &q) }
        while true {
            let r = try p.pseudoRemainder(by: q, in: v)
            if r.isZero { break }
            if r.degree(in: v) == 0 { q = .one; break }
            p = q
            q = try r.primitivePart(in: v)
        }
        return try common.times(try q.primitivePart(in: v))
    }

    /// The gcd of the coefficients in generator `v` (a polynomial free of
    /// `v`; `1` when they share nothing but numbers).
    func content(in v: Int) throws(AlgebraLimit) -> Polynomial {
        var g = Polynomial.zero
        for (_, c) in coefficients(in: v).sorted(by: { $0.key > $1.key }) {
            g = try Polynomial.gcdUnnormalised(g, c)
            if g.isConstant { return .one }
        }
        return try g.normalised().polynomial
    }

    /// `self` divided by its content in `v`.
    func primitivePart(in v: Int) throws(AlgebraLimit) -> Polynomial {
        let c = try content(in: v)
        guard let p = try divided(exactlyBy: c) else { throw .tooLarge }
        return try p.normalised().polynomial
    }

    /// `(u, p)` with `self = u*p`, `u` rational and `p` having integer
    /// coefficients with gcd 1 and a positive leading coefficient.
    func normalised() throws(AlgebraLimit) -> (unit: Rational, polynomial: Polynomial) {
        guard let (_, lc) = leadingTerm else { return (Rational(1), self) }
        var numerators = 0, denominators = 1
        for c in terms.values {
            numerators = Exact.gcd(numerators, c.numerator)
            let g = Exact.gcd(denominators, c.denominator)
            let (l, o) = (denominators / g).multipliedReportingOverflow(by: c.denominator)
            guard !o else { throw .overflow }
            denominators = l
        }
        guard var unit = Rational(numerators, denominators) else { throw .overflow }
        if lc.numerator < 0 { unit = try Exact.negated(unit) }
        return (unit, try scaled(by: try Exact.inverse(unit)))
    }
}
