extension TrainedNetwork {
    /// The decision regions of a classifier of two inputs over `data` (raw,
    /// unstandardised inputs): for two classes the boundary where the
    /// probability of class 1 is 0.5, for more the regions of the
    /// predicted class.
    ///
    ///     let model = TrainedNetwork(network: net, loss: .crossEntropy, parameters: result.parameters,
    ///                                inputNames: ["x1", "x2"], targetName: "y")
    ///     let panel = try model.decisionRegions(Datasets.moons()).panel()
    ///
    /// - Precondition: The network takes two inputs and has a classification loss.
    public func decisionRegions(_ data: Dataset) -> DecisionRegions {
        let labels = TrainedNetwork.classIndices(data.targets)
        let classes = Swift.max(2, (labels.max() ?? 0) + 1)
        let binary = classes == 2
        var regions = DecisionRegions(x: data.inputs.map { $0[0] }, y: data.inputs.map { $0[1] }, labels: labels) { xs, ys in
            let points = zip(xs, ys).map { [$0, $1] }
            if binary { return self.probabilities(for: points).map { $0.count > 1 ? $0[1] : $0[0] } }
            return self.predictions(for: points)
        }
        regions.isClassIndex = !binary
        regions.threshold = binary && loss == .hinge ? 0 : 0.5
        regions.inputNames = inputNames
        let sorted = Set(data.targets).sorted()
        if sorted.count == classes {
            regions.classNames = sorted.map { "\(targetName) = \(FitResult.label($0))" }
        }
        return regions
    }

    /// The picture `sym fit --model … --plot` draws: decision regions for a
    /// classifier of two inputs, the data and the fitted curve for one
    /// input, else the predicted against the observed target.
    ///
    ///     let svg = try model.figure(data: Datasets.moons()).svg()
    public func figure(data: Dataset) throws(PictureError) -> Figure {
        guard data.count > 0 else { throw .noData }
        guard data.inputNames.count == network.inputCount else {
            throw .invalidData("the data has \(data.inputNames.count) inputs, the network takes \(network.inputCount)")
        }
        let shape = ([network.inputCount] + network.layers.map(\.unitCount)).map(String.init).joined(separator: "-")
        if network.inputCount == 2 && loss.isClassification {
            var regions = decisionRegions(data)
            regions.title = "decision regions of the \(shape) network"
            return Figure(panels: [try regions.panel()], width: 640, height: 540)
        }
        let predicted = predictions(for: data.inputs)
        if network.inputCount == 1 {
            let xs = data.inputs.map { $0[0] }
            var panel = Panel(xAxis: Axis(label: inputNames[0]), yAxis: Axis(label: targetName))
            var points = ScatterSeries(x: xs, y: data.targets, label: "data", color: Palette.color(0))
            points.size = xs.count > 300 ? 3.5 : 5.5
            panel.add(points)
            guard let low = xs.min(), let high = xs.max(), low < high else { throw .noData }
            let curveXs = (0...400).map { low + (high - low) * Double($0) / 400 }
            panel.add(LineSeries(x: curveXs, y: predictions(for: curveXs.map { [$0] }), label: "network", color: Palette.color(1)))
            return Figure(panels: [panel], width: 640, height: 440)
        }
        var panel = Panel(xAxis: Axis(label: "observed \(targetName)"), yAxis: Axis(label: "predicted \(targetName)"))
        panel.add(ScatterSeries(x: data.targets, y: predicted, label: "samples", color: Palette.color(0)))
        return Figure(panels: [panel], width: 640, height: 440)
    }

    /// Class indices 0… for the targets: integer labels as they are
    /// (0…C−1), two other values (−1/1) in increasing order.
    static func classIndices(_ targets: [Double]) -> [Int] {
        let sorted = Set(targets).sorted()
        if sorted.allSatisfy({ $0 >= 0 && $0 == $0.rounded() && $0 < 1000 }) { return targets.map { Int($0) } }
        return targets.map { sorted.firstIndex(of: $0) ?? 0 }
    }
}

extension TrainingResult {
    /// Training and validation loss by epoch on a log scale (`--loss-plot`).
    ///
    ///     let svg = try result.lossFigure().svg()
    public func lossFigure() throws(PictureError) -> Figure {
        try LossFigure(training: lossHistory, validation: validationLossHistory).figure()
    }
}

/// The course notes' grid of decision boundaries: one network with a single
/// hidden layer per width, trained the same way on the same data.
///
///     var options = TrainingOptions()
///     options.method = .gd; options.batchSize = nil; options.optimizer.learningRate = 2; options.epochs = 2_000
///     let figure = try HiddenSizeGrid(data: Datasets.moons(), widths: [1, 2, 3, 4, 5, 20, 50], options: options).figure()
public struct HiddenSizeGrid {
    /// The training data (two inputs, class labels).
    public var data: Dataset
    /// The hidden layer's widths, one panel each.
    public var widths: [Int]
    /// How every network is trained.
    public var options: TrainingOptions
    /// The hidden activation. Default tanh.
    public var activation: Activation = .tanh
    /// The starting weights.
    public var initializer: Initializer = .normal
    /// The loss. Default cross-entropy.
    public var loss: Loss = .crossEntropy
    /// Called after each network is trained, with its width and result.
    public var onTrained: ((Int, TrainingResult) -> Void)?
    /// An observer given to every training run.
    public var observer: ((TrainingProgress) -> ObserverDecision)?

    /// Describes the grid.
    ///
    ///     let grid = HiddenSizeGrid(data: Datasets.moons(), widths: [1, 3, 50], options: TrainingOptions())
    public init(data: Dataset, widths: [Int], options: TrainingOptions) {
        self.data = data
        self.widths = widths
        self.options = options
    }

    /// Trains every network and lays out the panels, titled by width,
    /// four to a row.
    ///
    /// - Throws: ``PictureError/invalidData(_:)`` when the data does not
    ///   have two inputs or training is refused.
    public func figure() throws(PictureError) -> Figure {
        guard data.inputNames.count == 2 else { throw .invalidData("the grid needs data with two inputs") }
        let classes = Swift.max(2, (TrainedNetwork.classIndices(data.targets).max() ?? 0) + 1)
        var pictures: [DecisionRegions] = []
        for width in widths {
            let outputs = loss == .crossEntropy ? classes : 1
            let network = NeuralNetwork(inputs: 2, layers: [(width, activation), (outputs, .identity)])
            let result: TrainingResult
            do {
                let trainer = try Trainer(network: network, loss: loss, data: data, options: options)
                result = try trainer.train(from: network.initialParameters(initializer, seed: options.seed), observer: observer)
            } catch {
                throw .invalidData(error.description)
            }
            onTrained?(width, result)
            let model = TrainedNetwork(network: network, loss: loss, parameters: result.parameters,
                                       inputNames: data.inputNames, targetName: data.targetName)
            var regions = model.decisionRegions(data)
            regions.title = "\(width) hidden unit\(width == 1 ? "" : "s")"
            regions.resolution = 100
            pictures.append(regions)
        }
        return try DecisionRegions.grid(pictures, columns: 4, title: "decision regions by hidden-layer width")
    }
}
