import Foundation
import Symbolic

/// Hand-written objectives (closures, no symbolic machinery) used to test
/// the optimisers on their own. The symbolic Moré–Garbow–Hillstrom problems
/// are in `TestProblemsMGH.swift`.
enum HandWrittenProblems {
    /// The course-notes example J(w) = w² − 2w + 5, minimum J(1) = 4.
    static let courseNotes = Objective(
        dimension: 1,
        hessian: { _, h in h[0] = 2 },
        valueAndGradient: { w, g in
            g[0] = 2 * w[0] - 2
            return w[0] * w[0] - 2 * w[0] + 5
        })

    /// f(x) = ½ Σ dᵢ (xᵢ − cᵢ)², a convex quadratic with minimum 0 at c.
    static func quadratic(diagonal d: [Double], center c: [Double]) -> Objective {
        Objective(
            dimension: d.count,
            hessian: { _, h in
                for i in 0..<d.count {
                    for j in 0..<d.count { h[i * d.count + j] = i == j ? d[i] : 0 }
                }
            },
            valueAndGradient: { x, g in
                var f = 0.0
                for i in 0..<d.count {
                    let r = x[i] - c[i]
                    g[i] = d[i] * r
                    f += 0.5 * d[i] * r * r
                }
                return f
            })
    }

    /// Rosenbrock's function 100(y − x²)² + (1 − x)², minimum 0 at (1, 1).
    static let rosenbrock = Objective(
        dimension: 2,
        hessian: { p, h in
            let x = p[0], y = p[1]
            h[0] = 1200 * x * x - 400 * y + 2
            h[1] = -400 * x
            h[2] = -400 * x
            h[3] = 200
        },
        valueAndGradient: { p, g in
            let x = p[0], y = p[1]
            let r = y - x * x
            g[0] = -400 * x * r - 2 * (1 - x)
            g[1] = 200 * r
            return 100 * r * r + (1 - x) * (1 - x)
        })

    /// Mean logistic loss of a small fixed data set with an intercept:
    /// w ↦ (1/m) Σ log(1 + exp(−yᵢ (w₀ + w₁ aᵢ + w₂ bᵢ))) + (λ/2)‖w‖²,
    /// strictly convex thanks to the ridge term λ = 0.01.
    static let logisticData: [(a: Double, b: Double, label: Double)] = [
        (0.5, 1.2, 1), (1.5, 0.3, 1), (-0.7, 0.8, -1), (0.2, -1.1, -1), (1.1, 1.9, 1),
        (-1.3, -0.4, -1), (0.9, -0.2, 1), (-0.1, 0.4, -1), (2.0, 0.1, 1), (-0.6, -1.5, -1),
        (0.3, 0.9, -1), (-0.4, 1.4, 1),
    ]

    static let logisticRegression = Objective(
        dimension: 3,
        hessian: { w, h in
            let m = Double(logisticData.count)
            for i in 0..<9 { h[i] = 0 }
            for (a, b, y) in logisticData {
                let feature = [1, a, b]
                let z = y * (w[0] + w[1] * a + w[2] * b)
                let s = 1 / (1 + exp(-z))
                let weight = s * (1 - s) / m
                for i in 0..<3 { for j in 0..<3 { h[i * 3 + j] += weight * feature[i] * feature[j] } }
            }
            for i in 0..<3 { h[i * 3 + i] += 0.01 }
        },
        valueAndGradient: { w, g in
            let m = Double(logisticData.count)
            var f = 0.0
            g[0] = 0; g[1] = 0; g[2] = 0
            for (a, b, y) in logisticData {
                let z = y * (w[0] + w[1] * a + w[2] * b)
                // log(1 + e^{-z}) computed stably for both signs of z.
                f += (z > 0 ? log1p(exp(-z)) : -z + log1p(exp(z))) / m
                let c = -y / (1 + exp(z)) / m
                g[0] += c; g[1] += c * a; g[2] += c * b
            }
            for i in 0..<3 {
                f += 0.005 * w[i] * w[i]
                g[i] += 0.01 * w[i]
            }
            return f
        })
}
