import Foundation

/// How a formula model's prediction is compared with its label in `fit`
/// (the network trainer has its own ``Loss``, with softmax cross-entropy
/// over many outputs); a fit minimises the mean
/// over samples (plus an optional L2 penalty, added once).
///
///     let loss = FitLoss.logistic
///     print(loss.value(prediction: 1000, label: -1))   // Prints "1000.0" (no overflow)
///
/// | loss            | labels          | per-sample loss L(f, t)                         |
/// |-----------------|-----------------|-------------------------------------------------|
/// | `squared`       | any number      | (f − t)²                                        |
/// | `logistic`      | 0/1 or −1/+1    | softplus(−s·f), s = ±1 (f is a score)           |
/// | `cross-entropy` | in [0, 1]       | −t·log f − (1 − t)·log(1 − f) (f a probability) |
/// | `hinge`         | 0/1 or −1/+1    | max(0, 1 − s·f)                                 |
///
/// softplus(u) = log(1 + eᵘ) is evaluated as max(u, 0) + log1p(e^−|u|), so
/// scores of ±1000 neither overflow nor lose the gradient. When a
/// cross-entropy model ends in `sigmoid(z)`, the loss is formed from z as
/// softplus(z) − t·z, which equals the definition and stays finite and
/// accurate where f rounds to 0 or 1.
public enum FitLoss: String, CaseIterable, Sendable, Hashable, Codable, CustomStringConvertible {
    /// Mean squared error; least squares (the default for numeric targets).
    case squared
    /// Logistic loss of a score: binary classification with a linear or
    /// nonlinear score f; P(label = 1) = sigmoid(f).
    case logistic
    /// Binary cross-entropy of a probability f ∈ (0, 1).
    case crossEntropy = "cross-entropy"
    /// Hinge loss of a score (support vector machines).
    case hinge

    /// The name used on the command line.
    public var description: String { rawValue }

    /// Whether labels are classes (0/1 or ±1) rather than numbers.
    public var isClassification: Bool { self == .logistic || self == .hinge }

    /// The loss of one sample as an expression in the model's outputs and
    /// the label variables (already converted by ``labels(from:source:)``).
    ///
    ///     let f = Expression.variable("f"), t = Expression.variable("t")
    ///     print(FitLoss.squared.sampleLoss(predictions: [f], labels: [t]))   // Prints "(f - t)^2"
    public func sampleLoss(predictions: [Expression], labels: [Expression]) -> Expression {
        let f = predictions[0], t = labels[0]
        switch self {
        case .squared:
            return (f - t) ** 2
        case .logistic:
            return softplus(-(t * f))
        case .crossEntropy:
            if case .call(.sigmoid, let arguments) = f.kind {
                let z = arguments[0]
                return softplus(z) - t * z
            }
            return -(t * log(f)) - (1 - t) * log1p(-f)
        case .hinge:
            return max(0, 1 - t * f)
        }
    }

    /// The loss of one prediction (labels as given to ``sampleLoss(predictions:labels:)``).
    public func value(prediction f: Double, label t: Double) -> Double {
        switch self {
        case .squared: return (f - t) * (f - t)
        case .logistic: return Function.stableSoftplus(-t * f)
        case .crossEntropy: return -(t * Foundation.log(f)) - (1 - t) * Foundation.log1p(-f)
        case .hinge: return Swift.max(0, 1 - t * f)
        }
    }

    /// Checks a label column and converts it to the form the loss uses:
    /// classification labels 0/1 become −1/+1.
    ///
    /// - Parameters:
    ///   - values: The labels, in row order.
    ///   - source: Names the column in messages.
    /// - Throws: ``FitError/invalidLabel(loss:value:row:column:)`` for the
    ///   first label the loss does not accept.
    public func labels(from values: [Double], column: String) throws(FitError) -> [Double] {
        switch self {
        case .squared:
            return values
        case .crossEntropy:
            if let row = values.firstIndex(where: { !($0 >= 0 && $0 <= 1) }) {
                throw .invalidLabel(loss: self, value: values[row], row: row, column: column)
            }
            return values
        case .logistic, .hinge:
            let zeroOne = values.allSatisfy { $0 == 0 || $0 == 1 }
            if zeroOne { return values.map { 2 * $0 - 1 } }
            guard values.allSatisfy({ $0 == -1 || $0 == 1 }) else {
                // The first label that is in neither set (else the first -1
                // among 0/1 labels).
                let row = values.firstIndex(where: { $0 != -1 && $0 != 0 && $0 != 1 })
                    ?? values.firstIndex(where: { $0 == -1 }) ?? 0
                throw .invalidLabel(loss: self, value: values[row], row: row, column: column)
            }
            return values
        }
    }
}
