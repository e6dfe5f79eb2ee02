/// The size measure the simplifier minimises: the number of operations in
/// the printed infix text.
///
/// Each `+ - * / ^` the printer writes counts 1 (a leading or unary minus
/// too, and the `/` inside a fraction literal such as `3/2`), each function
/// call counts 1; names, numbers and parentheses count 0. This is the measure
/// `docs/DerivativeSize.md` compares with SymPy's printed derivatives, so
/// "smaller" means the same thing to the simplifier and to the benchmark.
///
/// The count is computed on the graph, not on the text: each distinct node's
/// count is independent of where it is printed (parentheses are free, and a
/// negative term moves its minus sign into the sum's separator), so it is
/// memoised per node and costs O(n) in the distinct nodes even when the
/// printed tree is exponentially larger. Counts saturate at `Int.max`.
extension Expression {
    /// The number of operations in the printed form (see ``SizeMeasure``).
    ///
    ///     print(try Expression(parsing: "exp(-x)/(1 + exp(-x))^2").operationCount)
    ///     // Prints "7"
    ///
    /// - Complexity: O(n) in the number of distinct nodes.
    public var operationCount: Int {
        var measure = SizeMeasure()
        return measure.count(self)
    }
}

/// A memoising operation counter; keep one alive to measure many related
/// expressions (candidates that share subexpressions) in time linear in the
/// distinct nodes seen.
struct SizeMeasure {
    private var memo: [Int: Int] = [:]

    /// The printed operation count of `root`.
    mutating func count(_ root: Expression) -> Int {
        if let known = memo[root.id] { return known }
        // Post-order over the nodes not yet measured, with an explicit stack.
        var stack: [(Expression, Bool)] = [(root, false)]
        while let (e, expanded) = stack.popLast() {
            if memo[e.id] != nil { continue }
            if expanded {
                memo[e.id] = local(e)
            } else {
                stack.append((e, true))
                for o in e.operands where memo[o.id] == nil { stack.append((o, false)) }
            }
        }
        return memo[root.id]!
    }

    /// The count of one node whose operands are measured.
    private mutating func local(_ e: Expression) -> Int {
        switch e.kind {
        case .constant(let n):
            return SizeMeasure.count(n)
        case .namedConstant, .variable:
            return 0
        case .call(_, let arguments), .custom(_, let arguments):
            return arguments.reduce(1) { $0.addingSaturating(memo[$1.id]!) }
        case .sum(let terms):
            // Separators between terms, plus a leading minus when every term
            // is negative; a negative term's own minus becomes its separator.
            var total = 0
            var positives = 0
            for t in terms {
                total = total.addingSaturating(memo[t.id]!)
                if !SizeMeasure.isNegativeTerm(t) { positives += 1 }
            }
            return total.addingSaturating(positives > 0 ? positives - 1 : 0)
        case .product(let factors):
            return productCount(factors)
        case .power(let base, let exponent):
            if let n = exponent.numberValue, n.isNegative {
                // Printed as `1/base^-n`.
                return 1 + reciprocalCount(base, n)
            }
            return (1 as Int).addingSaturating(memo[base.id]!).addingSaturating(memo[exponent.id]!)
        }
    }

    /// `base^-n` as a denominator factor (nothing for `-n = 1`).
    private func reciprocalCount(_ base: Expression, _ n: Number) -> Int {
        let magnitude = n.negated
        if magnitude.isExactly(1) { return memo[base.id]! }
        return memo[base.id]!.addingSaturating(1 + SizeMeasure.count(magnitude))
    }

    /// A product as the printer writes it: an optional minus, the numerator
    /// factors joined by `*`, then `/` and the denominator factors.
    private func productCount(_ factors: [Expression]) -> Int {
        var total = 0
        var numeratorItems = 0, denominatorItems = 0
        var rest = factors[...]
        if let c = factors.first?.numberValue {
            rest = factors.dropFirst()
            if c.isNegative { total += 1 }
            let magnitude = c.negativeAware
            switch magnitude {
            case .rational(let r):
                if r.numerator != 1 { numeratorItems += 1 }
                if r.denominator != 1 { denominatorItems += 1 }
            case .real:
                numeratorItems += 1
                total = total.addingSaturating(SizeMeasure.count(magnitude))
            }
        }
        for f in rest {
            if case .power(let b, let ex) = f.kind, let n = ex.numberValue, n.isNegative {
                denominatorItems += 1
                total = total.addingSaturating(reciprocalCount(b, n))
            } else {
                numeratorItems += 1
                total = total.addingSaturating(memo[f.id]!)
            }
        }
        total += Swift.max(numeratorItems, 1) - 1
        if denominatorItems > 0 { total += denominatorItems }
        return total
    }

    /// Operators in a number's printed text: a leading minus, the `/` of a
    /// fraction; a `Double`'s exponent sign is part of the literal.
    static func count(_ n: Number) -> Int {
        switch n {
        case .rational(let r): return (r.numerator < 0 ? 1 : 0) + (r.isInteger ? 0 : 1)
        case .real(let d): return d.sign == .minus && !d.isNaN ? 1 : 0
        }
    }

    /// Whether the printer writes `term` with a leading minus.
    static func isNegativeTerm(_ term: Expression) -> Bool {
        switch term.kind {
        case .constant(let n): return n.isNegative
        case .product(let factors): return factors[0].numberValue?.isNegative ?? false
        default: return false
        }
    }
}

extension Number {
    /// The magnitude of a number the printer has already written a minus for.
    fileprivate var negativeAware: Number { isNegative ? negated : self }
}
