/// Minimises ‖r(x)‖² by Levenberg–Marquardt in its trust-region form
/// (Moré 1978; MINPACK `lmder`).
///
///     let result = try solveLeastSquares(problem, from: [1, 1])
///     print(result.point, result.stopReason)
///
/// Each iteration factors J = Q·R·Pᵀ by Householder QR with column
/// pivoting (J is never squared into JᵀJ), then repeatedly solves
/// min ‖J p + r‖ subject to ‖D p‖ ≤ Δ — the Levenberg–Marquardt parameter
/// from a safeguarded Newton iteration (``LevenbergMarquardtStep``) — until a
/// step reduces ‖r‖²; the ratio of actual to predicted reduction drives Δ.
/// D is the running maximum of J's column norms, so the method does not
/// care whether a parameter is of size 1e-6 or 1e+4.
///
/// It stops on genuine convergence — small relative reduction, small
/// relative step, r orthogonal to J, r exactly zero, or no representable
/// improvement left — or on the evaluation limit. The tests are relative,
/// so a fit whose residuals are 1e-13 (sum of squares 1e-25) converges as
/// surely as one with residuals of size 1e+3.
///
/// - Parameters:
///   - problem: The residuals and their Jacobian.
///   - start: x₀, `problem.parameterCount` finite values.
///   - options: Tolerances and limits.
///   - observer: Called at the start (iteration 0) and after each accepted
///     step; return ``ObserverDecision/stop`` to end the run.
/// - Throws: ``LeastSquaresError`` for a start of the wrong size or with
///   non-finite values, fewer residuals than unknowns, or invalid options.
public func solveLeastSquares(
    _ problem: LeastSquaresProblem, from start: [Double], options: LeastSquaresOptions = LeastSquaresOptions(),
    observer: ((LeastSquaresProgress) -> ObserverDecision)? = nil
) throws(LeastSquaresError) -> LeastSquaresResult {
    let n = problem.parameterCount, m = problem.residualCount
    guard start.count == n else { throw .dimensionMismatch(expected: n, actual: start.count) }
    guard m >= n else { throw .tooFewResiduals(residuals: m, parameters: n) }
    if let index = start.firstIndex(where: { !$0.isFinite }) { throw .nonFiniteStart(index: index) }
    if let error = options.validate() { throw error }
    let solver = LevenbergMarquardtSolver(problem: problem, options: options, observer: observer)
    return solver.run(from: start)
}

/// The state of one run. Buffers are allocated once, as raw memory: the
/// inner loop hands several of them to the factorisation at the same time.
private final class LevenbergMarquardtSolver {
    let problem: LeastSquaresProblem
    let options: LeastSquaresOptions
    let observer: ((LeastSquaresProgress) -> ObserverDecision)?
    let n: Int, m: Int
    /// x, the trial point, the step, D, Qᵀr (first n), R's diagonal, the
    /// column norms of J, an n-vector of work; 4n of scratch for the step.
    let x, trial, step, diag, qtf, rdiag, columnNorms, work, scratch: UnsafeMutablePointer<Double>
    /// r at x, r at the trial point, Qᵀr (all m), and J (m×n, column-major).
    let fvec, trialResiduals, qtScratch, fjac: UnsafeMutablePointer<Double>
    let permutation: UnsafeMutablePointer<Int>
    private let storage: UnsafeMutablePointer<Double>
    var residualEvaluations = 0, jacobianEvaluations = 0, iterations = 0
    var history: [Double] = []

    init(problem: LeastSquaresProblem, options: LeastSquaresOptions,
         observer: ((LeastSquaresProgress) -> ObserverDecision)?) {
        self.problem = problem
        self.options = options
        self.observer = observer
        n = problem.parameterCount
        m = problem.residualCount
        storage = .allocate(capacity: 12 * n + 3 * m + m * n)
        storage.initialize(repeating: 0, count: 12 * n + 3 * m + m * n)
        var next = storage
        func take(_ count: Int) -> UnsafeMutablePointer<Double> {
            defer { next += count }
            return next
        }
        x = take(n); trial = take(n); step = take(n); diag = take(n); qtf = take(n); rdiag = take(n)
        columnNorms = take(n); work = take(n); scratch = take(4 * n)
        fvec = take(m); trialResiduals = take(m); qtScratch = take(m); fjac = take(m * n)
        permutation = .allocate(capacity: n)
        permutation.initialize(repeating: 0, count: n)
    }

    deinit {
        storage.deallocate()
        permutation.deallocate()
    }

    func evaluateResiduals(at point: UnsafeMutablePointer<Double>, into r: UnsafeMutablePointer<Double>) -> Double {
        residualEvaluations += 1
        problem.residuals(UnsafeBufferPointer(start: point, count: n), UnsafeMutableBufferPointer(start: r, count: m))
        return PivotedQR.norm(r, count: m)
    }

    func result(_ reason: LeastSquaresStopReason, fnorm: Double) -> LeastSquaresResult {
        LeastSquaresResult(point: Array(UnsafeBufferPointer(start: x, count: n)), sumOfSquares: fnorm * fnorm,
                           iterations: iterations, residualEvaluations: residualEvaluations,
                           jacobianEvaluations: jacobianEvaluations, stopReason: reason, history: history)
    }

    /// Reports the current point; `true` when the observer asks to stop.
    func observerStops(fnorm: Double) -> Bool {
        guard let observer else { return false }
        return observer(LeastSquaresProgress(iteration: iterations, point: Array(UnsafeBufferPointer(start: x, count: n)),
                                             sumOfSquares: fnorm * fnorm, residualEvaluations: residualEvaluations)) == .stop
    }

    func run(from start: [Double]) -> LeastSquaresResult {
        let (reason, fnorm) = iterate(from: start)
        guard reason.isConvergence && reason != .zeroResidual else { return result(reason, fnorm: fnorm) }
        return result(reason, fnorm: polish(fnorm: fnorm))
    }

    /// Gauss–Newton steps from the converged point, accepted while they
    /// contract and do not raise ‖r‖² beyond rounding.
    ///
    /// The trust-region tests stop on the sum of squares, which near a
    /// minimum changes only in the second order of the parameters' error:
    /// on large-residual or ill-conditioned problems ‖r‖² is flat to double
    /// precision while the 7th or 8th digit of a parameter is still wrong.
    /// The Gauss–Newton step −R⁻¹Qᵀr is computed from Jᵀr, which still
    /// resolves that error, so a few such steps take the parameters to the
    /// accuracy the data and the arithmetic allow (at most 30 steps). The
    /// first step must be tiny (‖D p‖ ≤ 1e-4·‖D x‖: the point is a
    /// minimum), each later one at most 0.9 times the previous (the iteration
    /// must contract), and none may raise ‖r‖² by more than a relative 1e-10
    /// (rounding in ‖r‖² reaches 1e-14 on data of large magnitude, so the
    /// guard against divergence cannot be tighter); otherwise the polish
    /// stops where it is.
    func polish(fnorm start: Double) -> Double {
        var fnorm = start
        var previous = Double.infinity
        let maxEvaluations = options.maxEvaluations ?? 1_000 * (n + 1)
        for _ in 0..<30 where residualEvaluations < maxEvaluations {
            jacobianEvaluations += 1
            problem.jacobian(UnsafeBufferPointer(start: x, count: n), UnsafeMutableBufferPointer(start: fjac, count: m * n))
            for k in 0..<(m * n) where !fjac[k].isFinite { return fnorm }
            factorJacobian()
            var parameter = 0.0
            LevenbergMarquardtStep.compute(r: fjac, leading: m, size: n, permutation: permutation, diagonal: diag,
                                           qtb: qtf, radius: .infinity, parameter: &parameter, step: step,
                                           scratch: scratch)
            for j in 0..<n {
                trial[j] = x[j] - step[j]
                work[j] = diag[j] * step[j]
            }
            let pnorm = PivotedQR.norm(work, count: n)
            let xnorm = scaledNorm(x)
            // Converged to rounding, not contracting, or (first step) not small.
            if !(pnorm > 4 * Double.ulpOfOne * xnorm) || !(pnorm <= 0.9 * previous) || !(pnorm <= 1e-4 * xnorm) {
                break
            }
            let fnorm1 = evaluateResiduals(at: trial, into: trialResiduals)
            guard fnorm1 * fnorm1 <= fnorm * fnorm * (1 + 1e-10) else { break }
            x.update(from: trial, count: n)
            fvec.update(from: trialResiduals, count: m)
            fnorm = fnorm1
            previous = pnorm
            iterations += 1
            if options.recordsHistory { history.append(fnorm * fnorm) }
            if observerStops(fnorm: fnorm) { break }
        }
        return fnorm
    }

    /// The trust-region iteration; returns why it stopped and ‖r‖ there.
    func iterate(from start: [Double]) -> (LeastSquaresStopReason, Double) {
        let epsilon = Double.ulpOfOne
        let maxEvaluations = options.maxEvaluations ?? 1_000 * (n + 1)
        for j in 0..<n { x[j] = start[j] }
        var fnorm = evaluateResiduals(at: x, into: fvec)
        if options.recordsHistory { history.append(fnorm * fnorm) }
        guard fnorm.isFinite else { return (.nonFiniteValue, fnorm) }
        if observerStops(fnorm: fnorm) { return (.observerStopped, fnorm) }
        var parameter = 0.0, delta = 0.0, xnorm = 0.0
        var first = true
        while true {
            if fnorm == 0 { return (.zeroResidual, fnorm) }
            if let limit = options.maxIterations, iterations >= limit { return (.maxIterations, fnorm) }
            jacobianEvaluations += 1
            problem.jacobian(UnsafeBufferPointer(start: x, count: n), UnsafeMutableBufferPointer(start: fjac, count: m * n))
            for k in 0..<(m * n) where !fjac[k].isFinite { return (.nonFiniteValue, fnorm) }
            factorJacobian()
            if first {
                for j in 0..<n { diag[j] = options.scalesParameters && columnNorms[j] != 0 ? columnNorms[j] : 1 }
                xnorm = scaledNorm(x)
                delta = options.initialStepBound * xnorm
                if delta == 0 { delta = options.initialStepBound }
            }
            // The largest cosine between r and a column of J.
            var gnorm = 0.0
            for j in 0..<n {
                let l = permutation[j]
                guard columnNorms[l] != 0 else { continue }
                var sum = 0.0
                for i in 0...j { sum += fjac[i + j * m] * (qtf[i] / fnorm) }
                gnorm = Swift.max(gnorm, Swift.abs(sum / columnNorms[l]))
            }
            if gnorm <= options.orthogonalityTolerance { return (.orthogonality, fnorm) }
            if options.scalesParameters { for j in 0..<n { diag[j] = Swift.max(diag[j], columnNorms[j]) } }

            // Inner loop: shrink the trust region until a step is accepted.
            while true {
                LevenbergMarquardtStep.compute(r: fjac, leading: m, size: n, permutation: permutation,
                                               diagonal: diag, qtb: qtf, radius: delta, parameter: &parameter,
                                               step: step, scratch: scratch)
                for j in 0..<n {
                    step[j] = -step[j]
                    trial[j] = x[j] + step[j]
                    work[j] = diag[j] * step[j]
                }
                let pnorm = PivotedQR.norm(work, count: n)
                if first { delta = Swift.min(delta, pnorm) }
                if residualEvaluations >= maxEvaluations { return (.maxEvaluations, fnorm) }
                let fnorm1 = evaluateResiduals(at: trial, into: trialResiduals)

                // Actual and predicted relative reductions of ‖r‖².
                let actual = fnorm1.isFinite && 0.1 * fnorm1 < fnorm ? 1 - (fnorm1 / fnorm) * (fnorm1 / fnorm) : -1
                for j in 0..<n {
                    work[j] = 0
                    let t = step[permutation[j]]
                    for i in 0...j { work[i] += fjac[i + j * m] * t }
                }
                let temp1 = PivotedQR.norm(work, count: n) / fnorm
                let temp2 = parameter.squareRoot() * pnorm / fnorm
                let predicted = temp1 * temp1 + temp2 * temp2 / 0.5
                let directional = -(temp1 * temp1 + temp2 * temp2)
                let ratio = predicted != 0 ? actual / predicted : 0

                // Update the trust region.
                if ratio <= 0.25 {
                    var factor = actual >= 0 ? 0.5 : 0.5 * directional / (directional + 0.5 * actual)
                    if !fnorm1.isFinite || 0.1 * fnorm1 >= fnorm || factor < 0.1 || !factor.isFinite { factor = 0.1 }
                    delta = factor * Swift.min(delta, pnorm / 0.1)
                    parameter /= factor
                } else if parameter == 0 || ratio >= 0.75 {
                    delta = pnorm / 0.5
                    parameter *= 0.5
                }
                let accepted = ratio >= 1e-4
                if accepted {
                    x.update(from: trial, count: n)
                    fvec.update(from: trialResiduals, count: m)
                    xnorm = scaledNorm(x)
                    fnorm = fnorm1
                    iterations += 1
                    first = false
                    if options.recordsHistory { history.append(fnorm * fnorm) }
                    if observerStops(fnorm: fnorm) { return (.observerStopped, fnorm) }
                }
                // Convergence tests.
                if Swift.abs(actual) <= options.reductionTolerance && predicted <= options.reductionTolerance
                    && 0.5 * ratio <= 1 {
                    return (.relativeReduction, fnorm)
                }
                if delta <= options.stepTolerance * xnorm { return (.relativeStep, fnorm) }
                if fnorm == 0 { return (.zeroResidual, fnorm) }
                // Tolerances below what double precision can resolve.
                if (Swift.abs(actual) <= epsilon && predicted <= epsilon && 0.5 * ratio <= 1)
                    || delta <= epsilon * xnorm || gnorm <= epsilon {
                    return (.precisionLimit, fnorm)
                }
                if accepted { break }
            }
        }
    }

    /// Factors J and forms Qᵀr; leaves R in `fjac`'s upper triangle with its
    /// diagonal restored.
    func factorJacobian() {
        PivotedQR.factor(fjac, rows: m, columns: n, permutation: permutation, rdiag: rdiag,
                         columnNorms: columnNorms, scratch: work)
        qtScratch.update(from: fvec, count: m)
        PivotedQR.applyQTranspose(fjac, rows: m, columns: n, to: qtScratch)
        for j in 0..<n {
            fjac[j + j * m] = rdiag[j]
            qtf[j] = qtScratch[j]
        }
    }

    func scaledNorm(_ v: UnsafeMutablePointer<Double>) -> Double {
        for j in 0..<n { work[j] = diag[j] * v[j] }
        return PivotedQR.norm(work, count: n)
    }
}
