extension TrainingRun {
    /// First-order training: every epoch visits the training samples once,
    /// in mini-batches (shuffled when ``TrainingOptions/shuffles``) or as one
    /// full batch in data order; each batch gives one update of the method
    /// with the batch's reduced gradient plus λ·w, clipped, at the scheduled
    /// learning rate.
    ///
    /// Full batch without dropout is the fused fast path: the evaluation
    /// that gives the loss after an epoch also gives the gradient of the next
    /// update, so an epoch is one pass of the compiled program.
    func runFirstOrder() -> TrainingResult {
        let training = trainer.data.training
        let m = training.count, n = dimension
        let batchSize = Swift.min(options.batchSize ?? m, m)
        let fullBatch = batchSize == m
        let dataWidth = training.width, maskWidth = trainer.maskNames.count
        let width = dataWidth + maskWidth
        var rule = FirstOrderRule(method: options.method, options: options.optimizer, dimension: n, scratch: scratch)
        let previousX = scratch.vector(n)
        let baseRate = options.learningRate
        let fused = fullBatch && maskWidth == 0
        // Batch columns: data names, then dropout masks (regenerated per update).
        let buffer = scratch.vector(fused ? 0 : width * batchSize)
        if fullBatch && maskWidth > 0 {
            for k in 0..<(dataWidth * m) { buffer[k] = training.values[k] }
        }
        var order = scratch.integers(m)
        for i in 0..<m { order[i] = i }

        /// One update with the gradient in `g`.
        func update() {
            let rate = options.optimizer.schedule.rate(base: baseRate, step: updates)
            options.optimizer.clipping.apply(to: g)
            rule.apply(to: x, gradient: UnsafeBufferPointer(g), rate: rate)
            lastRate = rate
            updates += 1
        }
        /// Loss and gradient at `x` over the whole training set, in data order.
        func fullStep() -> Double {
            training.values.withUnsafeBufferPointer { stepSums($0, count: m) }
            return objectiveFromSums(count: m)
        }

        loss = fused ? fullStep() : evaluate(training)
        if !loss.isFinite { return result(.nonFiniteValue) }
        if let reason = finishEpoch() { return result(reason) }
        while true {
            OptimizationVectors.copy(UnsafeBufferPointer(x), into: previousX)
            let previousLoss = loss
            if fused {
                update()
                loss = fullStep()
            } else {
                if fullBatch {
                    drawMasks(UnsafeMutableBufferPointer(rebasing: buffer[(dataWidth * m)...]))
                    stepSums(UnsafeBufferPointer(buffer), count: m)
                    _ = objectiveFromSums(count: m)
                    update()
                } else {
                    if options.shuffles { shuffleRandom.shuffle(&order) }
                    var start = 0
                    while start < m {
                        let count = Swift.min(batchSize, m - start)
                        for j in 0..<dataWidth {
                            let source = j * m, target = j * count
                            for k in 0..<count { buffer[target + k] = training.values[source + order[start + k]] }
                        }
                        let columns = UnsafeMutableBufferPointer(rebasing: buffer[0..<(width * count)])
                        if maskWidth > 0 {
                            drawMasks(UnsafeMutableBufferPointer(rebasing: columns[(dataWidth * count)...]))
                        }
                        stepSums(UnsafeBufferPointer(columns), count: count)
                        _ = objectiveFromSums(count: count)
                        update()
                        start += count
                    }
                }
                loss = evaluate(training)
            }
            epoch += 1
            if fused ? isNonFinite(loss) : !loss.isFinite || !OptimizationVectors.allFinite(UnsafeBufferPointer(x)) {
                // Report the last finite epoch, not the point that overflowed.
                OptimizationVectors.copy(UnsafeBufferPointer(previousX), into: x)
                loss = previousLoss
                epoch -= 1
                return result(.nonFiniteValue)
            }
            if let reason = finishEpoch() { return result(reason) }
        }
    }

    /// Newton, BFGS or L-BFGS on the full-batch objective, one iteration per
    /// epoch, through the library's optimisers (their line searches and
    /// stopping tests); validation, the observer and early stopping see
    /// every iteration.
    func runFullBatch() -> TrainingResult {
        let trainer = self.trainer, training = trainer.data.training, m = training.count, n = dimension
        let stepWorkspace = LockedWorkspace(trainer.step.makeWorkspace())
        let threads = options.threads, lambda = options.l2
        let isWeight = trainer.isWeight
        let valueAndGradient: @Sendable (UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> Double = { w, grad in
            withUnsafeTemporaryAllocation(of: Double.self, capacity: n + 1) { s in
                training.values.withUnsafeBufferPointer { c in
                    stepWorkspace.with { trainer.step.sum(columns: c, pointCount: m, shared: w, into: s, workspace: &$0, threads: threads) }
                }
                let scale = trainer.reductionScale(m)
                for k in 0..<n { grad[k] = s[k + 1] * scale + (isWeight[k] ? lambda * w[k] : 0) }
                return s[0] * scale + trainer.penalty(w)
            }
        }
        var hessian: (@Sendable (UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> Void)? = nil
        if let (program, rows, columns) = trainer.hessian {
            let workspace = LockedWorkspace(program.makeWorkspace())
            hessian = { w, h in
                withUnsafeTemporaryAllocation(of: Double.self, capacity: Swift.max(rows.count, 1)) { values in
                    training.values.withUnsafeBufferPointer { c in
                        workspace.with { program.sum(columns: c, pointCount: m, shared: w, into: values, workspace: &$0, threads: threads) }
                    }
                    let scale = trainer.reductionScale(m)
                    for k in 0..<(n * n) { h[k] = 0 }
                    for (k, (i, j)) in zip(rows, columns).enumerated() {
                        h[i * n + j] = values[k] * scale
                        h[j * n + i] = values[k] * scale
                    }
                    for k in 0..<n where isWeight[k] { h[k * n + k] += lambda }
                }
            }
        }
        let objective = Objective(dimension: n, hessian: hessian, valueAndGradient: valueAndGradient)
        var settings = options.optimizer
        settings.maxIterations = options.epochs
        settings.recordsHistory = false
        final class RunReference: @unchecked Sendable { var run: OptimizationRun? }
        let reference = RunReference()
        var stop: TrainingStopReason?
        let run = OptimizationRun(objective: objective, start: Array(x), method: options.method, options: settings) { progress in
            guard let current = reference.run else { return .proceed }
            OptimizationVectors.copy(UnsafeBufferPointer(current.x), into: self.x)
            self.loss = progress.value
            self.epoch = progress.iteration
            self.updates = progress.iteration
            stop = self.finishEpoch()
            return stop == nil || stop == .maxEpochs ? .proceed : .stop
        }
        reference.run = run
        let outcome: OptimizationResult
        switch options.method {
        case .newton:
            var model = NewtonModel(dimension: n, sparse: nil, scratch: run.scratch)
            outcome = run.runDescentLoop(&model)
        case .bfgs:
            var model = BFGSModel(dimension: n, scratch: run.scratch)
            outcome = run.runDescentLoop(&model)
        default:
            var model = LBFGSModel(dimension: n, memory: settings.memory, scratch: run.scratch)
            outcome = run.runDescentLoop(&model)
        }
        for i in 0..<n { x[i] = outcome.point[i] }
        loss = outcome.value
        let reason: TrainingStopReason
        switch outcome.stopReason {
        case .observerStopped: reason = stop ?? .observerStopped
        case .maxIterations, .maxEvaluations: reason = .maxEpochs
        case .gradientTolerance, .stepTolerance, .valueTolerance, .stationaryPoint: reason = .converged
        case .lineSearchFailed: reason = .lineSearchFailed
        case .nonFiniteValue, .unboundedBelow: reason = .nonFiniteValue
        case .diverged: reason = .diverged
        }
        if let validation = trainer.data.validation { validationLoss = evaluate(validation) }
        return result(reason)
    }
}
