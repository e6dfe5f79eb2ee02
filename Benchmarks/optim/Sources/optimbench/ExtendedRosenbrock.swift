import Symbolic

/// Extended Rosenbrock (MGH 21) as hand-written closures: the baseline the
/// symbolic objective is measured against. The tridiagonal Hessian is given
/// sparse (3 entries per pair), as the symbolic objective gives it.
func handWrittenExtendedRosenbrock(_ n: Int) -> Objective {
    var rows: [Int] = [], columns: [Int] = []
    for i in stride(from: 0, to: n, by: 2) {
        rows += [i, i + 1, i + 1]
        columns += [i, i, i + 1]
    }
    let sparse = SparseHessian(rows: rows, columns: columns) { x, v in
        var i = 0, k = 0
        while i < n {
            v[k] = 1200 * x[i] * x[i] - 400 * x[i + 1] + 2
            v[k + 1] = -400 * x[i]
            v[k + 2] = 200
            i += 2
            k += 3
        }
    }
    return Objective(
        dimension: n,
        value: { x in
            var f = 0.0
            var i = 0
            while i < n {
                let r = x[i + 1] - x[i] * x[i], s = 1 - x[i]
                f += 100 * r * r + s * s
                i += 2
            }
            return f
        },
        sparseHessian: sparse,
        valueAndGradient: { x, g in
            var f = 0.0
            var i = 0
            while i < n {
                let r = x[i + 1] - x[i] * x[i], s = 1 - x[i]
                f += 100 * r * r + s * s
                g[i] = -400 * x[i] * r - 2 * s
                g[i + 1] = 200 * r
                i += 2
            }
            return f
        })
}
