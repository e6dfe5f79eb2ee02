import Synchronization

extension FitSetup {
    /// A name for the label variable that no input or parameter has.
    var labelName: String {
        var name = "label"
        while model.parameters.contains(name) || model.inputs.contains(name) { name += "_" }
        return name
    }

    /// The input columns followed by the label column, column-major.
    var columnsWithLabels: [Double] { inputColumns + labels }

    /// Runs an optimiser on the data objective (1/n)·Σ L(f(xᵢ; p), tᵢ) + (λ/2)Σp².
    func runOptimizer(observer: ((FitProgress) -> ObserverDecision)?) throws(FitError) -> FitResult {
        guard let optimizer = method.optimizationMethod else { throw .unsupportedMethod(method, loss: loss) }
        let data = try DataObjective(self, hessian: optimizer == .newton)
        let progress: ((OptimizationProgress) -> ObserverDecision)? = observer.map { observer in
            { state in
                observer(FitProgress(iteration: state.iteration, loss: state.value, parameters: data.lastPoint,
                                     evaluations: state.valueEvaluations))
            }
        }
        let outcome: OptimizationResult
        do {
            if let stochastic = options.stochastic, optimizer.isFirstOrder {
                outcome = try minimize(data.stochasticObjective(), from: startTheta, method: optimizer,
                                       options: options.optimization, stochastic: stochastic, observer: progress)
            } else {
                outcome = try minimize(data.objective(), from: startTheta, method: optimizer,
                                       options: options.optimization, observer: progress)
            }
        } catch {
            throw .invalidOption(option: "method", reason: error.description)
        }
        return try result(parameters: parameters(theta: outcome.point), iterations: outcome.iterations,
                          evaluations: outcome.valueEvaluations, derivativeEvaluations: outcome.gradientEvaluations,
                          stopReason: .optimizer(outcome.stopReason), history: outcome.valueHistory)
    }
}

/// The data objective's compiled pieces: per-sample loss, its gradient and
/// (for Newton) its Hessian entries, each summed over the rows by the
/// batched program; the penalty and the bound transforms are applied once
/// on top of the sums.
final class DataObjective: Sendable {
    let setup: FitSetup
    let values: ModelEvaluator
    let gradients: ModelEvaluator
    let hessians: ModelEvaluator?
    /// The Hessian's lower-triangle structure over the free parameters
    /// (every diagonal entry included, for the penalty and the transforms).
    let rows: [Int], columns: [Int]
    let data: [Double]
    private let recorded: ThreadLock<[Double]>

    init(_ setup: FitSetup, hessian: Bool) throws(FitError) {
        self.setup = setup
        let label = setup.labelName
        let loss = setup.loss.sampleLoss(predictions: setup.model.outputs, labels: [.variable(label)])
        let free = setup.freeNames
        let missing = free.filter { !loss.contains(variable: $0) }
        if !missing.isEmpty { throw .unknownParameters(missing, suggestions: missing.map { _ in nil }) }
        let points = setup.model.inputs + [label], variables = setup.model.parameters
        values = try ModelEvaluator(outputs: [loss], variables: variables, pointInputs: points)
        gradients = try ModelEvaluator(outputs: [loss] + loss.gradient(withRespectTo: free), variables: variables,
                                       pointInputs: points)
        if hessian {
            var entries = loss.hessianEntries(withRespectTo: free)
            for k in free.indices where !entries.contains(where: { $0.row == k && $0.column == k }) {
                entries.append(SymmetricMatrixEntry(row: k, column: k, expression: 0))
            }
            hessians = try ModelEvaluator(outputs: entries.map(\.expression), variables: variables, pointInputs: points)
            rows = entries.map(\.row)
            columns = entries.map(\.column)
        } else {
            hessians = nil
            rows = []
            columns = []
        }
        data = setup.columnsWithLabels
        recorded = ThreadLock(setup.start)
    }

    /// The parameters at the last gradient evaluation: the optimisers end
    /// every iteration by evaluating the new iterate.
    var lastPoint: [Double] { recorded.withLock { $0 } }

    /// Writes the gradient with respect to the full parameters' free entries
    /// (`gx`, n values) and returns Σ L over `count` points of `columns`.
    func sums(_ columns: UnsafeBufferPointer<Double>, count: Int, p: UnsafeBufferPointer<Double>,
              gx: UnsafeMutableBufferPointer<Double>) -> Double {
        let n = setup.free.count
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: n + 1) { s in
            gradients.sum(columns: columns, pointCount: count, shared: p, into: s, threads: setup.threads)
            for k in 0..<n { gx[k] = s[k + 1] }
            return s[0]
        }
    }

    /// The full-batch objective in θ.
    func objective() -> Objective {
        let setup = self.setup, m = setup.sampleCount, n = setup.free.count, count = setup.model.parameters.count
        let scale = 1 / Double(m)
        let lambda = setup.options.l2
        let bounded = setup.transforms.contains { $0 != .identity }
        @Sendable func withParameters<R>(_ theta: UnsafeBufferPointer<Double>, _ body: (UnsafeBufferPointer<Double>) -> R) -> R {
            withUnsafeTemporaryAllocation(of: Double.self, capacity: count) { p in
                setup.parameters(theta: theta, into: p)
                return body(UnsafeBufferPointer(p))
            }
        }
        // ∇ₓ of the objective (mean plus penalty) at p; returns the objective.
        let gradientInX: @Sendable (UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> Double = { p, gx in
            let total = self.data.withUnsafeBufferPointer { self.sums($0, count: m, p: p, gx: gx) }
            for (k, index) in setup.free.enumerated() {
                gx[k] = gx[k] * scale + (setup.penalized[k] ? lambda * p[index] : 0)
            }
            return total * scale + setup.penalty(p)
        }
        var sparse: SparseHessian? = nil
        if let hessians {
            let rows = self.rows, columns = self.columns
            sparse = SparseHessian(rows: rows, columns: columns) { theta, v in
                withParameters(theta) { p in
                    self.data.withUnsafeBufferPointer { c in
                        hessians.sum(columns: c, pointCount: m, shared: p, into: v, threads: setup.threads)
                    }
                    withUnsafeTemporaryAllocation(of: Double.self, capacity: n) { gx in
                        if bounded { _ = gradientInX(p, gx) }
                        for e in rows.indices {
                            let r = rows[e], c = columns[e]
                            var h = v[e] * scale
                            if r == c && setup.penalized[r] { h += lambda }
                            let tr = setup.transforms[r], tc = setup.transforms[c]
                            h *= tr.derivative(theta[r]) * tc.derivative(theta[c])
                            if r == c && bounded { h += gx[r] * tr.secondDerivative(theta[r]) }
                            v[e] = h
                        }
                    }
                }
            }
        }
        return Objective(
            dimension: n,
            value: { theta in
                withParameters(theta) { p in
                    withUnsafeTemporaryAllocation(of: Double.self, capacity: 1) { s in
                        self.data.withUnsafeBufferPointer { c in
                            self.values.sum(columns: c, pointCount: m, shared: p, into: s, threads: setup.threads)
                        }
                        return s[0] * scale + setup.penalty(p)
                    }
                }
            },
            sparseHessian: sparse,
            valueAndGradient: { theta, g in
                withParameters(theta) { p in
                    self.recorded.withLock { $0 = Array(p) }
                    let value = gradientInX(p, g)
                    for k in 0..<n { g[k] *= setup.transforms[k].derivative(theta[k]) }
                    return value
                }
            })
    }

    /// The mini-batch objective: each batch returns Σ_batch L + b·(λ/2)Σp²,
    /// so that its mean carries the penalty once.
    func stochasticObjective() -> StochasticObjective {
        let setup = self.setup, m = setup.sampleCount, n = setup.free.count, count = setup.model.parameters.count
        let d = setup.model.inputs.count + 1
        let lambda = setup.options.l2
        return StochasticObjective(dimension: n, sampleCount: m) { batch, theta, g in
            let b = batch.count
            return withUnsafeTemporaryAllocation(of: Double.self, capacity: count + d * b) { scratch in
                let p = UnsafeMutableBufferPointer(rebasing: scratch[0..<count])
                let gathered = UnsafeMutableBufferPointer(rebasing: scratch[count...])
                setup.parameters(theta: theta, into: p)
                self.data.withUnsafeBufferPointer { source in
                    for j in 0..<d {
                        for (k, i) in batch.enumerated() { gathered[j * b + k] = source[j * m + i] }
                    }
                }
                self.recorded.withLock { $0 = Array(p) }
                var total = self.sums(UnsafeBufferPointer(gathered), count: b, p: UnsafeBufferPointer(p), gx: g)
                total += Double(b) * setup.penalty(UnsafeBufferPointer(p))
                for (k, index) in setup.free.enumerated() {
                    if setup.penalized[k] { g[k] += Double(b) * lambda * p[index] }
                    g[k] *= setup.transforms[k].derivative(theta[k])
                }
                return total
            }
        }
    }
}
