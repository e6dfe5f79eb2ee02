import Foundation
import Testing
import Symbolic

/// The Swift examples of docs/Models.md, with the numbers the document
/// shows (the CLI lines are run by ``CLIDocumentationTests``).
@Suite("docs/Models.md Swift examples")
struct ModelsDocumentationTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The notes' reference run (H = 3): it ends at one of the two reference
    /// losses (0.0713158087… or 0.0707579459…, relative 1e-7); the command
    /// line's run in the document gives the same number.
    @Test func referenceRunHiddenThree() throws {
        var options = TrainingOptions()
        options.method = .gd
        options.optimizer.learningRate = 2
        options.l2 = 5e-5
        options.batchSize = nil
        options.epochs = 20_000
        let data = ModelsDocumentationTests.root.appendingPathComponent("Benchmarks/Data")
        let table = try DataTable(contentsOfCSVFile: data.appendingPathComponent("moons.csv").path)
        let trainer = try Trainer(network: NeuralNetwork(inputs: 2, hidden: [3], outputs: 2, activation: .tanh),
                                  loss: .crossEntropy, data: try Dataset(table: table, target: "label"), options: options)
        let start = try String(contentsOfFile: data.appendingPathComponent("mlp_init_H3.txt").path, encoding: .utf8)
            .split(separator: "\n").map { Double($0)! }
        let result = try trainer.train(from: start)
        #expect(abs(result.loss - 0.0713158087) <= 1e-7 * 0.0713158087 || abs(result.loss - 0.0707579459) <= 1e-7 * 0.0707579459)
        #expect(result.loss == 0.07131580871894488)
    }

    /// Logistic regression on the notes' four samples: the summed loss
    /// starts at 4·ln 2 and is 1.0672706757870163 after 100 steps of 0.01.
    @Test func logisticRegression() throws {
        let data = Dataset(inputs: [[0.52, 1.12, 0.77], [0.88, -1.08, 0.15], [0.52, 0.06, -1.30], [0.74, -2.49, 1.39]],
                           targets: [1, 1, 0, 1])
        let model = NeuralNetwork(inputs: 3, outputs: 1, bias: false)   // z = x·w, p = sigmoid(z)
        var options = TrainingOptions()
        options.method = .gd
        options.optimizer.learningRate = 0.01
        options.reduction = .sum
        options.batchSize = nil
        options.epochs = 100
        let trainer = try Trainer(network: model, loss: .logistic, data: data, options: options)
        let result = try trainer.train(from: [0, 0, 0])
        #expect(abs(result.lossHistory[0] - 4 * log(2)) < 1e-15)
        #expect(abs(result.loss - 1.0672706757870163) < 1e-14)
    }

    /// A linear SVM: hinge loss plus L2 on two blobs.
    @Test func supportVectorMachine() throws {
        let blobs = Datasets.blobs(count: 100, centers: 2, spread: 1, seed: 0)
        var options = TrainingOptions()
        options.method = .gd
        options.optimizer.learningRate = 0.01
        options.batchSize = nil
        options.epochs = 1000
        options.l2 = 0.01
        let svm = try Trainer(network: NeuralNetwork(inputs: 2, outputs: 1), loss: .hinge, data: blobs, options: options)
        let result = try svm.train(from: [0, 0, 0])
        #expect(svm.accuracy(at: result.parameters) == 1)
        #expect(abs(result.loss - 0.0004703568970822768) < 1e-15)
    }

    /// The moons MLP for several hidden sizes (1,000 epochs; the document's
    /// loop prints every size, the test checks two, as the CLI loop does all).
    @Test func moonsHiddenSizes() throws {
        let moons = Datasets.moons(count: 200, noise: 0.2, seed: 0)
        var options = TrainingOptions()
        options.method = .gd
        options.optimizer.learningRate = 2
        options.l2 = 5e-5
        options.batchSize = nil
        options.epochs = 1000
        var accuracies: [Double] = []
        for h in [1, 3] {
            let trainer = try Trainer(network: NeuralNetwork(inputs: 2, hidden: [h], outputs: 2), loss: .crossEntropy,
                                      data: moons, options: options)
            let result = try trainer.train()
            accuracies.append(trainer.accuracy(at: result.parameters)!)
        }
        #expect(accuracies == [0.86, 0.99])
    }

    /// Neural-network regression of x³ − 20x + 10 (standardised input).
    @Test func networkRegression() throws {
        let (scaled, _) = Datasets.cubic(count: 100, noise: 5, seed: 0).standardized()
        var options = TrainingOptions()
        options.batchSize = nil
        options.epochs = 2000
        options.optimizer.learningRate = 0.05
        let trainer = try Trainer(network: NeuralNetwork(inputs: 1, hidden: [20], outputs: 1), loss: .meanSquaredError,
                                  data: scaled, options: options)
        let result = try trainer.train()
        #expect(abs(result.loss - 20.793305317621044) < 1e-9)
        #expect(abs(trainer.rSquared(at: result.parameters)! - 0.9669531318515824) < 1e-12)
    }

    /// The Legendre P3 fit y = a + b·P3(c + d·x) to sin(x).
    @Test func legendreFit() throws {
        let table = Datasets.sine(count: 100, noise: 0, seed: 0).table
        let model = try FormulaModel(parsing: "a + b*(5*(c + d*x)^3 - 3*(c + d*x))/2", columns: table.columnNames)
        let result = try fit(model, to: table)
        #expect(abs(result["b"]! + 2.2400568816892132) < 1e-9 && abs(result["d"]! - 0.25589124416430264) < 1e-9)
        #expect(abs(result.rSquared - 0.9918485332728191) < 1e-12)
    }

    /// Polynomial regression: one Newton step is the least-squares answer;
    /// gradient descent creeps towards it.
    @Test func polynomialRegression() throws {
        let data = Datasets.cubic(count: 100, noise: 5, seed: 0)
        let model = NeuralNetwork(inputs: 1, outputs: 1, features: .polynomial(degree: 3))   // b + w1·x + w2·x² + w3·x³
        var newton = TrainingOptions()
        newton.method = .newton
        newton.batchSize = nil
        newton.epochs = 1
        let exact = try Trainer(network: model, loss: .meanSquaredError, data: data, options: newton)
        let one = try exact.train(from: [0, 0, 0, 0])
        #expect(one.epochs == 1 && one.stopReason == .converged)
        #expect(abs(one.loss - 22.60087215123189) < 1e-12)
        let expected = [-19.887997703924768, -0.0004126359537583428, 0.9904863944153868, 10.345117139533224]   // lm's
        for (p, q) in zip(one.parameters, expected) { #expect(abs(p - q) < 1e-12 * Swift.max(1, abs(q))) }
        var gd = TrainingOptions()
        gd.method = .gd
        gd.optimizer.learningRate = 1e-4
        gd.batchSize = nil
        gd.epochs = 10_000
        let slow = try Trainer(network: model, loss: .meanSquaredError, data: data, options: gd)
        let many = try slow.train(from: [0, 0, 0, 0])
        #expect(abs(many.loss - 32.28814422371223) < 1e-9)
    }

    /// Derivatives with respect to the data: move misclassified points.
    @Test func movingMisclassifiedPoints() throws {
        let moons = Datasets.moons(count: 200, noise: 0.2, seed: 0)
        var options = TrainingOptions()
        options.method = .gd
        options.optimizer.learningRate = 2
        options.batchSize = nil
        options.epochs = 1000
        let trainer = try Trainer(network: NeuralNetwork(inputs: 2, hidden: [3], outputs: 2), loss: .crossEntropy,
                                  data: moons, options: options)
        let w = try trainer.train().parameters
        let names = trainer.network.parameters.variableNames
        // ∂loss/∂x1 and ∂loss/∂x2 at fixed weights, compiled once.
        let loss = trainer.sampleLoss
        let f = try Expression.compile([loss] + loss.gradient(withRespectTo: ["x1", "x2"]),
                                       variables: ["x1", "x2"], parameters: names + ["label"])
        let predictor = trainer.predictor(at: w)
        var moved = 0, steps = 0
        for (x, label) in zip(moons.inputs, moons.labels) where predictor.classes(of: [x])[0] != label {
            var p = x
            while predictor.classes(of: [p])[0] != label {
                let out = f(p, parameters: w + [Double(label)])
                p[0] -= 0.1 * out[1]
                p[1] -= 0.1 * out[2]
                steps += 1
            }
            moved += 1
        }
        #expect(moved == 1 && steps == 2)
    }
}
