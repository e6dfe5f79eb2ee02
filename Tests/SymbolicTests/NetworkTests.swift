import Foundation
import Testing
@testable import Symbolic

/// Layers, networks, losses, initialisers, the seeded generator and prediction.
@Suite struct NetworkTests {
    typealias E = Symbolic.Expression

    @Test func mlpParametersFollowTheNamingContract() {
        let net = NeuralNetwork(inputs: 2, hidden: [3], outputs: 2)
        #expect(net.parameters.count == 17)   // 5H + 2
        #expect(net.parameters.tensors.map(\.name) == ["W1", "b1", "W2", "b2"])
        #expect(net.parameters.variableNames.prefix(7) == ["W1_1_1", "W1_1_2", "W1_1_3", "W1_2_1", "W1_2_2", "W1_2_3", "b1_1"])
        #expect(net.parameters.variableNames.last == "b2_2")
        let deep = NeuralNetwork(inputs: 4, hidden: [5, 6], outputs: 3, activation: .relu)
        #expect(deep.layers.map(\.unitCount) == [5, 6, 3] && deep.hiddenWidths == [5, 6])
        #expect(deep.parameters.count == 4 * 5 + 5 + 5 * 6 + 6 + 6 * 3 + 3)
    }

    @Test func forwardPassMatchesAHandComputation() throws {
        let net = NeuralNetwork(inputs: 2, hidden: [2], outputs: 1, activation: .tanh)
        let z = net.outputs(for: [.variable("x1"), .variable("x2")])[0]
        // W1 = [[1, 2], [3, 4]], b1 = [0.5, -0.5], W2 = [[2], [-1]], b2 = [0.25]
        let p: [Double] = [1, 2, 3, 4, 0.5, -0.5, 2, -1, 0.25]
        var point = Dictionary(uniqueKeysWithValues: zip(net.parameters.variableNames, p))
        point["x1"] = 0.3
        point["x2"] = -0.2
        let h1 = Foundation.tanh(0.3 * 1 - 0.2 * 3 + 0.5), h2 = Foundation.tanh(0.3 * 2 - 0.2 * 4 - 0.5)
        expectClose(try z.evaluate(at: point), 2 * h1 - h2 + 0.25, relativeTolerance: 1e-15)
        let predictor = try Predictor(network: net, parameters: p, loss: .meanSquaredError)
        expectClose(predictor.outputs(of: [[0.3, -0.2]])[0][0], 2 * h1 - h2 + 0.25, relativeTolerance: 1e-15)
    }

    @Test func layersWithoutBiasAndPolynomialFeatures() {
        let net = NeuralNetwork(inputs: 1, outputs: 1, features: .polynomial(degree: 3), bias: false)
        #expect(net.parameters.variableNames == ["W1_1_1", "W1_2_1", "W1_3_1"])
        let x = E.variable("x")
        let expected: E = x * .variable("W1_1_1") + x ** 2 * .variable("W1_2_1") + x ** 3 * .variable("W1_3_1")
        #expect(net.outputs(for: [x])[0] == expected)
    }

    @Test func activationsByName() throws {
        #expect(Activation.all.map(\.name) == ["identity", "tanh", "sigmoid", "relu", "leaky-relu"])
        #expect(Activation(name: "leaky-relu") == .leakyRelu(slope: 0.01) && Activation(name: "softmax") == nil)
        let z = E.variable("z")
        let leaky = Activation.leakyRelu(slope: 0.1).apply(z)
        #expect(try leaky.evaluate(at: ["z": -2]) == -0.2)
        #expect(try leaky.evaluate(at: ["z": 3]) == 3)
        #expect(Activation.sigmoid.apply(z) == sigmoid(z) && Activation.identity.apply(z) == z)
    }

    @Test func lossesPerSample() throws {
        let z1 = E.variable("z1"), z2 = E.variable("z2"), y = E.variable("y")
        let ce = Loss.crossEntropy.sampleLoss(outputs: [z1, z2], target: y)
        for (a, b, label) in [(0.3, -1.2, 0.0), (0.3, -1.2, 1), (1000, -1000, 1), (-1000, 1000, 1), (1000, 999, 0)] {
            let m = Swift.max(a, b)
            let lse = m + Foundation.log(Foundation.exp(a - m) + Foundation.exp(b - m))
            let v = try ce.evaluate(at: ["z1": a, "z2": b, "y": label])
            expectClose(v, lse - (label == 0 ? a : b), relativeTolerance: 1e-14)
        }
        let logistic = Loss.logistic.sampleLoss(outputs: [z1], target: y)
        expectClose(try logistic.evaluate(at: ["z1": 0.7, "y": 1]), -Foundation.log(1 / (1 + Foundation.exp(-0.7))), relativeTolerance: 1e-15)
        expectClose(try logistic.evaluate(at: ["z1": 800, "y": 0]), 800, relativeTolerance: 1e-15)
        let hinge = Loss.hinge.sampleLoss(outputs: [z1], target: y)
        #expect(try hinge.evaluate(at: ["z1": 0.25, "y": 1]) == 0.75)
        #expect(try hinge.evaluate(at: ["z1": 0.25, "y": 0]) == 1.25)
        #expect(try hinge.evaluate(at: ["z1": 0.25, "y": -1]) == 1.25)
        #expect(try hinge.evaluate(at: ["z1": 2, "y": 1]) == 0)
        let mse = Loss.meanSquaredError.sampleLoss(outputs: [z1, z2], target: y)
        #expect(try mse.evaluate(at: ["z1": 1, "z2": 3, "y": 2]) == 1)
        #expect(Loss.crossEntropy.predictedClass(outputs: [0.2, 1.5, 1.5]) == 1 && Loss.logistic.predictedClass(outputs: [-0.1]) == 0)
    }

    @Test func seededGeneratorIsReproducibleAndWellDistributed() {
        var a = SeededRandomGenerator(seed: 7), b = SeededRandomGenerator(seed: 7), c = SeededRandomGenerator(seed: 8)
        let first = (0..<5).map { _ in a.next() }
        #expect(first == (0..<5).map { _ in b.next() })
        #expect(first != (0..<5).map { _ in c.next() })
        var r = SeededRandomGenerator(seed: 1)
        let normals = (0..<20_000).map { _ in r.nextNormal() }
        let mean = normals.reduce(0, +) / 20_000
        let variance = normals.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / 20_000
        #expect(Swift.abs(mean) < 0.03 && Swift.abs(variance - 1) < 0.04)
        let uniforms = (0..<20_000).map { _ in r.nextUniform() }
        #expect(uniforms.allSatisfy { $0 >= 0 && $0 < 1 } && Swift.abs(uniforms.reduce(0, +) / 20_000 - 0.5) < 0.01)
        var order = Array(0..<10)
        r.shuffle(&order)
        #expect(order.sorted() == Array(0..<10) && order != Array(0..<10))
    }

    @Test func initialisersScaleByFanIn() {
        let net = NeuralNetwork(inputs: 400, hidden: [100], outputs: 2)
        let w = net.initialParameters(.normal, seed: 3)
        let w1 = w[net.parameters.range(of: "W1")!]
        let sd = (w1.reduce(0) { $0 + $1 * $1 } / Double(w1.count)).squareRoot()
        #expect(Swift.abs(sd - 1 / 20.0) < 0.002)
        #expect(w[net.parameters.range(of: "b1")!].allSatisfy { $0 == 0 })
        let glorot = net.initialParameters(.glorot, seed: 3)[net.parameters.range(of: "W2")!]
        let limit = (6.0 / 102).squareRoot()
        #expect(glorot.allSatisfy { Swift.abs($0) <= limit } && glorot.contains { Swift.abs($0) > limit / 2 })
        let he = net.initialParameters(.he, seed: 3)[net.parameters.range(of: "W1")!]
        #expect(Swift.abs((he.reduce(0) { $0 + $1 * $1 } / Double(he.count)).squareRoot() - (2.0 / 400).squareRoot()) < 0.003)
        #expect(net.initialParameters(.zeros).allSatisfy { $0 == 0 })
        #expect(net.initialParameters(.normal, seed: 3) == w)
    }

    @Test func predictorGivesProbabilitiesAndClasses() throws {
        let net = NeuralNetwork(inputs: 1, outputs: 2)
        // z = (x, -x): class 0 for x > 0.
        let predictor = try Predictor(network: net, parameters: [1, -1, 0, 0], loss: .crossEntropy)
        #expect(predictor.classes(of: [[0.5], [-2], [0]]) == [0, 1, 0])
        let p = predictor.probabilities(of: [[0.5]])[0]
        expectClose(p[0], 1 / (1 + Foundation.exp(-1)), relativeTolerance: 1e-15)
        expectClose(p[0] + p[1], 1, relativeTolerance: 1e-15)
        #expect(throws: ParameterError.countMismatch(expected: 4, found: 3)) {
            try Predictor(network: net, parameters: [1, 2, 3], loss: .crossEntropy)
        }
    }

    @Test func trainedNetworksRoundTripThroughJSON() throws {
        let net = NeuralNetwork(inputs: 2, hidden: [3, 2], outputs: 3, activation: .leakyRelu(slope: 0.2))
        let data = Datasets.spirals(count: 30, classes: 3, seed: 1)
        let scaler = Standardization(fitting: data)
        let model = TrainedNetwork(network: net, loss: .crossEntropy, parameters: net.initialParameters(.glorot, seed: 4),
                                   inputNames: data.inputNames, targetName: data.targetName, standardization: scaler)
        let json = try model.jsonData()
        let again = try TrainedNetwork(jsonData: json)
        #expect(again == model)
        #expect(again.predictions(for: data.inputs) == model.predictions(for: data.inputs))
        let text = String(decoding: json, as: UTF8.self)
        #expect(text.contains("\"model\" : \"mlp\"") && text.contains("\"activation\" : \"leaky-relu(0.2)\""))
        #expect(throws: DecodingError.self) { try TrainedNetwork(jsonData: Data("{\"model\": \"formula\"}".utf8)) }
        let poly = NeuralNetwork(inputs: 1, outputs: 1, features: .polynomial(degree: 3), bias: false)
        let regression = TrainedNetwork(network: poly, loss: .meanSquaredError, parameters: [1, 2, 3], inputNames: ["x"], targetName: "y")
        #expect(try TrainedNetwork(jsonData: regression.jsonData()).predictions(for: [[2]]) == [2 + 8 + 24])
    }
}
