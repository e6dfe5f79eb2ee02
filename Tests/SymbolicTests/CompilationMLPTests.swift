import Foundation
import Testing
@testable import Symbolic

/// The benchmark's MLP(3) workload (bench/peers/workloads.py): a 2-3-2 tanh
/// network with softmax cross-entropy and L2 on the 200-point moons data,
/// compiled as one per-sample program and summed over the samples.
@Suite struct CompilationMLPTests {
    typealias Expr = Symbolic.Expression
    let hidden = 3

    /// The data and initial weights the peers exported (`Benchmarks/Data`).
    func load() throws -> (samples: [[Double]], labels: [Int], weights: [Double]) {
        let data = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Benchmarks/Data")
        let moons = try String(contentsOf: data.appendingPathComponent("moons.txt"), encoding: .utf8)
        var samples: [[Double]] = [], labels: [Int] = []
        for line in moons.split(separator: "\n") {
            let f = line.split(separator: " ")
            let label = Int(f[2])!
            samples.append([Double(f[0])!, Double(f[1])!, label == 0 ? 1 : 0, label == 1 ? 1 : 0])
            labels.append(label)
        }
        let init3 = try String(contentsOf: data.appendingPathComponent("mlp_init_H3.txt"), encoding: .utf8)
        return (samples, labels, init3.split(separator: "\n").map { Double($0)! })
    }

    /// −log p_y of one sample; the sample (x0, x1, one-hot t0, t1) is data.
    func sampleLoss(_ p: [Expr]) -> Expr {
        let h = hidden
        let (x0, x1, t0, t1) = (Expr.variable("x0"), Expr.variable("x1"), Expr.variable("t0"), Expr.variable("t1"))
        let a = (0..<h).map { j in tanh(x0 * p[j] + x1 * p[h + j] + p[2 * h + j]) }
        let z = (0..<2).map { k in Expr.sum((0..<h).map { j in a[j] * p[3 * h + 2 * j + k] } + [p[5 * h + k]]) }
        let e = z.map { exp($0) }
        let numerator: Expr = t0 * e[0] + t1 * e[1]
        return -log(numerator / (e[0] + e[1]))
    }

    @Test func batchedLossAndGradientMatchThePeersReference() throws {
        let (samples, labels, weights) = try load()
        let names = (0..<(5 * hidden + 2)).map { "p\($0)" }
        let p = names.map(Expr.variable)
        let loss = sampleLoss(p)
        let w = Array(p[0..<(2 * hidden)]) + Array(p[(3 * hidden)..<(5 * hidden)])
        let l2 = Expr(0.005) * Expr.sum(w.map { $0 ** 2 })     // reg/2 · Σ W², reg = 0.01

        let perSample = try loss.compileGradient(variables: names, parameters: ["x0", "x1", "t0", "t1"])
        let batch = perSample.function.batched(over: .parameters)
        let regularizer = try l2.compileGradient(variables: names)
        let sums = try batch.sum(points: samples, shared: weights)
        let r = regularizer(weights)
        let n = Double(samples.count)
        let value = (sums[0] + r.value) / n
        let gradient = (0..<names.count).map { (sums[$0 + 1] + r.gradient[$0]) / n }

        // The peers' value at the initial weights (bench/peers RESULTS.md,
        // Swift hand-written and numpy agree), and |∇| from the same run.
        #expect(Swift.abs(value - 0.5839404777234478) <= 4e-16)
        let norm = gradient.reduce(0) { $0 + $1 * $1 }.squareRoot()
        #expect(Swift.abs(norm - 0.3229065496593683) <= 1e-15)

        // The classic hand-written backprop, entry by entry.
        let expected = handGradient(samples, labels, weights)
        let scale = expected.map(Swift.abs).max()!
        for k in gradient.indices { #expect(Swift.abs(gradient[k] - expected[k]) <= 1e-14 * scale, "entry \(k)") }

        // Two threads and other chunkings: identical sums.
        #expect(try batch.sum(points: samples, shared: weights, threads: 2) == sums)
        let chunked = perSample.function.batched(over: .parameters, chunkSize: 7)
        let perPoint = try chunked.evaluate(points: samples, shared: weights)
        for (i, s) in samples.enumerated() {
            #expect(perPoint[i] == perSample.function(weights, parameters: s), "sample \(i)")
        }
    }

    /// ∂(mean loss)/∂p by the classic backprop (`mlp_value_and_grad_hand`).
    func handGradient(_ samples: [[Double]], _ labels: [Int], _ p: [Double]) -> [Double] {
        let h = hidden
        var g = [Double](repeating: 0, count: p.count)
        for (s, y) in zip(samples, labels) {
            let a = (0..<h).map { j in Foundation.tanh(s[0] * p[j] + s[1] * p[h + j] + p[2 * h + j]) }
            var z = [p[5 * h], p[5 * h + 1]]
            for j in 0..<h { z[0] += a[j] * p[3 * h + 2 * j]; z[1] += a[j] * p[3 * h + 2 * j + 1] }
            let e = z.map { Foundation.exp($0) }
            var d = [e[0] / (e[0] + e[1]), e[1] / (e[0] + e[1])]
            d[y] -= 1
            g[5 * h] += d[0]
            g[5 * h + 1] += d[1]
            for j in 0..<h {
                g[3 * h + 2 * j] += a[j] * d[0]
                g[3 * h + 2 * j + 1] += a[j] * d[1]
                let dz = (d[0] * p[3 * h + 2 * j] + d[1] * p[3 * h + 2 * j + 1]) * (1 - a[j] * a[j])
                g[j] += s[0] * dz
                g[h + j] += s[1] * dz
                g[2 * h + j] += dz
            }
        }
        for j in 0..<(2 * h) { g[j] += 0.01 * p[j] }
        for j in (3 * h)..<(5 * h) { g[j] += 0.01 * p[j] }
        return g.map { $0 / Double(samples.count) }
    }
}
