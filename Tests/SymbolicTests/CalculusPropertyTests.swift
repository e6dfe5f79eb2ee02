import Foundation
import Testing
@testable import Symbolic

/// Seeded property tests: symbolic first and second derivatives of random
/// expressions agree with two independent references — forward-mode dual
/// numbers and central finite differences — at random points.
@Suite("Calculus properties")
struct CalculusPropertyTests {
    static let variables = ["x", "y", "z"]

    static func values(_ e: [Expr], _ p: [String: Double]) throws -> [Double] {
        try e.map { try $0.evaluate(at: p) }
    }

    @Test(arguments: 0..<4)
    func gradientsAgreeWithDualsAndFiniteDifferences(batch: UInt64) throws {
        var random = RandomExpressions(seed: 1000 + batch)
        for _ in 0..<60 {
            let f = random.expression(depth: 4)
            let gradient = f.gradient(withRespectTo: Self.variables)
            let point = random.point()
            let symbolic = try Self.values(gradient, point)
            for (i, v) in Self.variables.enumerated() {
                var seeded: [String: Dual] = [:]
                for w in Self.variables { seeded[w] = Dual(point[w]!, derivative: w == v ? 1 : 0) }
                let dual = try f.evaluate(at: seeded)
                expectClose(symbolic[i], dual.derivative, relativeTolerance: 1e-9, "∂/∂\(v) of \(f)")
            }
            let numeric = try f.numericalGradient(withRespectTo: Self.variables, at: point, richardson: true)
            for i in 0..<3 {
                expectClose(symbolic[i], numeric[i], relativeTolerance: 2e-5, "∂/∂\(Self.variables[i]) of \(f)")
            }
        }
    }

    @Test(arguments: 0..<3)
    func hessiansAreSymmetricAndMatchDifferencesOfGradients(batch: UInt64) throws {
        var random = RandomExpressions(seed: 2000 + batch)
        for _ in 0..<30 {
            let f = random.expression(depth: 3)
            let h = f.hessian(withRespectTo: Self.variables)
            let gradient = f.gradient(withRespectTo: Self.variables)
            let point = random.point()
            let symbolic = try h.map { try Self.values($0, point) }
            for i in 0..<3 {
                for j in 0..<3 { #expect(h[i][j] == h[j][i], "H is not symmetric by construction for \(f)") }
            }
            // Finite differences of the (symbolic) gradient.
            let x0 = Self.variables.map { point[$0]! }
            let fd = FiniteDifferences.jacobian(of: { values in
                var p = point
                for (v, value) in zip(Self.variables, values) { p[v] = value }
                return (try? Self.values(gradient, p)) ?? [.nan, .nan, .nan]
            }, at: x0, richardson: true)
            // Dual numbers on the gradient expressions: an independent column per variable.
            for j in 0..<3 {
                var seeded: [String: Dual] = [:]
                for (k, w) in Self.variables.enumerated() { seeded[w] = Dual(point[w]!, derivative: k == j ? 1 : 0) }
                for i in 0..<3 {
                    let dual = try gradient[i].evaluate(at: seeded).derivative
                    expectClose(symbolic[i][j], dual, relativeTolerance: 1e-9, "H[\(i)][\(j)] of \(f)")
                    expectClose(symbolic[i][j], fd[i][j], relativeTolerance: 1e-5, "H[\(i)][\(j)] of \(f)")
                }
            }
        }
    }

    @Test func derivativeOfSimplifiedEqualsDerivativeOfOriginal() throws {
        var random = RandomExpressions(seed: 3000)
        for _ in 0..<150 {
            // Wrap in functions the simplifier rewrites, so it has work to do.
            let u = random.expression(depth: 3), v = random.expression(depth: 2)
            let f = log(exp(u)) + exp(u) * exp(v) + pow(sqrt(1 + v * v), 2) + pow(abs(u), 2)
            let s = f.simplified()
            let point = random.point()
            let original = try Self.values(f.gradient(withRespectTo: Self.variables), point)
            let simplified = try Self.values(s.gradient(withRespectTo: Self.variables), point)
            for i in 0..<3 { expectClose(simplified[i], original[i], relativeTolerance: 1e-8, "\(f) → \(s)") }
        }
    }

    @Test func hessianVectorProductsMatchTheHessian() throws {
        var random = RandomExpressions(seed: 4000)
        for _ in 0..<40 {
            let f = random.expression(depth: 3)
            let point = random.point()
            let v: [Double] = [0.3, -1.1, 2.0]
            let hv = try Self.values(f.hessianVectorProduct(withRespectTo: Self.variables, direction: v.map { Expr($0) }), point)
            let h = try f.hessian(withRespectTo: Self.variables).map { try Self.values($0, point) }
            for i in 0..<3 {
                let expected = (0..<3).reduce(0.0) { $0 + h[i][$1] * v[$1] }
                expectClose(hv[i], expected, relativeTolerance: 1e-9)
            }
        }
    }

    @Test func finiteDifferenceHelpersAreAccurate() {
        let f = { (p: [Double]) -> Double in Foundation.sin(p[0]) * Foundation.exp(p[1]) }
        let g = FiniteDifferences.gradient(of: f, at: [0.7, -0.2])
        expectClose(g[0], Foundation.cos(0.7) * Foundation.exp(-0.2), relativeTolerance: 1e-9)
        let r = FiniteDifferences.gradient(of: f, at: [0.7, -0.2], richardson: true)
        expectClose(r[1], Foundation.sin(0.7) * Foundation.exp(-0.2), relativeTolerance: 1e-11)
        let h = FiniteDifferences.hessian(of: f, at: [0.7, -0.2])
        expectClose(h[0][1], Foundation.cos(0.7) * Foundation.exp(-0.2), relativeTolerance: 1e-6)
        #expect(h[0][1] == h[1][0])
    }
}
