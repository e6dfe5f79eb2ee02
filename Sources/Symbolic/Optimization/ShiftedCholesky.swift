/// Cholesky factorisation of H + τD for a symmetric matrix H stored dense
/// and row-major, with τ ≥ 0 raised until the factorisation succeeds
/// (Nocedal & Wright, Algorithm 3.3, "Cholesky with added multiple of the
/// identity", with a diagonal scaling D in place of I). This makes Newton's
/// method well defined for indefinite and singular Hessians: a large τ turns
/// the Newton step into a short scaled steepest-descent step, as
/// Levenberg–Marquardt damping does.
///
/// D holds each row's absolute sum Σⱼ|hᵢⱼ| (a Gershgorin bound). With I, the
/// shift needed for one stiff variable swamps the others on badly scaled
/// problems (MGH's Powell badly scaled has curvatures 10¹⁰ and 10⁻² and
/// stalls); with Marquardt's D = diag|hᵢᵢ|, a variable with tiny curvature
/// but strong coupling needs a huge τ (MGH's Biggs EXP6 stalls). Row sums
/// are scale-aware and account for coupling; both problems converge.
///
/// The factorisation works on each row's *envelope* (from its first
/// non-zero entry to the diagonal), which Cholesky fills in but never
/// leaves, so banded Hessians such as extended Rosenbrock's cost O(n·b²)
/// instead of O(n³) while the storage stays dense.
struct ShiftedCholesky {
    let n: Int
    /// The lower-triangular factor L (row-major, upper part unused).
    let factor: UnsafeMutableBufferPointer<Double>
    /// For each row, the column of its first non-zero entry in H.
    private let first: UnsafeMutableBufferPointer<Int>
    /// The diagonal scaling D (row sums of |H|).
    private let scaling: UnsafeMutableBufferPointer<Double>
    /// The shift of the last successful factorisation.
    private(set) var shift = 0.0

    init(dimension: Int, scratch: OptimizationScratch) {
        n = dimension
        factor = scratch.vector(dimension * dimension)
        first = scratch.integers(dimension)
        scaling = scratch.vector(dimension)
    }

    /// Factors H + τD for a dense symmetric H, finding each row's envelope
    /// by scanning for its first non-zero entry. Returns `false` when H has
    /// non-finite entries.
    mutating func factorize(_ h: UnsafeBufferPointer<Double>) -> Bool {
        for i in 0..<n {
            var j = 0
            let row = i * n
            while j < i && h[row + j] == 0 { j += 1 }
            first[i] = j
            var rowSum = 0.0
            for k in 0..<n { rowSum += Swift.abs(h[row + k]) }
            guard rowSum.isFinite else { return false }
            scaling[i] = rowSum
        }
        return shiftAndFactor(h)
    }

    /// Factors H + τD when only the lower triangle inside the known row
    /// envelopes `profile` (first column of each row) holds H, as the sparse
    /// Hessian path of Newton's method leaves it: O(envelope) work besides
    /// the factorisation itself.
    mutating func factorize(lowerEnvelopeOf h: UnsafeBufferPointer<Double>, profile: UnsafeBufferPointer<Int>) -> Bool {
        for i in 0..<n { scaling[i] = 0 }
        for i in 0..<n {
            first[i] = profile[i]
            let row = i * n
            for j in profile[i]..<i {
                let a = Swift.abs(h[row + j])
                scaling[i] += a
                scaling[j] += a
            }
            scaling[i] += Swift.abs(h[row + i])
        }
        for i in 0..<n where !scaling[i].isFinite { return false }
        return shiftAndFactor(h)
    }

    /// Tries τ = 0 (when H's diagonal is positive), 10⁻³, 4·10⁻³, 16·10⁻³, …
    /// with Dᵢᵢ = max(Σⱼ|hᵢⱼ|, 10⁻⁸·maxⱼ|hⱼⱼ|) until the factorisation
    /// succeeds. `scaling` holds the row sums on entry.
    private mutating func shiftAndFactor(_ h: UnsafeBufferPointer<Double>) -> Bool {
        var largest = 0.0
        var smallest = Double.infinity
        for i in 0..<n {
            let d = h[i * n + i]
            largest = Swift.max(largest, Swift.abs(d))
            smallest = Swift.min(smallest, d)
        }
        let floor = largest > 0 ? 1e-8 * largest : 1
        for i in 0..<n { scaling[i] = Swift.max(scaling[i], floor) }
        var tau = smallest > 0 ? 0 : 1e-3
        for _ in 0..<200 {
            if attempt(h, shift: tau) {
                shift = tau
                return true
            }
            tau = Swift.max(4 * tau, 1e-3)
        }
        return false
    }

    /// One row-by-row (bordered) Cholesky attempt of H + τD.
    private func attempt(_ h: UnsafeBufferPointer<Double>, shift tau: Double) -> Bool {
        for i in 0..<n {
            let row = i * n
            let fi = first[i]
            for j in fi..<i {
                var s = h[row + j]
                let rowJ = j * n
                for k in Swift.max(fi, first[j])..<j { s -= factor[row + k] * factor[rowJ + k] }
                factor[row + j] = s / factor[rowJ + j]
            }
            let diagonal = h[row + i] + tau * scaling[i]
            var d = diagonal
            for k in fi..<i { d -= factor[row + k] * factor[row + k] }
            // A pivot that lost all but ~14 digits of its diagonal signals a
            // (numerically) singular matrix: shift rather than divide by noise.
            guard d > 1e-14 * Swift.abs(diagonal), d > 0, d.isFinite else { return false }
            factor[row + i] = d.squareRoot()
        }
        return true
    }

    /// Solves (H + τD) x = b in place (`b` becomes x).
    func solve(_ b: UnsafeMutableBufferPointer<Double>) {
        // L z = b, row by row over each envelope.
        for i in 0..<n {
            let row = i * n
            var s = b[i]
            for k in first[i]..<i { s -= factor[row + k] * b[k] }
            b[i] = s / factor[row + i]
        }
        // Lᵀ x = z, column by column (row i of L is column i of Lᵀ).
        var i = n - 1
        while i >= 0 {
            let row = i * n
            b[i] /= factor[row + i]
            let xi = b[i]
            for k in first[i]..<i { b[k] -= factor[row + k] * xi }
            i -= 1
        }
    }
}
