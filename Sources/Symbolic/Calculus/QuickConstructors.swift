/// A fast path for the products the reverse sweep builds most: `c·a·b` for
/// an exact coefficient `c` and two canonical expressions `a` and `b`
/// (`adjoint · ∂node/∂operand`).
///
/// ``Expression/product(_:)`` handles every case (like factors merging,
/// floats, overflow, NaN) and pays for it with several temporary arrays,
/// a closure and a sort per call; most of the sweep's products need none of
/// that: both operands are already canonical, so their factors are sorted,
/// and when no base occurs in both, the canonical product is the two sorted
/// factor lists merged, behind the product of the coefficients. That is what
/// ``Expression/quickProduct(_:_:coefficient:)`` builds; anything else
/// (a shared base, a float coefficient, overflow, a zero) returns `nil` and
/// the caller falls back to the general constructor. Debug builds check
/// every fast result against the general constructor's.
extension Expression {
    /// The canonical product `coefficient · a · b`, or `nil` when building it
    /// needs more than merging two sorted factor lists.
    ///
    /// - Precondition: `a` and `b` are canonical (built by the constructors).
    static func quickProduct(_ a: Expression, _ b: Expression, coefficient: Rational) -> Expression? {
        guard let x = QuickFactors(a), let y = QuickFactors(b),
              let xy = x.coefficient.multiplying(by: y.coefficient),
              let c = xy.multiplying(by: coefficient), c.numerator != 0 else { return nil }
        let isOne = c.numerator == 1 && c.denominator == 1
        let total = x.count + y.count
        if total == 0 { return .constant(.rational(c)) }
        if total == 1 && isOne { return x.count == 1 ? x[0] : y[0] }
        var result: [Expression] = []
        result.reserveCapacity(total + 1)
        if !isOne { result.append(.constant(.rational(c))) }
        var i = 0, j = 0
        while i < x.count && j < y.count {
            let u = x[i], v = y[j]
            let order = compareFactorBases(u, v)
            if order == 0 { return nil }   // like factors: the general constructor merges them
            if order < 0 {
                result.append(u)
                i += 1
            } else {
                result.append(v)
                j += 1
            }
        }
        while i < x.count { result.append(x[i]); i += 1 }
        while j < y.count { result.append(y[j]); j += 1 }
        return intern(.product(result))
    }

    /// The base of a factor: `b` for `b^e`, else the factor itself.
    @inline(__always)
    var factorBase: Expression {
        if case .power(let b, _) = kind { return b }
        return self
    }

    private static let powerRank = CanonicalOrder.rank(.power(.one, .one))

    /// ``CanonicalOrder/compare(_:_:)`` of the factors' bases, 0 only when
    /// they are the same node; without copying them out of the factors
    /// (a retain and release each) when neither factor is a power.
    @inline(__always)
    static func compareFactorBases(_ u: Expression, _ v: Expression) -> Int {
        if u.node.rank != powerRank && v.node.rank != powerRank {
            if u == v { return 0 }
            return CanonicalOrder.compare(u, v) < 0 ? -1 : 1
        }
        let bu = u.factorBase, bv = v.factorBase
        if bu == bv { return 0 }
        return CanonicalOrder.compare(bu, bv) < 0 ? -1 : 1
    }
}

/// A canonical expression seen as `coefficient · factors`, the way the
/// product constructor flattens it: a product of at most
/// ``Expression/flatteningLimit`` operands contributes its factors, a
/// number its value, anything else itself.
///
/// Holds the factors unretained (one per product the sweep builds: the
/// retains and releases of an operand array and its slice showed in
/// profiles), so the expression it was made from must outlive it; the
/// factors it hands out are retained.
struct QuickFactors {
    let coefficient: Rational
    private let single: Unmanaged<Node>?
    private let list: UnsafeBufferPointer<Unmanaged<Node>>
    let count: Int

    private static let constantRank = CanonicalOrder.rank(.constant(.rational(Rational(0))))
    private static let productRank = CanonicalOrder.rank(.product([]))

    init?(_ e: Expression) {
        let none = UnsafeBufferPointer<Unmanaged<Node>>(start: nil, count: 0)
        let n = e.node
        switch n.rank {
        case QuickFactors.constantRank:
            guard case .constant(.rational(let r)) = n.kind else { return nil }
            (coefficient, single, list, count) = (r, nil, none, 0)
        case QuickFactors.productRank where n.operandCount <= Expression.flatteningLimit:
            let parts = n.withUnretainedOperands { xs -> (Rational, UnsafeBufferPointer<Unmanaged<Node>>)? in
                let leading = xs[0]._withUnsafeGuaranteedRef { f -> Rational?? in
                    guard f.rank == QuickFactors.constantRank else { return .some(nil) }
                    guard case .constant(.rational(let r)) = f.kind else { return nil }
                    return r
                }
                guard let leading else { return nil }
                guard let r = leading else { return (Rational(1), xs) }
                // A second number is one whose folding overflowed: general case.
                guard xs[1]._withUnsafeGuaranteedRef({ $0.rank }) != QuickFactors.constantRank else { return nil }
                return (r, UnsafeBufferPointer(rebasing: xs.dropFirst()))
            }
            guard let (c, xs) = parts else { return nil }
            (coefficient, single, list, count) = (c, nil, xs, xs.count)
        default:
            (coefficient, single, list, count) = (Rational(1), Unmanaged.passUnretained(n), none, 1)
        }
    }

    @inline(__always)
    subscript(i: Int) -> Expression { Expression(node: (single ?? list[i]).takeUnretainedValue()) }
}

extension Expression {
    /// The canonical sum of `terms`, or `nil` when building it needs more
    /// than sorting: like terms to merge, a nested sum to flatten, a float
    /// constant or an overflow.
    ///
    /// Sorts the terms as ``Expression/sum(_:)`` does — by their
    /// coefficient-free parts ("monomials"), higher degree first, then in
    /// ``CanonicalOrder``, the number last — but compares a monomial like
    /// `x*y` of the term `3*x*y` in place instead of interning it as a node.
    ///
    /// - Precondition: the terms are canonical.
    static func quickSum(_ terms: [Expression]) -> Expression? {
        switch quickSumParts(terms) {
        case .expression(let e)?: return e
        case .kind(let kind)?: return intern(kind)
        case nil: return nil
        }
    }

    /// What ``quickSum(_:)`` builds, or `nil`: a number or single term as
    /// is, else the sum's kind not yet interned (so that a caller can
    /// intern several together, see ``InternTable/prefetch(hash:)``).
    enum QuickSumParts {
        case expression(Expression)
        case kind(Kind)
    }

    /// ``quickSum(_:)`` up to interning the sum node.
    static func quickSumParts(_ terms: [Expression]) -> QuickSumParts? { quickSumParts(terms[...]) }

    /// ``quickSumParts(_:)`` of a slice (the reverse sweep's contributions
    /// sit in one shared buffer). The monomials hold the terms unretained:
    /// `terms` keeps them alive, and a retain and release per term and per
    /// monomial part was a measurable share of a gradient.
    static func quickSumParts(_ terms: ArraySlice<Expression>) -> QuickSumParts? {
        var constant = Rational(0)
        var entries: [QuickMonomial] = []
        entries.reserveCapacity(terms.count)
        let ok = terms.withUnretainedNodes { nodes -> Bool in
            for t in nodes {
                let isMonomial = t._withUnsafeGuaranteedRef { n -> Bool? in
                    switch n.rank {
                    case QuickMonomial.constantRank:
                        guard case .constant(.rational(let r)) = n.kind, let s = constant.adding(r) else { return nil }
                        constant = s
                        return false
                    case QuickMonomial.sumRank: return nil
                    default: return true
                    }
                }
                guard let isMonomial else { return false }
                if isMonomial { entries.append(QuickMonomial(t)) }
            }
            return true
        }
        guard ok else { return nil }
        var sameMonomial = false
        entries.sort { a, b in
            if a.degree != b.degree { return a.degree > b.degree }
            let c = a.compare(b)
            if c == 0 { sameMonomial = true }
            return c < 0
        }
        if sameMonomial { return nil }
        var result: [Expression] = []
        result.reserveCapacity(entries.count + 1)
        for e in entries { result.append(Expression(node: e.term.takeUnretainedValue())) }
        if constant.numerator != 0 { result.append(.constant(.rational(constant))) }
        switch result.count {
        case 0: return .expression(.constant(.rational(constant)))
        case 1: return .expression(result[0])
        default: return .kind(.sum(result))
        }
    }
}

/// A term's coefficient-free part as ``Expression/sum(_:)`` sees it: the
/// term itself, the factor of `c*f`, or the factors of `c*f*g*…` (a product
/// that is not a node; compared as the node would be). Unretained: the
/// caller's terms own every node here (see ``Expression/quickSumParts(_:)``).
private struct QuickMonomial {
    let term: Unmanaged<Node>
    let degree: Double
    private let height: Int
    private let node: Unmanaged<Node>?
    /// The factors after the coefficient, when `node` is `nil`.
    private let factors: UnsafeBufferPointer<Unmanaged<Node>>

    static let constantRank = CanonicalOrder.rank(.constant(.rational(Rational(0))))
    static let sumRank = CanonicalOrder.rank(.sum([]))
    private static let productRank = CanonicalOrder.rank(.product([]))

    init(_ t: Unmanaged<Node>) {
        term = t
        (height, node, factors, degree) = t._withUnsafeGuaranteedRef { n in
            let none = UnsafeBufferPointer<Unmanaged<Node>>(start: nil, count: 0)
            guard n.rank == QuickMonomial.productRank else { return (n.height, t, none, n.degree) }
            return n.withUnretainedOperands { xs in
                guard xs[0]._withUnsafeGuaranteedRef({ $0.rank }) == QuickMonomial.constantRank else {
                    return (n.height, t, none, n.degree)
                }
                if xs.count == 2 { return (n.height, xs[1], none, xs[1]._withUnsafeGuaranteedRef { $0.degree }) }
                return (n.height, nil, UnsafeBufferPointer(rebasing: xs.dropFirst()), n.degree)
            }
        }
    }

    /// ``CanonicalOrder/compare(_:_:)`` of the two monomials (0: equal).
    func compare(_ other: QuickMonomial) -> Int {
        switch (node, other.node) {
        case let (a?, b?): return QuickMonomial.compare(a, b)
        case let (nil, b?): return QuickMonomial.compare(factors, height: height, b)
        case let (a?, nil): return -QuickMonomial.compare(other.factors, height: other.height, a)
        case (nil, nil):
            if height != other.height { return height < other.height ? -1 : 1 }
            return QuickMonomial.compare(factors, other.factors)
        }
    }

    @inline(__always)
    private static func compare(_ a: Unmanaged<Node>, _ b: Unmanaged<Node>) -> Int {
        if a.toOpaque() == b.toOpaque() { return 0 }
        return CanonicalOrder.compare(Expression(node: a.takeUnretainedValue()), Expression(node: b.takeUnretainedValue()))
    }

    /// The product of `factors` (of height `height`) against the node `b`.
    private static func compare(_ factors: UnsafeBufferPointer<Unmanaged<Node>>, height: Int, _ b: Unmanaged<Node>) -> Int {
        b._withUnsafeGuaranteedRef { b in
            if b.rank != productRank { return productRank < b.rank ? -1 : 1 }
            if height != b.height { return height < b.height ? -1 : 1 }
            return b.withUnretainedOperands { compare(factors, $0) }
        }
    }

    /// Operand lists compared as ``CanonicalOrder/compare(_:_:)`` does.
    private static func compare(_ xs: UnsafeBufferPointer<Unmanaged<Node>>, _ ys: UnsafeBufferPointer<Unmanaged<Node>>) -> Int {
        for (x, y) in zip(xs, ys) where x.toOpaque() != y.toOpaque() { return compare(x, y) }
        return xs.count == ys.count ? 0 : (xs.count < ys.count ? -1 : 1)
    }
}
