/// A fully connected layer: `a = f(x·W + b)` for a batch `x` with one
/// sample per row, as in the course notes (`W` is inputs × units).
///
/// Layer `l` (counted from 1) owns the weight matrix `W{l}` with entries
/// `W{l}_{i}_{j}` (input i, unit j) and the bias vector `b{l}` with entries
/// `b{l}_{j}`.
///
///     let layer = DenseLayer(index: 1, inputs: 2, units: 3, activation: .tanh)
///     let x = ExpressionMatrix(row: [.variable("x1"), .variable("x2")])
///     let a = layer(x)   // 1×3: tanh(x1·W1_1_j + x2·W1_2_j + b1_j)
public struct DenseLayer: Sendable, Hashable {
    /// The layer's number, from 1 at the first hidden layer.
    public let index: Int
    /// Inputs per sample.
    public let inputCount: Int
    /// Units (outputs per sample).
    public let unitCount: Int
    /// The elementwise function applied to x·W + b.
    public let activation: Activation
    /// Whether the layer adds a bias.
    public let hasBias: Bool

    /// A layer with `inputs` inputs and `units` units.
    ///
    ///     let output = DenseLayer(index: 2, inputs: 3, units: 2, activation: .identity)
    ///
    /// - Precondition: `index`, `inputs` and `units` are positive.
    public init(index: Int, inputs: Int, units: Int, activation: Activation, bias: Bool = true) {
        precondition(index > 0 && inputs > 0 && units > 0, "a layer needs a positive index, inputs and units")
        self.index = index
        self.inputCount = inputs
        self.unitCount = units
        self.activation = activation
        self.hasBias = bias
    }

    /// `W{l}`, inputs × units.
    public var weights: ParameterTensor { ParameterTensor("W\(index)", rows: inputCount, columns: unitCount, role: .weight) }

    /// `b{l}` of length units, or `nil` without a bias.
    public var bias: ParameterTensor? { hasBias ? ParameterTensor("b\(index)", count: unitCount, role: .bias) : nil }

    /// The layer's tensors: weights, then bias.
    public var parameters: [ParameterTensor] { [weights] + (bias.map { [$0] } ?? []) }

    /// x·W + b for a batch of samples (one per row).
    ///
    ///     let z = layer.preActivation(x)
    public func preActivation(_ x: ExpressionMatrix) -> ExpressionMatrix {
        precondition(x.columns == inputCount, "layer \(index) takes \(inputCount) inputs per sample, got \(x.columns)")
        // One n-ary sum per entry, bias included (not a sum of sums).
        let w = weights.matrix.entries, b = bias?.matrix.entries
        var entries: [Expression] = []
        entries.reserveCapacity(x.rows * unitCount)
        var terms: [Expression] = []
        for i in 0..<x.rows {
            for j in 0..<unitCount {
                terms.removeAll(keepingCapacity: true)
                for k in 0..<inputCount { terms.append(x[i, k] * w[k * unitCount + j]) }
                if let b { terms.append(b[j]) }
                entries.append(Expression.sum(terms))
            }
        }
        return ExpressionMatrix(rows: x.rows, columns: unitCount, entries: entries)
    }

    /// f(x·W + b) for a batch of samples (one per row).
    ///
    ///     let a = layer(x)
    public func callAsFunction(_ x: ExpressionMatrix) -> ExpressionMatrix { activation.apply(preActivation(x)) }
}
