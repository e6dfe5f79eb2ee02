import Foundation
import Testing
@testable import Symbolic

/// The training loops: the reference run, the notes' examples, every option.
@Suite struct TrainingTests {
    /// The peers' moons data and MLP(3) start (Benchmarks/Data).
    func moons() throws -> (data: Dataset, start: [Double]) {
        let (samples, labels, weights) = try CompilationMLPTests().load()
        return (Dataset(inputs: samples.map { [$0[0], $0[1]] }, targets: labels.map(Double.init)), weights)
    }

    /// The reference run T (rate 2 on the mean loss, λ = 5e-5) for 300
    /// epochs equals the hand-written backprop loop.
    @Test func fullBatchDescentMatchesHandWrittenBackprop() throws {
        let (data, start) = try moons()
        var options = TrainingOptions()
        options.method = .gd
        options.optimizer.learningRate = 2
        options.batchSize = nil
        options.l2 = 5e-5
        options.epochs = 300
        let trainer = try Trainer(network: NeuralNetwork(inputs: 2, hidden: [3], outputs: 2), loss: .crossEntropy,
                                  data: data, options: options)
        let result = try trainer.train(from: start)
        var p = start
        let mlp = CompilationMLPTests()
        let samples = data.inputs.map { [$0[0], $0[1]] }, labels = data.labels
        for _ in 0..<300 {
            let g = mlp.handGradient(samples, labels, p)
            for k in p.indices { p[k] -= 2 * g[k] }
        }
        for k in p.indices { expectClose(result.parameters[k], p[k], relativeTolerance: 1e-10) }
        #expect(result.lossHistory.count == 301 && result.epochs == 300 && result.updates == 300)
        expectClose(result.lossHistory[0], 0.5839404777234478, relativeTolerance: 1e-15)
        expectClose(result.loss, trainer.objective(at: result.parameters), relativeTolerance: 1e-15)
        #expect(result.stopReason == .maxEpochs)
    }

    /// The autograd README's logistic regression: 4 samples, no bias, 100
    /// steps of 0.01 on the summed loss.
    @Test func logisticRegressionOfTheNotes() throws {
        let data = Dataset(inputs: [[0.52, 1.12, 0.77], [0.88, -1.08, 0.15], [0.52, 0.06, -1.30], [0.74, -2.49, 1.39]],
                           targets: [1, 1, 0, 1])
        var options = TrainingOptions()
        options.method = .gd
        options.optimizer.learningRate = 0.01
        options.batchSize = nil
        options.reduction = .sum
        options.epochs = 100
        let trainer = try Trainer(network: NeuralNetwork(inputs: 3, outputs: 1, bias: false), loss: .logistic,
                                  data: data, options: options)
        let result = try trainer.train(from: [0, 0, 0])
        expectClose(result.lossHistory[0], 4 * Foundation.log(2), relativeTolerance: 1e-15)
        expectClose(result.loss, 1.0672706757870163, relativeTolerance: 1e-15)
        #expect(trainer.accuracy(at: result.parameters) == 1)
    }

    @Test func runsAreDeterministicForASeed() throws {
        let data = Datasets.moons(count: 120, noise: 0.25, seed: 4)
        var options = TrainingOptions()
        options.epochs = 15
        options.batchSize = 16
        options.dropout = 0.2
        options.validationFraction = 0.25
        options.seed = 9
        let net = NeuralNetwork(inputs: 2, hidden: [6, 5], outputs: 2, activation: .relu)
        let one = try Trainer(network: net, loss: .crossEntropy, data: data, options: options).train()
        let two = try Trainer(network: net, loss: .crossEntropy, data: data, options: options).train()
        #expect(one.parameters.map(\.bitPattern) == two.parameters.map(\.bitPattern))
        #expect(one.lossHistory == two.lossHistory && one.validationLossHistory == two.validationLossHistory)
        #expect(one.validationLossHistory.count == 16)
        options.seed = 10
        let other = try Trainer(network: net, loss: .crossEntropy, data: data, options: options).train()
        #expect(other.parameters != one.parameters)
    }

    @Test func threadsDoNotChangeResults() throws {
        let data = Datasets.spirals(count: 600, classes: 3, seed: 1)
        var options = TrainingOptions()
        options.epochs = 3
        options.batchSize = nil
        let net = NeuralNetwork(inputs: 2, hidden: [8], outputs: 3)
        let one = try Trainer(network: net, loss: .crossEntropy, data: data, options: options).train()
        options.threads = 2
        let two = try Trainer(network: net, loss: .crossEntropy, data: data, options: options).train()
        #expect(one.parameters.map(\.bitPattern) == two.parameters.map(\.bitPattern))
    }

    @Test func observerSeesEveryEpochAndCanStop() throws {
        var options = TrainingOptions()
        options.epochs = 50
        options.optimizer.schedule = .stepDecay(factor: 0.5, every: 13)   // 13 updates per epoch (200 / 16)
        options.batchSize = 16
        let trainer = try Trainer(network: NeuralNetwork(inputs: 2, hidden: [4], outputs: 2), loss: .crossEntropy,
                                  data: Datasets.moons(), options: options)
        var seen: [(Int, Double?)] = []
        let result = try trainer.train { progress in
            seen.append((progress.epoch, progress.learningRate))
            #expect(progress.parameters.count == 22 && progress.epochs == 50)
            return progress.epoch == 3 ? .stop : .proceed
        }
        #expect(seen.map(\.0) == [0, 1, 2, 3])
        #expect(seen.map(\.1) == [nil, 0.01, 0.005, 0.0025])   // the rate of each epoch's last update
        #expect(result.stopReason == .observerStopped && result.epochs == 3 && result.lossHistory.count == 4)
    }

    @Test func earlyStoppingRestoresTheBestEpoch() throws {
        var options = TrainingOptions()
        options.epochs = 400
        options.optimizer.learningRate = 0.05
        options.validationFraction = 0.5
        options.patience = 10
        options.seed = 2
        let data = Datasets.spirals(count: 40, noise: 0.6, seed: 5)
        let trainer = try Trainer(network: NeuralNetwork(inputs: 2, hidden: [32], outputs: 2), loss: .crossEntropy,
                                  data: data, options: options)
        var parametersByEpoch: [[Double]] = []
        let result = try trainer.train { parametersByEpoch.append($0.parameters); return .proceed }
        #expect(result.stopReason == .earlyStopping)
        #expect(result.epochs - result.bestEpoch == 10 && result.epochs < 400)
        #expect(result.parameters == parametersByEpoch[result.bestEpoch])
        #expect(result.validationLoss == result.validationLossHistory.min())
        #expect(result.validationLoss == trainer.validationObjective(at: result.parameters))
        #expect(trainer.trainingSampleCount == 20 && trainer.validationSampleCount == 20)
    }

    @Test func l2PenalisesWeightsOnly() throws {
        let data = Datasets.moons(count: 50)
        var options = TrainingOptions()
        options.method = .gd
        options.batchSize = nil
        options.epochs = 1
        options.optimizer.learningRate = 0.5
        let net = NeuralNetwork(inputs: 2, hidden: [3], outputs: 2)
        let start = net.initialParameters(seed: 1).map { $0 + 0.1 }   // biases non-zero too
        let plain = try Trainer(network: net, loss: .crossEntropy, data: data, options: options)
        options.l2 = 0.3
        let penalised = try Trainer(network: net, loss: .crossEntropy, data: data, options: options)
        let weightSquares = zip(start, net.parameters.isWeight).reduce(0.0) { $0 + ($1.1 ? $1.0 * $1.0 : 0) }
        expectClose(penalised.objective(at: start) - plain.objective(at: start), 0.15 * weightSquares, relativeTolerance: 1e-12)
        let a = try plain.train(from: start).parameters, b = try penalised.train(from: start).parameters
        for (k, isWeight) in net.parameters.isWeight.enumerated() {
            expectClose(b[k] - a[k], isWeight ? -0.5 * 0.3 * start[k] : 0, absoluteTolerance: 1e-15)
        }
    }

    @Test func clippingLimitsEachUpdate() throws {
        var options = TrainingOptions()
        options.method = .gd
        options.batchSize = nil
        options.epochs = 1
        options.optimizer.learningRate = 1
        options.optimizer.clipping = .byValue(1e-3)
        let trainer = try Trainer(network: NeuralNetwork(inputs: 2, hidden: [3], outputs: 2), loss: .crossEntropy,
                                  data: Datasets.moons(count: 40), options: options)
        let start = trainer.defaultStart
        let moved = try trainer.train(from: start).parameters
        #expect(zip(moved, start).allSatisfy { Swift.abs($0 - $1) <= 1e-3 + 1e-16 })
        #expect(zip(moved, start).contains { Swift.abs($0 - $1) == 1e-3 })
    }

    @Test(arguments: OptimizationMethod.allCases)
    func everyOptimizerLowersTheLoss(method: OptimizationMethod) throws {
        var options = TrainingOptions()
        options.method = method
        options.epochs = 20
        if !method.isFirstOrder { options.batchSize = nil }
        let trainer = try Trainer(network: NeuralNetwork(inputs: 2, hidden: [3], outputs: 2), loss: .crossEntropy,
                                  data: Datasets.moons(count: 60), options: options)
        let result = try trainer.train()
        #expect(result.loss < result.lossHistory[0], "\(method)")
        #expect(result.lossHistory.count == result.epochs + 1)
    }

    /// Polynomial regression: Newton's one step is the least-squares answer
    /// that gradient descent approaches.
    @Test func newtonSolvesLeastSquaresInOneStep() throws {
        let data = Datasets.cubic(count: 60, noise: 2, seed: 3)
        let scaled = Standardization(fitting: data).apply(to: data)
        let net = NeuralNetwork(inputs: 1, outputs: 1, features: .polynomial(degree: 3))
        var options = TrainingOptions()
        options.method = .newton
        options.batchSize = nil
        options.epochs = 5
        let newton = try Trainer(network: net, loss: .meanSquaredError, data: scaled, options: options).train(from: [0, 0, 0, 0])
        options.method = .gd
        options.optimizer.learningRate = 0.02
        options.epochs = 20_000
        options.recordsHistory = false
        let gd = try Trainer(network: net, loss: .meanSquaredError, data: scaled, options: options).train(from: [0, 0, 0, 0])
        #expect(newton.stopReason == .converged && newton.epochs <= 2)
        expectClose(newton.loss, gd.loss, relativeTolerance: 1e-6)
        for k in 0..<4 { expectClose(newton.parameters[k], gd.parameters[k], relativeTolerance: 1e-3) }
    }

    @Test func dropoutTrainsWithMasksAndEvaluatesWithout() throws {
        var options = TrainingOptions()
        options.epochs = 30
        options.dropout = 0.5
        let data = Datasets.moons()
        let trainer = try Trainer(network: NeuralNetwork(inputs: 2, hidden: [16], outputs: 2), loss: .crossEntropy,
                                  data: data, options: options)
        let result = try trainer.train()
        #expect(result.loss == trainer.objective(at: result.parameters))
        #expect(result.lossHistory.allSatisfy(\.isFinite) && result.loss < result.lossHistory[0])
        options.dropout = 0
        let plain = try Trainer(network: trainer.network, loss: .crossEntropy, data: data, options: options).train()
        #expect(plain.parameters != result.parameters)
    }

    @Test func singleSampleSGDMakesOneUpdatePerSample() throws {
        var options = TrainingOptions()
        options.method = .gd
        options.batchSize = 1
        options.epochs = 2
        let result = try Trainer(network: NeuralNetwork(inputs: 1, outputs: 1), loss: .meanSquaredError,
                                 data: Datasets.linear(count: 30, seed: 1), options: options).train(from: [0, 0])
        #expect(result.updates == 60 && result.loss < result.lossHistory[0])
    }

    @Test func defaultsReach95PercentOnMoons() throws {
        let trainer = try Trainer(network: NeuralNetwork(inputs: 2, hidden: [8], outputs: 2), loss: .crossEntropy,
                                  data: Datasets.moons())
        let result = try trainer.train()
        #expect(trainer.accuracy(at: result.parameters)! >= 0.95)
        let counts = trainer.confusionCounts(at: result.parameters)!
        #expect(counts.flatMap { $0 }.reduce(0, +) == 200 && counts[0][0] + counts[1][1] >= 190)
    }

    @Test func badSetupsAreReported() {
        let net = NeuralNetwork(inputs: 2, hidden: [3], outputs: 2)
        func trainer(_ inputs: [[Double]], _ targets: [Double], _ options: TrainingOptions = TrainingOptions()) throws(TrainingError) {
            _ = try Trainer(network: net, loss: .crossEntropy, inputs: inputs, targets: targets, options: options)
        }
        #expect(throws: TrainingError.invalidData("the data has no samples")) { try trainer([], []) }
        #expect(throws: TrainingError.invalidData("sample 2 has 1 inputs, the network takes 2")) { try trainer([[1, 2], [3]], [0, 1]) }
        #expect(throws: TrainingError.invalidData(
            "the label of sample 2 is 2.0; labels must be an integer from 0 to 1 for cross-entropy with 2 outputs")) {
            try trainer([[1, 2], [3, 4]], [0, 2])
        }
        #expect(throws: TrainingError.invalidData("the label of sample 1 is 0.5; labels must be an integer from 0 to 1 for cross-entropy with 2 outputs")) {
            try trainer([[1, 2]], [0.5])
        }
        var options = TrainingOptions()
        options.dropout = 1
        #expect(throws: TrainingError.invalidOption(option: "dropout", reason: "must be in [0, 1)")) { try trainer([[1, 2]], [0], options) }
        options = TrainingOptions()
        options.method = .newton
        #expect(throws: TrainingError.invalidOption(option: "batchSize", reason: "newton runs on the full batch; leave the batch size unset")) {
            try trainer([[1, 2]], [0], options)
        }
        #expect(throws: TrainingError.invalidData("the logistic loss needs a network with 1 output, this one has 2")) {
            _ = try Trainer(network: net, loss: .logistic, inputs: [[1, 2]], targets: [0])
        }
        #expect(throws: TrainingError.invalidStart("the starting point has 3 values, the network has 17 parameters")) {
            _ = try Trainer(network: net, loss: .crossEntropy, inputs: [[1, 2]], targets: [1]).train(from: [1, 2, 3])
        }
    }
}
