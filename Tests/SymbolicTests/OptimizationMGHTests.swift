import Foundation
import Testing
@testable import Symbolic

@Suite("Optimization on the Moré–Garbow–Hillstrom problems")
struct OptimizationMGHTests {
    @Test("Newton reaches the published minimum", arguments: MGH.all)
    func newton(problem: MGHProblem) throws {
        try check(problem, .newton)
    }

    @Test("BFGS reaches the published minimum", arguments: MGH.all)
    func bfgs(problem: MGHProblem) throws {
        try check(problem, .bfgs)
    }

    @Test("L-BFGS reaches the published minimum", arguments: MGH.all.filter { $0.dimension >= 10 })
    func lbfgs(problem: MGHProblem) throws {
        try check(problem, .lbfgs)
    }

    private func check(_ problem: MGHProblem, _ method: OptimizationMethod) throws {
        let objective = try Objective(expression: problem.expression, variables: problem.variables)
        let result = try minimize(objective, from: problem.start, method: method)
        #expect(problem.reachesMinimum(result.value),
                "\(method) ended at f = \(result.value) (\(result.stopReason)), published \(problem.minima)")
    }
}

extension MGHProblem: CustomTestStringConvertible {
    var testDescription: String { name }
}
