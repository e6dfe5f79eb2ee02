import Testing
@testable import Symbolic

// Fixtures for the Compilation* suites. The names carry a `Compilation`
// prefix so that they never clash with the shared test support.

/// The shared seeded generator (SplitMix64, in TestSupport.swift).
typealias CompilationRandom = SeededGenerator

/// Random expressions over named inputs that exercise every lowering path:
/// n-ary sums with subtracted terms, products with `-1` coefficients and
/// reciprocal factors, every exponent class the compiler special-cases, run-
/// time exponents, every function, and reuse of earlier subexpressions (so
/// graphs are shared, not trees). Domains are NOT protected: NaN and ±inf
/// results are part of what compiled code must reproduce.
struct CompilationExpressionGenerator {
    var random: CompilationRandom
    let leaves: [Symbolic.Expression]
    private var pool: [Symbolic.Expression] = []

    init(seed: UInt64, inputs: [String]) {
        random = CompilationRandom(seed: seed)
        leaves = inputs.map(Symbolic.Expression.variable)
    }

    mutating func expression(depth: Int) -> Symbolic.Expression {
        let e = build(depth: depth)
        pool.append(e)
        return e
    }

    private mutating func build(depth: Int) -> Symbolic.Expression {
        if depth == 0 { return leaf() }
        if !pool.isEmpty && Int.random(in: 0..<6, using: &random) == 0 {
            return pool.randomElement(using: &random)!   // sharing across outputs and within
        }
        let a = expression(depth: depth - 1)
        switch Int.random(in: 0..<27, using: &random) {
        case 0, 1: return .sum([a, expression(depth: depth - 1), expression(depth: depth - 1)])
        case 2: return a - expression(depth: depth - 1)
        case 3: return -a - expression(depth: depth - 1) - expression(depth: depth - 1)
        case 4, 5: return a * expression(depth: depth - 1)
        case 6: return -a * expression(depth: depth - 1)
        case 7: return a / expression(depth: depth - 1)
        case 8:
            let exponents: [Symbolic.Expression] = [2, 3, -1, -2, 4, -3, 0.5, 1.5, .constant(.rational(Rational(1, 3)!)), .pi]
            return a ** exponents.randomElement(using: &random)!
        case 9: return a ** expression(depth: depth - 1)
        case 10: return .call([.sin, .cos, .tan, .asin, .acos, .atan].randomElement(using: &random)!, [a])
        case 11:
            return .call([.sinh, .cosh, .tanh, .exp, .log, .log1p, .expm1].randomElement(using: &random)!, [a])
        case 12: return .call([.sqrt, .abs, .sign, .step, .sigmoid, .relu, .softplus].randomElement(using: &random)!, [a])
        case 13: return .call([.atan2, .max, .min, .hypot].randomElement(using: &random)!, [a, expression(depth: depth - 1)])
        case 14: return 3 * a + 2 * a * a - 7
        case 15: return .sum((0..<Int.random(in: 3...40, using: &random)).map { _ in expression(depth: 0) * expression(depth: 0) })
        case 16: return a * a * a + 1 / a
        case 17: return Symbolic.Expression(Double.random(in: -2...2, using: &random)) * a
        case 18:
            let rest = (0..<Int.random(in: 1...3, using: &random)).map { _ in expression(depth: depth - 1) }
            return .call([.max, .min, .logsumexp].randomElement(using: &random)!, [a] + rest)
        case 19: return select(a, from: [expression(depth: depth - 1), expression(depth: depth - 1), leaf()])
        case 20: return .call([.delta, .leakyRelu].randomElement(using: &random)!, [a, expression(depth: depth - 1)])
        case 21: return leakyRelu(a)
        case 22:
            let functions: [Function] = [.log10, .log2, .asinh, .acosh, .atanh, .cbrt, .erf, .erfc, .floor, .ceil]
            return .call(functions.randomElement(using: &random)!, [a])
        default: return a + expression(depth: depth - 1)
        }
    }

    private mutating func leaf() -> Symbolic.Expression {
        switch Int.random(in: 0..<6, using: &random) {
        case 0: return .constant(.integer(Int.random(in: -3...3, using: &random)))
        case 1: return .pi
        default: return leaves.randomElement(using: &random)!
        }
    }

    /// A point: mostly in [-2, 2], sometimes exactly 0 or ±1.
    mutating func values(_ count: Int) -> [Double] {
        (0..<count).map { _ in
            switch Int.random(in: 0..<10, using: &random) {
            case 0: return 0
            case 1: return [1, -1].randomElement(using: &random)!
            default: return Double.random(in: -2...2, using: &random)
            }
        }
    }
}

/// Whether two results are the same number: equal (so 0 == -0), or both NaN.
func compilationSame(_ a: Double, _ b: Double) -> Bool { a == b || (a.isNaN && b.isNaN) }

/// Whether two results are identical bit for bit (NaN payloads aside).
func compilationIdentical(_ a: Double, _ b: Double) -> Bool {
    a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN)
}

/// The tree evaluator's values, NaN when it throws (it never should here).
func compilationTreeValues(_ outputs: [Symbolic.Expression], _ names: [String], _ values: [Double]) -> [Double] {
    let point = Dictionary(uniqueKeysWithValues: zip(names, values))
    return outputs.map { (try? $0.evaluate(at: point)) ?? .nan }
}
