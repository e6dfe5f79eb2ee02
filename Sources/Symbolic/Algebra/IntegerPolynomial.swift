/// Univariate factorisation over ℤ on dense coefficient arrays (constant
/// term first): the rational root test for linear factors, then Kronecker's
/// method for higher-degree factors. All arithmetic is checked; every search
/// is capped (``Polynomial/kroneckerLimit``), and a polynomial whose search
/// passes the cap is returned as one factor.
enum IntegerPolynomial {
    /// The largest magnitude whose divisors are enumerated.
    static let divisorLimit = 1_000_000_000_000

    /// Irreducible factors of a primitive, square-free `f` with a positive
    /// leading coefficient, each with a positive leading coefficient.
    static func factor(_ f: [Int]) throws(AlgebraLimit) -> [[Int]] {
        var f = f
        var result: [[Int]] = []
        var budget = Polynomial.kroneckerLimit
        roots: while f.count > 2 {
            if f[0] == 0 { result.append([0, 1]); f.removeFirst(); continue }
            guard let ps = divisors(f[0]), let qs = divisors(f.last!) else { break }
            for q in qs {
                for p in ps where Exact.gcd(p, q) == 1 {
                    for s in [p, -p] {
                        budget -= 1
                        guard budget > 0 else { break roots }
                        if let quotient = try divide(f, by: [-s, q]) {
                            result.append([-s, q])
                            f = quotient
                            continue roots
                        }
                    }
                }
            }
            break
        }
        var d = 2
        search: while 2 * d <= f.count - 1 {
            // d + 1 points where f is nonzero, and the signed divisors of f there.
            var xs: [Int] = [], choices: [[Int]] = []
            var candidate = 0, combinations = 1
            while xs.count <= d {
                let x = candidate > 0 ? (candidate + 1) / 2 * (candidate % 2 == 1 ? 1 : -1) : 0
                candidate += 1
                guard candidate < 64 else { break search }
                let value = try evaluate(f, at: x)
                guard value != 0, let ds = divisors(value) else { continue }
                xs.append(x)
                // The first point's sign is fixed: g and -g are the same factor.
                choices.append(xs.count == 1 ? ds : ds + ds.map { -$0 })
                combinations = combinations.multipliedReportingOverflow(by: choices.last!.count).partialValue
            }
            guard combinations > 0, combinations <= budget else { break }
            budget -= combinations
            var index = [Int](repeating: 0, count: d + 1)
            while true {
                let values = (0...d).map { choices[$0][index[$0]] }
                if let g = try interpolate(xs, values), g.count == d + 1 {
                    let h = g.last! < 0 ? g.map { -$0 } : g
                    if let quotient = try divide(f, by: h) {
                        result.append(h)
                        f = quotient
                        continue search
                    }
                }
                // Odometer step.
                var k = 0
                while k <= d {
                    index[k] += 1
                    if index[k] < choices[k].count { break }
                    index[k] = 0
                    k += 1
                }
                if k > d { break }
            }
            d += 1
        }
        if f.count > 1 { result.append(f) }
        return result
    }

    /// The positive divisors of `n ≠ 0`, or `nil` past ``divisorLimit``.
    static func divisors(_ n: Int) -> [Int]? {
        let m = n.magnitude
        guard m > 0, m <= UInt(divisorLimit) else { return nil }
        var small: [Int] = [], large: [Int] = []
        var k: UInt = 1
        while k * k <= m {
            if m % k == 0 {
                small.append(Int(k))
                if k * k != m { large.append(Int(m / k)) }
            }
            k += 1
        }
        return small + large.reversed()
    }

    /// `f(x)`, checked.
    static func evaluate(_ f: [Int], at x: Int) throws(AlgebraLimit) -> Int {
        var r = 0
        for c in f.reversed() {
            let (p, o1) = r.multipliedReportingOverflow(by: x)
            let (s, o2) = p.addingReportingOverflow(c)
            guard !o1, !o2 else { throw .overflow }
            r = s
        }
        return r
    }

    /// The exact quotient `f / g` over ℤ, or `nil` when it leaves a remainder.
    static func divide(_ f: [Int], by g: [Int]) throws(AlgebraLimit) -> [Int]? {
        guard g.count <= f.count, let lead = g.last, lead != 0 else { return nil }
        var r = f
        var q = [Int](repeating: 0, count: f.count - g.count + 1)
        for i in stride(from: q.count - 1, through: 0, by: -1) {
            let top = r[i + g.count - 1]
            guard top % lead == 0 else { return nil }
            let c = top / lead
            q[i] = c
            for (j, gj) in g.enumerated() {
                let (p, o1) = c.multipliedReportingOverflow(by: gj)
                let (s, o2) = r[i + j].subtractingReportingOverflow(p)
                guard !o1, !o2 else { throw .overflow }
                r[i + j] = s
            }
        }
        return r.allSatisfy { $0 == 0 } ? q : nil
    }

    /// The polynomial of degree ≤ d through `(xs[k], values[k])` (Newton's
    /// divided differences), trimmed, or `nil` when a coefficient is not an
    /// integer.
    static func interpolate(_ xs: [Int], _ values: [Int]) throws(AlgebraLimit) -> [Int]? {
        var dd = values.map { Rational($0) }
        let d = xs.count - 1
        if d > 0 {
            for level in 1...d {
                for i in stride(from: d, through: level, by: -1) {
                    let num = try Exact.sum(dd[i], try Exact.negated(dd[i - 1]))
                    dd[i] = try Exact.quotient(num, Rational(xs[i] - xs[i - level]))
                }
            }
        }
        var poly: [Rational] = [dd[d]]
        for i in stride(from: d - 1, through: 0, by: -1) {
            // poly = poly*(x - xs[i]) + dd[i]
            var next = [Rational](repeating: Rational(0), count: poly.count + 1)
            for (k, c) in poly.enumerated() {
                next[k + 1] = try Exact.sum(next[k + 1], c)
                next[k] = try Exact.sum(next[k], try Exact.product(c, Rational(-xs[i])))
            }
            next[0] = try Exact.sum(next[0], dd[i])
            poly = next
        }
        while let last = poly.last, last.numerator == 0 { poly.removeLast() }
        guard poly.allSatisfy(\.isInteger) else { return nil }
        return poly.map(\.numerator)
    }
}
