import Foundation

/// OptimizationScratch vectors that live as long as one run and are freed together.
/// Raw buffers (rather than arrays) keep the inner loops free of
/// copy-on-write checks and exclusivity conflicts.
final class OptimizationScratch {
    private var blocks: [UnsafeMutableRawPointer] = []

    /// A vector of `count` Doubles, all `value`.
    func vector(_ count: Int, repeating value: Double = 0) -> UnsafeMutableBufferPointer<Double> {
        allocate(count, repeating: value)
    }

    /// A vector of `count` Ints, all 0.
    func integers(_ count: Int) -> UnsafeMutableBufferPointer<Int> {
        allocate(count, repeating: 0)
    }

    private func allocate<T: BitwiseCopyable>(_ count: Int, repeating value: T) -> UnsafeMutableBufferPointer<T> {
        let block = UnsafeMutableBufferPointer<T>.allocate(capacity: Swift.max(count, 1))
        block.initialize(repeating: value)
        blocks.append(UnsafeMutableRawPointer(block.baseAddress!))
        return UnsafeMutableBufferPointer(rebasing: block[0..<count])
    }

    deinit {
        for block in blocks { block.deallocate() }
    }
}

/// The state every optimiser shares: the current iterate, evaluation
/// counters, the value history, the observer and the stopping tests.
///
/// The optimisers own their method-specific buffers and call ``evaluate``,
/// ``begin()`` and ``finishIteration(previousValue:stepNorm:)``; this class
/// decides when to stop, so every method stops for the same reasons.
final class OptimizationRun {
    let objective: Objective
    let options: OptimizationOptions
    let method: OptimizationMethod
    let dimension: Int
    let scratch = OptimizationScratch()
    let iterationLimit: Int
    let evaluationLimit: Int
    let observer: ((OptimizationProgress) -> ObserverDecision)?

    /// The current iterate, its gradient and value.
    var x: UnsafeMutableBufferPointer<Double>
    var g: UnsafeMutableBufferPointer<Double>
    var f: Double = .nan
    var gradientNorm: Double = .nan
    /// ‖∇f(x₀)‖₂ times ``OptimizationOptions/relativeGradientTolerance``.
    var relativeGradientLimit: Double = 0

    var iterations = 0
    /// f above this means a diverging run (see ``StopReason/diverged``).
    var divergenceLimit = Double.infinity
    var valueEvaluations = 0
    var gradientEvaluations = 0
    var hessianEvaluations = 0
    var history: [Double] = []

    init(objective: Objective, start: [Double], method: OptimizationMethod, options: OptimizationOptions,
         observer: ((OptimizationProgress) -> ObserverDecision)?) {
        self.objective = objective
        self.options = options
        self.method = method
        self.dimension = objective.dimension
        self.iterationLimit = options.iterationLimit(for: method, dimension: objective.dimension)
        self.evaluationLimit = options.maxEvaluations ?? Int.max
        self.observer = observer
        x = scratch.vector(dimension)
        g = scratch.vector(dimension)
        for i in 0..<dimension { x[i] = start[i] }
        if options.recordsHistory {
            history.reserveCapacity(Swift.min(iterationLimit, 100_000) + 1)
        }
    }

    /// Evaluations of f still allowed.
    var evaluationsLeft: Int { evaluationLimit - valueEvaluations }

    /// f and ∇f at `point`, counted.
    @inline(__always)
    func evaluate(_ point: UnsafeMutableBufferPointer<Double>, gradient: UnsafeMutableBufferPointer<Double>) -> Double {
        valueEvaluations += 1
        gradientEvaluations += 1
        return objective.valueAndGradient(UnsafeBufferPointer(point), gradient)
    }

    /// The dense Hessian at `point`, counted.
    func evaluateHessian(_ point: UnsafeMutableBufferPointer<Double>, into h: UnsafeMutableBufferPointer<Double>) {
        hessianEvaluations += 1
        objective.hessian?(UnsafeBufferPointer(point), h)
    }

    /// Evaluates the starting point and applies the tests that can stop a
    /// run before its first iteration.
    func begin() -> StopReason? {
        f = evaluate(x, gradient: g)
        gradientNorm = OptimizationVectors.norm(UnsafeBufferPointer(g))
        divergenceLimit = 1e10 * Swift.max(1, Swift.abs(f))
        if options.recordsHistory { history.append(f) }
        if f <= options.valueLowerBound { return .unboundedBelow }
        if !f.isFinite || !gradientNorm.isFinite { return .nonFiniteValue }
        relativeGradientLimit = options.relativeGradientTolerance * gradientNorm
        let converged: StopReason? = gradientNorm <= options.gradientTolerance ? .gradientTolerance : nil
        let decision = observe(stepNorm: 0)
        if let converged { return converged }
        if decision == .stop { return .observerStopped }
        if iterationLimit == 0 { return .maxIterations }
        if evaluationsLeft <= 0 { return .maxEvaluations }
        return nil
    }

    /// Records an iteration that moved to the current `x`, `f`, `g` (whose
    /// finiteness the caller has checked) and applies the stopping tests.
    func finishIteration(previousValue: Double, stepNorm: Double) -> StopReason? {
        iterations += 1
        gradientNorm = OptimizationVectors.norm(UnsafeBufferPointer(g))
        if options.recordsHistory { history.append(f) }
        var reason: StopReason? = nil
        if f <= options.valueLowerBound {
            reason = .unboundedBelow
        } else if f > divergenceLimit {
            reason = .diverged
        } else if !f.isFinite || !gradientNorm.isFinite {
            // Never "converged" where f or ∇f is NaN or infinite.
            reason = .nonFiniteValue
        } else if gradientNorm <= options.gradientTolerance || gradientNorm <= relativeGradientLimit {
            reason = .gradientTolerance
        } else if options.valueTolerance > 0,
                  Swift.abs(previousValue - f) <= options.valueTolerance * Swift.max(1, Swift.abs(f)) {
            reason = .valueTolerance
        } else if options.stepTolerance > 0,
                  stepNorm <= options.stepTolerance * (1 + OptimizationVectors.norm(UnsafeBufferPointer(x))) {
            reason = .stepTolerance
        }
        let decision = observe(stepNorm: stepNorm)
        if let reason { return reason }
        if decision == .stop { return .observerStopped }
        if iterations >= iterationLimit { return .maxIterations }
        if evaluationsLeft <= 0 { return .maxEvaluations }
        return nil
    }

    /// Why a failed line search stopped the run: ``StopReason/stationaryPoint``
    /// when f and ∇f are finite and the ``relativeGradient(point:gradient:value:)``
    /// is at most ε^(1/3), ``StopReason/lineSearchFailed`` otherwise.
    func lineSearchFailure() -> StopReason {
        guard f.isFinite, gradientNorm.isFinite else { return .nonFiniteValue }
        let relative = OptimizationRun.relativeGradient(point: UnsafeBufferPointer(x), gradient: UnsafeBufferPointer(g),
                                                        value: f)
        return relative <= OptimizationRun.stationaryTolerance ? .stationaryPoint : .lineSearchFailed
    }

    /// Dennis & Schnabel's relative gradient (*Numerical Methods for
    /// Unconstrained Optimization*, §7.2) with each variable's typical size
    /// taken as |xᵢ| (at least √ε): maxᵢ |gᵢ|·max(|xᵢ|, √ε) / max(|f|, 1), the
    /// relative change of f per relative change of one variable.
    static func relativeGradient(point x: UnsafeBufferPointer<Double>, gradient g: UnsafeBufferPointer<Double>,
                                 value f: Double) -> Double {
        var relative = 0.0
        for i in 0..<x.count {
            relative = Swift.max(relative, Swift.abs(g[i]) * Swift.max(Swift.abs(x[i]), Double.ulpOfOne.squareRoot()))
        }
        return relative / Swift.max(Swift.abs(f), 1)
    }

    /// ε^(1/3) ≈ 6.06e-6, the relative-gradient tolerance of ``lineSearchFailure()``.
    static let stationaryTolerance = Foundation.pow(Double.ulpOfOne, 1.0 / 3.0)

    private func observe(stepNorm: Double) -> ObserverDecision {
        guard let observer else { return .proceed }
        return observer(OptimizationProgress(
            iteration: iterations, value: f, gradientNorm: gradientNorm, stepNorm: stepNorm,
            valueEvaluations: valueEvaluations))
    }

    /// The result for the current iterate.
    func result(_ reason: StopReason) -> OptimizationResult {
        OptimizationResult(
            method: method, point: Array(x), value: f, gradientNorm: gradientNorm, iterations: iterations,
            valueEvaluations: valueEvaluations, gradientEvaluations: gradientEvaluations,
            hessianEvaluations: hessianEvaluations, stopReason: reason, valueHistory: history)
    }
}
