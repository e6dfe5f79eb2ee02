/// Settings of a training run. Every property has a documented default, so
/// `TrainingOptions()` is a good start (Adam, learning rate 0.01, mini-batches
/// of 32, 200 epochs).
///
///     var options = TrainingOptions()
///     options.method = .gd
///     options.optimizer.learningRate = 2
///     options.batchSize = nil          // full batch
///     options.l2 = 5e-5
///     options.epochs = 20_000
public struct TrainingOptions: Sendable, Hashable {
    /// The optimiser. First-order methods (gd, momentum, nesterov, adagrad,
    /// rmsprop, adam) run on mini-batches or the full batch; newton, bfgs
    /// and lbfgs run on the full batch (one iteration per epoch). Default adam.
    public var method: OptimizationMethod = .adam
    /// The optimiser's settings: `learningRate` (default 0.01 here, for every
    /// first-order method), `schedule` (counted in updates), `clipping`,
    /// `momentum`, `rmspropDecay`, `beta1`, `beta2`, `epsilon` and
    /// `weightDecay` apply to first-order methods; `gd` never backtracks in
    /// training (the classic fixed step). The stopping tolerances apply to
    /// newton, bfgs and lbfgs only.
    public var optimizer = OptimizationOptions()
    /// Passes over the training data. Default 200.
    public var epochs: Int = 200
    /// Samples per update: `nil` for the full batch (one update per epoch),
    /// 1 for classic SGD. Default 32. The last batch of an epoch may be smaller.
    public var batchSize: Int? = 32
    /// Whether mini-batches are drawn in a new shuffled order every epoch.
    /// Default `true`.
    public var shuffles: Bool = true
    /// The seed of every random choice: the validation split, shuffling and
    /// dropout masks. The same seed gives the same run, bit for bit. Default 0.
    public var seed: UInt64 = 0
    /// Mean or sum of the per-sample losses. Default `.mean` (the course
    /// notes' "step 0.01 on the summed loss" is `.sum` with rate 0.01, or
    /// `.mean` with rate 0.01·N).
    public var reduction: BatchReduction = .mean
    /// λ of the L2 penalty (λ/2)·Σ w² over the weights (not the biases),
    /// added to the objective after the reduction. Default 0.
    public var l2: Double = 0
    /// The probability p of dropping a hidden unit's activation during
    /// training (inverted dropout: kept units are scaled by 1/(1 − p)); masks
    /// are drawn anew for every update and dropout is off for evaluation and
    /// prediction. Default 0.
    public var dropout: Double = 0
    /// The fraction of samples held out (a seeded random choice) to measure
    /// the validation loss after every epoch. Default 0.
    public var validationFraction: Double = 0
    /// Early stopping: stop after this many epochs without a lower validation
    /// loss (the training loss when there is no validation set). `nil` (the
    /// default) trains every epoch.
    public var patience: Int? = nil
    /// Whether a run stopped early returns the parameters of its best epoch
    /// rather than its last. Default `true`.
    public var restoresBest: Bool = true
    /// Threads that evaluate chunks of samples in parallel (results do not
    /// depend on it). Default 1.
    public var threads: Int = 1
    /// Whether the result keeps the loss after every epoch. Default `true`.
    public var recordsHistory: Bool = true

    /// The default settings.
    public init() {}

    /// The learning rate of first-order methods.
    var learningRate: Double { optimizer.learningRate ?? 0.01 }

    /// The first problem with these settings, or `nil`.
    func validate() -> TrainingError? {
        func bad(_ option: String, _ reason: String) -> TrainingError { .invalidOption(option: option, reason: reason) }
        if epochs < 0 { return bad("epochs", "must be non-negative") }
        if let batchSize, batchSize < 1 { return bad("batchSize", "must be at least 1") }
        if !(l2 >= 0 && l2.isFinite) { return bad("l2", "must be finite and non-negative") }
        if !(dropout >= 0 && dropout < 1) { return bad("dropout", "must be in [0, 1)") }
        if !(validationFraction >= 0 && validationFraction < 1) { return bad("validationFraction", "must be in [0, 1)") }
        if let patience, patience < 1 { return bad("patience", "must be at least 1") }
        if threads < 1 { return bad("threads", "must be at least 1") }
        if !method.isFirstOrder {
            if batchSize != nil { return bad("batchSize", "\(method.rawValue) runs on the full batch; leave the batch size unset") }
            if dropout > 0 { return bad("dropout", "\(method.rawValue) needs a deterministic objective; use a first-order method") }
        }
        if let error = optimizer.validate() { return bad(error.optionName, error.reasonText) }
        return nil
    }
}

extension OptimizationError {
    var optionName: String {
        if case .invalidOption(let option, _) = self { return option }
        return "optimizer"
    }
    var reasonText: String {
        if case .invalidOption(_, let reason) = self { return reason }
        return description
    }
}

/// A problem with a training run's setup.
public enum TrainingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// An option is out of range.
    case invalidOption(option: String, reason: String)
    /// The data is unusable (no samples, ragged rows, a bad label, …).
    case invalidData(String)
    /// The starting point has the wrong length or a non-finite value.
    case invalidStart(String)
    /// The expression compiler refused the loss (not expected).
    case compilation(CompilationError)

    /// A fragment that reads well after "error: ".
    public var description: String {
        switch self {
        case .invalidOption(let option, let reason): return "invalid option \(option): \(reason)"
        case .invalidData(let reason): return reason
        case .invalidStart(let reason): return reason
        case .compilation(let error): return "cannot compile the loss: \(error)"
        }
    }
}
