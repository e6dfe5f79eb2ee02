/// The state of one training run: parameters, buffers, histories, the
/// early-stopping bookkeeping and the stopping tests shared by every method.
///
/// Buffers are allocated once per run; an epoch of full-batch training
/// allocates nothing (without an observer).
final class TrainingRun {
    let trainer: Trainer
    let options: TrainingOptions
    let observer: ((TrainingProgress) -> ObserverDecision)?
    let scratch = OptimizationScratch()
    let dimension: Int
    /// The parameters, and the gradient of the last step evaluation.
    let x: UnsafeMutableBufferPointer<Double>
    let g: UnsafeMutableBufferPointer<Double>
    /// The step program's sums: [Σ loss, Σ ∇loss…].
    let sums: UnsafeMutableBufferPointer<Double>
    var stepWorkspace: BatchedFunction.Workspace
    var evaluationWorkspace: BatchedFunction.Workspace
    /// The training and validation objectives at `x`.
    var loss = Double.nan
    var validationLoss: Double?
    var history: [Double] = []
    var validationHistory: [Double] = []
    var epoch = 0
    var updates = 0
    var lastRate: Double?
    /// Early stopping: the best monitored loss, its epoch and parameters.
    var best = Double.infinity
    var bestEpoch = 0
    var bestLoss = Double.nan
    var bestValidationLoss: Double?
    let bestX: UnsafeMutableBufferPointer<Double>
    var divergenceLimit = Double.infinity
    /// Dropout masks are drawn from this generator.
    var dropoutRandom: SeededRandomGenerator
    var shuffleRandom: SeededRandomGenerator

    init(_ trainer: Trainer, start: [Double], observer: ((TrainingProgress) -> ObserverDecision)?) {
        self.trainer = trainer
        options = trainer.options
        self.observer = observer
        dimension = start.count
        x = scratch.vector(dimension)
        for i in 0..<dimension { x[i] = start[i] }
        g = scratch.vector(dimension)
        sums = scratch.vector(dimension + 1)
        bestX = scratch.vector(dimension)
        stepWorkspace = trainer.step.makeWorkspace()
        evaluationWorkspace = trainer.evaluation.makeWorkspace()
        // Independent streams for shuffling and dropout, derived from the seed
        // (the validation split used the seed itself).
        var root = SeededRandomGenerator(seed: options.seed ^ 0x5EED_7A1B_0000_0001)
        shuffleRandom = SeededRandomGenerator(seed: root.next())
        dropoutRandom = SeededRandomGenerator(seed: root.next())
        if options.recordsHistory {
            history.reserveCapacity(Swift.min(options.epochs, 1_000_000) + 1)
            if trainer.data.validation != nil { validationHistory.reserveCapacity(Swift.min(options.epochs, 1_000_000) + 1) }
        }
    }

    // MARK: Evaluations

    /// Σ loss and Σ ∇loss of the step program over `count` samples laid
    /// out in `columns` (data names, then masks), into `sums`.
    @inline(__always)
    func stepSums(_ columns: UnsafeBufferPointer<Double>, count: Int) {
        trainer.step.sum(columns: columns, pointCount: count, shared: UnsafeBufferPointer(x), into: sums,
                         workspace: &stepWorkspace, threads: options.threads)
    }

    /// Turns `sums` over `count` samples into the objective's value and
    /// gradient `g` (reduction, then the L2 penalty on weights).
    @inline(__always)
    func objectiveFromSums(count: Int) -> Double {
        let scale = trainer.reductionScale(count), lambda = options.l2
        let isWeight = trainer.isWeight
        var penalty = 0.0
        for k in 0..<dimension {
            var gk = sums[k + 1] * scale
            if lambda > 0 && isWeight[k] {
                gk += lambda * x[k]
                penalty += x[k] * x[k]
            }
            g[k] = gk
        }
        return sums[0] * scale + lambda / 2 * penalty
    }

    /// The objective (no dropout) over `samples` at `x`.
    func evaluate(_ samples: SampleColumns) -> Double {
        var total = 0.0
        samples.values.withUnsafeBufferPointer { c in
            withUnsafeMutablePointer(to: &total) { t in
                trainer.evaluation.sum(columns: c, pointCount: samples.count, shared: UnsafeBufferPointer(x),
                                       into: UnsafeMutableBufferPointer(start: t, count: 1),
                                       workspace: &evaluationWorkspace, threads: options.threads)
            }
        }
        return total * trainer.reductionScale(samples.count) + trainer.penalty(UnsafeBufferPointer(x))
    }

    /// Fills the mask columns (`maskColumns` columns of `count` samples)
    /// with 0 or 1/(1 − p), column by column, sample by sample.
    func drawMasks(_ masks: UnsafeMutableBufferPointer<Double>) {
        let p = options.dropout, kept = 1 / (1 - p)
        for i in masks.indices { masks[i] = dropoutRandom.nextUniform() < p ? 0 : kept }
    }

    // MARK: Epoch bookkeeping

    /// Records the state after `epoch` (the loss at `x` already in `loss`),
    /// measures the validation loss, calls the observer and applies the
    /// stopping tests. Returns the reason to stop, if any.
    func finishEpoch() -> TrainingStopReason? {
        if let validation = trainer.data.validation { validationLoss = evaluate(validation) }
        if options.recordsHistory {
            history.append(loss)
            if let validationLoss { validationHistory.append(validationLoss) }
        }
        if epoch == 0 { divergenceLimit = 1e10 * Swift.max(1, Swift.abs(loss)) }
        let monitored = validationLoss ?? loss
        if monitored < best {
            best = monitored
            bestEpoch = epoch
            bestLoss = loss
            bestValidationLoss = validationLoss
            if options.patience != nil { OptimizationVectors.copy(UnsafeBufferPointer(x), into: bestX) }
        }
        var decision = ObserverDecision.proceed
        if let observer {
            decision = observer(TrainingProgress(epoch: epoch, epochs: options.epochs, parameters: Array(x),
                                                 trainingLoss: loss, validationLoss: validationLoss,
                                                 learningRate: lastRate))
        }
        if loss > divergenceLimit { return .diverged }
        if decision == .stop { return .observerStopped }
        if let patience = options.patience, epoch - bestEpoch >= patience { return .earlyStopping }
        if epoch >= options.epochs { return .maxEpochs }
        return nil
    }

    /// Whether `value` and the gradient are unusable.
    func isNonFinite(_ value: Double) -> Bool {
        !value.isFinite || !OptimizationVectors.allFinite(UnsafeBufferPointer(g))
    }

    /// The result, restoring the best epoch's parameters when early
    /// stopping asks for it.
    func result(_ reason: TrainingStopReason) -> TrainingResult {
        var returnedEpoch = epoch
        if options.patience != nil && options.restoresBest && bestEpoch != epoch && best.isFinite {
            OptimizationVectors.copy(UnsafeBufferPointer(bestX), into: x)
            loss = bestLoss
            validationLoss = bestValidationLoss
            returnedEpoch = bestEpoch
        }
        return TrainingResult(parameters: Array(x), loss: loss, validationLoss: validationLoss, lossHistory: history,
                              validationLossHistory: validationHistory, epochs: epoch, bestEpoch: returnedEpoch,
                              updates: updates, stopReason: reason)
    }
}
