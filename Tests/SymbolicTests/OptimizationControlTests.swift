import Foundation
import Testing
@testable import Symbolic

@Suite("Optimization controls, stop reasons and errors")
struct OptimizationControlTests {
    @Test func methodNamesAreTheCommandLineNames() {
        #expect(OptimizationMethod.allCases.map(\.rawValue)
            == ["gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "newton", "bfgs", "lbfgs"])
    }

    @Test func stopReasonNamesAreStable() {
        #expect(StopReason.allCases.map(\.rawValue) == [
            "gradient_tolerance", "step_tolerance", "value_tolerance", "max_iterations", "max_evaluations",
            "line_search_failed", "stationary_point", "unbounded_below", "non_finite_value", "diverged", "observer_stopped",
        ])
        #expect(StopReason.allCases.filter(\.isConvergence) == [.gradientTolerance, .stepTolerance, .valueTolerance, .stationaryPoint])
        #expect("\(StopReason.unboundedBelow)" == "unbounded_below")
    }

    @Test func automaticMethod() throws {
        #expect(OptimizationMethod.automatic(dimension: 50, hasHessian: true) == .newton)
        #expect(OptimizationMethod.automatic(dimension: 51, hasHessian: true) == .bfgs)
        #expect(OptimizationMethod.automatic(dimension: 2, hasHessian: false) == .bfgs)
        #expect(OptimizationMethod.automatic(dimension: 1_001, hasHessian: true) == .lbfgs)
        let result = try minimize(HandWrittenProblems.rosenbrock, from: [-1.2, 1])
        #expect(result.method == .newton)
        #expect(result.converged)
    }

    @Test func iterationLimitAndHistory() throws {
        var options = OptimizationOptions()
        options.maxIterations = 10
        let result = try minimize(HandWrittenProblems.rosenbrock, from: [-1.2, 1], method: .gd, options: options)
        #expect(result.stopReason == .maxIterations)
        #expect(!result.converged)
        #expect(result.iterations == 10)
        #expect(result.valueHistory.count == 11)
        #expect(result.valueHistory.last == result.value)
        // Backtracking gradient descent never increases f.
        #expect(zip(result.valueHistory, result.valueHistory.dropFirst()).allSatisfy { $1 <= $0 })
        options.recordsHistory = false
        let quiet = try minimize(HandWrittenProblems.rosenbrock, from: [-1.2, 1], method: .gd, options: options)
        #expect(quiet.valueHistory.isEmpty)
        #expect(quiet.point == result.point)
    }

    @Test func zeroIterationsEvaluatesTheStartOnly() throws {
        var options = OptimizationOptions()
        options.maxIterations = 0
        let result = try minimize(HandWrittenProblems.rosenbrock, from: [-1.2, 1], method: .bfgs, options: options)
        #expect(result.stopReason == .maxIterations)
        #expect(result.point == [-1.2, 1])
        #expect(abs(result.value - 24.2) <= 1e-12)
        #expect(result.valueEvaluations == 1)
    }

    @Test("evaluation limit", arguments: [OptimizationMethod.gd, .bfgs, .lbfgs, .newton, .adam])
    func evaluationLimit(method: OptimizationMethod) throws {
        var options = OptimizationOptions()
        options.maxEvaluations = 7
        let result = try minimize(HandWrittenProblems.rosenbrock, from: [-1.2, 1], method: method, options: options)
        #expect(result.stopReason == .maxEvaluations)
        #expect(result.valueEvaluations <= 7)
        #expect(result.value < 24.2)
    }

    @Test func observerSeesEveryIterationAndCanStop() throws {
        var seen: [Int] = []
        let result = try minimize(HandWrittenProblems.rosenbrock, from: [-1.2, 1], method: .bfgs) { progress in
            seen.append(progress.iteration)
            #expect(progress.value.isFinite && progress.gradientNorm.isFinite)
            return progress.iteration == 3 ? .stop : .proceed
        }
        #expect(seen == [0, 1, 2, 3])
        #expect(result.stopReason == .observerStopped)
        #expect(result.iterations == 3)
    }

    @Test func progressLine() {
        let progress = OptimizationProgress(iteration: 120, value: 0.0123456789, gradientNorm: 3.14159e-4,
                                            stepNorm: 0.5, valueEvaluations: 130)
        #expect(progress.description == "iteration 120: f = 0.0123457, ‖∇f‖ = 0.000314159")
    }

    @Test func valueAndStepTolerances() throws {
        var options = OptimizationOptions()
        options.gradientTolerance = 0
        options.valueTolerance = 1e-6
        let byValue = try minimize(HandWrittenProblems.rosenbrock, from: [-1.2, 1], method: .bfgs, options: options)
        #expect(byValue.stopReason == .valueTolerance)
        #expect(byValue.converged)
        options.valueTolerance = 0
        options.stepTolerance = 1e-4
        let byStep = try minimize(HandWrittenProblems.rosenbrock, from: [-1.2, 1], method: .bfgs, options: options)
        #expect(byStep.stopReason == .stepTolerance)
    }

    /// f(x) = x·log x (minimum −1/e at 1/e), NaN for x < 0.
    static let entropy = Objective(dimension: 1) { x, g in
        g[0] = log(x[0]) + 1
        return x[0] * log(x[0])
    }

    @Test("line searches step around NaN", arguments: [OptimizationMethod.gd, .bfgs, .lbfgs])
    func lineSearchAvoidsNaN(method: OptimizationMethod) throws {
        var options = OptimizationOptions()
        options.learningRate = 10
        let result = try minimize(Self.entropy, from: [1], method: method, options: options)
        #expect(result.converged)
        #expect(abs(result.point[0] - exp(-1)) <= 1e-8)
    }

    @Test func fixedStepIntoNaNStopsAtTheLastFinitePoint() throws {
        var options = OptimizationOptions()
        options.learningRate = 10
        let result = try minimize(Self.entropy, from: [1], method: .momentum, options: options)
        #expect(result.stopReason == .nonFiniteValue)
        #expect(result.point == [1])
        #expect(result.value == 0)
        #expect(result.iterations == 0)
    }

    @Test("a learning rate too large for the curvature stops as diverged",
          arguments: [OptimizationMethod.momentum, .nesterov])
    func divergence(method: OptimizationMethod) throws {
        // Rosenbrock's curvature at the start is about 1,700: η = 0.01 is far
        // beyond the stable 2(1 + γ)/L; the default η = 0.001 is within it.
        var options = OptimizationOptions()
        options.learningRate = 0.01
        let result = try minimize(HandWrittenProblems.rosenbrock, from: [-1.2, 1], method: method, options: options)
        #expect(result.stopReason == .diverged)
        #expect(result.value > 1e10 * 24.2)
        #expect(result.iterations < 10)
        let withDefaults = try minimize(HandWrittenProblems.rosenbrock, from: [-1.2, 1], method: method)
        #expect(withDefaults.stopReason == .gradientTolerance)
        #expect(withDefaults.value <= 1e-15)
    }

    @Test func nonFiniteStartValue() throws {
        let result = try minimize(Self.entropy, from: [-1], method: .bfgs)
        #expect(result.stopReason == .nonFiniteValue)
        #expect(result.iterations == 0)
    }

    @Test("unbounded objectives stop with a reason", arguments: OptimizationMethod.allCases)
    func unboundedBelow(method: OptimizationMethod) throws {
        // f = −x² − x: every method runs off to −∞.
        let f = Objective(dimension: 1, hessian: { _, h in h[0] = -2 }) { x, g in
            g[0] = -2 * x[0] - 1
            return -x[0] * x[0] - x[0]
        }
        var options = OptimizationOptions()
        options.maxIterations = 2_000
        let result = try minimize(f, from: [1], method: method, options: options)
        switch method {
        case .adagrad, .rmsprop, .adam:
            // Their steps are about η whatever the gradient, so x grows only
            // linearly: the iteration limit ends the run, never a hang.
            #expect(result.stopReason == .maxIterations)
            #expect(result.value < -1)
        case .gd, .momentum, .nesterov, .newton, .bfgs, .lbfgs:
            #expect(result.stopReason == .unboundedBelow, "\(result.stopReason) after \(result.iterations)")
            #expect(result.value <= -1e20)
        }
    }

    @Test("a linear objective is unbounded for line-search methods", arguments: [OptimizationMethod.bfgs, .lbfgs])
    func linearObjective(method: OptimizationMethod) throws {
        let f = Objective(dimension: 2) { x, g in
            g[0] = -1; g[1] = 2
            return -x[0] + 2 * x[1]
        }
        let result = try minimize(f, from: [0, 0], method: method)
        #expect(result.stopReason == .unboundedBelow)
    }

    @Test func argumentErrors() throws {
        let f = HandWrittenProblems.rosenbrock
        #expect(throws: OptimizationError.dimensionMismatch(expected: 2, actual: 1)) {
            try minimize(f, from: [1])
        }
        #expect(throws: OptimizationError.nonFiniteStart(index: 1)) {
            try minimize(f, from: [1, .nan])
        }
        let noHessian = Objective(dimension: 1) { x, g in g[0] = 2 * x[0]; return x[0] * x[0] }
        #expect(throws: OptimizationError.hessianUnavailable(.newton)) {
            try minimize(noHessian, from: [1], method: .newton)
        }
        var options = OptimizationOptions()
        options.learningRate = -1
        #expect(throws: OptimizationError.invalidOption(option: "learningRate", reason: "must be positive and finite")) {
            try minimize(f, from: [1, 1], method: .gd, options: options)
        }
        options = OptimizationOptions()
        options.schedule = .stepDecay(factor: 2, every: 10)
        #expect(throws: OptimizationError.invalidOption(option: "schedule", reason: "step decay factor must be in (0, 1]")) {
            try minimize(f, from: [1, 1], method: .gd, options: options)
        }
        #expect(OptimizationError.nonFiniteStart(index: 0).description == "starting value number 1 is not a finite number")
    }

    @Test func expressionObjectiveMatchesHandWrittenDerivatives() throws {
        let x = Symbolic.Expression.variable("x"), y = Symbolic.Expression.variable("y")
        let symbolic = try Objective(expression: 100 * (y - x ** 2) ** 2 + (1 - x) ** 2, variables: ["x", "y"])
        let point = [-1.2, 1.0]
        let (f1, g1) = symbolic.valueAndGradient(at: point)
        let (f2, g2) = HandWrittenProblems.rosenbrock.valueAndGradient(at: point)
        #expect(abs(f1 - f2) <= 1e-12 && abs(symbolic.value(at: point) - f2) <= 1e-12)
        for i in 0..<2 { #expect(abs(g1[i] - g2[i]) <= 1e-12) }
        let h1 = try #require(symbolic.hessian(at: point))
        let h2 = try #require(HandWrittenProblems.rosenbrock.hessian(at: point))
        for i in 0..<4 { #expect(abs(h1[i] - h2[i]) <= 1e-12) }
    }

    @Test("sparse and dense Newton take the same steps", arguments: [MGH.wood, MGH.extendedRosenbrock(10)])
    func sparseNewtonMatchesDense(problem: MGHProblem) throws {
        let sparse = try Objective(expression: problem.expression, variables: problem.variables)
        #expect(sparse.sparseHessian != nil)
        let dense = Objective(dimension: sparse.dimension, value: sparse.value, hessian: sparse.hessian,
                              valueAndGradient: sparse.valueAndGradient)
        let a = try minimize(sparse, from: problem.start, method: .newton)
        let b = try minimize(dense, from: problem.start, method: .newton)
        #expect(a == b)
        #expect(a.converged)
    }

    @Test func minimizeAnExpressionByVariableName() throws {
        let a = Symbolic.Expression.variable("a"), b = Symbolic.Expression.variable("b")
        let f = (a - 3) ** 2 + 10 * (b + 1) ** 2
        let result = try minimize(f, from: [("b", 0), ("a", 0), ("unused", 7)], method: .bfgs)
        #expect(result.converged)
        #expect(abs(result.point[0] + 1) <= 1e-9 && abs(result.point[1] - 3) <= 1e-9)
        #expect(result.point[2] == 7)
        #expect(try minimize(f, from: [("a", 0), ("b", 0)]).method == .newton)
        #expect(throws: OptimizationError.missingStartValue("b")) { try minimize(f, from: [("a", 1)]) }
        #expect(throws: OptimizationError.duplicateStartValue("a")) {
            try minimize(f, from: [("a", 1), ("b", 1), ("a", 2)])
        }
        #expect(throws: OptimizationError.nonFiniteStartValue("b")) {
            try minimize(f, from: [("a", 1), ("b", .infinity)])
        }
        #expect(OptimizationError.missingStartValue("b").description
            == "the starting point gives no value for variable 'b'")
    }

    @Test func expressionObjectiveErrors() {
        let x = Symbolic.Expression.variable("x"), y = Symbolic.Expression.variable("y")
        #expect(throws: ObjectiveError.unknownVariable("y")) { try Objective(expression: x * y, variables: ["x"]) }
        #expect(throws: ObjectiveError.duplicateVariable("x")) { try Objective(expression: x, variables: ["x", "x"]) }
        #expect(throws: ObjectiveError.noVariables) { try Objective(expression: 1, variables: []) }
        // Extra variables are fine: the objective is flat in them.
        #expect(throws: Never.self) { try Objective(expression: x ** 2, variables: ["x", "unused"]) }
    }
}
