/// The canonical total order on expressions, used to sort the operands of
/// sums and products so that equal forms print identically.
///
/// The order is structural — it never depends on node identifiers, which
/// depend on construction order — and reads naturally: numbers before named
/// constants before variables before function calls (built-in, then
/// user-defined) before compound
/// expressions; variables in natural order (`x2` before `x10`); calls of one
/// function, sums and products by height, then operand by operand; sums list
/// higher-degree terms first and the constant last (`x^2 + x + 1`).
enum CanonicalOrder {
    static func rank(_ kind: Expression.Kind) -> UInt8 {
        switch kind {
        case .constant: return 0
        case .namedConstant: return 1
        case .variable: return 2
        case .call: return 3
        case .custom: return 4
        case .power: return 5
        case .product: return 6
        case .sum: return 7
        }
    }

    /// Three-way structural comparison: -1, 0 or 1.
    ///
    /// Runs in a loop rather than recursion: interned nodes that are not
    /// identical differ in some operand, and the first differing operand pair
    /// decides, so the comparison only ever descends one path.
    static func compare(_ lhs: Expression, _ rhs: Expression) -> Int {
        var a = lhs, b = rhs
        while true {
            if a == b { return 0 }
            let ra = a.node.rank, rb = b.node.rank
            if ra != rb { return ra < rb ? -1 : 1 }
            switch (a.kind, b.kind) {
            case let (.constant(x), .constant(y)):
                return compareNumbers(x, y)
            case let (.namedConstant(x), .namedConstant(y)):
                return x.rawValue < y.rawValue ? -1 : 1
            case let (.variable(x), .variable(y)):
                return naturalCompare(x, y)
            case let (.call(f, xs), .call(g, ys)):
                if f != g { return f.rawValue < g.rawValue ? -1 : 1 }
                if a.node.height != b.node.height { return a.node.height < b.node.height ? -1 : 1 }
                guard let pair = firstDifference(xs, ys) else { return xs.count < ys.count ? -1 : 1 }
                (a, b) = pair
            case let (.custom(f, xs), .custom(g, ys)):
                if f != g {
                    if f.name != g.name { return f.name < g.name ? -1 : 1 }
                    return f.serial < g.serial ? -1 : 1
                }
                if a.node.height != b.node.height { return a.node.height < b.node.height ? -1 : 1 }
                guard let pair = firstDifference(xs, ys) else { return xs.count < ys.count ? -1 : 1 }
                (a, b) = pair
            case let (.power(b1, e1), .power(b2, e2)):
                if b1 != b2 {
                    (a, b) = (b1, b2)
                } else {
                    // Equal bases: taller exponents last. Without this a tower
                    // x^x^…^x compares level by level, O(depth) per comparison.
                    let h1 = e1.node.height, h2 = e2.node.height
                    if h1 != h2 { return h1 < h2 ? -1 : 1 }
                    (a, b) = (e1, e2)
                }
            case let (.product(xs), .product(ys)), let (.sum(xs), .sum(ys)):
                if a.node.height != b.node.height { return a.node.height < b.node.height ? -1 : 1 }
                guard let pair = firstDifference(xs, ys) else { return xs.count < ys.count ? -1 : 1 }
                (a, b) = pair
            default:
                return 0  // unreachable: equal ranks mean equal kinds
            }
        }
    }

    private static func firstDifference(_ xs: [Expression], _ ys: [Expression]) -> (Expression, Expression)? {
        for (x, y) in zip(xs, ys) where x != y { return (x, y) }
        return nil
    }

    private static func compareNumbers(_ x: Number, _ y: Number) -> Int {
        let dx = x.doubleValue, dy = y.doubleValue
        if dx < dy { return -1 }
        if dx > dy { return 1 }
        switch (x, y) {
        case (.rational, .real): return -1
        case (.real, .rational): return 1
        case let (.rational(p), .rational(q)): return p < q ? -1 : (p == q ? 0 : 1)
        case let (.real(p), .real(q)): return p.bitPattern < q.bitPattern ? -1 : (p.bitPattern == q.bitPattern ? 0 : 1)
        }
    }

    /// Compares names with runs of digits compared by numeric value, so that
    /// `x2 < x10`; ties are broken by plain byte order.
    static func naturalCompare(_ x: String, _ y: String) -> Int {
        if x == y { return 0 }
        // Native strings are contiguous UTF-8: compare in place, no copies.
        let bytewiseLess = x < y
        var x = x, y = y
        return x.withUTF8 { a in y.withUTF8 { b in naturalCompare(a, b, bytewiseLess) } }
    }

    private static func naturalCompare(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>,
                                       _ bytewiseLess: Bool) -> Int {
        var i = 0, j = 0
        func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
        while i < a.count && j < b.count {
            if isDigit(a[i]) && isDigit(b[j]) {
                var i2 = i, j2 = j
                while i2 < a.count && isDigit(a[i2]) { i2 += 1 }
                while j2 < b.count && isDigit(b[j2]) { j2 += 1 }
                // Compare digit runs by value: strip leading zeros, then length, then bytes.
                var si = i, sj = j
                while si < i2 - 1 && a[si] == 48 { si += 1 }
                while sj < j2 - 1 && b[sj] == 48 { sj += 1 }
                if i2 - si != j2 - sj { return i2 - si < j2 - sj ? -1 : 1 }
                for (p, q) in zip(a[si..<i2], b[sj..<j2]) where p != q { return p < q ? -1 : 1 }
                i = i2; j = j2
            } else {
                if a[i] != b[j] { return a[i] < b[j] ? -1 : 1 }
                i += 1; j += 1
            }
        }
        if a.count - i != b.count - j { return a.count - i < b.count - j ? -1 : 1 }
        return bytewiseLess ? -1 : 1
    }

    /// Order of two factors of a product: by base, then by exponent.
    static func factorPrecedes(_ lhs: Expression, _ rhs: Expression) -> Bool {
        let (b1, e1) = lhs.baseAndExponent, (b2, e2) = rhs.baseAndExponent
        let c = compare(b1, b2)
        if c != 0 { return c < 0 }
        return compare(e1, e2) < 0
    }

    /// Order of two terms of a sum: higher degree first, then by the
    /// coefficient-free part, then by coefficient; constants last.
    static func termPrecedes(_ lhs: Expression, _ rhs: Expression) -> Bool {
        let lc = lhs.isConstantNumber, rc = rhs.isConstantNumber
        if lc != rc { return rc }
        let (c1, m1) = lhs.coefficientAndMonomial, (c2, m2) = rhs.coefficientAndMonomial
        if m1.node.degree != m2.node.degree { return m1.node.degree > m2.node.degree }
        let c = compare(m1, m2)
        if c != 0 { return c < 0 }
        return compareNumbers(c1, c2) < 0
    }
}

extension Expression {
    /// `(b, e)` for `b^e`, and `(self, 1)` otherwise.
    var baseAndExponent: (Expression, Expression) {
        if case .power(let b, let e) = kind { return (b, e) }
        return (self, .one)
    }

    /// `(c, m)` with `self == c*m` and `m` free of a numeric coefficient.
    var coefficientAndMonomial: (Number, Expression) {
        if case .product(let factors) = kind, case .constant(let c) = factors[0].kind {
            if factors.count == 2 { return (c, factors[1]) }
            return (c, Expression.intern(.product(Array(factors.dropFirst()))))
        }
        return (.one, self)
    }

    var isConstantNumber: Bool {
        if case .constant = kind { return true }
        return false
    }

    /// The number, if this is a numeric constant.
    public var numberValue: Number? {
        if case .constant(let n) = kind { return n }
        return nil
    }
}
