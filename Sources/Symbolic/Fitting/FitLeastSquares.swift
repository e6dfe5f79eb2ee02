extension FitSetup {
    /// The residuals fᵢ − tᵢ of the squared loss as a ``LeastSquaresProblem``
    /// in the free parameters θ, with the exact symbolic Jacobian — plus one
    /// row √(nλ/2)·pₖ per penalised parameter, so that ‖r‖²/n is the
    /// objective (mean squared error plus (λ/2)Σp²).
    func leastSquaresProblem() throws(FitError) -> LeastSquaresProblem {
        let m = sampleCount, n = free.count
        let penaltyRows = penalized.filter { $0 }.count
        let rows = m + penaltyRows
        let values = try ModelEvaluator(outputs: [model.expression], variables: model.parameters,
                                        pointInputs: model.inputs)
        let jacobian = try jacobianEvaluator()
        let setup = self, columns = inputColumns, labels = self.labels, threads = self.threads
        let weight = (Double(m) * options.l2 / 2).squareRoot()
        let parameterCount = model.parameters.count
        return LeastSquaresProblem(parameterCount: n, residualCount: rows) { theta, r in
            withUnsafeTemporaryAllocation(of: Double.self, capacity: parameterCount) { p in
                setup.parameters(theta: theta, into: p)
                columns.withUnsafeBufferPointer { c in
                    values.evaluate(columns: c, pointCount: m, shared: UnsafeBufferPointer(p),
                                    into: UnsafeMutableBufferPointer(rebasing: r[0..<m]), threads: threads)
                }
                for i in 0..<m { r[i] -= labels[i] }
                var row = m
                for (k, index) in setup.free.enumerated() where setup.penalized[k] {
                    r[row] = weight * p[index]
                    row += 1
                }
            }
        } jacobian: { theta, j in
            withUnsafeTemporaryAllocation(of: Double.self, capacity: parameterCount + m * n) { scratch in
                let p = UnsafeMutableBufferPointer(rebasing: scratch[0..<parameterCount])
                let block = UnsafeMutableBufferPointer(rebasing: scratch[parameterCount...])
                setup.parameters(theta: theta, into: p)
                columns.withUnsafeBufferPointer { c in
                    jacobian.evaluate(columns: c, pointCount: m, shared: UnsafeBufferPointer(p), into: block,
                                      threads: threads)
                }
                // Column k of J is ∂f/∂x_k · dx_k/dθ_k, then the penalty rows.
                var row = m
                for k in 0..<n {
                    let scale = setup.transforms[k].derivative(theta[k])
                    for i in 0..<m { j[i + k * rows] = block[i + k * m] * scale }
                    for extra in m..<rows { j[extra + k * rows] = 0 }
                    if setup.penalized[k] {
                        j[row + k * rows] = weight * scale
                        row += 1
                    }
                }
            }
        }
    }

    /// The Jacobian ∂f/∂p of the model with respect to the free parameters,
    /// compiled: one column per free parameter.
    func jacobianEvaluator() throws(FitError) -> ModelEvaluator {
        try ModelEvaluator(outputs: model.expression.gradient(withRespectTo: freeNames),
                           variables: model.parameters, pointInputs: model.inputs)
    }

    /// Runs Levenberg–Marquardt.
    func runLeastSquares(observer: ((FitProgress) -> ObserverDecision)?) throws(FitError) -> FitResult {
        let problem = try leastSquaresProblem()
        guard sampleCount >= free.count else { throw .tooFewSamples(samples: sampleCount, parameters: free.count) }
        let m = Double(sampleCount)
        let progress: ((LeastSquaresProgress) -> ObserverDecision)? = observer.map { observer in
            { [self] state in
                observer(FitProgress(iteration: state.iteration, loss: state.sumOfSquares / m,
                                     parameters: parameters(theta: state.point), evaluations: state.residualEvaluations))
            }
        }
        let solution: LeastSquaresResult
        do {
            solution = try solveLeastSquares(problem, from: startTheta, options: options.leastSquares, observer: progress)
        } catch {
            switch error {
            case .tooFewResiduals(let residuals, let parameters):
                throw .tooFewSamples(samples: residuals, parameters: parameters)
            case .invalidOption(let option, let reason):
                throw .invalidOption(option: option, reason: reason)
            case .dimensionMismatch, .nonFiniteStart:
                throw .invalidOption(option: "start", reason: error.description)
            }
        }
        return try result(parameters: parameters(theta: solution.point), iterations: solution.iterations,
                          evaluations: solution.residualEvaluations,
                          derivativeEvaluations: solution.jacobianEvaluations,
                          stopReason: .leastSquares(solution.stopReason),
                          history: solution.history.map { $0 / m })
    }

    /// Assembles the result at `p`: objective, RSS, R², s, and for the
    /// squared loss the standard errors from the QR factor of J there.
    func result(parameters p: [Double], iterations: Int, evaluations: Int, derivativeEvaluations: Int,
                stopReason: FitStopReason, history: [Double]) throws(FitError) -> FitResult {
        let m = sampleCount, n = free.count
        let values = try ModelEvaluator(outputs: [model.expression], variables: model.parameters,
                                        pointInputs: model.inputs)
        let predictions = values.evaluate(columns: inputColumns, pointCount: m, shared: p, threads: threads)
        // Cross-entropy of sigmoid(z) is measured through z, as it is minimised:
        // where the probability rounds to 0 or 1 the loss stays finite.
        var scores: [Double]? = nil
        if loss == .crossEntropy, case .call(.sigmoid, let arguments) = model.expression.kind {
            scores = try ModelEvaluator(outputs: [arguments[0]], variables: model.parameters, pointInputs: model.inputs)
                .evaluate(columns: inputColumns, pointCount: m, shared: p, threads: threads)
        }
        var rss = 0.0, objective = 0.0, mean = 0.0
        for i in 0..<m {
            let residual = predictions[i] - targetValues[i]
            rss += residual * residual
            if let scores {
                objective += Function.stableSoftplus(scores[i]) - labels[i] * scores[i]
            } else {
                objective += loss.value(prediction: predictions[i], label: labels[i])
            }
            mean += targetValues[i]
        }
        mean /= Double(m)
        var total = 0.0
        for t in targetValues { total += (t - mean) * (t - mean) }
        objective = objective / Double(m) + p.withUnsafeBufferPointer { penalty($0) }
        let dof = m - n
        let s2 = dof > 0 ? rss / Double(dof) : .nan

        var errors: [Double]? = nil, covariance: [Double]? = nil
        if loss == .squared {
            var jacobian = try jacobianEvaluator().evaluate(columns: inputColumns, pointCount: m, shared: p,
                                                            threads: threads)
            let inverse = FitSetup.inverseNormalMatrix(&jacobian, rows: m, columns: n)
            let cov = inverse.map { $0 * s2 }
            var all = [Double](repeating: .nan, count: model.parameters.count)
            for (k, index) in free.enumerated() { all[index] = cov[k * n + k].squareRoot() }
            errors = all
            covariance = cov
        }
        return FitResult(model: model, target: target, loss: loss, method: method, values: p,
                         standardErrors: errors, covariance: covariance, freeParameters: freeNames,
                         objective: objective, rss: rss, residualStandardDeviation: s2.squareRoot(),
                         rSquared: total > 0 ? 1 - rss / total : .nan, sampleCount: m, iterations: iterations,
                         evaluations: evaluations, derivativeEvaluations: derivativeEvaluations,
                         stopReason: stopReason, lossHistory: history)
    }

    /// (JᵀJ)⁻¹ (row-major n×n) through the pivoted QR of the m×n column-major
    /// `jacobian` (overwritten); NaN rows and columns for directions J cannot resolve.
    static func inverseNormalMatrix(_ jacobian: inout [Double], rows m: Int, columns n: Int) -> [Double] {
        guard m >= n else { return [Double](repeating: .nan, count: n * n) }
        var permutation = [Int](repeating: 0, count: n)
        var rdiag = [Double](repeating: 0, count: n), norms = rdiag, work = rdiag
        jacobian.withUnsafeMutableBufferPointer { a in
            PivotedQR.factor(a.baseAddress!, rows: m, columns: n, permutation: &permutation, rdiag: &rdiag,
                             columnNorms: &norms, scratch: &work)
        }
        return jacobian.withUnsafeBufferPointer { a in
            PivotedQR.inverseNormalMatrix(r: a.baseAddress!, leading: m, rdiag: rdiag, size: n,
                                          permutation: permutation, tolerance: Double.ulpOfOne * Double(m))
        }
    }
}
