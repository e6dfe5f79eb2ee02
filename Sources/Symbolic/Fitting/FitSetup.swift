/// Everything a fit needs before any method runs: the data as columns,
/// the target values and labels, which parameters are free, where they
/// start and how bounds map them. Built once by ``fit(_:to:target:loss:method:options:observer:)``.
struct FitSetup: Sendable {
    let model: FormulaModel
    let loss: FitLoss
    let method: FitMethod
    let options: FitOptions
    /// The target's text (a column name or an expression of columns).
    let target: String
    /// The target values as given (for RSS and R²).
    let targetValues: [Double]
    /// The labels the loss uses (classification labels as ±1).
    let labels: [Double]
    /// The model's input columns, column-major: input j at row i is `inputColumns[j·m + i]`.
    let inputColumns: [Double]
    let sampleCount: Int
    /// Indices (into `model.parameters`) of the free parameters.
    let free: [Int]
    /// The starting value of every parameter.
    let start: [Double]
    /// The transform of each free parameter.
    let transforms: [ParameterTransform]
    /// For each free parameter, whether the L2 penalty applies.
    let penalized: [Bool]
    let threads: Int

    init(model: FormulaModel, data: DataTable, target: String?, loss: FitLoss, method: FitMethod?,
         options: FitOptions) throws(FitError) {
        self.model = model
        self.loss = loss
        self.options = options
        if method == .lm && loss != .squared { throw .unsupportedMethod(.lm, loss: loss) }
        let m = data.rowCount
        guard m > 0 else { throw .noSamples }
        sampleCount = m
        threads = options.threadCount(samples: m)

        // Inputs and the target.
        var columns: [Double] = []
        columns.reserveCapacity(model.inputs.count * m)
        for name in model.inputs {
            do { columns += try data.column(named: name) } catch { throw .data(error) }
        }
        inputColumns = columns
        let targetText: String
        if let target { targetText = target } else { targetText = try FitSetup.defaultTarget(model: model, data: data) }
        self.target = targetText
        targetValues = try FitSetup.targetValues(targetText, model: model, data: data, threads: threads)
        do { labels = try loss.labels(from: targetValues, column: targetText) } catch { throw error.located(in: data) }

        // Parameters named in options must be the model's.
        let named = Array(options.start.keys) + Array(options.fixed) + Array(options.bounds.keys)
            + (options.penalizedParameters ?? [])
        let unknown = Array(Set(named.filter { !model.parameters.contains($0) })).sorted()
        if !unknown.isEmpty {
            throw .unknownParameters(unknown, suggestions: unknown.map { closestMatch(to: $0, in: model.parameters) })
        }
        free = model.parameters.indices.filter { !options.fixed.contains(model.parameters[$0]) }
        guard !free.isEmpty else { throw .allParametersFixed }
        let chosen = method ?? FitMethod.automatic(loss: loss, parameterCount: free.count)
        if chosen == .lm && loss != .squared { throw .unsupportedMethod(.lm, loss: loss) }
        self.method = chosen
        guard options.l2 >= 0 && options.l2.isFinite else {
            throw .invalidOption(option: "l2", reason: "must be finite and non-negative")
        }

        // Starting values, inside the bounds.
        var start: [Double] = []
        for name in model.parameters {
            let bounds = options.bounds[name] ?? ParameterBounds()
            guard !bounds.lower.isNaN, !bounds.upper.isNaN, bounds.lower <= bounds.upper,
                  bounds.lower < .infinity, bounds.upper > -.infinity else {
                throw .invalidBounds(name, reason: "the lower bound must be a number at most the upper bound")
            }
            if let given = options.start[name] {
                guard given.isFinite else { throw .nonFiniteStart(name) }
                guard bounds.contains(given) else {
                    throw .invalidBounds(name, reason: "the start \(FitError.text(given)) lies outside "
                        + "[\(FitError.text(bounds.lower)), \(FitError.text(bounds.upper))]")
                }
                start.append(given)
            } else {
                start.append(FitSetup.defaultStart(options.defaultStart, within: bounds))
            }
        }
        self.start = start
        transforms = free.map { ParameterTransform(options.bounds[model.parameters[$0]]) }
        let penalizedNames = Set(options.penalizedParameters ?? model.parameters)
        penalized = free.map { options.l2 > 0 && penalizedNames.contains(model.parameters[$0]) }
    }

    var freeNames: [String] { free.map { model.parameters[$0] } }

    /// θ₀: the free parameters' starting values through their transforms.
    var startTheta: [Double] { zip(free, transforms).map { $1.inverse(start[$0]) } }

    /// The full parameter vector for free values `theta` (fixed ones at their start).
    func parameters(theta: UnsafeBufferPointer<Double>, into p: UnsafeMutableBufferPointer<Double>) {
        for (i, value) in start.enumerated() { p[i] = value }
        for (k, index) in free.enumerated() { p[index] = transforms[k].value(theta[k]) }
    }

    func parameters(theta: [Double]) -> [Double] {
        var p = start
        for (k, index) in free.enumerated() { p[index] = transforms[k].value(theta[k]) }
        return p
    }

    /// (λ/2)·Σp² over the penalised free parameters of the full vector `p`.
    func penalty(_ p: UnsafeBufferPointer<Double>) -> Double {
        var sum = 0.0
        for (k, index) in free.enumerated() where penalized[k] { sum += p[index] * p[index] }
        return options.l2 / 2 * sum
    }

    /// The column named `y` when the model does not read it, otherwise the
    /// last column the model does not read.
    static func defaultTarget(model: FormulaModel, data: DataTable) throws(FitError) -> String {
        if data.contains(column: "y") && !model.inputs.contains("y") { return "y" }
        guard let last = data.columnNames.last(where: { !model.inputs.contains($0) }) else {
            throw .invalidTarget("", reason: "every column is a model input; name the target column")
        }
        return last
    }

    static func defaultStart(_ value: Double, within bounds: ParameterBounds) -> Double {
        if bounds.contains(value) { return value }
        switch (bounds.lower.isFinite, bounds.upper.isFinite) {
        case (true, true): return (bounds.lower + bounds.upper) / 2
        case (true, false): return bounds.lower + 1
        default: return bounds.upper - 1
        }
    }

    /// The values of the target: a column, or an expression of columns
    /// such as `log(y)`, evaluated with the compiled batched program.
    static func targetValues(_ text: String, model: FormulaModel, data: DataTable,
                             threads: Int) throws(FitError) -> [Double] {
        if data.contains(column: text) {
            if model.inputs.contains(text) { throw .targetIsInput(text) }
            do { return try data.column(named: text) } catch { throw .data(error) }
        }
        let expression: Expression
        do {
            expression = try Expression(parsing: text)
        } catch {
            throw .data(data.unknownColumnError(text))
        }
        let names = expression.variables
        if names.count == 1 && expression == .variable(names[0]) { throw .data(data.unknownColumnError(text)) }
        for name in names where !data.contains(column: name) {
            throw .invalidTarget(text, reason: data.unknownColumnError(name).message)
        }
        if let input = names.first(where: model.inputs.contains) { throw .targetIsInput(input) }
        let columns = names.flatMap { try! data.column(named: $0) }
        return try ModelEvaluator(outputs: [expression], variables: [], pointInputs: names)
            .evaluate(columns: columns, pointCount: data.rowCount, shared: [], threads: threads)
    }
}
