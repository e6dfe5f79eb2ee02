import Foundation
import Testing
@testable import Symbolic

@Suite("First-order optimisers")
struct OptimizationFirstOrderTests {
    static let firstOrder = OptimizationMethod.allCases.filter(\.isFirstOrder)

    @Test("each first-order method reaches the minimum of a convex quadratic", arguments: firstOrder)
    func quadratic(method: OptimizationMethod) throws {
        let center = [1.0, -2, 3]
        let f = HandWrittenProblems.quadratic(diagonal: [1, 4, 10], center: center)
        let result = try minimize(f, from: [0, 0, 0], method: method)
        #expect(result.stopReason == .gradientTolerance)
        for i in 0..<3 { #expect(abs(result.point[i] - center[i]) <= 1e-8) }
        #expect(result.value <= 1e-16)
    }

    /// The optimum of `HandWrittenProblems.logisticRegression`, from Newton's
    /// method run to ‖∇f‖ ≤ 1e-14 (checked in `logisticOptimumIsStationary`).
    static let logisticOptimum = [-1.1486525213691114, 2.303361046348038, 1.3960068778440151]

    @Test func logisticOptimumIsStationary() throws {
        var options = OptimizationOptions()
        options.gradientTolerance = 1e-14
        let result = try minimize(HandWrittenProblems.logisticRegression, from: [0, 0, 0], method: .newton,
                                  options: options)
        #expect(result.converged)
        for i in 0..<3 { #expect(abs(result.point[i] - Self.logisticOptimum[i]) <= 1e-12) }
    }

    @Test("each first-order method reaches the logistic-regression optimum", arguments: firstOrder)
    func logisticRegression(method: OptimizationMethod) throws {
        var options = OptimizationOptions()
        // Adagrad's steps shrink like 1/√t: give it a larger base rate.
        if method == .adagrad { options.learningRate = 1 }
        // With a constant rate RMSProp ends in a limit cycle of size O(η)
        // (its step η·g/√E[g²] does not shrink with g); a decaying rate fixes that.
        if method == .rmsprop { options.schedule = .exponential(decay: 0.999) }
        let result = try minimize(HandWrittenProblems.logisticRegression, from: [0, 0, 0], method: method,
                                  options: options)
        #expect(result.stopReason == .gradientTolerance, "\(result.stopReason) after \(result.iterations)")
        // ‖∇f‖ ≤ 1e-8 and strong convexity μ ≥ 0.01 give ‖w − w*‖ ≤ 1e-6.
        for i in 0..<3 { #expect(abs(result.point[i] - Self.logisticOptimum[i]) <= 1e-6) }
    }

    @Test func momentumFollowsItsFormula() throws {
        // v ← γv + η∇J(w); w ← w − v on J = w² − 2w + 5, three steps by hand.
        var options = OptimizationOptions()
        options.maxIterations = 3
        options.learningRate = 0.1
        let result = try minimize(HandWrittenProblems.courseNotes, from: [0], method: .momentum, options: options)
        var w = 0.0, v = 0.0
        for _ in 0..<3 {
            v = 0.9 * v + 0.1 * (2 * w - 2)
            w -= v
        }
        #expect(result.point == [w])
        #expect(result.stopReason == .maxIterations)
    }

    @Test func nesterovIteratesAreTheLookAheadPoints() throws {
        // Classic form: v ← γv + η∇J(w − γv); w ← w − v. The optimiser's
        // iterate is the look-ahead point w − γv.
        var w = 0.0, v = 0.0
        for steps in 1...4 {
            v = 0.9 * v + 0.1 * (2 * (w - 0.9 * v) - 2)
            w -= v
            var options = OptimizationOptions()
            options.maxIterations = steps
            options.learningRate = 0.1
            let result = try minimize(HandWrittenProblems.courseNotes, from: [0], method: .nesterov, options: options)
            #expect(abs(result.point[0] - (w - 0.9 * v)) <= 1e-15)
        }
    }

    @Test func adamFirstStepIsBiasCorrected() throws {
        // After one step m̂ = g and v̂ = g², so the step is η·g/(|g| + ε).
        var options = OptimizationOptions()
        options.maxIterations = 1
        options.learningRate = 0.5
        let result = try minimize(HandWrittenProblems.courseNotes, from: [0], method: .adam, options: options)
        let g = -2.0
        let m = (1 - 0.9) * g, s = (1 - 0.999) * g * g
        let expected = 0 - 0.5 * ((m / (1 - 0.9)) / ((s / (1 - 0.999)).squareRoot() + 1e-8))
        #expect(result.point == [expected])
        #expect(abs(expected - 0.5) <= 1e-8)
    }

    @Test func adamWDecaysWeightsDecoupled() throws {
        // f(x) = x has ∇f = 1: m̂ = v̂ = 1, so x ← x − η(1/(1 + ε) + λx).
        let linear = Objective(dimension: 1) { _, g in g[0] = 1; return 0 }
        var options = OptimizationOptions()
        options.maxIterations = 1
        options.learningRate = 0.1
        options.weightDecay = 0.5
        let result = try minimize(linear, from: [2], method: .adam, options: options)
        #expect(result.point == [2 - 0.1 * (1 / (1 + 1e-8) + 0.5 * 2)])
    }

    @Test func fixedStepGradientDescentTakesExactSteps() throws {
        var options = OptimizationOptions()
        options.backtracking = false
        options.learningRate = 0.25
        options.maxIterations = 2
        let result = try minimize(HandWrittenProblems.courseNotes, from: [0], method: .gd, options: options)
        // w₁ = 0 − 0.25·(−2) = 0.5; w₂ = 0.5 − 0.25·(−1) = 0.75.
        #expect(result.point == [0.75])
        #expect(result.valueHistory == [5, 4.25, 4.0625])
        #expect(result.valueEvaluations == 3)
    }

    @Test func backtrackingHalvesUntilArmijoHolds() throws {
        // From w = 0 the step η = 4 overshoots to w = 8 (J = 53), η = 2 to w = 4
        // (J = 13), η = 1 gives w = 2 with J = 5 = J(0): no sufficient decrease;
        // η = 0.5 lands on the minimum.
        var options = OptimizationOptions()
        options.learningRate = 4
        options.maxIterations = 1
        let result = try minimize(HandWrittenProblems.courseNotes, from: [0], method: .gd, options: options)
        #expect(result.point == [1])
        #expect(result.valueEvaluations == 1 + 4)
    }

    @Test func gradientClipping() {
        var g = [3.0, -4, 0.5]
        g.withUnsafeMutableBufferPointer { GradientClipping.byValue(1).apply(to: $0) }
        #expect(g == [1, -1, 0.5])
        var h = [3.0, -4]
        h.withUnsafeMutableBufferPointer { GradientClipping.byNorm(1).apply(to: $0) }
        #expect(abs(h[0] - 0.6) <= 1e-15 && abs(h[1] + 0.8) <= 1e-15)
        var small = [0.3, 0.4]
        small.withUnsafeMutableBufferPointer { GradientClipping.byNorm(1).apply(to: $0) }
        #expect(small == [0.3, 0.4])
    }

    @Test func clippedRunsStillConverge() throws {
        for clipping in [GradientClipping.byValue(0.5), .byNorm(0.5)] {
            var options = OptimizationOptions()
            options.clipping = clipping
            options.learningRate = 0.1
            let result = try minimize(HandWrittenProblems.courseNotes, from: [-10], method: .momentum, options: options)
            #expect(result.converged)
            #expect(abs(result.point[0] - 1) <= 1e-8)
        }
    }

    @Test func learningRateSchedules() {
        #expect(LearningRateSchedule.constant.rate(base: 0.1, step: 1000) == 0.1)
        #expect(LearningRateSchedule.stepDecay(factor: 0.5, every: 100).rate(base: 0.1, step: 250) == 0.025)
        #expect(LearningRateSchedule.exponential(decay: 0.5).rate(base: 1, step: 3) == 0.125)
        let cosine = LearningRateSchedule.cosine(period: 100, minimum: 0.01)
        #expect(cosine.rate(base: 0.1, step: 0) == 0.1)
        #expect(abs(cosine.rate(base: 0.1, step: 50) - 0.055) <= 1e-15)
        #expect(cosine.rate(base: 0.1, step: 100) == 0.01)
        #expect(cosine.rate(base: 0.1, step: 500) == 0.01)
    }

    @Test func scheduleIsApplied() throws {
        // Exponential decay 0.5 with fixed-step GD: steps 0.25·2, 0.125·1.
        var options = OptimizationOptions()
        options.backtracking = false
        options.learningRate = 0.25
        options.schedule = .exponential(decay: 0.5)
        options.maxIterations = 2
        let result = try minimize(HandWrittenProblems.courseNotes, from: [0], method: .gd, options: options)
        #expect(result.point == [0.5 + 0.125 * 1])
    }
}
