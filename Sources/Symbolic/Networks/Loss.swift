/// The loss of one sample, from the network's outputs (raw scores) and the
/// sample's target. The objective a trainer minimises is the mean (or sum)
/// over samples, plus any penalty.
///
///     let z = NeuralNetwork(inputs: 2, hidden: [3], outputs: 2).outputs(for: [.variable("x1"), .variable("x2")])
///     let l = Loss.crossEntropy.sampleLoss(outputs: z, target: .variable("label"))
public enum Loss: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// The mean over outputs of (zₖ − yₖ)²; one output and a numeric
    /// target for regression.
    case meanSquaredError = "mse"
    /// Softmax cross-entropy from the logits with an integer label
    /// y ∈ {0, …, C−1} for C outputs: logsumexp(z) − select(y, z), whose
    /// gradient is softmax(z) − onehot(y); stable at logits of ±1000.
    case crossEntropy = "cross-entropy"
    /// Binary cross-entropy of one logit with a label y ∈ {0, 1} (logistic
    /// regression): −log σ(z) for y = 1, −log(1 − σ(z)) for y = 0, written
    /// as softplus(z) − y·z so it never overflows.
    case logistic = "logistic"
    /// The hinge loss max(0, 1 − s·z) of a linear SVM, with s = +1 for
    /// label 1 and s = −1 for label 0 (or −1).
    case hinge = "hinge"

    /// The command-line name (`mse`, `cross-entropy`, `logistic`, `hinge`).
    public var description: String { rawValue }

    /// Whether targets are class labels (integers) rather than values.
    public var isClassification: Bool { self != .meanSquaredError }

    /// The number of classes a network with `outputs` outputs predicts
    /// under this loss (1 output: 2 classes for logistic and hinge), or
    /// `nil` for regression.
    public func classCount(outputs: Int) -> Int? {
        switch self {
        case .meanSquaredError: return nil
        case .crossEntropy: return outputs
        case .logistic, .hinge: return 2
        }
    }

    /// The loss of one sample with outputs `z` and target `target`.
    ///
    ///     Loss.logistic.sampleLoss(outputs: [.variable("z")], target: .variable("y"))   // softplus(z) - y*z
    ///
    /// - Precondition: One output for `.logistic` and `.hinge`.
    public func sampleLoss(outputs z: [Expression], target y: Expression) -> Expression {
        switch self {
        case .meanSquaredError:
            let squares = z.map { ($0 - y) ** 2 }
            return z.count == 1 ? squares[0] : Expression.sum(squares) / Expression(z.count)
        case .crossEntropy:
            return softmaxCrossEntropy(logits: z, label: y)
        case .logistic:
            precondition(z.count == 1, "the logistic loss takes one output")
            return softplus(z[0]) - y * z[0]
        case .hinge:
            precondition(z.count == 1, "the hinge loss takes one output")
            // s = 2y − 1 maps {0, 1} to {−1, 1}; a label of −1 gives s = −3,
            // so −1 labels use sign(y) instead: s = 2·step(y) − 1.
            let s = 2 * step(y) - 1
            return relu(1 - s * z[0])
        }
    }

    /// The predicted class for outputs `z`: the largest logit, or for one
    /// output whether z > 0. Ties go to the lower class.
    ///
    ///     Loss.crossEntropy.predictedClass(outputs: [0.2, 1.5, -1])   // 1
    public func predictedClass(outputs z: [Double]) -> Int {
        if z.count == 1 { return z[0] > 0 ? 1 : 0 }
        var best = 0
        for k in 1..<z.count where z[k] > z[best] { best = k }
        return best
    }
}
