import Foundation

/// A sum of terms `c*m`: a numeric coefficient `c` times a canonical,
/// coefficient-free monomial `m` (a product of powers of atoms, or `1`).
///
/// This is the expanded form the simplifier works on: multiplying two term
/// sums distributes products over sums; like terms merge by monomial
/// identity, so cancellations such as `x*(x + 1) - x^2 → x` happen here.
/// Monomials are built with the canonicalising constructors, which merge like
/// factors (`x^y*x → x^(y + 1)`), so equal monomials are one node.
///
/// Coefficients stay exact: exact arithmetic that would overflow makes the
/// operation fail (`nil`) rather than fall back to floating point, and every
/// operation takes a term limit beyond which it fails too.
struct TermSum {
    /// The monomials, in order of first appearance (deterministic).
    private(set) var monomials: [Expression] = []
    /// The coefficient of each monomial (zeros are kept until ``terms``).
    private(set) var coefficients: [Number] = []
    private var position: [Expression: Int] = [:]

    init() {}

    /// The sum with the single term `c*m`.
    init(coefficient c: Number, monomial m: Expression) {
        _ = add(c, m)
    }

    /// `expression` as one term: its numeric coefficient times the rest.
    init(term expression: Expression) {
        if case .constant(let n) = expression.kind {
            self.init(coefficient: n, monomial: .one)
        } else {
            let (c, m) = expression.coefficientAndMonomial
            self.init(coefficient: c, monomial: m)
        }
    }

    /// The number of distinct monomials (including any that cancelled to 0).
    var count: Int { monomials.count }

    /// The nonzero terms, in order of first appearance.
    var terms: [(coefficient: Number, monomial: Expression)] {
        zip(coefficients, monomials).filter { !$0.0.isZero }.map { ($0.0, $0.1) }
    }

    /// Adds `c*m`; `false` when exact coefficient arithmetic overflows.
    mutating func add(_ c: Number, _ m: Expression) -> Bool {
        if let k = position[m] {
            guard let s = TermSum.sum(coefficients[k], c) else { return false }
            coefficients[k] = s
        } else {
            position[m] = monomials.count
            monomials.append(m)
            coefficients.append(c)
        }
        return true
    }

    /// Adds every term of `other` scaled by `factor`; `false` on overflow or
    /// when the result would exceed `limit` monomials.
    mutating func add(_ other: TermSum, times factor: Number = .one, limit: Int) -> Bool {
        for (c, m) in zip(other.coefficients, other.monomials) where !c.isZero {
            guard let scaled = TermSum.product(c, factor), add(scaled, m), count <= limit else { return false }
        }
        return true
    }

    /// The distributed product, or `nil` past `limit` monomials or on overflow.
    func multiplied(by other: TermSum, limit: Int) -> TermSum? {
        let (a, b) = (terms, other.terms)
        guard a.count * b.count <= limit * 4 else { return nil }
        var result = TermSum()
        for (c1, m1) in a {
            for (c2, m2) in b {
                guard let c = TermSum.product(c1, c2),
                      let (c3, m) = TermSum.monomialProduct(m1, m2),
                      let cm = TermSum.product(c, c3),
                      result.add(cm, m), result.count <= limit else { return nil }
            }
        }
        return result
    }

    /// `self^n` for `n >= 0` by repeated squaring, or `nil` past `limit`.
    func raised(to n: Int, limit: Int) -> TermSum? {
        var result = TermSum(coefficient: .one, monomial: .one)
        var base = self
        var e = n
        while e > 0 {
            if e & 1 == 1 { guard let r = result.multiplied(by: base, limit: limit) else { return nil }; result = r }
            e >>= 1
            if e > 0 { guard let b = base.multiplied(by: base, limit: limit) else { return nil }; base = b }
        }
        return result
    }

    /// The sum written out with the constructors, term by term.
    var expression: Expression {
        .sum(terms.map { Expression.product([.constant($0.coefficient), $0.monomial]) })
    }

    /// `m1*m2` split into a coefficient and a monomial; `nil` if the
    /// constructors had to leave an overflowing constant unfolded.
    static func monomialProduct(_ m1: Expression, _ m2: Expression) -> (Number, Expression)? {
        if m1 == .one { return (.one, m2) }
        if m2 == .one { return (.one, m1) }
        return split(.product([m1, m2]))
    }

    /// `e` as `(c, m)` with `m` coefficient-free, or `nil` when `e` still
    /// holds an unfolded constant.
    static func split(_ e: Expression) -> (Number, Expression)? {
        if case .constant(let n) = e.kind { return (n, .one) }
        let (c, m) = e.coefficientAndMonomial
        if case .product(let factors) = m.kind, factors.contains(where: \.isConstantNumber) { return nil }
        return (c, m)
    }

    /// `a + b`, exact when both are exact; `nil` instead of an inexact
    /// fallback on exact overflow, and on a non-finite result.
    static func sum(_ a: Number, _ b: Number) -> Number? {
        if case .rational(let x) = a, case .rational(let y) = b { return x.adding(y).map(Number.rational) }
        return TermSum.finite(a.doubleValue + b.doubleValue)
    }

    /// `a * b`, with the same rules as ``sum(_:_:)``.
    static func product(_ a: Number, _ b: Number) -> Number? {
        if case .rational(let x) = a, case .rational(let y) = b { return x.multiplying(by: y).map(Number.rational) }
        return TermSum.finite(a.doubleValue * b.doubleValue)
    }

    /// `a ^ n` for an integer `n`, with the same rules as ``sum(_:_:)``.
    static func power(_ a: Number, _ n: Int) -> Number? {
        if case .rational(let x) = a { return x.raised(to: n).map(Number.rational) }
        return TermSum.finite(Foundation.pow(a.doubleValue, Double(n)))
    }

    /// `d` as a `Double` number when it is finite; a non-finite coefficient
    /// fails the operation instead.
    static func finite(_ d: Double) -> Number? { d.isFinite ? .real(d) : nil }
}
