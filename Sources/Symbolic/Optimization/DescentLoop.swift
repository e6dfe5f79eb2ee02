/// A way to choose search directions from the current iterate: Newton's
/// method, BFGS and L-BFGS differ only in this, and share
/// ``OptimizationRun/runDescentLoop(_:)``.
protocol DescentModel {
    /// Writes a search direction for the current iterate into `direction`
    /// and returns the first trial step of the line search.
    mutating func direction(_ run: OptimizationRun, into direction: UnsafeMutableBufferPointer<Double>) -> Double

    /// Learns from a step `s = x₊ − x` and gradient change `y = ∇f₊ − ∇f`
    /// (called after the run has moved to x₊).
    mutating func update(_ run: OptimizationRun, s: UnsafeBufferPointer<Double>, y: UnsafeBufferPointer<Double>)

    /// Forgets accumulated curvature (after a failed line search).
    mutating func reset()

    /// Whether the model holds no curvature information beyond the first
    /// step's (a failed search from a fresh model is final).
    var isFresh: Bool { get }
}

extension OptimizationRun {
    /// The line-search loop shared by Newton, BFGS and L-BFGS.
    ///
    /// Each iteration asks `model` for a direction, falls back to steepest
    /// descent if that direction does not descend, runs the Moré–Thuente line
    /// search, moves, and updates the model. A failed search from an
    /// experienced model resets it and retries once along −∇f.
    func runDescentLoop<Model: DescentModel>(_ model: inout Model) -> OptimizationResult {
        if let reason = begin() { return result(reason) }
        let n = dimension
        var buffers = LineSearchBuffers(dimension: n, scratch: scratch)
        let p = scratch.vector(n)
        let s = scratch.vector(n)
        let y = scratch.vector(n)
        while true {
            var initialStep = model.direction(self, into: p)
            let slope = OptimizationVectors.dot(UnsafeBufferPointer(g), UnsafeBufferPointer(p))
            if !(slope < 0) || !initialStep.isFinite {
                model.reset()
                initialStep = steepestDescent(into: p)
            }
            var outcome = searchLine(direction: p, initialStep: initialStep, buffers: &buffers)
            if outcome == .failed && !model.isFresh {
                model.reset()
                initialStep = steepestDescent(into: p)
                outcome = searchLine(direction: p, initialStep: initialStep, buffers: &buffers)
            }
            let value: Double
            switch outcome {
            case .failed: return result(lineSearchFailure())
            case .outOfEvaluations: return result(.maxEvaluations)
            case .accepted(_, let v): value = v
            }
            for i in 0..<n {
                s[i] = buffers.point[i] - x[i]
                y[i] = buffers.gradient[i] - g[i]
            }
            let previousValue = f
            swap(&x, &buffers.point)
            swap(&g, &buffers.gradient)
            f = value
            if f > options.valueLowerBound {
                model.update(self, s: UnsafeBufferPointer(s), y: UnsafeBufferPointer(y))
            }
            let stepNorm = OptimizationVectors.norm(UnsafeBufferPointer(s))
            if let reason = finishIteration(previousValue: previousValue, stepNorm: stepNorm) {
                return result(reason)
            }
        }
    }

    /// Writes −∇f into `p` and returns a first step of unit length, capped at 1.
    func steepestDescent(into p: UnsafeMutableBufferPointer<Double>) -> Double {
        for i in 0..<dimension { p[i] = -g[i] }
        let norm = gradientNorm
        return norm > 1 ? 1 / norm : 1
    }
}
