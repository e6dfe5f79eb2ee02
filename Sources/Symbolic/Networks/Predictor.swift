/// A trained network compiled for prediction: the forward pass as one
/// batched program over many points (the parameters fixed), with the
/// softmax or sigmoid of the loss applied for probabilities and classes.
/// Dropout is off.
///
///     let predictor = try Predictor(network: network, parameters: result.parameters, loss: .crossEntropy)
///     let classes = predictor.classes(of: [[0.5, 0.25], [-1, 0.8]])      // e.g. [1, 0]
///     let grid = predictor.probabilities(of: gridPoints)                  // one row per point
public struct Predictor: Sendable {
    /// The network.
    public let network: NeuralNetwork
    /// The loss the network was trained with: how outputs become classes.
    public let loss: Loss
    /// The parameters, flat.
    public let parameters: [Double]
    let program: BatchedFunction

    /// Compiles the forward pass of `network` with `parameters`.
    ///
    /// - Throws: ``ParameterError/countMismatch(expected:found:)`` when the
    ///   parameter count does not match the network.
    public init(network: NeuralNetwork, parameters: [Double], loss: Loss) throws(ParameterError) {
        guard parameters.count == network.parameters.count else {
            throw .countMismatch(expected: network.parameters.count, found: parameters.count)
        }
        self.network = network
        self.loss = loss
        self.parameters = parameters
        let inputs = (1...network.inputCount).map { "x\($0)" }
        let outputs = network.outputs(for: inputs.map(Expression.variable))
        // Inputs and parameter names never clash (W…, b… against x…), and
        // every name is listed, so compilation cannot fail.
        program = try! CompiledFunction(outputs, variables: inputs, parameters: network.parameters.variableNames)
            .batched(over: .variables)
    }

    /// The raw outputs (logits, or values for regression) of each point.
    ///
    ///     let z = predictor.outputs(of: [[0.5, 0.25]])   // [[z1, z2]]
    /// - Precondition: Every point has ``NeuralNetwork/inputCount`` values.
    public func outputs(of points: [[Double]]) -> [[Double]] {
        if points.isEmpty { return [] }
        for (i, p) in points.enumerated() {
            precondition(p.count == network.inputCount, "point \(i + 1) has \(p.count) values, the network takes \(network.inputCount)")
        }
        return try! program.evaluate(points: points, shared: parameters)
    }

    /// Class probabilities of each point: the softmax of the logits for
    /// cross-entropy, (1 − σ(z), σ(z)) for one logistic output. For hinge
    /// and regression losses, the outputs.
    ///
    ///     let p = predictor.probabilities(of: [[0.5, 0.25]])   // [[0.1, 0.9]]
    public func probabilities(of points: [[Double]]) -> [[Double]] {
        outputs(of: points).map { z in
            switch loss {
            case .crossEntropy:
                let m = z.max()!
                let e = z.map { VectorMath.exp($0 - m) }
                let s = e.reduce(0, +)
                return e.map { $0 / s }
            case .logistic:
                let p = VectorMath.sigmoid(z[0])
                return [1 - p, p]
            case .hinge, .meanSquaredError:
                return z
            }
        }
    }

    /// The predicted class of each point (largest logit; for one output,
    /// z > 0).
    ///
    ///     let labels = predictor.classes(of: points)
    public func classes(of points: [[Double]]) -> [Int] { outputs(of: points).map(loss.predictedClass) }

    /// The prediction of each point: the class (as a number) for
    /// classification losses, the first output for regression.
    ///
    ///     let y = predictor.predictions(of: [[1.5]])
    public func predictions(of points: [[Double]]) -> [Double] {
        loss.isClassification ? classes(of: points).map(Double.init) : outputs(of: points).map { $0[0] }
    }
}

/// Scores of predictions against the truth.
///
///     Metrics.accuracy(predicted: [0, 1, 1], actual: [0, 1, 0])           // 0.6666…
///     Metrics.confusionCounts(predicted: [0, 1, 1], actual: [0, 1, 0], classes: 2)   // [[1, 1], [0, 1]]
///     Metrics.rSquared(predicted: [1.1, 1.9, 3.2], actual: [1, 2, 3])
public enum Metrics {
    /// The fraction of predictions equal to the truth (0 for no samples).
    ///
    /// - Precondition: Equal lengths.
    public static func accuracy(predicted: [Int], actual: [Int]) -> Double {
        precondition(predicted.count == actual.count, "accuracy needs as many predictions as labels")
        guard !actual.isEmpty else { return 0 }
        return Double(zip(predicted, actual).count { $0 == $1 }) / Double(actual.count)
    }

    /// `counts[a][p]`: how many samples of true class `a` were predicted as
    /// class `p` (rows: truth, columns: prediction, as scikit-learn).
    ///
    /// - Precondition: Equal lengths; every class in `0..<classes`.
    public static func confusionCounts(predicted: [Int], actual: [Int], classes: Int) -> [[Int]] {
        precondition(predicted.count == actual.count, "confusion counts need as many predictions as labels")
        var counts = [[Int]](repeating: [Int](repeating: 0, count: classes), count: classes)
        for (p, a) in zip(predicted, actual) {
            precondition((0..<classes).contains(p) && (0..<classes).contains(a), "class out of range")
            counts[a][p] += 1
        }
        return counts
    }

    /// The coefficient of determination 1 − Σ(y − ŷ)² / Σ(y − ȳ)² (1 for a
    /// perfect fit; 0 for predicting the mean; NaN when the truth is constant).
    ///
    /// - Precondition: Equal, non-zero lengths.
    public static func rSquared(predicted: [Double], actual: [Double]) -> Double {
        precondition(predicted.count == actual.count && !actual.isEmpty, "R² needs as many predictions as values")
        let mean = actual.reduce(0, +) / Double(actual.count)
        var residual = 0.0, total = 0.0
        for (p, a) in zip(predicted, actual) {
            residual += (a - p) * (a - p)
            total += (a - mean) * (a - mean)
        }
        return total == 0 ? .nan : 1 - residual / total
    }
}
