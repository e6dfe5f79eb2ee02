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
        // Coprime univariate polynomials are the common case and the one
        // whose remainder sequence overflows first: a modular check settles it.
        if ga.count == 1, ga == gb, try Polynomial.coprimeModuloPrimes(a, b, in: ga[0]) { return .one }
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

extension Polynomial {
    /// Whether univariate `a` and `b` (in generator `v`) are certainly
    /// coprime over ℚ: their images modulo a prime that divides no leading
    /// coefficient or denominator have a gcd of degree 0 (the degree of the
    /// gcd over ℚ is at most that of the image). `false` means "unknown".
    static func coprimeModuloPrimes(_ a: Polynomial, _ b: Polynomial, in v: Int) throws(AlgebraLimit) -> Bool {
        for prime in [2_147_483_647, 2_147_483_629] {
            guard var f = a.dense(in: v, modulo: prime), var g = b.dense(in: v, modulo: prime) else { continue }
            // Euclid over GF(prime); degrees drop every step.
            while !g.isEmpty {
                let inverse = ModularArithmetic.inverse(g.last!, prime)
                while f.count >= g.count {
                    let factor = f.last! * inverse % prime, shift = f.count - g.count
                    for (k, c) in g.enumerated() { f[k + shift] = ((f[k + shift] - factor * c) % prime + prime) % prime }
                    while let last = f.last, last == 0 { f.removeLast() }
                }
                swap(&f, &g)
            }
            if f.count == 1 { return true }
        }
        return false
    }

    /// Coefficients modulo `prime` (constant first), or `nil` when the
    /// leading coefficient vanishes or a denominator is divisible by it.
    fileprivate func dense(in v: Int, modulo prime: Int) -> [Int]? {
        var result = [Int](repeating: 0, count: degree(in: v) + 1)
        for (m, c) in terms {
            let d = ((c.denominator % prime) + prime) % prime
            guard d != 0 else { return nil }
            let n = ((c.numerator % prime) + prime) % prime
            result[m[v]] = n * ModularArithmetic.inverse(d, prime) % prime
        }
        guard result.last != 0 else { return nil }
        return result
    }
}

/// Arithmetic modulo a prime below 2^31 (products fit in `Int`).
enum ModularArithmetic {
    /// `a^-1 mod prime` for `a` not divisible by `prime` (Fermat).
    static func inverse(_ a: Int, _ prime: Int) -> Int {
        var result = 1, base = a % prime, e = prime - 2
        while e > 0 {
            if e & 1 == 1 { result = result * base % prime }
            base = base * base % prime
            e >>= 1
        }
        return result
    }
}
