import Foundation
import Testing
@testable import Symbolic

/// "Converged" must mean a convergence test held at a finite point: over
/// many objectives (smooth, badly scaled, non-smooth, with NaN gradients,
/// unbounded) and every method, a run that claims convergence ends at a
/// finite point where an independently evaluated gradient is finite and
/// small, and on convex problems at the minimum value.
@Suite("Optimization: honest stop reasons")
struct OptimizationHonestyTests {
    struct Problem: Sendable, CustomStringConvertible {
        var text: String
        var start: [(String, Double)]
        /// The global minimum value, when f is convex and bounded below.
        var convexMinimum: Double?
        var description: String { "\(text) from \(start.map { "\($0.0)=\($0.1)" }.joined(separator: ","))" }
    }

    static let problems: [Problem] = [
        Problem(text: "w^2 - 2*w + 5", start: [("w", 0)], convexMinimum: 4),
        Problem(text: "(1-a)^2 + 100*(b-a^2)^2", start: [("a", -1.2), ("b", 1)], convexMinimum: nil),
        Problem(text: "(x-1e6)^2 + (y-2e-6)^2 + (x*y-2)^2", start: [("x", 1), ("y", 1)], convexMinimum: nil),
        Problem(text: "1e-6*x^2 + y^2", start: [("x", 1000), ("y", 1)], convexMinimum: 0),
        Problem(text: "x^2 + 1e6*y^2", start: [("x", 1), ("y", 1)], convexMinimum: 0),
        Problem(text: "1e4*x^2 + 1e-4*y^2", start: [("x", 1), ("y", 1)], convexMinimum: 0),
        Problem(text: "(1.5-x+x*y)^2 + (2.25-x+x*y^2)^2 + (2.625-x+x*y^3)^2", start: [("x", 1), ("y", 1)],
                convexMinimum: nil),
        Problem(text: "abs(x) + abs(y)", start: [("x", 1), ("y", 2)], convexMinimum: 0),
        Problem(text: "abs(x - 1) + 0.5*x^2", start: [("x", 3)], convexMinimum: 0.5),
        Problem(text: "max(x, -x)", start: [("x", 0.5)], convexMinimum: 0),
        Problem(text: "exp(x)", start: [("x", 0)], convexMinimum: nil),
        Problem(text: "x^4", start: [("x", 1)], convexMinimum: 0),
        Problem(text: "x^4 + y^4 + x*y", start: [("x", 1), ("y", 0.5)], convexMinimum: nil),
        Problem(text: "log(1 + exp(x)) + log(1 + exp(-y)) + 0.01*(x^2 + y^2)", start: [("x", 2), ("y", -3)],
                convexMinimum: nil),
        Problem(text: "sqrt(x^2 + 1e-12)", start: [("x", 1)], convexMinimum: 1e-6),
        Problem(text: "sqrt(x^2 + y^2) + 2*y", start: [("x", 0), ("y", 0)], convexMinimum: nil),
        Problem(text: "sqrt(x^2) + 2*x", start: [("x", 0)], convexMinimum: nil),
        Problem(text: "sqrt(x)", start: [("x", -1)], convexMinimum: nil),
        Problem(text: "sqrt(x^2 + y^2)", start: [("x", 3), ("y", 4)], convexMinimum: 0),
        Problem(text: "x*log(x)", start: [("x", 2)], convexMinimum: -exp(-1)),
        Problem(text: "-x^2 - x", start: [("x", 1)], convexMinimum: nil),
        Problem(text: "-x + 2*y", start: [("x", 0), ("y", 0)], convexMinimum: nil),
        Problem(text: "x^3", start: [("x", 1)], convexMinimum: nil),
        Problem(text: "1/x", start: [("x", 1)], convexMinimum: nil),
        Problem(text: "log(x)^2 + 1", start: [("x", 5)], convexMinimum: nil),
        Problem(text: "(x - 3)^2 * (y + 1)^2 + (x - y)^2", start: [("x", 0), ("y", 2)], convexMinimum: nil),
        Problem(text: "1e8*(x - 1)^2 + 1e-8*(y - 1)^2", start: [("x", 0), ("y", 0)], convexMinimum: 0),
        Problem(text: "1e12*x^2 + y^2", start: [("x", 1), ("y", 1)], convexMinimum: 0),
        Problem(text: "(x + 10*y)^2 + 5*(z - w)^2 + (y - 2*z)^4 + 10*(x - w)^4",
                start: [("x", 3), ("y", -1), ("z", 0), ("w", 1)], convexMinimum: 0),
        Problem(text: "cos(x) + 0.1*x^2", start: [("x", 0.1)], convexMinimum: nil),
        Problem(text: "floor(x) + (x - 0.5)^2", start: [("x", 2.3)], convexMinimum: nil),
        Problem(text: "1 - exp(-(x^2 + y^2))", start: [("x", 0.5), ("y", -0.5)], convexMinimum: nil),
        Problem(text: "tanh(x)^2 + (y - 1)^2", start: [("x", 2), ("y", 3)], convexMinimum: nil),
        Problem(text: "(x*y - 1)^2 + 1e-3*(x - y)^2", start: [("x", 0.1), ("y", 5)], convexMinimum: nil),
        Problem(text: "x^2 + y^2 + 1e300", start: [("x", 1), ("y", 1)], convexMinimum: 1e300),
        Problem(text: "1e-300*x^2", start: [("x", 1)], convexMinimum: 0),
    ]

    @Test("converged ⇒ finite point, finite and small gradient", arguments: OptimizationMethod.allCases)
    func noFalseConvergence(method: OptimizationMethod) throws {
        var claims = 0
        for problem in Self.problems {
            let expression = try Symbolic.Expression(parsing: problem.text)
            var options = OptimizationOptions()
            options.recordsHistory = false
            options.maxIterations = method.isFirstOrder ? 3_000 : 500
            let result = try minimize(expression, from: problem.start, method: method, options: options)
            guard result.converged else { continue }
            claims += 1
            let context = "\(method) on \(problem): \(result.stopReason) at \(result.point), f = \(result.value)"
            #expect(result.value.isFinite && result.point.allSatisfy(\.isFinite), "\(context)")
            // The gradient, evaluated afresh at the reported point.
            let objective = try Objective(expression: expression, variables: problem.start.map(\.0))
            var gradient = [Double](repeating: .nan, count: problem.start.count)
            let value = result.point.withUnsafeBufferPointer { x in
                gradient.withUnsafeMutableBufferPointer { objective.valueAndGradient(x, $0) }
            }
            #expect(value == result.value, "\(context)")
            #expect(gradient.allSatisfy { $0.isFinite }, "\(context): gradient \(gradient)")
            let norm = gradient.reduce(0) { $0 + $1 * $1 }.squareRoot()
            switch result.stopReason {
            case .gradientTolerance:
                #expect(norm <= options.gradientTolerance, "\(context): |g| = \(norm)")
            case .stationaryPoint:
                let relative = result.point.withUnsafeBufferPointer { x in
                    gradient.withUnsafeBufferPointer {
                        OptimizationRun.relativeGradient(point: x, gradient: $0, value: value)
                    }
                }
                #expect(relative <= OptimizationRun.stationaryTolerance, "\(context): relative gradient \(relative)")
            default:
                Issue.record("unexpected convergence reason: \(context)")
            }
            if let minimum = problem.convexMinimum {
                #expect(result.value - minimum <= 1e-6 * max(1, abs(minimum)), "\(context)")
            }
        }
        #expect(claims >= 2, "too few runs converged to test anything (\(claims))")
    }

    @Test("a NaN gradient at the start is never a converged zero gradient", arguments: OptimizationMethod.allCases)
    func nanGradientAtStart(method: OptimizationMethod) throws {
        for (text, start) in [("sqrt(x^2+y^2) + 2*y", [("x", 0.0), ("y", 0.0)]), ("sqrt(x^2) + 2*x", [("x", 0.0)]),
                              ("sqrt(x)", [("x", -1.0)])] {
            let result = try minimize(try Symbolic.Expression(parsing: text), from: start, method: method)
            #expect(result.stopReason == .nonFiniteValue, "\(text): \(result.stopReason)")
            #expect(!result.converged)
            #expect(result.gradientNorm.isNaN, "\(text): \(result.gradientNorm)")
            #expect(result.iterations == 0)
        }
    }

    @Test func normOfANaNVectorIsNaN() {
        let v = [0.0, .nan, 0]
        v.withUnsafeBufferPointer { #expect(OptimizationVectors.norm($0).isNaN) }
        let w = [1e-200, .nan]
        w.withUnsafeBufferPointer { #expect(OptimizationVectors.norm($0).isNaN) }
        let inf = [Double.infinity, 1]
        inf.withUnsafeBufferPointer { #expect(OptimizationVectors.norm($0) == .infinity) }
    }

    @Test("BFGS on a data objective stops at the optimum as a stationary point, not a failure")
    func bfgsOnDataStopsAtStationaryPoint() throws {
        // Misra1a (NIST), mean squared error: BFGS's line search runs into
        // rounding at the certified optimum b1 = 238.94212918, b2 = 5.5015643181e-4.
        let data: [(Double, Double)] = [
            (77.6, 10.07), (114.9, 14.73), (141.1, 17.94), (190.8, 23.93), (239.9, 29.61), (289.0, 35.18),
            (332.8, 40.02), (378.4, 44.82), (434.8, 50.76), (477.3, 55.05), (536.8, 61.01), (593.1, 66.4),
            (689.1, 75.47), (760.0, 81.78),
        ]
        let terms = data.map { "(\($0.1) - b1*(1 - exp(-b2*\($0.0))))^2" }
        let loss = try Symbolic.Expression(parsing: "(" + terms.joined(separator: " + ") + ")/14")
        for method in [OptimizationMethod.bfgs, .lbfgs] {
            let result = try minimize(loss, from: [("b1", 500), ("b2", 1e-4)], method: method)
            #expect(result.converged, "\(method): \(result.stopReason)")
            #expect(abs(result.point[0] - 238.94212918) <= 1e-6 * 238.9, "\(method): \(result.point)")
            #expect(abs(result.point[1] - 5.5015643181e-4) <= 1e-6 * 5.5e-4, "\(method): \(result.point)")
        }
    }
}
