/// A polynomial written as `unit * Π factor^multiplicity`.
struct Factorization {
    var unit: Rational
    var factors: [(polynomial: Polynomial, multiplicity: Int)]
}

/// Factorisation of multivariate polynomials over ℚ:
///
/// 1. the monomial content (`x^2*y` of `6*x^2*y + 9*x*y^2`) and the rational
///    content (`3`), leaving a primitive polynomial with a positive leading
///    coefficient;
/// 2. common factors: the content in each generator (`y + 2` of
///    `x*y + 2*x + y + 2`), split off until every piece is primitive in all
///    its generators;
/// 3. square-free decomposition of each piece (Yun's algorithm in its first
///    generator, with the multivariate gcd);
/// 4. univariate square-free factors over ℤ: linear factors by the rational
///    root test, then factors of degree d = 2, 3, … ≤ n/2 by Kronecker's
///    method (interpolate a candidate through divisors of the values at d + 1
///    integer points and test the division). Kronecker's search is capped at
///    ``kroneckerLimit`` candidates; a factor whose search exceeds it, and any
///    multivariate square-free factor, is left as it is (correct, possibly
///    not irreducible).
extension Polynomial {
    /// Candidates Kronecker's method may try per polynomial.
    static let kroneckerLimit = 20_000
    /// The highest degree univariate factorisation attempts.
    static let factorDegreeLimit = 40

    /// `self` as a unit times powers of factors (the zero polynomial is
    /// unit 0 with no factors).
    func factorization() throws(AlgebraLimit) -> Factorization {
        if isZero { return Factorization(unit: Rational(0), factors: []) }
        // 1. Monomial content (minimum exponents; Laurent exponents allowed).
        var lowest: [Int: Int] = [:]
        for g in generators { lowest[g] = terms.keys.map { $0[g] }.min()! }
        var factors: [(polynomial: Polynomial, multiplicity: Int)] = []
        var shift = Monomial.one
        for g in lowest.keys.sorted() where lowest[g]! != 0 {
            factors.append((Polynomial(generator: g), lowest[g]!))
            shift = try shift.times(Monomial(generator: g, power: -lowest[g]!))
        }
        let (unit, primitive) = try times(Polynomial(Rational(1), shift)).normalised()
        // 2. Split off contents in each generator.
        var pieces: [Polynomial] = []
        var work = [primitive]
        var steps = 0
        while let p = work.popLast() {
            steps += 1
            guard steps <= 200 else { throw .tooLarge }
            if p.isConstant { continue }
            var split = false
            for v in p.generators {
                let c = try p.content(in: v)
                if !c.isConstant, let rest = try p.divided(exactlyBy: c) {
                    work.append(c)
                    work.append(try rest.normalised().polynomial)
                    split = true
                    break
                }
            }
            if !split { pieces.append(p) }
        }
        // 3 and 4.
        var unitAdjustment = unit
        for piece in pieces {
            for (s, k) in try piece.squareFreeDecomposition() {
                for f in try s.irreducibleFactors() {
                    let (u, p) = try f.normalised()
                    unitAdjustment = try Exact.product(unitAdjustment, try Exact.power(u, k))
                    factors.append((p, k))
                }
            }
        }
        // Merge equal factors (the same factor from different pieces).
        var merged: [(polynomial: Polynomial, multiplicity: Int)] = []
        for f in factors {
            if let i = merged.firstIndex(where: { $0.polynomial == f.polynomial }) {
                merged[i].multiplicity += f.multiplicity
            } else {
                merged.append(f)
            }
        }
        return Factorization(unit: unitAdjustment, factors: merged.filter { $0.multiplicity != 0 })
    }

    /// Yun's square-free decomposition in the first generator of a
    /// primitive polynomial: `(a_i, i)` with `self = Π a_i^i` up to a unit.
    func squareFreeDecomposition() throws(AlgebraLimit) -> [(Polynomial, Int)] {
        guard let v = generators.first else { return [] }
        let d = try derivative(in: v)
        let a = try Polynomial.gcd(self, d)
        guard var c = try divided(exactlyBy: a), let da = try d.divided(exactlyBy: a) else { throw .tooLarge }
        var e = try da.minus(try c.derivative(in: v))
        var result: [(Polynomial, Int)] = []
        var i = 1
        while !c.isConstant {
            guard i <= Polynomial.factorDegreeLimit * 4 else { throw .tooLarge }
            let ai = try Polynomial.gcd(c, e)
            guard let nc = try c.divided(exactlyBy: ai), let ne = try e.divided(exactlyBy: ai) else { throw .tooLarge }
            if !ai.isConstant { result.append((ai, i)) }
            c = nc
            e = try ne.minus(try c.derivative(in: v))
            i += 1
        }
        return result
    }

    /// Irreducible factors over ℤ of a square-free primitive polynomial in
    /// one generator, or homogeneous in two (`x^2 - y^2`: factored as
    /// `x^2 - 1` with y = 1, each factor made homogeneous again); any other
    /// polynomial is returned whole.
    func irreducibleFactors() throws(AlgebraLimit) -> [Polynomial] {
        let gs = generators
        if gs.count == 2, let degree = terms.keys.first?.degree, terms.keys.allSatisfy({ $0.degree == degree }) {
            let (x, y) = (gs[0], gs[1])
            var dehomogenised = Polynomial()
            for (m, c) in terms { dehomogenised.terms[m.removing(y)] = c }
            return try dehomogenised.irreducibleFactors().map { f throws(AlgebraLimit) in
                var h = Polynomial()
                let d = f.degree(in: x)
                for (m, c) in f.terms { h.terms[try m.times(Monomial(generator: y, power: d - m[x]))] = c }
                return h
            }
        }
        guard gs.count == 1 else { return [self] }
        let p = try normalised().polynomial, v = gs[0]
        guard p.degree(in: v) >= 2, p.degree(in: v) <= Polynomial.factorDegreeLimit else { return [self] }
        var dense = [Int](repeating: 0, count: p.degree(in: v) + 1)
        for (m, c) in p.terms {
            guard c.isInteger else { return [self] }
            dense[m[v]] = c.numerator
        }
        return try IntegerPolynomial.factor(dense).map { coefficients in
            var q = Polynomial()
            for (k, c) in coefficients.enumerated() where c != 0 { q.terms[Monomial(generator: v, power: k)] = Rational(c) }
            return q
        }
    }
}

extension Exact {
    static func power(_ a: Rational, _ n: Int) throws(AlgebraLimit) -> Rational {
        guard let r = a.raised(to: n) else { throw .overflow }
        return r
    }
}
