import Foundation

/// An error raised while evaluating an expression.
public enum EvaluationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The expression uses a variable that was given no value.
    case unboundVariable(String)

    public var description: String {
        switch self {
        case .unboundVariable(let name):
            return "no value given for variable '\(name)'"
        }
    }
}

extension Expression {
    /// Evaluates the expression at a point.
    ///
    ///     let f = try Expression(parsing: "x^2*y + y + 2")
    ///     print(try f.evaluate(at: ["x": 3, "y": 4]))
    ///     // Prints "42.0"
    ///
    /// Arithmetic follows IEEE 754: `1/0` is `inf`, `log(-1)` and `0/0` are
    /// NaN, and so on (see `docs/Functions.md`). Each distinct subexpression is
    /// evaluated once, so heavily shared expressions evaluate in time linear in
    /// their distinct nodes.
    ///
    /// - Parameter point: A value for every variable of the expression.
    /// - Throws: ``EvaluationError/unboundVariable(_:)`` naming the first
    ///   variable without a value.
    /// - Complexity: O(n) in the number of distinct nodes.
    public func evaluate(at point: [String: Double]) throws(EvaluationError) -> Double {
        let (nodes, slot) = topologicalOrder()
        var values = [Double](repeating: 0, count: nodes.count)
        for (i, e) in nodes.enumerated() {
            values[i] = try e.evaluateNode(point) { values[slot[$0.id]!] }
        }
        return values[nodes.count - 1]
    }

    /// Evaluates one node given its operands' values.
    @inline(__always)
    func evaluateNode(_ point: [String: Double], _ value: (Expression) -> Double) throws(EvaluationError) -> Double {
        switch kind {
        case .constant(let n): return n.doubleValue
        case .namedConstant(let c): return c.value
        case .variable(let name):
            guard let v = point[name] else { throw .unboundVariable(name) }
            return v
        case .sum(let terms):
            // From the first term, not from 0.0: (-0) + (-0) is -0, as the
            // compiled programs compute it (0.0 + (-0) would be +0).
            var s = value(terms[0])
            for t in terms.dropFirst() { s += value(t) }
            return s
        case .product(let factors):
            var p = 1.0
            for f in factors { p *= value(f) }
            return p
        case .power(let b, let e):
            return Expression.evaluatePower(value(b), value(e))
        case .call(let f, let args):
            if f.isVariadic { return f.evaluate(args.map(value)) }
            if args.count == 2 { return f.evaluate(value(args[0]), value(args[1])) }
            return f.evaluate(value(args[0]))
        case .custom(let f, let args):
            return f.evaluate(args.map(value))
        }
    }

    /// `b^e` with exact small integer exponents done by multiplication, so that
    /// `x^2` evaluates to exactly `x*x`; otherwise C `pow`. The compiled
    /// programs call this same function, so both evaluators agree bit for bit.
    @inline(__always)
    static func evaluatePower(_ b: Double, _ e: Double) -> Double {
        switch e {
        case 1: return b
        case 2: return b * b
        case 3: return b * b * b
        case -1: return 1 / b
        case -2: return 1 / (b * b)
        case 0.5: return b.squareRoot()
        default: return Foundation.pow(b, e)
        }
    }
}
