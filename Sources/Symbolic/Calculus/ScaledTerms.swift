/// The reverse sweep's adjoints and contributions, kept as
/// `coefficient · factors` — a canonical product that is not yet a node —
/// until something needs the node.
///
/// Most adjoints only pass through: the adjoint of `A` in `(A)^2` is `2·a·A`,
/// and of `x` in `-1·x^2` it is `-2·a·x·…`. Building each as an interned node
/// costs a hash-table probe and two allocations, yet most of them are read
/// only once, by the next rule down the chain. A ``ScaledTerm`` holds such a
/// product as a rational coefficient and a run of sorted factors in a pool
/// shared by the whole sweep; multiplying it by the next partial merges
/// sorted factor lists exactly as ``Expression/quickProduct(_:_:coefficient:)``
/// does. A term becomes a node only when it is summed with others, returned
/// as a derivative, handed to a rule that needs a node, or when the node
/// would hold more than ``Expression/flatteningLimit`` operands (a product
/// that long is one opaque factor to the product constructor, so it must be
/// one here too). Materialising gives the very node the eager sweep built —
/// debug builds check every term against it — so derivatives print the
/// same; the sweep just interns fewer intermediate products.
///
///     // sweep-internal: the adjoint of x in 100*(y - x^2)^2 stays lazy until x's sum.
struct ScaledTerm {
    /// The term as a node, when it is one already.
    var node: Expression?
    /// For a pending product: its exact coefficient (never 0).
    var coefficient: Rational
    /// For a pending product: its factors, `pool[start ..< start + count]`,
    /// in canonical order, none a number.
    var start: Int32
    var count: Int32

    init(_ node: Expression) {
        (self.node, coefficient, start, count) = (node, Rational(1), 0, 0)
    }

    init(coefficient: Rational, start: Int, count: Int) {
        (node, self.coefficient, self.start, self.count) = (nil, coefficient, Int32(start), Int32(count))
    }
}

/// The factor pool of a sweep's pending products and the operations on them.
struct ScaledTerms {
    private(set) var pool: [Expression] = []
    /// The nodes of the last few coefficients: every product node needs its
    /// coefficient's, and a sweep's products share a handful of numbers
    /// (`-400`, `200`, `-2` in the Rosenbrock gradient), so a look along
    /// this list beats interning the number again (hash, lock, probe).
    /// Kept across the sweeps of one caller (a Hessian's rows), dropped when
    /// the sweep is kept for reuse (its references keep those numbers alive).
    private var constants: [(value: Rational, node: Expression)] = []
    private var nextConstant = 0

    /// Forgets every pending product (at the start of a sweep).
    mutating func removeAll() { pool.removeAll(keepingCapacity: true) }

    /// Forgets the pending products and the remembered coefficient nodes
    /// (before the sweep is kept for reuse: it must keep no node alive).
    mutating func forgetNodes() {
        pool.removeAll(keepingCapacity: true)
        constants.removeAll()
        nextConstant = 0
    }

    /// About how many bytes the factor pool holds.
    var bufferBytes: Int { pool.bufferBytes }

    /// The node of `term`: the node ``Expression/quickProduct(_:_:coefficient:)``
    /// would have built.
    mutating func expression(_ term: ScaledTerm) -> Expression {
        if let node = term.node { return node }
        let c = term.coefficient
        let isOne = c.numerator == 1 && c.denominator == 1
        let start = Int(term.start), count = Int(term.count)
        if count == 0 { return constant(c) }
        if count == 1 && isOne { return pool[start] }
        return .intern(productKind(c, start, count))
    }

    /// The kind of the product node a pending `term` becomes, or `nil` when
    /// it becomes a number, a single factor, or is a node already; the
    /// sweep interns several of these together (see
    /// ``InternTable/prefetch(hash:)``).
    mutating func productKind(_ term: ScaledTerm) -> Expression.Kind? {
        guard term.node == nil else { return nil }
        let c = term.coefficient
        let isOne = c.numerator == 1 && c.denominator == 1
        let count = Int(term.count)
        if count == 0 || (count == 1 && isOne) { return nil }
        return productKind(c, Int(term.start), count)
    }

    private mutating func productKind(_ c: Rational, _ start: Int, _ count: Int) -> Expression.Kind {
        var factors: [Expression] = []
        factors.reserveCapacity(count + 1)
        if c.numerator != 1 || c.denominator != 1 { factors.append(constant(c)) }
        // One append per factor: `append(contentsOf:)` a slice copies through
        // the generic value witness, a call per element.
        for i in start ..< start + count { factors.append(pool[i]) }
        return .product(factors)
    }

    /// The node of the number `c` (`.constant(.rational(c))`), from
    /// ``constants`` when it is there.
    private mutating func constant(_ c: Rational) -> Expression {
        for entry in constants where entry.value == c { return entry.node }
        let node = Expression.constant(.rational(c))
        if constants.count < 8 {
            constants.append((c, node))
        } else {
            constants[nextConstant] = (c, node)
            nextConstant = (nextConstant + 1) % constants.count
        }
        return node
    }

    /// `coefficient · term · b` as a term, or `nil` when the product needs
    /// the general constructor (a base in both, a float, an overflow, a zero).
    ///
    /// - Precondition: `b` is canonical.
    mutating func product(_ term: ScaledTerm, _ b: Expression, coefficient: Rational) -> ScaledTerm? {
        guard let y = QuickFactors(b) else { return nil }
        let xc: Rational, xStart: Int, xCount: Int
        var xNode: QuickFactors? = nil
        if let node = term.node {
            guard let x = QuickFactors(node) else { return nil }
            (xc, xStart, xCount, xNode) = (x.coefficient, 0, x.count, x)
        } else {
            (xc, xStart, xCount) = (term.coefficient, Int(term.start), Int(term.count))
        }
        guard let xy = xc.multiplying(by: y.coefficient), let c = xy.multiplying(by: coefficient),
              c.numerator != 0 else { return nil }
        let isOne = c.numerator == 1 && c.denominator == 1
        let total = xCount + y.count
        if total == 0 {
            // A bare number stays pending too (no intern-table lookup for it).
            return isOne ? ScaledTerm(.one) : ScaledTerm(coefficient: c, start: pool.count, count: 0)
        }
        if total == 1 && isOne {
            return ScaledTerm(xCount == 1 ? (xNode?[0] ?? pool[xStart]) : y[0])
        }
        // Merge the two sorted factor lists onto the end of the pool.
        let start = pool.count
        var i = 0, j = 0
        while i < xCount && j < y.count {
            let u = xNode?[i] ?? pool[xStart + i], v = y[j]
            let order = Expression.compareFactorBases(u, v)
            if order == 0 {   // like factors: b^p · b^q = b^(p+q) for rational p, q
                guard let merged = ScaledTerms.likeFactors(u, v) else {
                    pool.removeSubrange(start...)
                    return nil   // the general constructor knows the rest
                }
                pool.append(merged)
                i += 1
                j += 1
                continue
            }
            if order < 0 {
                pool.append(u)
                i += 1
            } else {
                pool.append(v)
                j += 1
            }
        }
        while i < xCount { pool.append(xNode?[i] ?? pool[xStart + i]); i += 1 }
        while j < y.count { pool.append(y[j]); j += 1 }
        let count = pool.count - start
        if count == 1 && isOne {
            let single = pool.removeLast()
            return ScaledTerm(single)
        }
        let term = ScaledTerm(coefficient: c, start: start, count: count)
        // A product node this long is a single opaque factor to the next
        // product, so it has to exist as a node from here on.
        if count + (isOne ? 0 : 1) > Expression.flatteningLimit {
            let node = expression(term)
            pool.removeSubrange(start...)
            return ScaledTerm(node)
        }
        return term
    }

    /// `u · v` for two factors with the same base and rational exponents,
    /// as the product constructor merges them (`x^2 · x → x^3`), or `nil`
    /// when the merge could be anything but a power of that base (the
    /// exponents cancel, the base is a number or a product, or the sum of
    /// the exponents overflows).
    private static func likeFactors(_ u: Expression, _ v: Expression) -> Expression? {
        guard let p = rationalExponent(u), let q = rationalExponent(v), let e = p.adding(q), e.numerator != 0 else { return nil }
        let base = u.factorBase
        switch base.kind {
        case .constant, .product: return nil
        default: break
        }
        let merged = Expression.power(base, .constant(.rational(e)))
        if merged == base { return merged }
        guard case .power(let b, _) = merged.kind, b == base else { return nil }
        return merged
    }

    /// `p` for a factor `b^p` with a rational `p`, `1` for a factor that is
    /// not a power, else `nil`.
    private static func rationalExponent(_ factor: Expression) -> Rational? {
        guard case .power(_, let exponent) = factor.kind else { return Rational(1) }
        guard case .constant(.rational(let p)) = exponent.kind else { return nil }
        return p
    }
}
