extension FitResult {
    /// The picture that suits the fit (`sym fit --plot`): for one input the
    /// data and the fitted curve; for two inputs and class labels (a
    /// classification loss, or a target of two values) the decision regions
    /// with the training points and the boundary; otherwise the predicted
    /// against the observed target.
    ///
    ///     let table = try DataTable(columns: [("x", [0, 1, 2, 3]), ("y", [1, 3, 5, 7])])
    ///     let result = try fit(FormulaModel(parsing: "a*x + b", columns: table.columnNames), to: table)
    ///     let svg = try result.figure(data: table).svg()
    ///
    /// - Parameter data: The table the model was fitted to.
    /// - Throws: ``PictureError/invalidData(_:)`` when the table lacks the
    ///   model's columns or the model cannot be evaluated.
    public func figure(data: DataTable) throws(PictureError) -> Figure {
        let targets = try FitResult.evaluate(target, on: data)
        let fitted = try predictor()
        var inputs: [[Double]] = []
        for name in model.inputs {
            do { inputs.append(try data.column(named: name)) } catch { throw .invalidData(error.description) }
        }
        let values = Set(targets)
        let classification = loss != .squared || values.count == 2
        if model.inputs.count == 2 && classification && values.count <= 2 {
            let sorted = values.sorted()
            var regions = DecisionRegions(x: inputs[0], y: inputs[1], labels: targets.map { $0 == sorted[0] ? 0 : 1 }) { xs, ys in
                try fitted([xs, ys])
            }
            regions.threshold = threshold(labels: sorted)
            regions.inputNames = model.inputs
            regions.classNames = sorted.map { "\(target) = \(FitResult.label($0))" }
            regions.title = model.expression.description
            return Figure(panels: [try regions.panel()], width: 640, height: 540)
        }
        if model.inputs.count == 1 {
            let xs = inputs[0]
            var panel = Panel(title: model.expression.description, xAxis: Axis(label: model.inputs[0]), yAxis: Axis(label: target))
            var points = ScatterSeries(x: xs, y: targets, label: "data", color: Palette.color(0))
            points.size = xs.count > 300 ? 3.5 : 5.5
            panel.add(points)
            let finite = xs.filter(\.isFinite)
            guard var low = finite.min(), var high = finite.max() else { throw .noData }
            if low == high { low -= 1; high += 1 }
            let curveXs = (0...400).map { low + (high - low) * Double($0) / 400 }
            let curveYs = try FitResult.run(fitted, [curveXs])
            panel.add(LineSeries(x: curveXs, y: curveYs, label: "fitted model", color: Palette.color(1)))
            return Figure(panels: [panel], width: 640, height: 440)
        }
        let predicted = try FitResult.run(fitted, inputs)
        var panel = Panel(title: model.expression.description, xAxis: Axis(label: "observed \(target)"),
                          yAxis: Axis(label: "predicted \(target)"))
        panel.add(ScatterSeries(x: targets, y: predicted, label: "samples", color: Palette.color(0)))
        let finite = (targets + predicted).filter(\.isFinite)
        if let low = finite.min(), let high = finite.max() {
            var diagonal = LineSeries(x: [low, high], y: [low, high], label: "predicted = observed", color: Color(hex: 0x555555))
            diagonal.dash = .dashed
            diagonal.width = 1.2
            panel.add(diagonal)
        }
        return Figure(panels: [panel], width: 640, height: 440)
    }

    /// The objective by iteration (`sym fit --loss-plot`), on a log scale.
    ///
    ///     let svg = try result.lossFigure().svg()
    public func lossFigure() throws(PictureError) -> Figure {
        var picture = LossFigure(training: lossHistory)
        picture.unit = "iteration"
        picture.lossName = "\(loss.rawValue) loss"
        return try picture.figure()
    }

    /// The score where the predicted class changes.
    func threshold(labels: [Double]) -> Double {
        switch loss {
        case .logistic, .hinge: return 0
        case .crossEntropy: return 0.5
        case .squared: return labels.count == 2 ? (labels[0] + labels[1]) / 2 : 0.5
        }
    }

    /// The fitted model over columns of its inputs, batched.
    func predictor() throws(PictureError) -> ([[Double]]) throws -> [Double] {
        let function: BatchedFunction
        do {
            function = try model.expression.compile(variables: model.inputs, parameters: model.parameters).batched(over: .variables)
        } catch {
            throw .invalidData("\(error)")
        }
        let parameters = values
        return { columns in
            let count = columns.first?.count ?? 0
            let points = (0..<count).map { i in columns.map { $0[i] } }
            return try function.evaluate(points: points, shared: parameters).map { $0[0] }
        }
    }

    /// `predict(columns)`, its error described.
    static func run(_ predict: ([[Double]]) throws -> [Double], _ columns: [[Double]]) throws(PictureError) -> [Double] {
        do { return try predict(columns) } catch { throw .invalidData("cannot evaluate the model: \(error)") }
    }

    /// `target` (a column or an expression of columns) at every row.
    static func evaluate(_ target: String, on data: DataTable) throws(PictureError) -> [Double] {
        do {
            let expression = try Expression(parsing: target)
            let names = expression.variables.sorted()
            let columns = try names.map { name throws(DataError) in try data.column(named: name) }
            let function = try expression.compile(variables: names).batched(over: .variables)
            let points = (0..<data.rowCount).map { i in columns.map { $0[i] } }
            return try function.evaluate(points: points).map { $0[0] }
        } catch {
            throw .invalidData("cannot evaluate the target '\(target)': \(error)")
        }
    }

    /// A label value as text: whole numbers without a decimal point.
    static func label(_ value: Double) -> String {
        value == value.rounded() && Swift.abs(value) < 1e15 ? String(Int(value)) : "\(value)"
    }
}
