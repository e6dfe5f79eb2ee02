/// Minimises `objective` from `start` with `method`.
///
///     // The course-notes example J(w) = w² − 2w + 5:
///     let j = Objective(dimension: 1) { w, g in
///         g[0] = 2 * w[0] - 2
///         return w[0] * w[0] - 2 * w[0] + 5
///     }
///     let result = try minimize(j, from: [0], method: .bfgs)
///     print(result.point, result.value, result.stopReason)
///     // Prints "[1.0] 4.0 gradient_tolerance"
///
/// Every method stops for the same reasons (see ``StopReason``): a
/// convergence test of `options`, an iteration or evaluation limit, a
/// failed line search, a value at or below
/// ``OptimizationOptions/valueLowerBound`` (unbounded below), a NaN or
/// infinity it cannot step around, or the observer. The run is
/// deterministic: the same inputs give the same result bit for bit.
///
/// - Parameters:
///   - objective: The function to minimise.
///   - start: The starting point, `objective.dimension` finite values.
///   - method: The algorithm; `nil` picks
///     ``OptimizationMethod/automatic(dimension:hasHessian:)``.
///   - options: Tolerances, limits and method parameters.
///   - observer: Called with the starting point (iteration 0) and after
///     every iteration; return ``ObserverDecision/stop`` to end the run.
/// - Returns: The final point, its value and gradient norm, counts, the stop
///   reason and the value history.
/// - Throws: ``OptimizationError`` for a start of the wrong size or with
///   non-finite values, a Hessian-less objective with `newton`, or invalid
///   options.
public func minimize(
    _ objective: Objective,
    from start: [Double],
    method: OptimizationMethod? = nil,
    options: OptimizationOptions = OptimizationOptions(),
    observer: ((OptimizationProgress) -> ObserverDecision)? = nil
) throws(OptimizationError) -> OptimizationResult {
    let method = method ?? .automatic(dimension: objective.dimension, hasHessian: objective.hessian != nil)
    guard start.count == objective.dimension else {
        throw .dimensionMismatch(expected: objective.dimension, actual: start.count)
    }
    if let index = start.firstIndex(where: { !$0.isFinite }) { throw .nonFiniteStart(index: index) }
    if method.requiresHessian && objective.hessian == nil { throw .hessianUnavailable(method) }
    if let error = options.validate() { throw error }

    let run = OptimizationRun(objective: objective, start: start, method: method, options: options, observer: observer)
    switch method {
    case .gd, .momentum, .nesterov, .adagrad, .rmsprop, .adam:
        return run.runFirstOrder()
    case .newton:
        var model = NewtonModel(dimension: objective.dimension, sparse: objective.sparseHessian, scratch: run.scratch)
        return run.runDescentLoop(&model)
    case .bfgs:
        var model = BFGSModel(dimension: objective.dimension, scratch: run.scratch)
        return run.runDescentLoop(&model)
    case .lbfgs:
        var model = LBFGSModel(dimension: objective.dimension, memory: options.memory, scratch: run.scratch)
        return run.runDescentLoop(&model)
    }
}
