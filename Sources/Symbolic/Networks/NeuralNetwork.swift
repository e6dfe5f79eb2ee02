/// A feed-forward network of dense layers — the course notes' models: a
/// multilayer perceptron, and with no hidden layer the linear, logistic,
/// SVM and polynomial-feature models.
///
/// One forward definition serves the loss, prediction and metrics: it maps
/// a batch of input rows (symbolic or numeric) to one row of outputs per
/// sample. Outputs are raw scores (logits); the ``Loss`` adds the softmax or
/// sigmoid, and ``Predictor`` applies it for probabilities.
///
///     let net = NeuralNetwork(inputs: 2, hidden: [3], outputs: 2, activation: .tanh)
///     print(net.parameters.variableNames.count)   // Prints "17"
///     let logits = net.outputs(for: [.variable("x1"), .variable("x2")])   // two expressions
public struct NeuralNetwork: Sendable, Hashable {
    /// Raw inputs per sample (before the feature map).
    public let inputCount: Int
    /// How raw inputs become the first layer's inputs.
    public let features: FeatureMap
    /// The layers, first hidden layer first, output layer last.
    public let layers: [DenseLayer]
    /// Every layer's tensors, in layer order (W1, b1, W2, b2, …).
    public let parameters: ParameterSet

    /// A multilayer perceptron with hidden layers of the given widths.
    ///
    ///     let mlp = NeuralNetwork(inputs: 2, hidden: [8, 8], outputs: 3, activation: .relu)
    ///     let logistic = NeuralNetwork(inputs: 3, outputs: 1, bias: false)   // no hidden layer
    ///
    /// - Parameters:
    ///   - inputs: Raw inputs per sample.
    ///   - hidden: Units per hidden layer (empty: a linear model).
    ///   - outputs: Units of the output layer.
    ///   - activation: The hidden layers' activation.
    ///   - outputActivation: The output layer's (default identity: logits).
    ///   - features: A map applied to the raw inputs first.
    ///   - bias: Whether layers add biases.
    /// - Precondition: All sizes are positive.
    public init(inputs: Int, hidden: [Int] = [], outputs: Int, activation: Activation = .tanh,
                outputActivation: Activation = .identity, features: FeatureMap = .identity, bias: Bool = true) {
        self.init(inputs: inputs, layers: hidden.map { ($0, activation) } + [(outputs, outputActivation)],
                  features: features, bias: bias)
    }

    /// A network from layer widths and activations, output layer last.
    ///
    ///     let net = NeuralNetwork(inputs: 1, layers: [(10, .tanh), (1, .identity)])
    ///
    /// - Precondition: At least one layer; all sizes positive.
    public init(inputs: Int, layers widths: [(units: Int, activation: Activation)], features: FeatureMap = .identity,
                bias: Bool = true) {
        precondition(inputs > 0, "a network needs at least one input")
        precondition(!widths.isEmpty, "a network needs at least one layer")
        self.inputCount = inputs
        self.features = features
        var layers: [DenseLayer] = []
        var fanIn = features.outputCount(inputs: inputs)
        for (k, w) in widths.enumerated() {
            layers.append(DenseLayer(index: k + 1, inputs: fanIn, units: w.units, activation: w.activation, bias: bias))
            fanIn = w.units
        }
        self.layers = layers
        parameters = ParameterSet(layers.flatMap(\.parameters))
    }

    /// Outputs per sample.
    public var outputCount: Int { layers.last!.unitCount }

    /// The hidden layers' widths.
    public var hiddenWidths: [Int] { layers.dropLast().map(\.unitCount) }

    /// The outputs for a batch of input rows (samples × ``inputCount``).
    ///
    ///     let z = net.outputs(for: ExpressionMatrix(row: [.variable("x1"), .variable("x2")]))
    ///
    /// - Parameter dropoutMasks: With dropout, one matrix per hidden layer
    ///   (samples × units) that multiplies the layer's activations
    ///   (``Dropout`` supplies masks already scaled by 1/(1 − p)).
    public func outputs(for inputs: ExpressionMatrix, dropoutMasks: [ExpressionMatrix] = []) -> ExpressionMatrix {
        precondition(inputs.columns == inputCount, "the network takes \(inputCount) inputs per sample, got \(inputs.columns)")
        precondition(dropoutMasks.isEmpty || dropoutMasks.count == layers.count - 1,
                     "dropout needs one mask per hidden layer (\(layers.count - 1)), got \(dropoutMasks.count)")
        var a = features.apply(inputs)
        for (k, layer) in layers.enumerated() {
            a = layer(a)
            if k < dropoutMasks.count { a = a.hadamard(dropoutMasks[k]) }
        }
        return a
    }

    /// The outputs of one sample.
    ///
    ///     let z = net.outputs(for: [.variable("x1"), .variable("x2")])
    public func outputs(for inputs: [Expression], dropoutMasks: [[Expression]] = []) -> [Expression] {
        outputs(for: ExpressionMatrix(row: inputs), dropoutMasks: dropoutMasks.map { ExpressionMatrix(row: $0) }).entries
    }

    /// Starting values for the parameters, drawn by `initializer` from a
    /// generator seeded with `seed` (biases start at zero).
    ///
    ///     let start = net.initialParameters(.glorot, seed: 7)
    public func initialParameters(_ initializer: Initializer = .normal, seed: UInt64 = 0) -> [Double] {
        var random = SeededRandomGenerator(seed: seed)
        return initialParameters(initializer, using: &random)
    }

    /// Starting values drawn from `random`, tensor by tensor in flat order.
    public func initialParameters(_ initializer: Initializer, using random: inout SeededRandomGenerator) -> [Double] {
        var values: [Double] = []
        values.reserveCapacity(parameters.count)
        for layer in layers {
            values += initializer.weights(fanIn: layer.inputCount, fanOut: layer.unitCount, using: &random)
            if layer.hasBias { values += [Double](repeating: 0, count: layer.unitCount) }
        }
        return values
    }
}
