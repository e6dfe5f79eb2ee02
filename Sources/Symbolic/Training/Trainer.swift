/// Trains a ``NeuralNetwork`` on labelled data: the per-sample loss is built
/// symbolically, differentiated once, and compiled into a batched program
/// over the samples; each epoch then runs that program and an optimiser
/// update, with L2 on the weights, clipping, dropout, a validation split,
/// early stopping, learning-rate schedules and an observer.
///
///     let data = Datasets.moons(count: 200, noise: 0.2, seed: 0)
///     let network = NeuralNetwork(inputs: 2, hidden: [8], outputs: 2)
///     let trainer = try Trainer(network: network, loss: .crossEntropy, data: data)
///     let result = try trainer.train()
///     print(result.loss, trainer.accuracy(at: result.parameters)!)
///
/// A trainer compiles once and can run many times (different starts,
/// seeds are in ``options``); runs are deterministic bit for bit.
public struct Trainer: Sendable {
    /// The network trained.
    public let network: NeuralNetwork
    /// The per-sample loss.
    public let loss: Loss
    /// The run's settings.
    public let options: TrainingOptions
    /// The data names of the inputs in ``sampleLoss`` (default `x1`, `x2`, …).
    public let inputNames: [String]
    /// The data name of the target in ``sampleLoss``.
    public let targetName: String
    /// The loss of one sample as an expression of the parameters and the
    /// data names (without dropout).
    public let sampleLoss: Expression

    let data: TrainingData
    /// Per sample: [loss, ∂loss/∂parameters…], with dropout masks as data.
    let step: BatchedFunction
    /// Per sample: [loss], without dropout.
    let evaluation: BatchedFunction
    /// The mask data names (hidden layer by layer, unit by unit).
    let maskNames: [String]
    /// Per sample: the sparse lower-triangle Hessian of the loss (Newton only).
    let hessian: (program: BatchedFunction, rows: [Int], columns: [Int])?
    let isWeight: [Bool]

    /// Checks the data, splits off the validation samples, and compiles
    /// the loss and its gradient.
    ///
    /// - Parameters:
    ///   - inputs: One row of ``NeuralNetwork/inputCount`` values per sample.
    ///   - targets: One target per sample: a class label (0, 1, …) for
    ///     classification losses, a value for regression.
    ///   - inputNames: Data names for the inputs (default `x1`, `x2`, …).
    ///   - targetName: The data name of the target (default `y`).
    /// - Throws: ``TrainingError`` for invalid options, no or ragged data,
    ///   non-finite values, a label out of range, or names that clash.
    public init(network: NeuralNetwork, loss: Loss, inputs: [[Double]], targets: [Double], inputNames: [String]? = nil,
                targetName: String = "y", options: TrainingOptions = TrainingOptions()) throws(TrainingError) {
        if let error = options.validate() { throw error }
        if (loss == .logistic || loss == .hinge) && network.outputCount != 1 {
            throw .invalidData("the \(loss.rawValue) loss needs a network with 1 output, this one has \(network.outputCount)")
        }
        if loss == .crossEntropy && network.outputCount < 2 {
            throw .invalidData("cross-entropy needs one output per class (at least 2); use the logistic loss for 1 output")
        }
        let names = inputNames ?? (1...network.inputCount).map { "x\($0)" }
        guard names.count == network.inputCount else {
            throw .invalidData("\(names.count) input names for a network with \(network.inputCount) inputs")
        }
        let hidden = network.layers.dropLast()
        let maskNames = options.dropout > 0
            ? hidden.flatMap { layer in (1...layer.unitCount).map { "dropout\(layer.index)_\($0)" } } : []
        var seen = Set(network.parameters.variableNames)
        for name in names + [targetName] + maskNames where !seen.insert(name).inserted {
            throw .invalidData("the data name '\(name)' is used twice or clashes with a parameter")
        }
        var random = SeededRandomGenerator(seed: options.seed)
        data = try TrainingData(inputs: inputs, targets: targets, inputCount: network.inputCount, loss: loss,
                                outputs: network.outputCount, validationFraction: options.validationFraction,
                                random: &random)
        self.network = network
        self.loss = loss
        self.options = options
        self.inputNames = names
        self.targetName = targetName
        self.maskNames = maskNames
        isWeight = network.parameters.isWeight

        let x = names.map(Expression.variable), y = Expression.variable(targetName)
        sampleLoss = loss.sampleLoss(outputs: network.outputs(for: x), target: y)
        var masks: [[Expression]] = []
        var next = maskNames.makeIterator()
        for layer in hidden where !maskNames.isEmpty {
            masks.append((0..<layer.unitCount).map { _ in Expression.variable(next.next()!) })
        }
        let trainingLoss = maskNames.isEmpty ? sampleLoss
            : loss.sampleLoss(outputs: network.outputs(for: x, dropoutMasks: masks), target: y)
        let variables = network.parameters.variableNames, dataNames = names + [targetName]
        do {
            step = try Expression.compile([trainingLoss] + trainingLoss.gradient(withRespectTo: variables),
                                          variables: variables, parameters: dataNames + maskNames)
                .batched(over: .parameters)
            evaluation = try Expression.compile([sampleLoss], variables: variables, parameters: dataNames)
                .batched(over: .parameters)
            if options.method == .newton {
                let h = try sampleLoss.compileHessian(variables: variables, parameters: dataNames)
                hessian = (h.function.batched(over: .parameters), h.rows, h.columns)
            } else {
                hessian = nil
            }
        } catch {
            throw .compilation(error)
        }
    }

    /// A trainer on a ``Dataset``, whose column names become the data names.
    ///
    ///     let trainer = try Trainer(network: network, loss: .crossEntropy, data: Datasets.moons())
    ///
    /// - Throws: As ``init(network:loss:inputs:targets:inputNames:targetName:options:)``.
    public init(network: NeuralNetwork, loss: Loss, data: Dataset, options: TrainingOptions = TrainingOptions()) throws(TrainingError) {
        try self.init(network: network, loss: loss, inputs: data.inputs, targets: data.targets, inputNames: data.inputNames,
                      targetName: data.targetName, options: options)
    }

    /// Samples used for training.
    public var trainingSampleCount: Int { data.training.count }
    /// Samples held out for validation.
    public var validationSampleCount: Int { data.validation?.count ?? 0 }

    /// The starting point a run uses by default: ``Initializer/normal``
    /// weights (the course notes' 1/√fan-in scaling) from ``TrainingOptions/seed``.
    public var defaultStart: [Double] { network.initialParameters(.normal, seed: options.seed) }

    /// Trains from `start` (default ``defaultStart``).
    ///
    ///     let result = try trainer.train(from: start) { progress in
    ///         print(progress)   // epoch 1/200: loss 0.6, validation 0.61
    ///         return .proceed
    ///     }
    ///
    /// - Parameter observer: Called at the start (epoch 0) and after every
    ///   epoch; return ``ObserverDecision/stop`` to end the run.
    /// - Throws: ``TrainingError/invalidStart(_:)`` for a start of the wrong
    ///   length or with non-finite values.
    public func train(from start: [Double]? = nil,
                      observer: ((TrainingProgress) -> ObserverDecision)? = nil) throws(TrainingError) -> TrainingResult {
        let start = start ?? defaultStart
        guard start.count == network.parameters.count else {
            throw .invalidStart("the starting point has \(start.count) values, the network has \(network.parameters.count) parameters")
        }
        if let k = start.firstIndex(where: { !$0.isFinite }) {
            throw .invalidStart("the starting value of \(network.parameters.variableNames[k]) is not a finite number")
        }
        let run = TrainingRun(self, start: start, observer: observer)
        return options.method.isFirstOrder ? run.runFirstOrder() : run.runFullBatch()
    }

    /// The training objective (reduced loss plus L2 penalty) at `parameters`.
    ///
    ///     let j = trainer.objective(at: result.parameters)
    public func objective(at parameters: [Double]) -> Double {
        objective(parameters, on: data.training)
    }

    /// The validation objective at `parameters`, or `nil` without a
    /// validation set.
    public func validationObjective(at parameters: [Double]) -> Double? {
        data.validation.map { objective(parameters, on: $0) }
    }

    func objective(_ parameters: [Double], on samples: SampleColumns) -> Double {
        var workspace = evaluation.makeWorkspace()
        var sum = [0.0]
        samples.values.withUnsafeBufferPointer { c in
            parameters.withUnsafeBufferPointer { w in
                sum.withUnsafeMutableBufferPointer { s in
                    evaluation.sum(columns: c, pointCount: samples.count, shared: w, into: s, workspace: &workspace,
                                   threads: options.threads)
                }
            }
        }
        return sum[0] * reductionScale(samples.count) + penalty(parameters)
    }

    /// 1/count for a mean, 1 for a sum.
    func reductionScale(_ count: Int) -> Double { options.reduction == .mean ? 1 / Double(count) : 1 }

    /// (λ/2)·Σ w² over the weights.
    func penalty(_ parameters: some Collection<Double>) -> Double {
        guard options.l2 > 0 else { return 0 }
        var total = 0.0
        for (w, weight) in zip(parameters, isWeight) where weight { total += w * w }
        return options.l2 / 2 * total
    }
}
