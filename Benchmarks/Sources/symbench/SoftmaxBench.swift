import Foundation
import Symbolic

/// `--softmax [C] [D] [N]`: softmax regression (a linear C-class classifier
/// on D features) with the per-sample cross-entropy written with the
/// library's primitives, `logsumexp(z) - select(y, z)` for z = x·W + b:
/// the time to build, differentiate and compile the per-sample loss, and
/// the per-call time of the summed value and gradient over N samples
/// (seeded data; `Benchmarks/peers/softmax.py` is JAX's side).
func benchmarkSoftmax(classes: Int, features: Int, samples: Int) {
    var generator = SplitMix(seed: 7)
    let weights = (0..<features).map { i in (0..<classes).map { j in "W_\(i)_\(j)" } }
    let biases = (0..<classes).map { "b_\($0)" }
    let inputs = (0..<features).map { "x\($0)" }
    let variables = weights.flatMap { $0 } + biases
    let t0 = now()
    let logits = (0..<classes).map { j in
        Expression.sum((0..<features).map { i in Expression.variable(inputs[i]) * .variable(weights[i][j]) })
            + .variable(biases[j])
    }
    let loss = softmaxCrossEntropy(logits: logits, label: .variable("y"))
    let gradient = loss.gradient(withRespectTo: variables)
    let batch = try! CompiledFunction([loss] + gradient, variables: variables, parameters: inputs + ["y"])
        .batched(over: .parameters)
    let build = now() - t0

    let points = (0..<samples).map { _ in
        (0..<features).map { _ in generator.normal() } + [Double(Int(generator.next() % UInt64(classes)))]
    }
    let start = variables.map { _ in 0.1 * generator.normal() }
    let columns = try! batch.columns(points)
    var workspace = batch.makeWorkspace()
    var sums = [Double](repeating: 0, count: batch.outputCount)
    let (best, median, calls) = timeCall {
        columns.withUnsafeBufferPointer { c in start.withUnsafeBufferPointer { s in sums.withUnsafeMutableBufferPointer { o in
            batch.sum(columns: c, pointCount: samples, shared: s, into: o, workspace: &workspace)
        } } }
    }
    sink += sums[0]
    print("softmax C=\(classes) D=\(features) N=\(samples): build+grad+compile \(Reporter.format(build)), "
          + "value+gradient best \(Reporter.format(best)) median \(Reporter.format(median)) (\(calls) calls); "
          + "mean loss \(sums[0] / Double(samples))")
}

/// SplitMix64 with Box–Muller normals, for reproducible benchmark data.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func uniform() -> Double { Double(next() >> 11) * 0x1p-53 }
    mutating func normal() -> Double {
        let u = Swift.max(uniform(), 0x1p-60), v = uniform()
        return (-2 * Foundation.log(u)).squareRoot() * Foundation.cos(2 * Double.pi * v)
    }
}
