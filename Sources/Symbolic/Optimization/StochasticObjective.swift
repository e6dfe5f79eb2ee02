/// An objective that is a sum over samples, J(w) = Σᵢ Lᵢ(w), for
/// stochastic and mini-batch optimisation.
///
/// The one closure evaluates a *batch*: given sample indices, it returns
/// Σ_{i∈batch} Lᵢ(w) and writes Σ_{i∈batch} ∇Lᵢ(w). The optimisers divide
/// by the batch size when ``StochasticOptions/reduction`` is `.mean`.
///
///     // Least squares through the origin: Lᵢ(w) = (w·aᵢ − bᵢ)²
///     let a = [1.0, 2, 3], b = [2.0, 4, 6]
///     let j = StochasticObjective(dimension: 1, sampleCount: 3) { batch, w, g in
///         var f = 0.0
///         g[0] = 0
///         for i in batch {
///             let r = w[0] * a[i] - b[i]
///             f += r * r
///             g[0] += 2 * r * a[i]
///         }
///         return f
///     }
public struct StochasticObjective: Sendable {
    /// The number of variables.
    public let dimension: Int
    /// The number of samples (terms of the sum).
    public let sampleCount: Int
    /// Writes Σ_{i∈batch} ∇Lᵢ(w) into the gradient buffer and returns
    /// Σ_{i∈batch} Lᵢ(w). Arguments: the batch's sample indices, w, ∇.
    public let batchValueAndGradient: @Sendable (
        UnsafeBufferPointer<Int>, UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>
    ) -> Double

    /// Creates a stochastic objective from its batch closure.
    ///
    /// - Precondition: `dimension >= 1` and `sampleCount >= 1`.
    public init(
        dimension: Int, sampleCount: Int,
        batchValueAndGradient: @escaping @Sendable (
            UnsafeBufferPointer<Int>, UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>
        ) -> Double
    ) {
        precondition(dimension >= 1, "an objective needs at least one variable")
        precondition(sampleCount >= 1, "a stochastic objective needs at least one sample")
        self.dimension = dimension
        self.sampleCount = sampleCount
        self.batchValueAndGradient = batchValueAndGradient
    }

    /// The full objective, (1/m)·Σᵢ Lᵢ for `.mean` or Σᵢ Lᵢ for `.sum`, as
    /// an ordinary ``Objective`` (every call runs over all samples).
    public func fullObjective(reduction: BatchReduction = .mean) -> Objective {
        let m = sampleCount, n = dimension
        let scale = reduction == .mean ? 1 / Double(m) : 1
        let batch = batchValueAndGradient
        return Objective(dimension: n) { w, g in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: m) { all in
                for i in 0..<m { all[i] = i }
                let f = batch(UnsafeBufferPointer(all), w, g)
                for k in 0..<n { g[k] *= scale }
                return f * scale
            }
        }
    }
}

/// How a batch's per-sample losses and gradients are combined.
public enum BatchReduction: String, Sendable, Hashable, CaseIterable {
    /// The mean over the batch (PyTorch's default), so that the learning
    /// rate does not depend on the batch size.
    case mean
    /// The plain sum over the batch.
    case sum
}

/// Settings of mini-batch runs, in addition to ``OptimizationOptions``.
public struct StochasticOptions: Sendable, Hashable {
    /// Samples per update; the last batch of an epoch may be smaller.
    /// Default 32; use the sample count for full-batch descent and 1 for
    /// classic SGD.
    public var batchSize: Int = 32
    /// Passes over the data. Default 100.
    public var epochs: Int = 100
    /// Seed of the generator that shuffles the sample order each epoch:
    /// the same seed gives the same run, bit for bit. Default 0.
    public var seed: UInt64 = 0
    /// Whether to shuffle each epoch (otherwise samples are visited in
    /// order). Default `true`.
    public var shuffles: Bool = true
    /// Mean or sum over each batch. Default `.mean`.
    public var reduction: BatchReduction = .mean

    /// Creates the default settings.
    public init() {}
}

/// SplitMix64 (Steele, Lea & Flood 2014): a tiny, fast generator whose
/// output depends only on the seed, so shuffles are reproducible across
/// platforms and Swift versions (unlike `SystemRandomNumberGenerator` or the
/// standard library's unspecified shuffle algorithm).
struct ShuffleGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in 0..<bound, without modulo bias.
    mutating func next(below bound: Int) -> Int {
        let b = UInt64(bound)
        let threshold = (0 &- b) % b
        while true {
            let r = next()
            if r >= threshold { return Int(r % b) }
        }
    }

    /// Fisher–Yates shuffle in place.
    mutating func shuffle(_ values: UnsafeMutableBufferPointer<Int>) {
        var i = values.count - 1
        while i > 0 {
            let j = next(below: i + 1)
            values.swapAt(i, j)
            i -= 1
        }
    }
}
