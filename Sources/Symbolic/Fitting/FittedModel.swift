import Foundation

/// A fitted model as saved to and loaded from JSON: the formula, its
/// inputs, the parameter values, their standard errors and the fit's
/// statistics. Loading it back predicts exactly what the fitted formula gives.
///
///     let saved = FittedModel(result)
///     try saved.write(to: "decay-model.json")
///     let loaded = try FittedModel(contentsOf: "decay-model.json")
///     let predictions = try loaded.predict(newData)
///
/// Parameter values are written as the shortest decimal text that reads
/// back to the same double, so a saved model's predictions equal the
/// in-memory fit's bit for bit.
public struct FittedModel: Sendable, Hashable, Codable {
    /// The fit statistics stored with a model.
    public struct Statistics: Sendable, Hashable, Codable {
        /// The objective at the parameters (mean loss plus penalty).
        public var loss: Double
        /// Σ(fᵢ − tᵢ)².
        public var rss: Double
        /// R², when defined.
        public var rSquared: Double?
        /// s = √(RSS/(n − p)), when n > p.
        public var residualStandardDeviation: Double?
        /// Samples fitted.
        public var samples: Int
        /// Iterations of the method.
        public var iterations: Int
        /// Whether the method converged.
        public var converged: Bool
        /// The stop reason's name.
        public var reason: String

        enum CodingKeys: String, CodingKey {
            case loss, rss, rSquared = "r_squared", residualStandardDeviation = "residual_standard_deviation"
            case samples, iterations, converged, reason
        }
    }

    /// Identifies the file format: always "sym-fitted-model".
    public var format = "sym-fitted-model"
    /// The format version: 1.
    public var version = 1
    /// The formula of each output, as text that parses back to it.
    public var outputs: [String]
    /// The data columns the formulas read.
    public var inputs: [String]
    /// The parameters in the model's order.
    public var parameterNames: [String]
    /// Every parameter's value.
    public var parameters: [String: Double]
    /// Standard errors of the fitted parameters (squared loss), when finite.
    public var standardErrors: [String: Double]?
    /// The target column or expression.
    public var target: String
    /// The loss that was minimised.
    public var loss: FitLoss
    /// The method that ran.
    public var method: FitMethod
    /// Fit statistics.
    public var statistics: Statistics

    enum CodingKeys: String, CodingKey {
        case format, version, outputs, inputs, parameterNames = "parameter_names", parameters
        case standardErrors = "standard_errors", target, loss, method, statistics
    }

    /// The saved form of `result`.
    public init(_ result: FitResult) {
        outputs = result.model.outputs.map(\.description)
        inputs = result.model.inputs
        parameterNames = result.model.parameters
        parameters = Dictionary(uniqueKeysWithValues: zip(result.model.parameters, result.values))
        standardErrors = result.standardErrors.map { errors in
            Dictionary(uniqueKeysWithValues: zip(result.model.parameters, errors).filter { $0.1.isFinite })
        }
        target = result.target
        loss = result.loss
        method = result.method
        statistics = Statistics(loss: result.objective, rss: result.rss,
                                rSquared: result.rSquared.isFinite ? result.rSquared : nil,
                                residualStandardDeviation: result.residualStandardDeviation.isFinite
                                    ? result.residualStandardDeviation : nil,
                                samples: result.sampleCount, iterations: result.iterations,
                                converged: result.converged, reason: result.stopReason.description)
    }

    /// Reads a saved model from JSON.
    ///
    /// - Throws: ``FitError/invalidSavedModel(_:)`` when the JSON is not a
    ///   saved model, a formula does not parse, or a parameter has no value.
    public init(jsonData data: Data) throws(FitError) {
        do {
            self = try JSONDecoder().decode(FittedModel.self, from: data)
        } catch {
            throw .invalidSavedModel("not a saved model (\(FittedModel.reason(error)))")
        }
        guard format == "sym-fitted-model" else { throw .invalidSavedModel("unknown format '\(format)'") }
        guard version == 1 else { throw .invalidSavedModel("unsupported version \(version)") }
        _ = try model()
    }

    /// Reads a saved model from the file at `path`.
    ///
    /// - Throws: ``FitError/invalidSavedModel(_:)`` for an unreadable file or
    ///   the errors of ``init(jsonData:)``.
    public init(contentsOf path: String) throws(FitError) {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .invalidSavedModel("cannot read '\(path)'")
        }
        try self.init(jsonData: data)
    }

    /// The JSON text, keys sorted, two-space indented.
    public func jsonData() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        // Every number stored is finite, so encoding cannot fail.
        return try! encoder.encode(self)
    }

    /// Writes the JSON to `path`.
    ///
    /// - Throws: ``FitError/invalidSavedModel(_:)`` when the file cannot be written.
    public func write(to path: String) throws(FitError) {
        do {
            try jsonData().write(to: URL(fileURLWithPath: path))
        } catch {
            throw .invalidSavedModel("cannot write '\(path)'")
        }
    }

    /// The formula model, parsed back from the saved text.
    public func model() throws(FitError) -> FormulaModel {
        var formulas: [Expression] = []
        for text in outputs {
            do { formulas.append(try Expression(parsing: text)) } catch {
                throw .invalidSavedModel("the formula '\(text)' does not parse: \(error)")
            }
        }
        for name in parameterNames where parameters[name] == nil {
            throw .invalidSavedModel("no value for parameter '\(name)'")
        }
        do {
            return try FormulaModel(outputs: formulas, inputs: inputs, parameters: parameterNames)
        } catch {
            throw .invalidSavedModel(error.description)
        }
    }

    /// The first output at every row of `data`, in row order, computed by
    /// the compiled batched program (on every core for large tables).
    ///
    /// - Throws: ``FitError/data(_:)`` when `data` lacks an input column.
    public func predict(_ data: DataTable, threads: Int? = nil) throws(FitError) -> [Double] {
        try predictAll(data, threads: threads)[0]
    }

    /// Every output at every row: one array per output.
    public func predictAll(_ data: DataTable, threads: Int? = nil) throws(FitError) -> [[Double]] {
        let model = try model()
        var columns: [Double] = []
        for name in inputs {
            do { columns += try data.column(named: name) } catch { throw .data(error) }
        }
        let m = data.rowCount
        var options = FitOptions()
        options.threads = threads
        let evaluator = try ModelEvaluator(outputs: model.outputs, variables: model.parameters, pointInputs: inputs)
        let values = evaluator.evaluate(columns: columns, pointCount: m, shared: parameterNames.map { parameters[$0]! },
                                        threads: options.threadCount(samples: m))
        return (0..<model.outputs.count).map { Array(values[($0 * m)..<(($0 + 1) * m)]) }
    }

    private static func reason(_ error: any Error) -> String {
        if case DecodingError.keyNotFound(let key, _) = error { return "missing '\(key.stringValue)'" }
        if case DecodingError.typeMismatch(_, let context) = error {
            return "wrong type at '\(context.codingPath.map(\.stringValue).joined(separator: "."))'"
        }
        if case DecodingError.dataCorrupted = error { return "invalid JSON" }
        return "unreadable"
    }
}
