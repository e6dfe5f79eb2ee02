/// Newton's method: the direction solves (∇²f + τD) p = −∇f (D a diagonal scaling), where the
/// shift τ ≥ 0 of ``ShiftedCholesky`` makes the matrix positive definite
/// (τ = 0 whenever the Hessian already is, giving the pure Newton step),
/// followed by a Moré–Thuente line search from step 1.
///
/// With a ``SparseHessian`` only the non-zero lower triangle is evaluated
/// and scattered into the envelope the factorisation works on.
struct NewtonModel: DescentModel {
    let n: Int
    let hessian: UnsafeMutableBufferPointer<Double>
    var cholesky: ShiftedCholesky
    var isFresh: Bool { true }
    let sparse: SparseHessian?
    /// For the sparse path: each row's first structurally non-zero column,
    /// and a buffer for the entries' values.
    let profile: UnsafeMutableBufferPointer<Int>
    let values: UnsafeMutableBufferPointer<Double>

    init(dimension: Int, sparse: SparseHessian?, scratch: OptimizationScratch) {
        n = dimension
        hessian = scratch.vector(dimension * dimension)
        cholesky = ShiftedCholesky(dimension: dimension, scratch: scratch)
        self.sparse = sparse
        profile = scratch.integers(sparse == nil ? 0 : dimension)
        values = scratch.vector(sparse?.rows.count ?? 0)
        if let sparse {
            for i in 0..<dimension { profile[i] = i }
            for k in sparse.rows.indices {
                profile[sparse.rows[k]] = Swift.min(profile[sparse.rows[k]], sparse.columns[k])
            }
        }
    }

    /// Evaluates the Hessian at the current iterate and factors it.
    private mutating func factorizeHessian(_ run: OptimizationRun) -> Bool {
        guard let sparse else {
            run.evaluateHessian(run.x, into: hessian)
            return cholesky.factorize(UnsafeBufferPointer(hessian))
        }
        run.hessianEvaluations += 1
        sparse.values(UnsafeBufferPointer(run.x), values)
        for i in 0..<n {
            let row = i * n
            for j in profile[i]...i { hessian[row + j] = 0 }
        }
        for k in sparse.rows.indices { hessian[sparse.rows[k] * n + sparse.columns[k]] = values[k] }
        return cholesky.factorize(lowerEnvelopeOf: UnsafeBufferPointer(hessian), profile: UnsafeBufferPointer(profile))
    }

    mutating func direction(_ run: OptimizationRun, into p: UnsafeMutableBufferPointer<Double>) -> Double {
        guard factorizeHessian(run) else {
            // A non-finite Hessian: the loop falls back to steepest descent.
            return .nan
        }
        for i in 0..<n { p[i] = -run.g[i] }
        cholesky.solve(p)
        return 1
    }

    mutating func update(_ run: OptimizationRun, s: UnsafeBufferPointer<Double>, y: UnsafeBufferPointer<Double>) {}

    mutating func reset() {}
}
