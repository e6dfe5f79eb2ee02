import Foundation
import Testing
@testable import Symbolic

@Suite("Levenberg–Marquardt")
struct LeastSquaresTests {
    /// r_i = a·exp(b·t_i) − y_i on exact data: the fit must recover (a, b)
    /// and stop on a genuine convergence test.
    static func exponential(_ a: Double, _ b: Double) -> LeastSquaresProblem {
        let t = (0..<8).map { Double($0) / 4 }
        let y = t.map { a * exp(b * $0) }
        return LeastSquaresProblem(parameterCount: 2, residualCount: t.count) { x, r in
            for i in t.indices { r[i] = x[0] * exp(x[1] * t[i]) - y[i] }
        } jacobian: { x, j in
            for i in t.indices {
                j[i] = exp(x[1] * t[i])
                j[i + t.count] = x[0] * t[i] * exp(x[1] * t[i])
            }
        }
    }

    @Test func recoversExactParametersOnZeroResidualData() throws {
        let result = try solveLeastSquares(LeastSquaresTests.exponential(2.5, -1.25), from: [1, 0])
        expectClose(result.point[0], 2.5, relativeTolerance: 1e-13)
        expectClose(result.point[1], -1.25, relativeTolerance: 1e-13)
        #expect(result.converged)
        #expect(result.sumOfSquares < 1e-25)
        #expect(result.history.first! > result.history.last!)
    }

    @Test func scaleInvariance() throws {
        // The same problem with parameters of size 1e+6 and 1e-6 takes the
        // same path: D follows the column norms.
        let plain = try solveLeastSquares(LeastSquaresTests.exponential(2, -1), from: [1, -0.5])
        let scaled = try solveLeastSquares(LeastSquaresTests.exponential(2e6, -1), from: [1e6, -0.5])
        #expect(plain.iterations == scaled.iterations)
        expectClose(scaled.point[0], 2e6, relativeTolerance: 1e-12)
    }

    @Test func rankDeficientJacobianStillConverges() throws {
        // r = (x0 + x1 − 1, 2·(x0 + x1) − 2): J has rank 1.
        let problem = LeastSquaresProblem(parameterCount: 2, residualCount: 2) { x, r in
            r[0] = x[0] + x[1] - 1
            r[1] = 2 * (x[0] + x[1]) - 2
        } jacobian: { _, j in
            j[0] = 1; j[1] = 2; j[2] = 1; j[3] = 2
        }
        let result = try solveLeastSquares(problem, from: [3, 4])
        expectClose(result.point[0] + result.point[1], 1, relativeTolerance: 1e-12)
        #expect(result.converged)
    }

    @Test func errorsAndLimits() throws {
        let problem = LeastSquaresTests.exponential(1, 1)
        #expect(throws: LeastSquaresError.dimensionMismatch(expected: 2, actual: 1)) {
            try solveLeastSquares(problem, from: [1])
        }
        #expect(throws: LeastSquaresError.nonFiniteStart(index: 1)) { try solveLeastSquares(problem, from: [1, .nan]) }
        let tooFew = LeastSquaresProblem(parameterCount: 3, residualCount: 2) { _, r in r[0] = 0; r[1] = 0 } jacobian: { _, _ in }
        #expect(throws: LeastSquaresError.tooFewResiduals(residuals: 2, parameters: 3)) {
            try solveLeastSquares(tooFew, from: [0, 0, 0])
        }
        var options = LeastSquaresOptions()
        options.maxEvaluations = 2
        let limited = try solveLeastSquares(problem, from: [10, -3], options: options)
        #expect(limited.stopReason == .maxEvaluations)
        #expect(!limited.converged)
        var stops = 0
        let stopped = try solveLeastSquares(problem, from: [10, -3]) { progress in
            stops += 1
            return progress.iteration >= 2 ? .stop : .proceed
        }
        #expect(stopped.stopReason == .observerStopped && stopped.iterations == 2 && stops == 3)
    }

    @Test func nonFiniteTrialPointsShrinkTheStep() throws {
        // From b = 0 the Gauss–Newton step for y = exp(b·t) lands near b = 1000,
        // where exp overflows: the solver must step back, not stop.
        let t = (0...10).map(Double.init)
        var trials: [Double] = []
        let problem = LeastSquaresProblem(parameterCount: 1, residualCount: t.count) { x, r in
            for i in t.indices { r[i] = exp(x[0] * t[i]) - exp(t[i]) }
        } jacobian: { x, j in
            for i in t.indices { j[i] = t[i] * exp(x[0] * t[i]) }
        }
        let result = try solveLeastSquares(problem, from: [0]) { progress in
            trials.append(progress.point[0])
            return .proceed
        }
        expectClose(result.point[0], 1, relativeTolerance: 1e-14)
        #expect(result.converged)
        #expect(trials.allSatisfy { $0.isFinite })
    }
}
