import Foundation
import Testing
@testable import Symbolic

@Suite("Moré–Thuente line search and the shifted Cholesky factorisation")
struct OptimizationLineSearchTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let phi: @Sendable (Double) -> (Double, Double)
        let initialStep: Double
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        // The minimiser 10 lies far beyond the first step: extrapolation.
        Case(name: "quadratic, minimum at 10", phi: { a in ((a - 10) * (a - 10), 2 * (a - 10)) }, initialStep: 1),
        // The first step overshoots into steep growth: interpolation.
        Case(name: "quartic, minimum at 0.1", phi: { a in
            (pow(a - 0.1, 4) - 0.4 * (a - 0.1) * 0.001, 4 * pow(a - 0.1, 3) - 0.0004)
        }, initialStep: 5),
        // Moré & Thuente's first test function φ(α) = −α/(α² + β), β = 2.
        Case(name: "Moré–Thuente function 1", phi: { a in
            (-a / (a * a + 2), (a * a - 2) / ((a * a + 2) * (a * a + 2)))
        }, initialStep: 1e-3),
        Case(name: "Moré–Thuente function 1, long first step", phi: { a in
            (-a / (a * a + 2), (a * a - 2) / ((a * a + 2) * (a * a + 2)))
        }, initialStep: 1e3),
    ]

    @Test("accepted steps satisfy the strong Wolfe conditions", arguments: cases)
    func strongWolfe(c: Case) {
        let (f0, g0) = c.phi(0)
        var search = MoreThuente(value: f0, slope: g0, step: c.initialStep)
        var step = c.initialStep
        var status = MoreThuente.Status.evaluate
        var evaluations = 0
        while status == .evaluate && evaluations < 40 {
            let (f, g) = c.phi(step)
            evaluations += 1
            status = search.next(step: &step, value: f, slope: g)
            if status == .converged {
                #expect(f <= f0 + 1e-4 * step * g0)
                #expect(abs(g) <= 0.9 * abs(g0))
            }
        }
        #expect(status == .converged, "after \(evaluations) evaluations")
        #expect(evaluations <= 12)
    }

    @Test func shiftedCholeskySolvesPositiveDefiniteSystemsExactly() {
        // H = [[4, 2, 0], [2, 5, 1], [0, 1, 3]] (tridiagonal, SPD): no shift.
        let scratch = OptimizationScratch()
        var cholesky = ShiftedCholesky(dimension: 3, scratch: scratch)
        let h: [Double] = [4, 2, 0, 2, 5, 1, 0, 1, 3]
        #expect(h.withUnsafeBufferPointer { cholesky.factorize($0) })
        #expect(cholesky.shift == 0)
        var b: [Double] = [6, 8, 4]   // H·[1, 1, 1]
        b.withUnsafeMutableBufferPointer { cholesky.solve($0) }
        for v in b { #expect(abs(v - 1) <= 1e-15) }
    }

    @Test func shiftedCholeskyShiftsIndefiniteMatrices() {
        // Eigenvalues 3 and −1: the solve must give a descent direction.
        let scratch = OptimizationScratch()
        var cholesky = ShiftedCholesky(dimension: 2, scratch: scratch)
        let h: [Double] = [1, 2, 2, 1]
        #expect(h.withUnsafeBufferPointer { cholesky.factorize($0) })
        #expect(cholesky.shift > 0)
        let g: [Double] = [1, -0.5]
        var p = g.map { -$0 }
        p.withUnsafeMutableBufferPointer { cholesky.solve($0) }
        #expect(p[0] * g[0] + p[1] * g[1] < 0)
        // A non-finite Hessian is refused.
        let bad: [Double] = [1, .nan, .nan, 1]
        #expect(!bad.withUnsafeBufferPointer { cholesky.factorize($0) })
    }
}
