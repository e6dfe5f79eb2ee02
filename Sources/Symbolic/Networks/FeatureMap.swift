/// A fixed transformation of a sample's raw inputs before the first layer.
///
///     let cubic = FeatureMap.polynomial(degree: 3)   // x → (x, x², x³)
///     let net = NeuralNetwork(inputs: 1, outputs: 1, features: cubic)   // polynomial regression
public enum FeatureMap: Sendable, Hashable {
    /// The raw inputs.
    case identity
    /// Each input's powers 1 through `degree`, input by input:
    /// (x₁, x₁², …, x₁ᵈ, x₂, …). No cross terms.
    case polynomial(degree: Int)

    /// Features per sample for `inputs` raw inputs.
    ///
    ///     FeatureMap.polynomial(degree: 3).outputCount(inputs: 2)   // 6
    public func outputCount(inputs: Int) -> Int {
        switch self {
        case .identity: return inputs
        case .polynomial(let degree): return inputs * Swift.max(degree, 1)
        }
    }

    /// The features of each row of `inputs`.
    ///
    ///     let f = FeatureMap.polynomial(degree: 2).apply(ExpressionMatrix(row: [.variable("x")]))   // [[x, x^2]]
    public func apply(_ inputs: ExpressionMatrix) -> ExpressionMatrix {
        switch self {
        case .identity:
            return inputs
        case .polynomial(let degree):
            let d = Swift.max(degree, 1)
            var entries: [Expression] = []
            entries.reserveCapacity(inputs.rows * inputs.columns * d)
            for i in 0..<inputs.rows {
                for k in 0..<inputs.columns {
                    let x = inputs[i, k]
                    for p in 1...d { entries.append(p == 1 ? x : x ** Expression(p)) }
                }
            }
            return ExpressionMatrix(rows: inputs.rows, columns: inputs.columns * d, entries: entries)
        }
    }
}

/// How a layer's starting weights are drawn (biases start at zero).
///
///     let start = NeuralNetwork(inputs: 2, hidden: [8], outputs: 2).initialParameters(.he, seed: 1)
public enum Initializer: String, Sendable, Hashable, CaseIterable {
    /// All zeros (fine for linear and logistic models; a network with
    /// hidden layers cannot break the symmetry between its units).
    case zeros
    /// Normal with standard deviation 1/√fan-in, the course notes'
    /// `np.random.randn(n_in, n_out) / np.sqrt(n_in)`.
    case normal
    /// Glorot (Xavier) uniform on ±√(6/(fan-in + fan-out)), Keras's default.
    case glorot
    /// He normal with standard deviation √(2/fan-in), for ReLU layers.
    case he

    /// `fanIn × fanOut` weights, row by row.
    ///
    ///     var random = SeededRandomGenerator(seed: 0)
    ///     let w = Initializer.glorot.weights(fanIn: 2, fanOut: 3, using: &random)   // 6 values
    public func weights(fanIn: Int, fanOut: Int, using random: inout SeededRandomGenerator) -> [Double] {
        let n = fanIn * fanOut
        switch self {
        case .zeros:
            return [Double](repeating: 0, count: n)
        case .normal:
            let scale = 1 / Double(fanIn).squareRoot()
            return (0..<n).map { _ in random.nextNormal() * scale }
        case .glorot:
            let limit = (6 / Double(fanIn + fanOut)).squareRoot()
            return (0..<n).map { _ in random.nextUniform(in: -limit...limit) }
        case .he:
            let scale = (2 / Double(fanIn)).squareRoot()
            return (0..<n).map { _ in random.nextNormal() * scale }
        }
    }
}
