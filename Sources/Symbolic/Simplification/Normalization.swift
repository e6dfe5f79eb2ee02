/// The cheap, bounded normalisation that higher derivatives pass through so
/// that they print small (see `docs/Simplification.md`).
///
/// One bottom-up pass over the graph. At every sum, product and power the
/// node's *expansion* is formed from its operands' expansions — products are
/// distributed over sums, like terms merge (`exp(x)*(2*cos(x) - 2*sin(x)) -
/// 2*cos(x)*exp(x) → -4*exp(x)*sin(x)`), while integer powers of sums, calls
/// and other atoms stay whole — and the expansion, re-collected by pulling
/// out common factors (``Collector``), competes with the node rebuilt from
/// its normalised operands: the one that prints fewer operations wins. Half
/// integer powers are written with `sqrt` (`u^(3/2) → sqrt(u)^3`), which has
/// the same value everywhere and prints one operation fewer.
///
/// Every rewrite keeps values for all real inputs (distribution and
/// collection are ring identities; the caveats are those of the constructors,
/// such as `x - x → 0`). The pass is bounded: an expansion that would exceed
/// ``termLimit`` terms, or whose exact coefficients would overflow, is not
/// formed — the node then counts as one atom for the nodes above it — so the
/// cost is O(n · termLimit²) at worst for n distinct nodes and in practice
/// close to linear. A normaliser remembers every node it has seen, so
/// normalising many related expressions (the entries of a Hessian) with one
/// instance shares the work.
struct Normalizer {
    /// The most terms an expansion may have.
    var termLimit = 1000 {
        didSet { collector.termLimit = termLimit }
    }

    /// Expansions of the sums, products, constants and integer powers whose
    /// expansion stayed within bounds.
    private var expansions: [Int: TermSum] = [:]
    /// For nodes with an expansion: the node rebuilt from its operands'
    /// forms without collecting (the "as built" candidate).
    private var structural: [Int: Expression] = [:]
    /// The normalised form: set for atoms as they are processed, computed on
    /// demand for nodes with an expansion (only those that some atom or the
    /// result needs, so the collector runs once per region, not per node).
    private var chosen: [Int: Expression] = [:]
    private var collector = Collector()

    init() {
        collector.termLimit = termLimit
    }

    /// The normalised form of `expression`: never larger by
    /// ``Expression/operationCount`` than the input.
    mutating func normalize(_ expression: Expression) -> Expression {
        for node in expression.topologicallySortedNodes() where chosen[node.id] == nil && structural[node.id] == nil {
            process(node)
        }
        let result = chosenForm(expression)
        return collector.measure.count(result) <= collector.measure.count(expression) ? result : expression
    }

    /// The normalised form of a processed node: for a node with an
    /// expansion, the smaller of its collected expansion and its structural
    /// form.
    private mutating func chosenForm(_ node: Expression) -> Expression {
        if let known = chosen[node.id] { return known }
        let expansion = expansions[node.id]!, built = structural[node.id]!
        let terms = expansion.terms
        var result = built
        if !(terms.count == 1 && built.isConstantNumber) {
            let candidate = terms.isEmpty ? Expression.zero : collector.collect(terms)
            if collector.measure.count(candidate) < collector.measure.count(built) { result = candidate }
        }
        // Sums are the atoms that common denominators expand.
        if terms.count > 1 { collector.expansions[result] = expansion }
        chosen[node.id] = result
        return result
    }

    /// An operand's form inside a structural rebuild: structural where the
    /// operand has an expansion (it is part of the same region), else its
    /// normalised form.
    private func innerForm(_ node: Expression) -> Expression {
        structural[node.id] ?? chosen[node.id]!
    }

    /// Records the expansion and forms of one node whose operands are done.
    private mutating func process(_ node: Expression) {
        switch node.kind {
        case .constant(let n):
            expansions[node.id] = TermSum(coefficient: n, monomial: .one)
            structural[node.id] = node
        case .variable, .namedConstant:
            chosen[node.id] = node
        case .call(let f, let arguments):
            chosen[node.id] = .call(f, arguments.map { chosenForm($0) })
        case .custom(let f, let arguments):
            chosen[node.id] = f.call(arguments.map { chosenForm($0) })
        case .power(let base, let exponent):
            guard let n = exponent.numberValue?.integerValue, expansions[base.id] != nil else {
                chosen[node.id] = Normalizer.withSquareRoots(.power(chosenForm(base), chosenForm(exponent)))
                return
            }
            let single = expansions[base.id]!.terms
            if single.count == 1, let c = TermSum.power(single[0].coefficient, n),
               let (c2, m) = TermSum.split(.power(single[0].monomial, exponent)),
               let coefficient = TermSum.product(c, c2) {
                expansions[node.id] = TermSum(coefficient: coefficient, monomial: m)
            } else {
                // A power of a sum stays whole: one atom.
                expansions[node.id] = TermSum(term: Normalizer.withSquareRoots(.power(chosenForm(base), exponent)))
            }
            structural[node.id] = Normalizer.withSquareRoots(.power(innerForm(base), exponent))
        case .sum(let terms):
            var total = TermSum()
            var ok = true
            for t in terms where ok {
                ok = total.add(expansions[t.id] ?? TermSum(term: chosen[t.id]!), limit: termLimit)
            }
            record(node, expansion: ok ? total : nil)
        case .product(let factors):
            var total: TermSum? = TermSum(coefficient: .one, monomial: .one)
            for f in factors {
                guard let sofar = total else { break }
                total = sofar.multiplied(by: expansions[f.id] ?? TermSum(term: chosen[f.id]!), limit: termLimit)
            }
            record(node, expansion: total)
        }
    }

    /// A sum or product: with an expansion it joins its operands' region;
    /// without one (too many terms, or overflow) it is an atom rebuilt from
    /// its operands' normalised forms.
    private mutating func record(_ node: Expression, expansion: TermSum?) {
        if let expansion {
            expansions[node.id] = expansion
            structural[node.id] = node.replacingOperands(node.operands.map { innerForm($0) })
        } else {
            chosen[node.id] = node.replacingOperands(node.operands.map { chosenForm($0) })
        }
    }

    /// `u^(p/2) → sqrt(u)^p` for odd p: equal for every real u (both NaN
    /// for u < 0) and one printed operation fewer.
    static func withSquareRoots(_ e: Expression) -> Expression {
        guard case .power(let u, let exponent) = e.kind, case .rational(let r)? = exponent.numberValue,
              r.denominator == 2 else { return e }
        return .power(sqrt(u), .constant(.integer(r.numerator)))
    }
}

extension Expression {
    /// The expression after the cheap normalisation applied to higher
    /// derivatives: products distributed over sums where that lets terms
    /// cancel or merge, common factors pulled out, half-integer powers
    /// written with `sqrt` — whichever prints fewest operations, never more
    /// than the input.
    ///
    ///     let f = try Expression(parsing: "exp(x)*(2*cos(x) - 2*sin(x)) - 2*cos(x)*exp(x) - 2*exp(x)*sin(x)")
    ///     print(f.normalized())
    ///     // Prints "-4*exp(x)*sin(x)"
    ///
    /// Values are kept for every real input (up to rounding). See
    /// `docs/Simplification.md`.
    /// - Complexity: Close to linear in the distinct nodes; every expansion
    ///   is capped at a fixed number of terms.
    public func normalized() -> Expression {
        var normalizer = Normalizer()
        return normalizer.normalize(self)
    }
}
