import Foundation
import Testing
@testable import Symbolic

@Suite("Optimization basics")
struct OptimizationBasicsTests {
    @Test("course-notes example J(w) = w² − 2w + 5 reaches w = 1, J = 4", arguments: OptimizationMethod.allCases)
    func courseNotes(method: OptimizationMethod) throws {
        let result = try minimize(HandWrittenProblems.courseNotes, from: [0], method: method)
        #expect(result.converged, "\(result.stopReason) after \(result.iterations)")
        #expect(abs(result.point[0] - 1) <= 1e-8)
        #expect(abs(result.value - 4) <= 1e-15)
        #expect(result.method == method)
    }

    @Test("the course-notes example parsed from text, as `sym minimize` runs it",
          arguments: OptimizationMethod.allCases)
    func courseNotesParsed(method: OptimizationMethod) throws {
        let j = try Symbolic.Expression(parsing: "w^2 - 2*w + 5")
        let result = try minimize(j, from: [("w", 0)], method: method)
        #expect(result.stopReason == .gradientTolerance)
        #expect(abs(result.point[0] - 1) <= 1e-8)
        #expect(abs(result.value - 4) <= 1e-15)
    }

    @Test("Rosenbrock from (−1.2, 1)", arguments: [OptimizationMethod.newton, .bfgs, .lbfgs])
    func rosenbrock(method: OptimizationMethod) throws {
        let result = try minimize(HandWrittenProblems.rosenbrock, from: [-1.2, 1], method: method)
        #expect(result.converged)
        #expect(result.value <= 1e-16)
    }
}
