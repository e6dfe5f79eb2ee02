/// Dense linear algebra for Levenberg–Marquardt, on column-major m×n
/// matrices (`a[i + j*m]` is row i, column j), after MINPACK's `qrfac`,
/// `qrsolv` and `covar` (Moré, Garbow & Hillstrom 1980).
///
/// Everything works on J itself through Householder reflections and Givens
/// rotations; JᵀJ is never formed, so the condition number is not squared.
enum PivotedQR {
    /// The Euclidean norm of `count` values starting at `x[start]` with
    /// stride 1, scaled by the largest magnitude so that neither tiny nor huge
    /// entries underflow or overflow when squared.
    @inline(__always)
    static func norm(_ x: UnsafePointer<Double>, count: Int) -> Double {
        var largest = 0.0
        for i in 0..<count { largest = Swift.max(largest, Swift.abs(x[i])) }
        if largest == 0 || !largest.isFinite { return largest }
        var sum = 0.0
        for i in 0..<count {
            let scaled = x[i] / largest
            sum += scaled * scaled
        }
        return largest * sum.squareRoot()
    }

    /// The norm of a whole buffer.
    static func norm(_ x: UnsafeMutableBufferPointer<Double>) -> Double {
        norm(UnsafePointer(x.baseAddress!), count: x.count)
    }

    /// Householder QR with column pivoting of the m×n matrix `a` (m ≥ n),
    /// in place: on return the strict upper triangle of the leading n×n
    /// block holds R's off-diagonal entries, `rdiag` R's diagonal, and the
    /// lower trapezoid the Householder vectors (column j's vector starts at
    /// row j). Column j of R·Pᵀ… is column `permutation[j]` of the input:
    /// A·P = Q·R with P the permutation.
    ///
    /// - Parameters:
    ///   - columnNorms: Receives the norms of the input columns.
    ///   - scratch: n values of workspace.
    static func factor(_ a: UnsafeMutablePointer<Double>, rows m: Int, columns n: Int,
                       permutation: UnsafeMutablePointer<Int>, rdiag: UnsafeMutablePointer<Double>,
                       columnNorms: UnsafeMutablePointer<Double>, scratch wa: UnsafeMutablePointer<Double>) {
        let epsilon = Double.ulpOfOne
        for j in 0..<n {
            columnNorms[j] = norm(a + j * m, count: m)
            rdiag[j] = columnNorms[j]
            wa[j] = rdiag[j]
            permutation[j] = j
        }
        for j in 0..<Swift.min(m, n) {
            // Bring the column of largest remaining norm into the pivot position.
            var kmax = j
            for k in j..<n where rdiag[k] > rdiag[kmax] { kmax = k }
            if kmax != j {
                for i in 0..<m { swap(&a[i + j * m], &a[i + kmax * m]) }
                rdiag[kmax] = rdiag[j]
                wa[kmax] = wa[j]
                swap(&permutation[j], &permutation[kmax])
            }
            // The Householder reflection that zeroes column j below the diagonal.
            let column = a + j * m
            var ajnorm = norm(column + j, count: m - j)
            if ajnorm != 0 {
                if column[j] < 0 { ajnorm = -ajnorm }
                for i in j..<m { column[i] /= ajnorm }
                column[j] += 1
                for k in (j + 1)..<Swift.max(n, j + 1) {
                    let other = a + k * m
                    var sum = 0.0
                    for i in j..<m { sum += column[i] * other[i] }
                    let t = sum / column[j]
                    for i in j..<m { other[i] -= t * column[i] }
                    // Downdate the remaining column norm; recompute it when
                    // cancellation has eaten its accuracy.
                    if rdiag[k] != 0 {
                        let ratio = other[j] / rdiag[k]
                        rdiag[k] *= Swift.max(0, 1 - ratio * ratio).squareRoot()
                        let relative = rdiag[k] / wa[k]
                        if 0.05 * relative * relative <= epsilon {
                            rdiag[k] = norm(other + j + 1, count: m - j - 1)
                            wa[k] = rdiag[k]
                        }
                    }
                }
            }
            rdiag[j] = -ajnorm
        }
    }

    /// Overwrites `b` (m values) with Qᵀb, using the Householder vectors that
    /// ``factor(_:rows:columns:permutation:rdiag:columnNorms:scratch:)`` left in `a`.
    static func applyQTranspose(_ a: UnsafePointer<Double>, rows m: Int, columns n: Int,
                                to b: UnsafeMutablePointer<Double>) {
        for j in 0..<Swift.min(m, n) {
            let column = a + j * m
            guard column[j] != 0 else { continue }
            var sum = 0.0
            for i in j..<m { sum += column[i] * b[i] }
            let t = -sum / column[j]
            for i in j..<m { b[i] += t * column[i] }
        }
    }

    /// Solves min ‖A·x − b‖² + ‖D·x‖² given the pivoted QR of A, by
    /// eliminating D with Givens rotations (MINPACK `qrsolv`).
    ///
    /// - Parameters:
    ///   - r: n×n column-major with leading dimension `ld`: R in the upper
    ///     triangle (diagonal included). The upper triangle is kept; the
    ///     strict lower triangle receives Sᵀ's strict part, where S is the
    ///     triangular factor of the augmented system (`sdiag` its diagonal).
    ///   - diagonal: D's diagonal, in the original (unpermuted) order.
    ///   - qtb: The first n entries of Qᵀb.
    ///   - x: Receives the solution (unpermuted).
    static func solveDamped(_ r: UnsafeMutablePointer<Double>, leading ld: Int, size n: Int,
                            permutation: UnsafePointer<Int>, diagonal: UnsafePointer<Double>,
                            qtb: UnsafePointer<Double>, x: UnsafeMutablePointer<Double>,
                            sdiag: UnsafeMutablePointer<Double>, scratch wa: UnsafeMutablePointer<Double>) {
        for j in 0..<n {
            for i in j..<n { r[i + j * ld] = r[j + i * ld] }
            x[j] = r[j + j * ld]
            wa[j] = qtb[j]
        }
        for j in 0..<n {
            let l = permutation[j]
            if diagonal[l] != 0 {
                for k in j..<n { sdiag[k] = 0 }
                sdiag[j] = diagonal[l]
                var qtbpj = 0.0
                for k in j..<n where sdiag[k] != 0 {
                    let rkk = r[k + k * ld]
                    let sine: Double, cosine: Double
                    if Swift.abs(rkk) < Swift.abs(sdiag[k]) {
                        let cotangent = rkk / sdiag[k]
                        sine = 0.5 / (0.25 + 0.25 * cotangent * cotangent).squareRoot()
                        cosine = sine * cotangent
                    } else {
                        let tangent = sdiag[k] / rkk
                        cosine = 0.5 / (0.25 + 0.25 * tangent * tangent).squareRoot()
                        sine = cosine * tangent
                    }
                    r[k + k * ld] = cosine * rkk + sine * sdiag[k]
                    let t = cosine * wa[k] + sine * qtbpj
                    qtbpj = -sine * wa[k] + cosine * qtbpj
                    wa[k] = t
                    for i in (k + 1)..<Swift.max(n, k + 1) {
                        let rik = r[i + k * ld]
                        r[i + k * ld] = cosine * rik + sine * sdiag[i]
                        sdiag[i] = -sine * rik + cosine * sdiag[i]
                    }
                }
            }
            sdiag[j] = r[j + j * ld]
            r[j + j * ld] = x[j]
        }
        // Back substitution; a singular S gives the least-squares solution.
        var rank = n
        for j in 0..<n {
            if sdiag[j] == 0 && rank == n { rank = j }
            if rank < n { wa[j] = 0 }
        }
        var j = rank - 1
        while j >= 0 {
            var sum = 0.0
            for i in (j + 1)..<Swift.max(rank, j + 1) { sum += r[i + j * ld] * wa[i] }
            wa[j] = (wa[j] - sum) / sdiag[j]
            j -= 1
        }
        for j in 0..<n { x[permutation[j]] = wa[j] }
    }

    /// (AᵀA)⁻¹ from the pivoted QR of A: (RᵀR)⁻¹ with the pivoting undone,
    /// as n×n row-major values. Columns whose |R_kk| ≤ `tolerance`·|R_00|
    /// are treated as dependent: their rows and columns are NaN.
    static func inverseNormalMatrix(r: UnsafePointer<Double>, leading ld: Int, rdiag: UnsafePointer<Double>,
                                    size n: Int, permutation: UnsafePointer<Int>,
                                    tolerance: Double) -> [Double] {
        // R's effective rank.
        var rank = 0
        let limit = tolerance * Swift.abs(rdiag[0])
        while rank < n && Swift.abs(rdiag[rank]) > limit { rank += 1 }
        // Rinv = R⁻¹ for the leading rank×rank block (upper triangular).
        var inverse = [Double](repeating: 0, count: n * n)  // column-major
        for j in 0..<rank {
            inverse[j + j * n] = 1 / rdiag[j]
            var i = j - 1
            while i >= 0 {
                var sum = 0.0
                for k in (i + 1)...j { sum += r[i + k * ld] * inverse[k + j * n] }
                inverse[i + j * n] = -sum / rdiag[i]
                i -= 1
            }
        }
        var covariance = [Double](repeating: .nan, count: n * n)
        for a in 0..<rank {
            for b in 0..<rank {
                // (R⁻¹R⁻ᵀ)_ab = Σ_k Rinv[a,k] Rinv[b,k], k ≥ max(a, b).
                var sum = 0.0
                for k in Swift.max(a, b)..<rank { sum += inverse[a + k * n] * inverse[b + k * n] }
                covariance[permutation[a] * n + permutation[b]] = sum
            }
        }
        return covariance
    }
}
