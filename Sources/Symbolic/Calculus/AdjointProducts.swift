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
            let bu = u.factorBase, bv = v.factorBase
            if bu == bv { return nil }   // like factors: the general constructor merges them
            if CanonicalOrder.compare(bu, bv) < 0 {
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
}

/// A canonical expression seen as `coefficient · factors`, the way the
/// product constructor flattens it: a product of at most
/// ``Expression/flatteningLimit`` operands contributes its factors, a
/// number its value, anything else itself.
private struct QuickFactors {
    let coefficient: Rational
    private let single: Expression?
    private let list: ArraySlice<Expression>
    let count: Int

    init?(_ e: Expression) {
        switch e.kind {
        case .constant(let n):
            guard case .rational(let r) = n else { return nil }
            (coefficient, single, list, count) = (r, nil, [], 0)
        case .product(let xs) where xs.count <= Expression.flatteningLimit:
            if case .constant(let n) = xs[0].kind {
                // A second number is one whose folding overflowed: general case.
                guard case .rational(let r) = n, !xs[1].isConstantNumber else { return nil }
                (coefficient, single, list, count) = (r, nil, xs.dropFirst(), xs.count - 1)
            } else {
                (coefficient, single, list, count) = (Rational(1), nil, xs[...], xs.count)
            }
        default:
            (coefficient, single, list, count) = (Rational(1), e, [], 1)
        }
    }

    @inline(__always)
    subscript(i: Int) -> Expression { single ?? list[list.startIndex + i] }
}
