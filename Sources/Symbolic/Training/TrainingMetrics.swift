extension SampleColumns {
    /// The input rows (every data name but the last, the target).
    var inputRows: [[Double]] { (0..<count).map { i in (0..<(width - 1)).map { values[$0 * count + i] } } }
    /// The targets.
    var targets: [Double] { Array(column(width - 1)) }
}

extension Trainer {
    /// The network with `parameters`, compiled for prediction.
    ///
    ///     let predictor = trainer.predictor(at: result.parameters)
    /// - Precondition: `parameters` has one value per network parameter.
    public func predictor(at parameters: [Double]) -> Predictor {
        do {
            return try Predictor(network: network, parameters: parameters, loss: loss)
        } catch {
            preconditionFailure("\(error)")
        }
    }

    /// The fraction of training samples classified correctly, or `nil` for
    /// a regression loss.
    ///
    ///     let accuracy = trainer.accuracy(at: result.parameters)   // e.g. 0.975
    public func accuracy(at parameters: [Double]) -> Double? { accuracy(parameters, on: data.training) }

    /// The fraction of validation samples classified correctly, or `nil`
    /// for regression or without a validation set.
    public func validationAccuracy(at parameters: [Double]) -> Double? {
        data.validation.flatMap { accuracy(parameters, on: $0) }
    }

    /// Training-set confusion counts `[truth][prediction]`, or `nil` for regression.
    ///
    ///     let counts = trainer.confusionCounts(at: result.parameters)   // [[97, 3], [2, 98]]
    public func confusionCounts(at parameters: [Double]) -> [[Int]]? {
        guard let classes = data.classCount else { return nil }
        let samples = data.training
        return Metrics.confusionCounts(predicted: predictor(at: parameters).classes(of: samples.inputRows),
                                       actual: samples.targets.map(Trainer.label), classes: classes)
    }

    /// R² of the training predictions, or `nil` for a classification loss.
    ///
    ///     let r2 = trainer.rSquared(at: result.parameters)
    public func rSquared(at parameters: [Double]) -> Double? {
        guard !loss.isClassification else { return nil }
        let samples = data.training
        return Metrics.rSquared(predicted: predictor(at: parameters).predictions(of: samples.inputRows),
                                actual: samples.targets)
    }

    func accuracy(_ parameters: [Double], on samples: SampleColumns) -> Double? {
        guard loss.isClassification else { return nil }
        return Metrics.accuracy(predicted: predictor(at: parameters).classes(of: samples.inputRows),
                                actual: samples.targets.map(Trainer.label))
    }

    /// A label as a class index (hinge's −1 is class 0).
    static func label(_ t: Double) -> Int { t < 0 ? 0 : Int(t) }
}
