/// Newton's method: the direction solves (∇²f + τD) p = −∇f (D a diagonal scaling), where the
/// shift τ ≥ 0 of ``ShiftedCholesky`` makes the matrix positive definite
/// (τ = 0 whenever the Hessian already is, giving the pure Newton step),
/// followed by a Moré–Thuente line search from step 1.
struct NewtonModel: DescentModel {
    let n: Int
    let hessian: UnsafeMutableBufferPointer<Double>
    var cholesky: ShiftedCholesky
    var isFresh: Bool { true }

    init(dimension: Int, scratch: Scratch) {
        n = dimension
        hessian = scratch.vector(dimension * dimension)
        cholesky = ShiftedCholesky(dimension: dimension, scratch: scratch)
    }

    mutating func direction(_ run: OptimizationRun, into p: UnsafeMutableBufferPointer<Double>) -> Double {
        run.evaluateHessian(run.x, into: hessian)
        guard cholesky.factorize(UnsafeBufferPointer(hessian)) else {
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
