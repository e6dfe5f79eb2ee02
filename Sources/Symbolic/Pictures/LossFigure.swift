/// Training (and validation) loss by epoch or iteration on a log scale:
/// the picture `--loss-plot` draws.
///
///     let figure = try LossFigure(training: [1, 0.5, 0.2, 0.1], validation: [1.1, 0.6, 0.3, 0.25]).figure()
///
/// A linear scale is used instead when some loss is zero or negative (a
/// log axis cannot show it).
public struct LossFigure: Sendable {
    /// The training loss at the start and after every epoch or iteration.
    public var training: [Double]
    /// The validation loss at the same steps (empty when there is none).
    public var validation: [Double]
    /// What one step is called on the x axis. Default "epoch".
    public var unit = "epoch"
    /// The y axis label. Default "loss".
    public var lossName = "loss"
    /// The figure's title.
    public var title: String?

    /// Creates the picture of one or two loss histories.
    ///
    ///     let picture = LossFigure(training: result.lossHistory)
    public init(training: [Double], validation: [Double] = []) {
        self.training = training
        self.validation = validation
    }

    /// Lays out the figure.
    ///
    /// - Throws: ``PictureError/noData`` when there is no training loss.
    public func figure() throws(PictureError) -> Figure {
        guard !training.isEmpty else { throw .noData }
        let finite = (training + validation).filter(\.isFinite)
        let logScale = !finite.isEmpty && finite.allSatisfy { $0 > 0 }
        var panel = Panel(xAxis: Axis(label: unit), yAxis: Axis(label: lossName + (logScale ? " (log scale)" : ""),
                                                                 scale: logScale ? .logarithmic : .linear))
        // Long histories are thinned to about 2,000 points per line, keeping
        // both ends: the picture is the same and the file stays small.
        func thinned(_ values: [Double]) -> LineSeries {
            let step = Swift.max(1, values.count / 2_000)
            var indices = Array(stride(from: 0, to: values.count, by: step))
            if indices.last != values.count - 1 { indices.append(values.count - 1) }
            return LineSeries(x: indices.map(Double.init), y: indices.map { values[$0] })
        }
        var line = thinned(training)
        line.label = validation.isEmpty ? nil : "training"
        if training.count <= 40 { line.marker = .circle; line.markerSize = 4 }
        panel.add(line)
        if !validation.isEmpty {
            var held = thinned(validation)
            held.label = "validation"
            held.dash = .dashed
            if validation.count <= 40 { held.marker = .square; held.markerSize = 4 }
            panel.add(held)
        }
        return Figure(title: title, panels: [panel], width: 640, height: 420 + (title == nil ? 0 : 30))
    }
}
