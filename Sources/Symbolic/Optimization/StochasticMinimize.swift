/// Minimises a sum over samples with mini-batches of a first-order method.
///
/// Each epoch visits every sample once, in an order shuffled by a
/// generator seeded with ``StochasticOptions/seed``, in batches of
/// ``StochasticOptions/batchSize``; each batch gives one update of `method`
/// with the batch's mean (or summed) gradient, clipped and with the
/// scheduled learning rate (the schedule counts updates). `gd` is plain SGD
/// with a fixed step (default η = 0.01; no line search on noisy batches).
///
/// After each epoch the full objective (mean or sum over all samples, as
/// the reduction says) and its gradient are evaluated once: they make the
/// value history, feed the observer (iteration = epoch) and the stopping
/// tests of `options` (gradient, value and step tolerances, the lower
/// bound, non-finite values). ``OptimizationOptions/maxIterations`` caps the
/// epochs when smaller than ``StochasticOptions/epochs``.
///
/// - Returns: A result whose `iterations` counts epochs and whose
///   `valueEvaluations` counts batch evaluations (full passes included).
/// - Throws: ``OptimizationError`` for a bad start, invalid options, a
///   batch size below 1, or a method that is not first-order.
public func minimize(
    _ objective: StochasticObjective,
    from start: [Double],
    method: OptimizationMethod,
    options: OptimizationOptions = OptimizationOptions(),
    stochastic: StochasticOptions = StochasticOptions(),
    observer: ((OptimizationProgress) -> ObserverDecision)? = nil
) throws(OptimizationError) -> OptimizationResult {
    guard method.isFirstOrder else { throw .unsupportedStochasticMethod(method) }
    guard start.count == objective.dimension else {
        throw .dimensionMismatch(expected: objective.dimension, actual: start.count)
    }
    if let index = start.firstIndex(where: { !$0.isFinite }) { throw .nonFiniteStart(index: index) }
    if let error = options.validate() { throw error }
    guard stochastic.batchSize >= 1 else { throw .invalidOption(option: "batchSize", reason: "must be at least 1") }
    guard stochastic.epochs >= 0 else { throw .invalidOption(option: "epochs", reason: "must be non-negative") }

    var epochOptions = options
    epochOptions.maxIterations = Swift.min(options.maxIterations ?? Int.max, stochastic.epochs)
    let run = OptimizationRun(objective: objective.fullObjective(reduction: stochastic.reduction), start: start,
                              method: method, options: epochOptions, observer: observer)
    return run.runStochastic(objective, stochastic)
}

extension OptimizationRun {
    func runStochastic(_ objective: StochasticObjective, _ settings: StochasticOptions) -> OptimizationResult {
        if let reason = begin() { return result(reason) }
        let n = dimension, m = objective.sampleCount
        var rule = FirstOrderRule(method: method, options: options, dimension: n, scratch: scratch)
        let order = scratch.integers(m)
        for i in 0..<m { order[i] = i }
        let batchGradient = scratch.vector(n)
        let previousX = scratch.vector(n)
        var epochGradient = scratch.vector(n)
        var generator = ShuffleGenerator(seed: settings.seed)
        let baseRate = options.learningRate ?? (method == .gd ? 0.01 : method.defaultLearningRate ?? 0.01)
        let batchSize = Swift.min(settings.batchSize, m)
        var update = 0
        while true {
            if settings.shuffles { generator.shuffle(order) }
            OptimizationVectors.copy(UnsafeBufferPointer(x), into: previousX)
            var start = 0
            while start < m {
                let end = Swift.min(start + batchSize, m)
                let batch = UnsafeBufferPointer(rebasing: UnsafeBufferPointer(order)[start..<end])
                valueEvaluations += 1
                gradientEvaluations += 1
                _ = objective.batchValueAndGradient(batch, UnsafeBufferPointer(x), batchGradient)
                if settings.reduction == .mean { OptimizationVectors.scale(batchGradient, by: 1 / Double(end - start)) }
                options.clipping.apply(to: batchGradient)
                rule.apply(to: x, gradient: UnsafeBufferPointer(batchGradient),
                           rate: options.schedule.rate(base: baseRate, step: update))
                update += 1
                start = end
            }
            let previousValue = f
            let value = evaluate(x, gradient: epochGradient)
            if value.isNaN || value == .infinity
                || (value > options.valueLowerBound && !OptimizationVectors.allFinite(UnsafeBufferPointer(epochGradient))) {
                // Report the last finite epoch, not the point that overflowed.
                OptimizationVectors.copy(UnsafeBufferPointer(previousX), into: x)
                return result(.nonFiniteValue)
            }
            f = value
            swap(&g, &epochGradient)
            let stepNorm = OptimizationVectors.distance(UnsafeBufferPointer(x), UnsafeBufferPointer(previousX))
            if let reason = finishIteration(previousValue: previousValue, stepNorm: stepNorm) {
                return result(reason)
            }
        }
    }
}
