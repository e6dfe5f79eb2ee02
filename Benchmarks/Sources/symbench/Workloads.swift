import Foundation
import Symbolic

/// Foundation also has an `Expression` type.
typealias Expression = Symbolic.Expression

/// The peers' workloads (`bench/peers/workloads.py`), built the same way.
enum Workloads {
    /// Extended Rosenbrock R(n) = Σ 100 (x_{i+1} − x_i²)² + (1 − x_i)².
    static func rosenbrock(_ n: Int) -> (function: Expression, variables: [String]) {
        let names = (0..<n).map { "x\($0)" }
        let xs = names.map(Expression.variable)
        var terms: [Expression] = []
        terms.reserveCapacity(n - 1)
        for i in 0..<(n - 1) {
            let a = xs[i + 1] - xs[i] ** 2
            let b = 1 - xs[i]
            terms.append(100 * a ** 2 + b ** 2)
        }
        return (Expression.sum(terms), names)
    }

    /// The starting point (−1.2, 1, −1.2, 1, …).
    static func rosenbrockStart(_ n: Int) -> [Double] { (0..<n).map { $0 % 2 == 0 ? -1.2 : 1 } }

    /// Hand-written value and gradient, for checking.
    static func rosenbrockValueAndGradient(_ x: [Double]) -> (Double, [Double]) {
        var f = 0.0
        var g = [Double](repeating: 0, count: x.count)
        for i in 0..<(x.count - 1) {
            let a = x[i + 1] - x[i] * x[i], b = 1 - x[i]
            f += 100 * a * a + b * b
            g[i] += -400 * x[i] * a - 2 * b
            g[i + 1] += 200 * a
        }
        return (f, g)
    }
}
