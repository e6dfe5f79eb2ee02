/// The canonicalising constructors. Every compound expression is built here,
/// so derivative rules and the parser get small, canonical results without a
/// separate simplification pass.
///
/// What they do (all value-preserving, with the caveats documented in
/// `docs/Design.md`): flatten nested sums and products; fold numbers exactly
/// (floats when a float takes part); merge like terms (`2*x + 3*x → 5*x`) and
/// like factors (`x*x → x^2`, `x^a*x^b → x^(a+b)`); drop `0` terms, `1`
/// factors, `x^1`; turn `x^0` and `1^x` into `1` and `0*x` into `0`; distribute
/// integer powers over products (`(x*y)^2 → x^2*y^2`) and merge integer powers
/// of integer powers (`(x^2)^3 → x^6`); sort operands in ``CanonicalOrder``.
extension Expression {
    /// Sums and products with more operands than this are not flattened into
    /// an enclosing sum or product; they stay one operand of it.
    ///
    /// Unbounded flattening destroys sharing: the derivative of a chain
    /// `sin(sin(…sin(x)))` of depth n is a product of n cosines, and flattening
    /// each adjoint into the next costs O(n²) time and memory; so does
    /// `s = s + t` in a loop. With the limit, both stay linear, and the price
    /// is that two groupings of the same long sum can be different nodes (the
    /// printer keeps them apart with parentheses, so printing still reads
    /// back exactly).
    public static let flatteningLimit = 32

    /// The canonical sum of `terms` (`0` when empty).
    ///
    /// Like terms are found by sorting on node identity (no hashing), then
    /// the survivors are put in canonical order.
    /// - Complexity: O(k log k) for k terms after flattening.
    public static func sum(_ terms: [Expression]) -> Expression {
        var constant = Number.zero
        var unfolded: [Expression] = []           // constants or terms whose folding overflowed
        typealias Pair = (coefficient: Number, monomial: Expression, original: Expression?)
        var pairs: [Pair] = []
        pairs.reserveCapacity(terms.count)
        var sortedRun: [Pair] = []   // as in `product`: the longest operand's terms are in order

        func add(_ term: Expression, into list: inout [Pair]) {
            switch term.kind {
            case .constant(let n):
                if let s = constant.adding(n) { constant = s } else { unfolded.append(term) }
            case .sum(let inner) where inner.count <= flatteningLimit:
                for t in inner { add(t, into: &list) }   // canonical small sums hold no small sums: depth 1
            default:
                let (c, m) = term.coefficientAndMonomial
                list.append((c, m, term))
            }
        }
        let longest = terms.indices.max { terms[$0].operands.count < terms[$1].operands.count }
        for (k, t) in terms.enumerated() {
            if k == longest, case .sum(let inner) = t.kind, inner.count <= flatteningLimit {
                add(t, into: &sortedRun)
            } else {
                add(t, into: &pairs)
            }
        }

        // Canonical order puts equal monomials next to each other, so one
        // sort both orders the terms and exposes like terms to merge.
        let precedes = { (lhs: Pair, rhs: Pair) -> Bool in
            let (m1, m2) = (lhs.monomial, rhs.monomial)
            if m1 == m2 { return false }
            if m1.node.degree != m2.node.degree { return m1.node.degree > m2.node.degree }
            return CanonicalOrder.compare(m1, m2) < 0
        }
        if pairs.count > 1 { pairs.sort(by: precedes) }
        if !sortedRun.isEmpty { pairs = mergeSorted(sortedRun, pairs, by: precedes) }
        if pairs.count > 1 {
            var merged: [(coefficient: Number, monomial: Expression, original: Expression?)] = []
            merged.reserveCapacity(pairs.count)
            for p in pairs {
                if let last = merged.last, last.monomial == p.monomial {
                    if let s = last.coefficient.adding(p.coefficient) {
                        merged[merged.count - 1] = (s, p.monomial, nil)
                    } else {
                        unfolded.append(scaled(p.monomial, by: p.coefficient))
                    }
                } else {
                    merged.append(p)
                }
            }
            pairs = merged
        }
        // IEEE 754: NaN plus anything is NaN (`inf - inf` folds to NaN above).
        if constant.isNaN || pairs.contains(where: { $0.coefficient.isNaN }) { return .constant(.real(.nan)) }
        var result: [Expression] = []
        result.reserveCapacity(pairs.count + unfolded.count + 1)
        for p in pairs where !p.coefficient.isZero {
            result.append(p.original ?? scaled(p.monomial, by: p.coefficient))
        }
        result.append(contentsOf: unfolded)
        if !constant.isZero { result.append(.constant(constant)) }
        switch result.count {
        case 0: return .constant(constant)
        case 1: return result[0]
        default: return intern(.sum(result))
        }
    }

    /// `c*m` for a canonical coefficient-free `m`, without re-canonicalising.
    static func scaled(_ m: Expression, by c: Number) -> Expression {
        if c.isOne { return m }
        // A monomial holding a signed zero 1/±∞ takes no finite coefficient
        // beside it (`product` folds the coefficient into the zero's sign).
        if m.containsReciprocalInfinity { return product([.constant(c), m]) }
        if case .product(let factors) = m.kind, factors.count <= flatteningLimit {
            return intern(.product([.constant(c)] + factors))
        }
        return intern(.product([.constant(c), m]))
    }

    /// The canonical product of `factors` (`1` when empty).
    ///
    /// Like factors are found by sorting on the identity of their bases (no
    /// hashing), then the survivors are put in canonical order.
    /// - Complexity: O(k log k) for k factors after flattening.
    public static func product(_ factors: [Expression]) -> Expression {
        var coefficient = Number.one
        var unfolded: [Expression] = []
        typealias Entry = (base: Expression, exponent: Expression, original: Expression)
        var entries: [Entry] = []
        entries.reserveCapacity(factors.count + 1)
        // The factors of the longest flattened operand are already in
        // canonical order; the others are sorted and inserted into them, so
        // extending a product by a factor costs O(k) moves and O(log k) comparisons.
        var sortedRun: [Entry] = []

        func add(_ factor: Expression, into list: inout [Entry]) {
            switch factor.kind {
            case .constant(let n):
                if let p = coefficient.multiplying(by: n) { coefficient = p } else { unfolded.append(factor) }
            case .product(let inner) where inner.count <= flatteningLimit:
                for f in inner { add(f, into: &list) }
            default:
                let (b, e) = factor.baseAndExponent
                list.append((b, e, factor))
            }
        }
        let longest = factors.indices.max { factors[$0].operands.count < factors[$1].operands.count }
        for (k, f) in factors.enumerated() {
            if k == longest, case .product(let inner) = f.kind, inner.count <= flatteningLimit {
                add(f, into: &sortedRun)
            } else {
                add(f, into: &entries)
            }
        }
        if coefficient.isZero && unfolded.isEmpty { return .constant(coefficient.isExactly(0) ? .zero : .real(0)) }

        var result: [Expression] = []
        result.reserveCapacity(entries.count + 1)
        var needsAnotherPass = false
        var needsResort = false
        var reciprocalInfinitySign: Double? = nil
        // Canonical order compares bases first, so one sort both orders the
        // factors and puts like bases next to each other.
        let precedes = { (lhs: Entry, rhs: Entry) -> Bool in
            if lhs.original == rhs.original { return false }
            let c = CanonicalOrder.compare(lhs.base, rhs.base)
            return c != 0 ? c < 0 : CanonicalOrder.compare(lhs.exponent, rhs.exponent) < 0
        }
        if entries.count > 1 { entries.sort(by: precedes) }
        if !sortedRun.isEmpty {
            entries = mergeSorted(sortedRun, entries, by: precedes)
        }
        var i = 0
        while i < entries.count {
            var j = i + 1
            while j < entries.count && entries[j].base == entries[i].base { j += 1 }
            let merged = j == i + 1
                ? entries[i].original
                : power(entries[i].base, sum(entries[i..<j].map(\.exponent)))
            if j > i + 1 {
                needsResort = true
                // (x^a)^2 * (x^a)^-3 merges to (x^a)^-1 = x^-a: a factor of
                // another base, which may be like one already placed (x).
                if case .power(let b, _) = merged.kind, b != entries[i].base { needsAnotherPass = true }
            }
            if let sign = merged.reciprocalInfinitySign {
                // 1/±∞ factors (signed zeros kept unfolded) are gathered into one.
                reciprocalInfinitySign = reciprocalInfinitySign == nil ? sign : reciprocalInfinitySign! * sign
                i = j
                continue
            }
            switch merged.kind {
            case .constant(let n):
                if let p = coefficient.multiplying(by: n) { coefficient = p } else { unfolded.append(merged) }
            case .product(let inner) where j > i + 1 && inner.count <= flatteningLimit:
                // (x*y)^(1/2) * (x*y)^(1/2) merged to x*y: flatten it in another pass.
                needsAnotherPass = true
                result.append(merged)
            default:
                result.append(merged)
            }
            i = j
        }
        if var sign = reciprocalInfinitySign {
            // A finite nonzero coefficient only changes the zero's sign:
            // 2 * (1/∞) is the same +0 as 1/∞. Absorbing it keeps the printed
            // form `2*(1/0)` (which parses as ∞) out of denominators, so
            // print → parse → print is stable.
            let c = coefficient.doubleValue
            if c.isFinite && c != 0 {
                if c < 0 { sign = -sign }
                coefficient = .one
            }
            result.append(intern(.power(.constant(.real(sign * .infinity)), .minusOne)))
            needsResort = true
        }
        if needsAnotherPass { return product([.constant(coefficient)] + unfolded + result) }
        // IEEE 754: NaN times anything is NaN (`0 * inf` folds to NaN above).
        if coefficient.isNaN { return .constant(.real(.nan)) }
        if coefficient.isZero && unfolded.isEmpty { return .constant(coefficient.isExactly(0) ? .zero : .real(0)) }
        if needsResort && result.count > 1 { result.sort(by: CanonicalOrder.factorPrecedes) }
        result.insert(contentsOf: unfolded, at: 0)
        if !(coefficient.isOne) { result.insert(.constant(coefficient), at: 0) }
        switch result.count {
        case 0: return .constant(coefficient)
        case 1: return result[0]
        default: return intern(.product(result))
        }
    }

    /// The canonical power `base ^ exponent`.
    public static func power(_ base: Expression, _ exponent: Expression) -> Expression {
        if case .constant(let e) = exponent.kind {
            if e.isZero { return e.isExactly(0) ? .one : .constant(.real(1)) }
            if e.isOne { return base }
        }
        switch base.kind {
        case .constant(let b):
            if b.isExactly(1) { return .one }
            if case .constant(let e) = exponent.kind, let r = b.raised(to: e) {
                // ∞^-n is 0 but stays unfolded, as the reciprocal of ±∞ with
                // the sign of the zero: IEEE gives x*0 = NaN for an infinite
                // x, so x/(1/0) must not fold to 0 the way x*0.0 does.
                guard r.isZero && !b.isFinite else { return .constant(r) }
                let infinity: Double = r.doubleValue.sign == .minus ? -.infinity : .infinity
                return intern(.power(.constant(.real(infinity)), .minusOne))
            }
        case .power(let innerBase, let innerExponent):
            // (x^a)^b = x^(a*b) is exact for integers a and b, and for b = -1
            // with any a (1/x^a = x^-a, NaN on both sides where x^a is NaN).
            if let b = exponent.numberValue?.integerValue, let a = innerExponent.numberValue?.integerValue {
                let (ab, overflow) = a.multipliedReportingOverflow(by: b)
                if !overflow { return power(innerBase, .constant(.integer(ab))) }
            }
            if exponent.numberValue?.isExactly(-1) == true {
                return power(innerBase, product([innerExponent, .minusOne]))
            }
        case .product(let factors):
            // (x*y)^n = x^n * y^n for an integer n.
            if exponent.numberValue?.integerValue != nil {
                return product(factors.map { power($0, exponent) })
            }
        default:
            break
        }
        return intern(.power(base, exponent))
    }

    /// The canonical call `function(arguments...)`; numeric arguments are
    /// folded when the result is exact or a finite `Double` (see
    /// `Functions/CallFolding.swift`).
    ///
    /// - Precondition: `function.arity.contains(arguments.count)`.
    public static func call(_ function: Function, _ arguments: [Expression]) -> Expression {
        precondition(function.arity.contains(arguments.count),
                     "\(function.name) cannot take \(arguments.count) argument(s)")
        if let folded = foldedCall(function, arguments) { return folded }
        return intern(.call(function, arguments))
    }
}

/// Merges a long sorted array with a short sorted one by binary insertion.
func mergeSorted<T>(_ long: [T], _ short: [T], by precedes: (T, T) -> Bool) -> [T] {
    var result = long
    result.reserveCapacity(long.count + short.count)
    var lowerBound = 0
    for element in short {
        var (lo, hi) = (lowerBound, result.count)
        while lo < hi {
            let mid = (lo + hi) / 2
            if precedes(element, result[mid]) { hi = mid } else { lo = mid + 1 }
        }
        result.insert(element, at: lo)
        lowerBound = lo + 1
    }
    return result
}

extension Expression {
    /// Whether `self` is `(±∞)^-1` or a product with such a factor.
    var containsReciprocalInfinity: Bool {
        if reciprocalInfinitySign != nil { return true }
        guard case .product(let factors) = kind else { return false }
        return factors.contains { $0.reciprocalInfinitySign != nil }
    }

    /// The sign of the infinity when `self` is `(±∞)^-1`, the unfolded
    /// signed zero that `power` keeps for `1/(1/0)`; nil otherwise.
    var reciprocalInfinitySign: Double? {
        guard case .power(let base, let exponent) = kind,
              case .constant(let b) = base.kind, b.doubleValue.isInfinite,
              exponent.numberValue?.isExactly(-1) == true else { return nil }
        return b.doubleValue < 0 ? -1 : 1
    }
}
