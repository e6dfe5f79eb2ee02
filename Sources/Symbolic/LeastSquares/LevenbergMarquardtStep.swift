/// The Levenberg–Marquardt parameter: the λ ≥ 0 for which the damped
/// Gauss–Newton step p(λ), the solution of min ‖J p + r‖² + λ‖D p‖², has
/// ‖D p‖ ≈ Δ (MINPACK `lmpar`, Moré 1978 §5).
///
/// λ comes from a safeguarded Newton iteration on φ(λ) = ‖D p(λ)‖ − Δ,
/// kept inside bounds [l, u] that tighten every step; the iteration stops
/// when |φ| ≤ 0.1·Δ (ten steps at most, which in practice is never reached).
/// Each step solves the damped system through the QR factor of J and Givens
/// rotations (``PivotedQR/solveDamped(_:leading:size:permutation:diagonal:qtb:x:sdiag:scratch:)``).
enum LevenbergMarquardtStep {
    /// Computes λ and the step.
    ///
    /// - Parameters:
    ///   - r: The n×n R factor in the upper triangle (leading dimension
    ///     `ld`); its strict lower triangle is overwritten.
    ///   - diagonal: The scaling D (unpermuted).
    ///   - qtb: The first n entries of Qᵀr.
    ///   - radius: Δ.
    ///   - parameter: λ on entry (a starting guess) and on return.
    ///   - step: Receives p(λ) (to be negated: the step solves J p ≈ r).
    ///   - scratch: 4·n values.
    static func compute(r: UnsafeMutablePointer<Double>, leading ld: Int, size n: Int,
                        permutation: UnsafePointer<Int>, diagonal: UnsafePointer<Double>,
                        qtb: UnsafePointer<Double>, radius delta: Double, parameter: inout Double,
                        step x: UnsafeMutablePointer<Double>, scratch: UnsafeMutablePointer<Double>) {
        let sdiag = scratch, wa1 = scratch + n, wa2 = scratch + 2 * n, wa3 = scratch + 3 * n
        let dwarf = Double.leastNormalMagnitude

        // The Gauss–Newton direction (least-squares solution if R is singular).
        var rank = n
        for j in 0..<n {
            wa1[j] = qtb[j]
            if r[j + j * ld] == 0 && rank == n { rank = j }
            if rank < n { wa1[j] = 0 }
        }
        var k = rank - 1
        while k >= 0 {
            wa1[k] /= r[k + k * ld]
            let t = wa1[k]
            for i in 0..<k { wa1[i] -= r[i + k * ld] * t }
            k -= 1
        }
        for j in 0..<n { x[permutation[j]] = wa1[j] }

        for j in 0..<n { wa2[j] = diagonal[j] * x[j] }
        var dxnorm = PivotedQR.norm(UnsafePointer(wa2), count: n)
        var fp = dxnorm - delta
        if fp <= 0.1 * delta {
            parameter = 0
            return
        }

        // Lower bound: from the Newton step at λ = 0 (only when J has full rank).
        var lower = 0.0
        if rank >= n {
            for j in 0..<n {
                let l = permutation[j]
                wa1[j] = diagonal[l] * (wa2[l] / dxnorm)
            }
            for j in 0..<n {
                var sum = 0.0
                for i in 0..<j { sum += r[i + j * ld] * wa1[i] }
                wa1[j] = (wa1[j] - sum) / r[j + j * ld]
            }
            let t = PivotedQR.norm(UnsafePointer(wa1), count: n)
            lower = ((fp / delta) / t) / t
        }
        // Upper bound: ‖D⁻¹ Jᵀ r‖ / Δ.
        for j in 0..<n {
            var sum = 0.0
            for i in 0...j { sum += r[i + j * ld] * qtb[i] }
            wa1[j] = sum / diagonal[permutation[j]]
        }
        let gnorm = PivotedQR.norm(UnsafePointer(wa1), count: n)
        var upper = gnorm / delta
        if upper == 0 { upper = dwarf / Swift.min(delta, 0.1) }

        parameter = Swift.min(Swift.max(parameter, lower), upper)
        if parameter == 0 { parameter = gnorm / dxnorm }

        var iteration = 0
        while true {
            iteration += 1
            if parameter == 0 { parameter = Swift.max(dwarf, 0.001 * upper) }
            let root = parameter.squareRoot()
            for j in 0..<n { wa1[j] = root * diagonal[j] }
            PivotedQR.solveDamped(r, leading: ld, size: n, permutation: permutation, diagonal: UnsafePointer(wa1),
                                  qtb: qtb, x: x, sdiag: sdiag, scratch: wa3)
            for j in 0..<n { wa2[j] = diagonal[j] * x[j] }
            dxnorm = PivotedQR.norm(UnsafePointer(wa2), count: n)
            let previous = fp
            fp = dxnorm - delta
            // Close enough, or λ = 0 is the answer (the bound cannot improve),
            // or the iteration limit.
            if Swift.abs(fp) <= 0.1 * delta || (lower == 0 && fp <= previous && previous < 0) || iteration == 10 {
                break
            }
            // Newton correction for φ, using the factor S of the damped system.
            for j in 0..<n {
                let l = permutation[j]
                wa1[j] = diagonal[l] * (wa2[l] / dxnorm)
            }
            for j in 0..<n {
                wa1[j] /= sdiag[j]
                let t = wa1[j]
                for i in (j + 1)..<Swift.max(n, j + 1) { wa1[i] -= r[i + j * ld] * t }
            }
            let t = PivotedQR.norm(UnsafePointer(wa1), count: n)
            let correction = ((fp / delta) / t) / t
            if fp > 0 { lower = Swift.max(lower, parameter) }
            if fp < 0 { upper = Swift.min(upper, parameter) }
            parameter = Swift.max(lower, parameter + correction)
        }
    }
}
