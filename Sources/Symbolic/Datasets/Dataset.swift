/// Samples for supervised learning: one row of inputs and one target per
/// sample (scikit-learn's `X, y`), with names for both. Targets are class
/// labels 0, 1, … for classification and values for regression.
///
///     let data = Datasets.moons(count: 200, noise: 0.2, seed: 0)
///     let parts = data.split(validation: 0.2, test: 0.2, seed: 1)
///     let (scaled, scaler) = parts.training.standardized()
///     let test = scaler.apply(to: parts.test)
public struct Dataset: Sendable, Hashable {
    /// One row per sample.
    public var inputs: [[Double]]
    /// One target per sample.
    public var targets: [Double]
    /// The names of the input columns.
    public var inputNames: [String]
    /// The name of the target column.
    public var targetName: String

    /// A dataset from rows and targets.
    ///
    ///     let data = Dataset(inputs: [[0, 0], [1, 1]], targets: [0, 1])
    ///
    /// - Precondition: As many targets as rows, every row as long as
    ///   `inputNames` (default `x1`, `x2`, … for the first row's length).
    public init(inputs: [[Double]], targets: [Double], inputNames: [String]? = nil, targetName: String = "y") {
        let width = inputNames?.count ?? inputs.first?.count ?? 0
        precondition(inputs.count == targets.count, "\(inputs.count) input rows but \(targets.count) targets")
        precondition(inputs.allSatisfy { $0.count == width }, "every row needs \(width) inputs")
        self.inputs = inputs
        self.targets = targets
        self.inputNames = inputNames ?? (0..<width).map { "x\($0 + 1)" }
        self.targetName = targetName
    }

    /// The number of samples.
    public var count: Int { inputs.count }

    /// The labels as class indices (targets rounded toward zero; −1 is 0).
    public var labels: [Int] { targets.map { $0 < 0 ? 0 : Int($0) } }

    /// The samples at `indices`, in that order.
    ///
    ///     let firstTen = data.samples(at: 0..<10)
    public func samples(at indices: some Sequence<Int>) -> Dataset {
        var result = self
        result.inputs = []
        result.targets = []
        for i in indices {
            result.inputs.append(inputs[i])
            result.targets.append(targets[i])
        }
        return result
    }

    /// Training, validation and test parts of a split.
    public struct Split: Sendable, Hashable {
        /// The rest of the samples.
        public var training: Dataset
        /// The validation samples.
        public var validation: Dataset
        /// The test samples.
        public var test: Dataset
    }

    /// A seeded random split into training, validation and test samples
    /// (each part keeps the original order). Fractions are rounded to whole
    /// samples; at least one sample stays for training.
    ///
    ///     let parts = data.split(validation: 0.2, test: 0.1, seed: 0)
    ///
    /// - Precondition: Fractions are in [0, 1) and add up to less than 1.
    public func split(validation: Double = 0, test: Double = 0, seed: UInt64 = 0) -> Split {
        precondition(validation >= 0 && test >= 0 && validation + test < 1, "split fractions must add up to less than 1")
        var random = SeededRandomGenerator(seed: seed)
        var order = Array(0..<count)
        random.shuffle(&order)
        let testCount = Swift.min(Int((test * Double(count)).rounded()), Swift.max(count - 1, 0))
        let validationCount = Swift.min(Int((validation * Double(count)).rounded()), Swift.max(count - 1 - testCount, 0))
        let testRows = order[0..<testCount].sorted()
        let validationRows = order[testCount..<(testCount + validationCount)].sorted()
        let trainingRows = order[(testCount + validationCount)...].sorted()
        return Split(training: samples(at: trainingRows), validation: samples(at: validationRows), test: samples(at: testRows))
    }

    /// The dataset with every input column shifted to mean 0 and scaled to
    /// standard deviation 1 (constant columns are only shifted), and the
    /// transformation, to apply the same scaling to other data.
    ///
    ///     let (scaled, scaler) = training.standardized()
    public func standardized() -> (Dataset, Standardization) {
        let s = Standardization(fitting: self)
        return (s.apply(to: self), s)
    }
}

/// Per-column shifts and scales fitted on one dataset and applied to others
/// (scikit-learn's `StandardScaler`): x′ = (x − mean) / deviation.
///
///     let scaler = Standardization(fitting: training)
///     let test = scaler.apply(to: testData)
public struct Standardization: Sendable, Hashable, Codable {
    /// The mean of each input column.
    public var means: [Double]
    /// The (population) standard deviation of each input column; 1 for a
    /// constant column.
    public var deviations: [Double]

    /// Fits the means and deviations of `data`'s input columns.
    public init(fitting data: Dataset) {
        let width = data.inputNames.count, n = Double(Swift.max(data.count, 1))
        means = (0..<width).map { j in data.inputs.reduce(0) { $0 + $1[j] } / n }
        deviations = (0..<width).map { [means] j in
            let variance = data.inputs.reduce(0) { $0 + ($1[j] - means[j]) * ($1[j] - means[j]) } / n
            return variance > 0 ? variance.squareRoot() : 1
        }
    }

    /// One standardised row.
    ///
    ///     let x = scaler.apply(to: [1.5, -2])
    public func apply(to row: [Double]) -> [Double] { row.indices.map { (row[$0] - means[$0]) / deviations[$0] } }

    /// `data` with standardised inputs (targets unchanged).
    public func apply(to data: Dataset) -> Dataset {
        var result = data
        result.inputs = data.inputs.map(apply(to:))
        return result
    }
}
