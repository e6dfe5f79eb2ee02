import Foundation

/// Why a training run stopped. The raw value is a stable snake_case name
/// (`"reason"` in `sym fit --format json`).
public enum TrainingStopReason: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// Every epoch ran.
    case maxEpochs = "max_epochs"
    /// The monitored loss did not improve for ``TrainingOptions/patience`` epochs.
    case earlyStopping = "early_stopping"
    /// The observer asked to stop.
    case observerStopped = "observer_stopped"
    /// The loss or its gradient became NaN or infinite; the result holds
    /// the last finite parameters.
    case nonFiniteValue = "non_finite_value"
    /// The loss grew above 10¹⁰ times its start (learning rate too large?).
    case diverged = "diverged"
    /// Full-batch Newton, BFGS or L-BFGS met a tolerance of ``TrainingOptions/optimizer``.
    case converged = "converged"
    /// Full-batch Newton, BFGS or L-BFGS found no acceptable step.
    case lineSearchFailed = "line_search_failed"

    /// The snake_case name.
    public var description: String { rawValue }

    /// A sentence for people.
    public var explanation: String {
        switch self {
        case .maxEpochs: return "all epochs done"
        case .earlyStopping: return "no improvement for the patience's epochs (early stopping)"
        case .observerStopped: return "stopped by observer"
        case .nonFiniteValue: return "loss or gradient is not finite"
        case .diverged: return "loss grew without bound (learning rate too large?)"
        case .converged: return "converged"
        case .lineSearchFailed: return "line search found no acceptable step"
        }
    }
}

/// What a training observer sees after every epoch (and once at the start,
/// epoch 0).
///
///     let result = try trainer.train { progress in
///         if progress.epoch % 100 == 0 { print(progress) }
///         return .proceed
///     }
public struct TrainingProgress: Sendable, Hashable, CustomStringConvertible {
    /// Epochs completed (0 before the first).
    public var epoch: Int
    /// The total number of epochs of the run.
    public var epochs: Int
    /// The parameters now, flat (see ``ParameterSet/unflatten(_:)``).
    public var parameters: [Double]
    /// The training objective (mean or summed loss plus the L2 penalty) at
    /// these parameters, without dropout.
    public var trainingLoss: Double
    /// The same objective on the validation samples, if there are any.
    public var validationLoss: Double?
    /// The learning rate of the last update (first-order methods).
    public var learningRate: Double?

    /// "epoch 120/500: loss 0.0123457, validation 0.0234568".
    public var description: String {
        var text = "epoch \(epoch)/\(epochs): loss \(String(format: "%.6g", trainingLoss))"
        if let validationLoss { text += ", validation \(String(format: "%.6g", validationLoss))" }
        return text
    }
}

/// The outcome of a training run.
public struct TrainingResult: Sendable, Hashable {
    /// The trained parameters, flat (the best epoch's when early stopping
    /// restored them).
    public var parameters: [Double]
    /// The training objective at ``parameters`` (penalty included).
    public var loss: Double
    /// The validation objective at ``parameters``, if there is a validation set.
    public var validationLoss: Double?
    /// The training objective at the start and after every epoch (empty
    /// when ``TrainingOptions/recordsHistory`` is off).
    public var lossHistory: [Double]
    /// The validation objective at the start and after every epoch.
    public var validationLossHistory: [Double]
    /// Epochs completed.
    public var epochs: Int
    /// The epoch whose parameters are returned.
    public var bestEpoch: Int
    /// Parameter updates made (batches over all epochs).
    public var updates: Int
    /// Why the run stopped.
    public var stopReason: TrainingStopReason
}

