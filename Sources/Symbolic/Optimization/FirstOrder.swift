extension OptimizationRun {
    /// The loop of the first-order methods over full gradients.
    ///
    /// Each iteration clips the gradient, takes the scheduled learning rate,
    /// and either backtracks (`gd` with ``OptimizationOptions/backtracking``)
    /// or applies the method's update rule once. An update that lands on a
    /// non-finite value is undone and the run stops with
    /// ``StopReason/nonFiniteValue`` at the last finite point.
    func runFirstOrder() -> OptimizationResult {
        if let reason = begin() { return result(reason) }
        let n = dimension
        var rule = FirstOrderRule(method: method, options: options, dimension: n, scratch: scratch)
        let clipped = scratch.vector(n)
        var previousX = scratch.vector(n)
        var previousG = scratch.vector(n)
        let baseRate = options.learningRate ?? method.defaultLearningRate ?? 0.01
        let backtracks = method == .gd && options.backtracking
        var step = 0
        while true {
            let rate = options.schedule.rate(base: baseRate, step: step)
            OptimizationVectors.copy(UnsafeBufferPointer(g), into: clipped)
            options.clipping.apply(to: clipped)
            OptimizationVectors.copy(UnsafeBufferPointer(x), into: previousX)
            OptimizationVectors.copy(UnsafeBufferPointer(g), into: previousG)
            let previousValue = f
            if backtracks {
                guard backtrack(from: previousX, gradient: previousG, direction: clipped, rate: rate) else {
                    swap(&x, &previousX)
                    swap(&g, &previousG)
                    f = previousValue
                    return result(evaluationsLeft > 0 ? lineSearchFailure() : .maxEvaluations)
                }
            } else {
                rule.apply(to: x, gradient: UnsafeBufferPointer(clipped), rate: rate)
                f = evaluate(x, gradient: g)
                if isNonFinite() {
                    swap(&x, &previousX)
                    swap(&g, &previousG)
                    f = previousValue
                    return result(.nonFiniteValue)
                }
            }
            step += 1
            let stepNorm = OptimizationVectors.distance(UnsafeBufferPointer(x), UnsafeBufferPointer(previousX))
            if let reason = finishIteration(previousValue: previousValue, stepNorm: stepNorm) {
                return result(reason)
            }
        }
    }

    /// Whether the current value or gradient is unusable (NaN, +∞, or a
    /// non-finite gradient at a value that is not yet "unbounded").
    func isNonFinite() -> Bool {
        if f.isNaN || f == .infinity { return true }
        if f <= options.valueLowerBound { return false }
        return !OptimizationVectors.allFinite(UnsafeBufferPointer(g))
    }

    /// Backtracking Armijo search along −d from `start`: tries α = rate,
    /// rate/2, rate/4, … until f(start − αd) ≤ f(start) − c₁α ∇fᵀd with
    /// c₁ = 1e-4, leaving the accepted point in `x`, `g`, `f`.
    private func backtrack(from start: UnsafeMutableBufferPointer<Double>, gradient: UnsafeMutableBufferPointer<Double>,
                           direction d: UnsafeMutableBufferPointer<Double>, rate: Double) -> Bool {
        let slope = OptimizationVectors.dot(UnsafeBufferPointer(gradient), UnsafeBufferPointer(d))
        let f0 = f
        var alpha = rate
        for _ in 0..<60 {
            guard evaluationsLeft > 0 else { return false }
            OptimizationVectors.step(from: UnsafeBufferPointer(start), along: UnsafeBufferPointer(d), by: -alpha, into: x)
            f = evaluate(x, gradient: g)
            if !isNonFinite() && (f <= f0 - 1e-4 * alpha * slope || f <= options.valueLowerBound) {
                return true
            }
            alpha *= 0.5
        }
        return false
    }
}
