import Foundation

/// A trained network with everything needed to predict again: the
/// architecture, the loss (how outputs become classes), the data names, an
/// optional input standardisation, and the parameters. It saves to and
/// loads from JSON (`sym fit --model mlp --save`, `sym predict`).
///
///     let model = TrainedNetwork(network: network, loss: .crossEntropy, parameters: result.parameters,
///                                inputNames: ["x1", "x2"], targetName: "label")
///     try model.jsonData().write(to: URL(fileURLWithPath: "model.json"))
///     let again = try TrainedNetwork(jsonData: Data(contentsOf: URL(fileURLWithPath: "model.json")))
///     let labels = again.predictions(for: [[0.5, 0.25]])
public struct TrainedNetwork: Sendable, Hashable {
    /// The architecture.
    public var network: NeuralNetwork
    /// The training loss.
    public var loss: Loss
    /// The parameters, flat.
    public var parameters: [Double]
    /// The data names of the inputs, in order.
    public var inputNames: [String]
    /// The data name of the target.
    public var targetName: String
    /// The scaling applied to raw inputs before the network, if any.
    public var standardization: Standardization?

    /// A trained network.
    ///
    /// - Precondition: One parameter value per network parameter and one
    ///   input name per network input.
    public init(network: NeuralNetwork, loss: Loss, parameters: [Double], inputNames: [String], targetName: String,
                standardization: Standardization? = nil) {
        precondition(parameters.count == network.parameters.count, "one value per network parameter")
        precondition(inputNames.count == network.inputCount, "one name per network input")
        self.network = network
        self.loss = loss
        self.parameters = parameters
        self.inputNames = inputNames
        self.targetName = targetName
        self.standardization = standardization
    }

    /// The compiled forward pass (inputs are standardised first by
    /// ``predictions(for:)``, not by the predictor).
    public func predictor() -> Predictor {
        // The counts are checked by init.
        try! Predictor(network: network, parameters: parameters, loss: loss)
    }

    /// Predictions for raw input rows: classes (as numbers) for
    /// classification losses, values for regression.
    ///
    ///     let y = model.predictions(for: [[1.5, -0.5]])
    public func predictions(for inputs: [[Double]]) -> [Double] {
        predictor().predictions(of: standardized(inputs))
    }

    /// Class probabilities for raw input rows (see ``Predictor/probabilities(of:)``).
    public func probabilities(for inputs: [[Double]]) -> [[Double]] {
        predictor().probabilities(of: standardized(inputs))
    }

    /// `inputs` with the standardisation applied.
    public func standardized(_ inputs: [[Double]]) -> [[Double]] {
        standardization.map { s in inputs.map(s.apply(to:)) } ?? inputs
    }

    /// The model as JSON (keys sorted, numbers exact).
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(self)
    }

    /// A model read from ``jsonData()``'s format.
    ///
    /// - Throws: `DecodingError` for JSON that is not a saved network.
    public init(jsonData: Data) throws {
        self = try JSONDecoder().decode(TrainedNetwork.self, from: jsonData)
    }
}

extension TrainedNetwork: Codable {
    private enum Keys: String, CodingKey {
        case model, inputs, target, loss, layers, features, bias, parameters, standardization
    }

    private struct Layer: Codable {
        var units: Int
        var activation: String
    }

    /// `{"model": "mlp", "inputs": [...], "target": ..., "loss": ..., "layers": [{"units": 3, "activation": "tanh"}, …],
    /// "features": "identity", "bias": true, "parameters": {"W1": [[…]], "b1": […], …}, "standardization": …}`.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode("mlp", forKey: .model)
        try c.encode(inputNames, forKey: .inputs)
        try c.encode(targetName, forKey: .target)
        try c.encode(loss.rawValue, forKey: .loss)
        try c.encode(network.layers.map { Layer(units: $0.unitCount, activation: $0.activation.description) }, forKey: .layers)
        try c.encode(network.features.description, forKey: .features)
        try c.encode(network.layers[0].hasBias, forKey: .bias)
        var tensors: [String: [[Double]]] = network.parameters.unflatten(parameters)
        for t in network.parameters.tensors where t.isVector { tensors[t.name] = nil }
        var vectors: [String: [Double]] = [:]
        for t in network.parameters.tensors where t.isVector { vectors[t.name] = Array(parameters[network.parameters.range(of: t.name)!]) }
        try c.encode(ParameterValues(matrices: tensors, vectors: vectors), forKey: .parameters)
        try c.encodeIfPresent(standardization, forKey: .standardization)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        let kind = try c.decode(String.self, forKey: .model)
        guard kind == "mlp" else {
            throw DecodingError.dataCorruptedError(forKey: .model, in: c, debugDescription: "not a saved network (model '\(kind)')")
        }
        let inputs = try c.decode([String].self, forKey: .inputs)
        let lossName = try c.decode(String.self, forKey: .loss)
        guard let loss = Loss(rawValue: lossName) else {
            throw DecodingError.dataCorruptedError(forKey: .loss, in: c, debugDescription: "unknown loss '\(lossName)'")
        }
        var layers: [(units: Int, activation: Activation)] = []
        for layer in try c.decode([Layer].self, forKey: .layers) {
            guard layer.units > 0, let activation = Activation(description: layer.activation) else {
                throw DecodingError.dataCorruptedError(forKey: .layers, in: c, debugDescription: "invalid layer \(layer.units) \(layer.activation)")
            }
            layers.append((layer.units, activation))
        }
        let featureText = try c.decode(String.self, forKey: .features)
        guard let features = FeatureMap(description: featureText), !inputs.isEmpty, !layers.isEmpty else {
            throw DecodingError.dataCorruptedError(forKey: .features, in: c, debugDescription: "invalid network description")
        }
        let network = NeuralNetwork(inputs: inputs.count, layers: layers, features: features,
                                    bias: try c.decode(Bool.self, forKey: .bias))
        let values = try c.decode(ParameterValues.self, forKey: .parameters)
        var nested = values.matrices
        for (name, v) in values.vectors { nested[name] = [v] }
        let flat: [Double]
        do {
            flat = try network.parameters.flatten(nested)
        } catch {
            throw DecodingError.dataCorruptedError(forKey: .parameters, in: c, debugDescription: error.description)
        }
        self.init(network: network, loss: loss, parameters: flat, inputNames: inputs,
                  targetName: try c.decode(String.self, forKey: .target),
                  standardization: try c.decodeIfPresent(Standardization.self, forKey: .standardization))
    }

    /// Matrices as nested rows and vectors as plain arrays, in one object.
    private struct ParameterValues: Codable {
        var matrices: [String: [[Double]]]
        var vectors: [String: [Double]]

        init(matrices: [String: [[Double]]], vectors: [String: [Double]]) {
            self.matrices = matrices
            self.vectors = vectors
        }

        struct Name: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Name.self)
            for (name, rows) in matrices { try c.encode(rows, forKey: Name(stringValue: name)) }
            for (name, values) in vectors { try c.encode(values, forKey: Name(stringValue: name)) }
        }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: Name.self)
            matrices = [:]
            vectors = [:]
            for key in c.allKeys {
                if let rows = try? c.decode([[Double]].self, forKey: key) {
                    matrices[key.stringValue] = rows
                } else {
                    vectors[key.stringValue] = try c.decode([Double].self, forKey: key)
                }
            }
        }
    }
}

extension Activation {
    /// The activation a ``description`` names (`leaky-relu(0.2)` included).
    ///
    ///     Activation(description: "leaky-relu(0.2)")   // .leakyRelu(slope: 0.2)
    public init?(description: String) {
        if let named = Activation(name: description) {
            self = named
        } else if description.hasPrefix("leaky-relu("), description.hasSuffix(")"),
                  let slope = Double(description.dropFirst("leaky-relu(".count).dropLast()), slope.isFinite {
            self = .leakyRelu(slope: slope)
        } else {
            return nil
        }
    }
}

extension FeatureMap: CustomStringConvertible {
    /// `identity` or `polynomial(3)`.
    public var description: String {
        switch self {
        case .identity: return "identity"
        case .polynomial(let degree): return "polynomial(\(degree))"
        }
    }

    /// The map a ``description`` names.
    ///
    ///     FeatureMap(description: "polynomial(3)")   // .polynomial(degree: 3)
    public init?(description: String) {
        if description == "identity" {
            self = .identity
        } else if description.hasPrefix("polynomial("), description.hasSuffix(")"),
                  let degree = Int(description.dropFirst("polynomial(".count).dropLast()), degree >= 1 {
            self = .polynomial(degree: degree)
        } else {
            return nil
        }
    }
}
