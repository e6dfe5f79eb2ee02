import Foundation
import Testing
@testable import Symbolic

@Suite("Stochastic and mini-batch optimisation")
struct OptimizationStochasticTests {
    /// Samples of y = 2x + 1 (exactly linear, so every per-sample gradient
    /// vanishes at the optimum a = 2, b = 1 and SGD converges to it).
    static let xs = (0..<40).map { Double($0) / 20 - 1 }
    static let ys = xs.map { 2 * $0 + 1 }

    /// Lᵢ(a, b) = (a xᵢ + b − yᵢ)², hand-written.
    static let leastSquares = StochasticObjective(dimension: 2, sampleCount: xs.count) { batch, w, g in
        var f = 0.0
        g[0] = 0; g[1] = 0
        for i in batch {
            let r = w[0] * xs[i] + w[1] - ys[i]
            f += r * r
            g[0] += 2 * r * xs[i]
            g[1] += 2 * r
        }
        return f
    }

    static let firstOrder = OptimizationMethod.allCases.filter(\.isFirstOrder)

    @Test("mini-batch methods reach the least-squares solution", arguments: firstOrder)
    func leastSquaresSolution(method: OptimizationMethod) throws {
        var options = OptimizationOptions()
        options.learningRate = [.gd: 0.1, .momentum: 0.02, .nesterov: 0.02, .adagrad: 0.5, .rmsprop: 0.01,
                                .adam: 0.02][method]
        var settings = StochasticOptions()
        settings.batchSize = 4
        settings.epochs = 2_000
        settings.seed = 42
        let result = try minimize(Self.leastSquares, from: [0, 0], method: method, options: options,
                                  stochastic: settings)
        #expect(result.stopReason == .gradientTolerance, "\(result.stopReason) after \(result.iterations) epochs")
        #expect(abs(result.point[0] - 2) <= 1e-6 && abs(result.point[1] - 1) <= 1e-6)
        #expect(result.valueHistory.count == result.iterations + 1)
    }

    @Test func sameSeedSameRunBitForBit() throws {
        var settings = StochasticOptions()
        settings.batchSize = 3
        settings.epochs = 25
        settings.seed = 7
        var options = OptimizationOptions()
        options.learningRate = 0.05
        options.gradientTolerance = 0
        let first = try minimize(Self.leastSquares, from: [0.5, -0.5], method: .adam, options: options,
                                 stochastic: settings)
        let second = try minimize(Self.leastSquares, from: [0.5, -0.5], method: .adam, options: options,
                                  stochastic: settings)
        #expect(first == second)
        #expect(first.point.map(\.bitPattern) == second.point.map(\.bitPattern))
        #expect(first.valueHistory.map(\.bitPattern) == second.valueHistory.map(\.bitPattern))
        settings.seed = 8
        let other = try minimize(Self.leastSquares, from: [0.5, -0.5], method: .adam, options: options,
                                 stochastic: settings)
        #expect(other.valueHistory != first.valueHistory)
    }

    @Test func fullBatchInOrderIsGradientDescent() throws {
        var settings = StochasticOptions()
        settings.batchSize = Self.xs.count
        settings.shuffles = false
        settings.epochs = 30
        var options = OptimizationOptions()
        options.learningRate = 0.1
        options.backtracking = false
        options.gradientTolerance = 0
        let stochastic = try minimize(Self.leastSquares, from: [0, 0], method: .gd, options: options,
                                      stochastic: settings)
        options.maxIterations = 30
        let full = try minimize(Self.leastSquares.fullObjective(), from: [0, 0], method: .gd, options: options)
        #expect(stochastic.point == full.point)
        #expect(stochastic.valueHistory == full.valueHistory)
        #expect(stochastic.iterations == 30)
        #expect(stochastic.stopReason == .maxIterations)
    }

    @Test func sumReductionScalesTheGradient() throws {
        // Summed gradients are m times the mean: rate η/m with .sum equals η with .mean.
        var settings = StochasticOptions()
        settings.batchSize = 8
        settings.epochs = 3
        var options = OptimizationOptions()
        options.gradientTolerance = 0
        options.learningRate = 0.05
        let mean = try minimize(Self.leastSquares, from: [0, 0], method: .momentum, options: options,
                                stochastic: settings)
        settings.reduction = .sum
        options.learningRate = 0.05 / 8
        let sum = try minimize(Self.leastSquares, from: [0, 0], method: .momentum, options: options,
                               stochastic: settings)
        for i in 0..<2 { #expect(abs(mean.point[i] - sum.point[i]) <= 1e-12) }
    }

    @Test func expressionSampleLossMatchesTheClosure() throws {
        let a = Symbolic.Expression.variable("a"), b = Symbolic.Expression.variable("b")
        let loss = (a * .variable("x") + b - .variable("y")) ** 2
        let symbolic = try StochasticObjective(sampleLoss: loss, variables: ["a", "b"],
                                               data: ["x": Self.xs, "y": Self.ys])
        #expect(symbolic.sampleCount == 40)
        let point = [0.3, -0.7]
        let (f1, g1) = symbolic.fullObjective(reduction: .sum).valueAndGradient(at: point)
        let (f2, g2) = Self.leastSquares.fullObjective(reduction: .sum).valueAndGradient(at: point)
        #expect(abs(f1 - f2) <= 1e-12 * f2)
        for i in 0..<2 { #expect(abs(g1[i] - g2[i]) <= 1e-12 * abs(g2[i])) }
        var settings = StochasticOptions()
        settings.epochs = 500
        settings.batchSize = 8
        var options = OptimizationOptions()
        options.learningRate = 0.1
        let result = try minimize(symbolic, from: [0, 0], method: .nesterov, options: options, stochastic: settings)
        #expect(result.converged)
        #expect(abs(result.point[0] - 2) <= 1e-6 && abs(result.point[1] - 1) <= 1e-6)
    }

    @Test func stochasticErrors() {
        #expect(throws: OptimizationError.unsupportedStochasticMethod(.bfgs)) {
            try minimize(Self.leastSquares, from: [0, 0], method: .bfgs)
        }
        var settings = StochasticOptions()
        settings.batchSize = 0
        #expect(throws: OptimizationError.invalidOption(option: "batchSize", reason: "must be at least 1")) {
            try minimize(Self.leastSquares, from: [0, 0], method: .gd, stochastic: settings)
        }
        let x = Symbolic.Expression.variable("x")
        #expect(throws: ObjectiveError.dataLengthMismatch(name: "y", expected: 2, actual: 3)) {
            try StochasticObjective(sampleLoss: x, variables: ["w"], data: ["x": [1, 2], "y": [1, 2, 3]])
        }
        #expect(throws: ObjectiveError.duplicateVariable("x")) {
            try StochasticObjective(sampleLoss: x, variables: ["x"], data: ["x": [1, 2]])
        }
        #expect(throws: ObjectiveError.noSamples) {
            try StochasticObjective(sampleLoss: x, variables: ["w"], data: ["x": []])
        }
    }

    @Test func shuffleGeneratorIsSplitMix64() {
        var generator = ShuffleGenerator(seed: 0)
        #expect(generator.next() == 0xE220_A839_7B1D_CDAF)
        var order = Array(0..<10)
        var shuffler = ShuffleGenerator(seed: 1)
        order.withUnsafeMutableBufferPointer { shuffler.shuffle($0) }
        #expect(order.sorted() == Array(0..<10))
        #expect(order != Array(0..<10))
    }
}
