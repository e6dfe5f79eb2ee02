import Foundation

/// Numerical derivatives by central finite differences: an independent check
/// of symbolic derivatives, as the course notes recommend ("gradient
/// checking").
///
/// Steps are scaled per coordinate, `h = c·max(1, |xᵢ|)`, with `c = ε^(1/3)`
/// for first derivatives (balancing the O(h²) truncation error against
/// rounding, about 1e-10 relative accuracy) and `c = ε^(1/4)` for second
/// derivatives. With Richardson extrapolation the error is O(h⁴) and the step
/// constant is `ε^(1/5)`, giving about 1e-12.
public enum FiniteDifferences {
    /// The derivative of `f` at `x`.
    public static func derivative(of f: (Double) -> Double, at x: Double, richardson: Bool = false) -> Double {
        let scale = Swift.max(1, Swift.abs(x))
        if richardson {
            let h = pow(Double.ulpOfOne, 1.0 / 5) * scale
            let coarse = (f(x + h) - f(x - h)) / (2 * h)
            let fine = (f(x + h / 2) - f(x - h / 2)) / h
            return (4 * fine - coarse) / 3
        }
        let h = cbrt(Double.ulpOfOne) * scale
        return (f(x + h) - f(x - h)) / (2 * h)
    }

    /// The gradient of `f` at `x` by central differences (2n evaluations,
    /// 4n with Richardson extrapolation).
    public static func gradient(of f: ([Double]) -> Double, at x: [Double], richardson: Bool = false) -> [Double] {
        var point = x
        return x.indices.map { i in
            derivative(of: { t in point[i] = t; defer { point[i] = x[i] }; return f(point) }, at: x[i], richardson: richardson)
        }
    }

    /// The Hessian of `f` at `x` by second-order central differences
    /// (symmetric by construction).
    public static func hessian(of f: ([Double]) -> Double, at x: [Double]) -> [[Double]] {
        let n = x.count
        let c = pow(Double.ulpOfOne, 1.0 / 4)
        let h = x.map { c * Swift.max(1, Swift.abs($0)) }
        var p = x
        func f2(_ i: Int, _ di: Double, _ j: Int, _ dj: Double) -> Double {
            p[i] += di; p[j] += dj
            defer { p = x }
            return f(p)
        }
        let f0 = f(x)
        var result = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        for i in 0..<n {
            result[i][i] = (f2(i, h[i], i, 0) - 2 * f0 + f2(i, -h[i], i, 0)) / (h[i] * h[i])
            for j in 0..<i {
                let v = (f2(i, h[i], j, h[j]) - f2(i, h[i], j, -h[j]) - f2(i, -h[i], j, h[j]) + f2(i, -h[i], j, -h[j]))
                    / (4 * h[i] * h[j])
                result[i][j] = v
                result[j][i] = v
            }
        }
        return result
    }

    /// The Jacobian of a vector function by central differences of each
    /// component; with `g` a gradient, this is the Hessian from differences
    /// of gradients.
    public static func jacobian(of g: ([Double]) -> [Double], at x: [Double], richardson: Bool = false) -> [[Double]] {
        let m = g(x).count
        var columns: [[Double]] = []
        var point = x
        for i in x.indices {
            let scale = Swift.max(1, Swift.abs(x[i]))
            let h = (richardson ? pow(Double.ulpOfOne, 1.0 / 5) : cbrt(Double.ulpOfOne)) * scale
            func at(_ t: Double) -> [Double] { point[i] = t; defer { point[i] = x[i] }; return g(point) }
            let (plus, minus) = (at(x[i] + h), at(x[i] - h))
            var column = (0..<m).map { (plus[$0] - minus[$0]) / (2 * h) }
            if richardson {
                let (p2, m2) = (at(x[i] + h / 2), at(x[i] - h / 2))
                column = (0..<m).map { (4 * (p2[$0] - m2[$0]) / h - column[$0]) / 3 }
            }
            columns.append(column)
        }
        return (0..<m).map { r in x.indices.map { columns[$0][r] } }
    }
}

extension Expression {
    /// The gradient at `point` by central finite differences, for checking
    /// symbolic gradients.
    ///
    /// - Throws: ``EvaluationError/unboundVariable(_:)``.
    public func numericalGradient(withRespectTo variables: [String], at point: [String: Double],
                                  richardson: Bool = false) throws(EvaluationError) -> [Double] {
        for v in self.variables where point[v] == nil { throw .unboundVariable(v) }
        let x = variables.map { point[$0] ?? 0 }
        return FiniteDifferences.gradient(of: { values in
            var p = point
            for (v, value) in zip(variables, values) { p[v] = value }
            return (try? evaluate(at: p)) ?? .nan
        }, at: x, richardson: richardson)
    }
}
