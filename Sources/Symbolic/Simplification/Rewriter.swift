/// A named rewrite rule: returns a replacement for an expression, or `nil`
/// when the rule does not apply. Rules see expressions whose operands are
/// already simplified.
public struct Rewriter: Sendable {
    /// A short name for listings and debugging.
    public let name: String
    /// What the rule does and, when it only holds on part of the real line,
    /// that domain.
    public let summary: String
    let rewrite: @Sendable (Expression) -> Expression?

    /// Creates a rule.
    public init(name: String, summary: String, rewrite: @escaping @Sendable (Expression) -> Expression?) {
        self.name = name
        self.summary = summary
        self.rewrite = rewrite
    }

    /// Applies the rule once at the top of `expression`.
    public func callAsFunction(_ expression: Expression) -> Expression? { rewrite(expression) }
}

/// A named group of rules applied together.
public struct RuleGroup: Sendable {
    /// The group's name.
    public let name: String
    /// The rules, tried in order.
    public let rules: [Rewriter]

    /// Creates a group.
    public init(name: String, rules: [Rewriter]) {
        self.name = name
        self.rules = rules
    }
}

/// Applies rule groups bottom-up over the expression graph to a fixed point.
///
/// Each distinct node is rebuilt once from its simplified operands (through
/// the canonicalising constructors) and then rewritten until no rule applies;
/// a rewrite's result is simplified again in turn. Every rule in the default
/// groups makes the expression strictly smaller or strictly more canonical, so
/// the process terminates; a safety bound on rewrites per node guards against
/// a user-supplied rule that ping-pongs.
public struct Simplifier: Sendable {
    /// The groups applied, in order.
    public let groups: [RuleGroup]
    /// The most rewrites tried at one node before giving up on it.
    public var maximumRewritesPerNode = 64

    /// A simplifier with the given groups (default: ``RuleGroup/standard``).
    public init(groups: [RuleGroup] = RuleGroup.standard) {
        self.groups = groups
    }

    /// Simplifies `expression`.
    /// - Complexity: O(n log n) in the distinct nodes, times the rule work per node.
    public func simplify(_ expression: Expression) -> Expression {
        var memo: [Int: Expression] = [:]
        var result = expression
        // An outer fixpoint makes the result idempotent even when a rewrite
        // creates a node that enables a rule below it.
        for _ in 0..<8 {
            let next = pass(result, memo: &memo)
            if next == result { break }
            result = next
        }
        return result
    }

    private func pass(_ root: Expression, memo: inout [Int: Expression]) -> Expression {
        for node in root.topologicallySortedNodes() where memo[node.id] == nil {
            let operands = node.operands
            var rebuilt = node
            if !operands.isEmpty {
                let simplifiedOperands = operands.map { memo[$0.id] ?? $0 }
                if simplifiedOperands != operands { rebuilt = node.replacingOperands(simplifiedOperands) }
            }
            memo[node.id] = rewriteToFixpoint(rebuilt)
        }
        return memo[root.id]!
    }

    private func rewriteToFixpoint(_ expression: Expression) -> Expression {
        var current = expression
        var rewrites = 0
        var changed = true
        while changed && rewrites < maximumRewritesPerNode {
            changed = false
            for group in groups {
                for rule in group.rules {
                    if let next = rule(current), next != current {
                        current = next
                        changed = true
                        rewrites += 1
                    }
                }
            }
        }
        return current
    }
}

extension Expression {
    /// The same node kind with new operands, rebuilt canonically.
    func replacingOperands(_ operands: [Expression]) -> Expression {
        switch kind {
        case .constant, .namedConstant, .variable: return self
        case .sum: return .sum(operands)
        case .product: return .product(operands)
        case .power: return .power(operands[0], operands[1])
        case .call(let f, _): return .call(f, operands)
        case .custom(let f, _): return f.call(operands)
        }
    }

    /// The expression simplified with the standard rule groups
    /// (``RuleGroup/standard``) on top of the canonical form, then made as
    /// small as the algebra allows: the normalised, cancelled, factored and
    /// expanded forms compete, and the one that prints fewest operations
    /// (``operationCount``) wins — never one larger than the input.
    ///
    ///     print(try Expression(parsing: "log(exp(x)) + exp(a)*exp(b)").simplified())
    ///     // Prints "x + exp(a + b)"
    ///     print(try Expression(parsing: "x*(x + 1) - x^2").simplified())
    ///     // Prints "x"
    ///
    /// The result has the same value as the original wherever the original
    /// is defined, except where a rule documents a domain (for example
    /// `exp(log(x)) → x` assumes x > 0); see `docs/Simplification.md`.
    /// Simplifying twice gives the same result as simplifying once.
    /// - Complexity: A bounded number of rounds (at most 4), each bounded
    ///   by the algebra's term and search limits.
    public func simplified() -> Expression {
        let simplifier = Simplifier()
        var current = simplifier.simplify(self)
        var size = current.operationCount
        if size > operationCount { (current, size) = (self, operationCount) }
        // Each round must shrink the size strictly, so this ends early.
        for _ in 0..<4 {
            var best: (Expression, Int)?
            for candidate in [current.normalized(), current.cancelled(), current.factored(), current.expanded()] {
                let c = simplifier.simplify(candidate)
                let n = c.operationCount
                if n < (best?.1 ?? size) { best = (c, n) }
            }
            guard let (e, n) = best else { break }
            (current, size) = (e, n)
        }
        return current
    }
}
