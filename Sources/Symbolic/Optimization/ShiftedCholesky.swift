/// Cholesky factorisation of H + τI for a symmetric matrix H stored dense
/// and row-major, with τ ≥ 0 raised until the factorisation succeeds
/// (Nocedal & Wright, Algorithm 3.3, "Cholesky with added multiple of the
/// identity"). This makes Newton's method well defined for indefinite and
/// singular Hessians: a large τ turns the Newton step into a short
/// steepest-descent step, as Levenberg–Marquardt damping does.
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
    /// The shift of the last successful factorisation.
    private(set) var shift = 0.0

    init(dimension: Int, scratch: Scratch) {
        n = dimension
        factor = scratch.vector(dimension * dimension)
        first = scratch.integers(dimension)
    }

    /// Factors H + τI with the smallest τ of the sequence 0 (when H's
    /// diagonal is positive), β, 4β, 16β, … that succeeds, where β is 10⁻³
    /// times the largest diagonal magnitude of H. Returns `false` when H has
    /// non-finite entries.
    mutating func factorize(_ h: UnsafeBufferPointer<Double>) -> Bool {
        var largest = 0.0
        var smallest = Double.infinity
        for i in 0..<n {
            let d = h[i * n + i]
            guard d.isFinite else { return false }
            largest = Swift.max(largest, Swift.abs(d))
            smallest = Swift.min(smallest, d)
        }
        for i in 0..<n {
            var j = 0
            let row = i * n
            while j < i && h[row + j] == 0 { j += 1 }
            first[i] = j
            for k in j..<i where !h[row + k].isFinite { return false }
        }
        let beta = 1e-3 * (largest > 0 ? largest : 1)
        var tau = smallest > 0 ? 0 : -smallest + beta
        for _ in 0..<200 {
            if attempt(h, shift: tau, pivotFloor: 1e-14 * (largest + tau)) {
                shift = tau
                return true
            }
            tau = Swift.max(4 * tau, beta)
        }
        return false
    }

    /// One row-by-row (bordered) Cholesky attempt of H + τI.
    private func attempt(_ h: UnsafeBufferPointer<Double>, shift tau: Double, pivotFloor: Double) -> Bool {
        for i in 0..<n {
            let row = i * n
            let fi = first[i]
            for j in fi..<i {
                var s = h[row + j]
                let rowJ = j * n
                for k in Swift.max(fi, first[j])..<j { s -= factor[row + k] * factor[rowJ + k] }
                factor[row + j] = s / factor[rowJ + j]
            }
            var d = h[row + i] + tau
            for k in fi..<i { d -= factor[row + k] * factor[row + k] }
            guard d > pivotFloor, d.isFinite else { return false }
            factor[row + i] = d.squareRoot()
        }
        return true
    }

    /// Solves (H + τI) x = b in place (`b` becomes x).
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
