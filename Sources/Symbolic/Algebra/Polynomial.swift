/// Why an exact polynomial operation gave up: a coefficient left 64-bit
/// rationals, or a result passed the term, degree or work limits. Callers
/// catch it and keep their input unchanged (the graceful fall-back of
/// `docs/Simplification.md`).
enum AlgebraLimit: Error, Equatable {
    /// Exact rational arithmetic overflowed `Int`.
    case overflow
    /// A result would exceed ``Polynomial/termLimit`` terms or a degree or
    /// work bound.
    case tooLarge
}

/// The exponents of one monomial over numbered generators (`x0^e0*x1^e1*…`),
/// trailing zeros trimmed so that equal monomials are equal arrays. Negative
/// exponents are allowed (Laurent monomials, used by `expanded()`).
struct Monomial: Hashable, Comparable {
    private(set) var exponents: [Int]

    init(_ exponents: [Int] = []) {
        self.exponents = exponents
        trim()
    }

    static let one = Monomial()

    /// `x_generator^power`.
    init(generator: Int, power: Int) {
        var e = [Int](repeating: 0, count: generator + 1)
        e[generator] = power
        self.init(e)
    }

    /// The exponent of generator `i`.
    subscript(i: Int) -> Int { i < exponents.count ? exponents[i] : 0 }

    var isOne: Bool { exponents.isEmpty }

    /// The generators with a nonzero exponent.
    var generators: [Int] { exponents.indices.filter { exponents[$0] != 0 } }

    /// Total degree.
    var degree: Int { exponents.reduce(0, +) }

    private mutating func trim() {
        while let last = exponents.last, last == 0 { exponents.removeLast() }
    }

    /// The product (exponents added), or `nil` past the exponent bound.
    func times(_ other: Monomial) throws(AlgebraLimit) -> Monomial {
        var e = [Int](repeating: 0, count: Swift.max(exponents.count, other.exponents.count))
        for i in e.indices {
            let (s, o) = self[i].addingReportingOverflow(other[i])
            guard !o, s.magnitude <= Polynomial.exponentLimit else { throw .tooLarge }
            e[i] = s
        }
        return Monomial(e)
    }

    /// `self / other` when every exponent stays ≥ 0, else `nil`.
    func dividing(_ other: Monomial) -> Monomial? {
        var e = exponents
        if other.exponents.count > e.count { e += [Int](repeating: 0, count: other.exponents.count - e.count) }
        for i in other.exponents.indices {
            e[i] -= other.exponents[i]
            if e[i] < 0 { return nil }
        }
        return Monomial(e)
    }

    /// This monomial with generator `i` removed (its exponent set to 0).
    func removing(_ i: Int) -> Monomial {
        guard i < exponents.count else { return self }
        var e = exponents
        e[i] = 0
        return Monomial(e)
    }

    /// Lexicographic order, generator 0 most significant.
    static func < (a: Monomial, b: Monomial) -> Bool {
        for i in 0..<Swift.max(a.exponents.count, b.exponents.count) where a[i] != b[i] { return a[i] < b[i] }
        return false
    }
}

/// A sparse multivariate polynomial with exact rational coefficients over
/// numbered generators (the atoms of an expression: variables, calls,
/// powers that are not polynomial), the representation of `Algebra`.
///
/// Coefficients are 64-bit `Rational`s: an operation whose exact result does
/// not fit throws ``AlgebraLimit/overflow``, and one whose result would have
/// more than ``termLimit`` terms throws ``AlgebraLimit/tooLarge``, so every
/// operation is bounded and callers fall back to their input.
struct Polynomial: Hashable {
    /// The nonzero coefficient of each monomial.
    var terms: [Monomial: Rational] = [:]

    /// The most terms any result may have.
    static let termLimit = 4000
    /// The largest exponent magnitude any monomial may have.
    static let exponentLimit: UInt = 10_000

    init() {}

    init(constant c: Rational) {
        if c.numerator != 0 { terms[.one] = c }
    }

    init(_ c: Rational, _ m: Monomial) {
        if c.numerator != 0 { terms[m] = c }
    }

    /// The generator `i` itself.
    init(generator i: Int) {
        terms[Monomial(generator: i, power: 1)] = Rational(1)
    }

    static let zero = Polynomial()
    static let one = Polynomial(constant: Rational(1))

    var isZero: Bool { terms.isEmpty }
    var isConstant: Bool { terms.isEmpty || (terms.count == 1 && terms[.one] != nil) }
    /// The constant term.
    var constantTerm: Rational { terms[.one] ?? Rational(0) }

    /// The terms in decreasing lexicographic order (deterministic).
    var sortedTerms: [(Monomial, Rational)] { terms.sorted { $0.key > $1.key }.map { ($0.key, $0.value) } }

    /// The lexicographically largest term.
    var leadingTerm: (Monomial, Rational)? { terms.max { $0.key < $1.key }.map { ($0.key, $0.value) } }

    /// The generators that occur, ascending.
    var generators: [Int] {
        var seen = Set<Int>()
        for m in terms.keys { seen.formUnion(m.generators) }
        return seen.sorted()
    }

    /// Whether every exponent is ≥ 0.
    var isPolynomial: Bool { terms.keys.allSatisfy { $0.exponents.allSatisfy { $0 >= 0 } } }

    private mutating func add(_ c: Rational, _ m: Monomial) throws(AlgebraLimit) {
        if let old = terms[m] {
            let s = try Exact.sum(old, c)
            terms[m] = s.numerator == 0 ? nil : s
        } else if c.numerator != 0 {
            terms[m] = c
            guard terms.count <= Polynomial.termLimit else { throw .tooLarge }
        }
    }

    func plus(_ other: Polynomial) throws(AlgebraLimit) -> Polynomial {
        var r = self
        for (m, c) in other.terms { try r.add(c, m) }
        return r
    }

    func minus(_ other: Polynomial) throws(AlgebraLimit) -> Polynomial {
        var r = self
        for (m, c) in other.terms { try r.add(try Exact.negated(c), m) }
        return r
    }

    func scaled(by k: Rational) throws(AlgebraLimit) -> Polynomial {
        if k.numerator == 0 { return .zero }
        var r = Polynomial()
        for (m, c) in terms { r.terms[m] = try Exact.product(c, k) }
        return r
    }

    func times(_ other: Polynomial) throws(AlgebraLimit) -> Polynomial {
        guard terms.count * other.terms.count <= Polynomial.termLimit * 8 else { throw .tooLarge }
        var r = Polynomial()
        for (m1, c1) in terms {
            for (m2, c2) in other.terms { try r.add(try Exact.product(c1, c2), try m1.times(m2)) }
        }
        return r
    }

    /// `self^n` for `n ≥ 0` by repeated squaring.
    func power(_ n: Int) throws(AlgebraLimit) -> Polynomial {
        var result = Polynomial.one, base = self, e = n
        while e > 0 {
            if e & 1 == 1 { result = try result.times(base) }
            e >>= 1
            if e > 0 { base = try base.times(base) }
        }
        return result
    }

    /// The degree in generator `v` (0 for the zero polynomial).
    func degree(in v: Int) -> Int { terms.keys.map { $0[v] }.max() ?? 0 }

    /// The coefficients in generator `v`, by power: polynomials free of `v`.
    func coefficients(in v: Int) -> [Int: Polynomial] {
        var result: [Int: Polynomial] = [:]
        for (m, c) in terms { result[m[v], default: Polynomial()].terms[m.removing(v)] = c }
        return result
    }

    /// The coefficient of the highest power of `v`.
    func leadingCoefficient(in v: Int) -> Polynomial { coefficients(in: v)[degree(in: v)] ?? .zero }

    /// ∂/∂(generator v).
    func derivative(in v: Int) throws(AlgebraLimit) -> Polynomial {
        var r = Polynomial()
        for (m, c) in terms where m[v] != 0 {
            r.terms[try m.times(Monomial(generator: v, power: -1))] = try Exact.product(c, Rational(m[v]))
        }
        return r
    }

    /// The exact quotient `self / divisor`, or `nil` when the division
    /// leaves a remainder (both must be polynomials, not Laurent).
    func divided(exactlyBy divisor: Polynomial) throws(AlgebraLimit) -> Polynomial? {
        guard let (dm, dc) = divisor.leadingTerm else { return nil }
        if divisor.terms.count == 1 {
            var q = Polynomial()
            for (m, c) in terms {
                guard let qm = m.dividing(dm) else { return nil }
                q.terms[qm] = try Exact.quotient(c, dc)
            }
            return q
        }
        var remainder = self, quotient = Polynomial()
        var steps = 0
        while let (rm, rc) = remainder.leadingTerm {
            steps += 1
            guard steps <= Polynomial.termLimit * 4 else { throw .tooLarge }
            guard let qm = rm.dividing(dm) else { return nil }
            let q = Polynomial(try Exact.quotient(rc, dc), qm)
            try quotient.add(q.terms.first!.value, qm)
            remainder = try remainder.minus(try divisor.times(q))
        }
        return quotient
    }

    /// The pseudo-remainder of `self` by `divisor` as polynomials in `v`, up
    /// to a rational factor: `c*self - q*divisor` with degree in `v` below the
    /// divisor's (`c` a power of the divisor's leading coefficient times a
    /// number).
    func pseudoRemainder(by divisor: Polynomial, in v: Int) throws(AlgebraLimit) -> Polynomial {
        let n = divisor.degree(in: v)
        let lc = divisor.leadingCoefficient(in: v)
        var r = self
        var steps = 0
        while !r.isZero, r.degree(in: v) >= n {
            steps += 1
            guard steps <= 1000 else { throw .tooLarge }
            let d = r.degree(in: v)
            let shift = Polynomial(Rational(1), Monomial(generator: v, power: d - n))
            r = try (try lc.times(r)).minus(try (try r.leadingCoefficient(in: v).times(shift)).times(divisor))
            // A rational multiple is as good for a gcd; dropping the numeric
            // content keeps the coefficients from growing geometrically.
            r = try r.normalised().polynomial
        }
        return r
    }

    /// The polynomial with generator `i` renumbered `map[i]`.
    func renumbered(_ map: [Int]) -> Polynomial {
        var r = Polynomial()
        for (m, c) in terms {
            var e = [Int](repeating: 0, count: map.count)
            for (i, x) in m.exponents.enumerated() { e[map[i]] = x }
            r.terms[Monomial(e)] = c
        }
        return r
    }
}

/// Checked exact rational arithmetic that throws instead of overflowing.
enum Exact {
    static func sum(_ a: Rational, _ b: Rational) throws(AlgebraLimit) -> Rational {
        guard let r = a.adding(b) else { throw .overflow }
        return r
    }

    static func product(_ a: Rational, _ b: Rational) throws(AlgebraLimit) -> Rational {
        guard let r = a.multiplying(by: b) else { throw .overflow }
        return r
    }

    static func negated(_ a: Rational) throws(AlgebraLimit) -> Rational {
        guard a.numerator != Int.min, let r = Rational(-a.numerator, a.denominator) else { throw .overflow }
        return r
    }

    static func inverse(_ a: Rational) throws(AlgebraLimit) -> Rational {
        guard a.numerator != 0, let r = Rational(a.denominator, a.numerator) else { throw .overflow }
        return r
    }

    static func quotient(_ a: Rational, _ b: Rational) throws(AlgebraLimit) -> Rational {
        try product(a, try inverse(b))
    }

    /// Integer gcd (≥ 0).
    static func gcd(_ a: Int, _ b: Int) -> Int {
        var (x, y) = (a.magnitude, b.magnitude)
        while y != 0 { (x, y) = (y, x % y) }
        return x <= UInt(Int.max) ? Int(x) : 1
    }
}
