/// The outcome of a line search along a descent direction.
enum LineSearchOutcome: Equatable {
    /// A step was accepted: the run's trial buffers hold the new point, its
    /// gradient, and `value`.
    case accepted(step: Double, value: Double)
    /// No step decreased f.
    case failed
    /// The evaluation budget ran out before any step decreased f.
    case outOfEvaluations
}

/// Buffers for a line search: the trial point and gradient, and a copy of
/// the best point seen, which is accepted when the search stalls.
struct LineSearchBuffers {
    var point: UnsafeMutableBufferPointer<Double>
    var gradient: UnsafeMutableBufferPointer<Double>
    var bestPoint: UnsafeMutableBufferPointer<Double>
    var bestGradient: UnsafeMutableBufferPointer<Double>

    init(dimension: Int, scratch: OptimizationScratch) {
        point = scratch.vector(dimension)
        gradient = scratch.vector(dimension)
        bestPoint = scratch.vector(dimension)
        bestGradient = scratch.vector(dimension)
    }
}

extension OptimizationRun {
    /// Searches along `direction` from the current iterate for a step that
    /// satisfies the strong Wolfe conditions (Moré–Thuente, c₁ = 1e-4,
    /// c₂ = 0.9), starting with `initialStep`.
    ///
    /// On `.accepted`, `buffers.point`/`buffers.gradient` hold the new
    /// iterate. Trial points where f or ∇f is not finite are treated as too
    /// long and shortened. When the search stalls (rounding errors) or runs
    /// out of trials, the lowest point seen is accepted if it is below f.
    func searchLine(direction: UnsafeMutableBufferPointer<Double>, initialStep: Double,
                    buffers: inout LineSearchBuffers, maximumTrials: Int = 40) -> LineSearchOutcome {
        let slope0 = OptimizationVectors.dot(UnsafeBufferPointer(g), UnsafeBufferPointer(direction))
        guard slope0 < 0, initialStep > 0, initialStep.isFinite else { return .failed }
        var search = MoreThuente(value: f, slope: slope0, step: initialStep)
        var step = initialStep
        var bestValue = f
        var haveBest = false
        for _ in 0..<maximumTrials {
            guard evaluationsLeft > 0 else { break }
            OptimizationVectors.step(from: UnsafeBufferPointer(x), along: UnsafeBufferPointer(direction),
                                     by: step, into: buffers.point)
            let value = evaluate(buffers.point, gradient: buffers.gradient)
            let slope = OptimizationVectors.dot(UnsafeBufferPointer(buffers.gradient), UnsafeBufferPointer(direction))
            if !value.isFinite || !slope.isFinite {
                if value == -.infinity || value <= options.valueLowerBound {
                    // Unbounded along the ray: report it as accepted so that the
                    // run's unboundedness test sees the value.
                    return .accepted(step: step, value: value)
                }
                search.rejectNonFinite(step: &step)
                continue
            }
            if value <= options.valueLowerBound { return .accepted(step: step, value: value) }
            let status = search.next(step: &step, value: value, slope: slope)
            if value < bestValue {
                // Remember the lowest point so far: a stalled search falls back to it.
                bestValue = value
                haveBest = true
                OptimizationVectors.copy(UnsafeBufferPointer(buffers.point), into: buffers.bestPoint)
                OptimizationVectors.copy(UnsafeBufferPointer(buffers.gradient), into: buffers.bestGradient)
            }
            switch status {
            case .converged:
                return .accepted(step: step, value: value)
            case .evaluate:
                continue
            case .stalled:
                return fallBack(haveBest: haveBest, bestValue: bestValue, buffers: &buffers)
            }
        }
        if haveBest { return fallBack(haveBest: true, bestValue: bestValue, buffers: &buffers) }
        return evaluationsLeft > 0 ? .failed : .outOfEvaluations
    }

    private func fallBack(haveBest: Bool, bestValue: Double, buffers: inout LineSearchBuffers) -> LineSearchOutcome {
        guard haveBest else { return .failed }
        swap(&buffers.point, &buffers.bestPoint)
        swap(&buffers.gradient, &buffers.bestGradient)
        return .accepted(step: .nan, value: bestValue)
    }
}
