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

/// The MLP(H) workload: a 2-H-2 tanh network, softmax cross-entropy and L2
/// on the 200-point moons data, as the per-sample program of the lead's
/// notes: the sample's inputs and one-hot target are parameters, the 5H+2
/// weights the variables.
struct MLPWorkload {
    let hidden: Int
    /// The data: x0, x1, label.
    let samples: [(Double, Double, Int)]
    /// The initial weights (flat packing W1, b1, W2, b2).
    let start: [Double]
    static let regularization = 0.01

    init(hidden: Int) {
        self.hidden = hidden
        let data = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Data")
        let moons = try! String(contentsOf: data.appendingPathComponent("moons.txt"), encoding: .utf8)
        samples = moons.split(separator: "\n").map { line in
            let f = line.split(separator: " ")
            return (Double(f[0])!, Double(f[1])!, Int(f[2])!)
        }
        let weights = try! String(contentsOf: data.appendingPathComponent("mlp_init_H\(hidden).txt"), encoding: .utf8)
        start = weights.split(separator: "\n").map { Double($0)! }
        precondition(start.count == 5 * hidden + 2)
    }

    var variables: [String] { (0..<(5 * hidden + 2)).map { "p\($0)" } }
    static let parameters = ["x0", "x1", "t0", "t1"]

    /// −log p_y of one sample.
    func sampleLoss() -> Expression {
        let h = hidden
        let p = variables.map(Expression.variable)
        let (x0, x1) = (Expression.variable("x0"), Expression.variable("x1"))
        let (t0, t1) = (Expression.variable("t0"), Expression.variable("t1"))
        let a = (0..<h).map { j in tanh(x0 * p[j] + x1 * p[h + j] + p[2 * h + j]) }
        let z = (0..<2).map { k in Expression.sum((0..<h).map { j in a[j] * p[3 * h + 2 * j + k] } + [p[5 * h + k]]) }
        let e = z.map { exp($0) }
        return -log((t0 * e[0] + t1 * e[1]) / (e[0] + e[1]))
    }

    /// reg/2 · Σ W² (W1 and W2 only).
    func regularizer() -> Expression {
        let p = variables.map(Expression.variable)
        let w = Array(p[0..<(2 * hidden)]) + Array(p[(3 * hidden)..<(5 * hidden)])
        return Expression(MLPWorkload.regularization / 2) * Expression.sum(w.map { $0 ** 2 })
    }

    /// One row per sample: x0, x1, t0, t1.
    var sampleRows: [[Double]] { samples.map { [$0.0, $0.1, $0.2 == 0 ? 1 : 0, $0.2 == 1 ? 1 : 0] } }

    /// Hand-written loss and gradient (the classic backprop), for checking.
    func handValueAndGradient(_ p: [Double]) -> (Double, [Double]) {
        let h = hidden, n = Double(samples.count), reg = MLPWorkload.regularization
        var g = [Double](repeating: 0, count: p.count)
        var loss = 0.0
        var a = [Double](repeating: 0, count: h)
        for (x0, x1, y) in samples {
            for j in 0..<h { a[j] = Foundation.tanh(x0 * p[j] + x1 * p[h + j] + p[2 * h + j]) }
            var z = [p[5 * h], p[5 * h + 1]]
            for j in 0..<h { z[0] += a[j] * p[3 * h + 2 * j]; z[1] += a[j] * p[3 * h + 2 * j + 1] }
            let e = z.map { Foundation.exp($0) }
            let s = e[0] + e[1]
            var d = [e[0] / s, e[1] / s]
            loss -= Foundation.log(d[y])
            d[y] -= 1
            g[5 * h] += d[0]; g[5 * h + 1] += d[1]
            for j in 0..<h {
                g[3 * h + 2 * j] += a[j] * d[0]; g[3 * h + 2 * j + 1] += a[j] * d[1]
                let dz = (d[0] * p[3 * h + 2 * j] + d[1] * p[3 * h + 2 * j + 1]) * (1 - a[j] * a[j])
                g[j] += x0 * dz; g[h + j] += x1 * dz; g[2 * h + j] += dz
            }
        }
        var wsq = 0.0
        for j in 0..<(2 * h) { wsq += p[j] * p[j]; g[j] += reg * p[j] }
        for j in (3 * h)..<(5 * h) { wsq += p[j] * p[j]; g[j] += reg * p[j] }
        return ((loss + reg / 2 * wsq) / n, g.map { $0 / n })
    }
}
