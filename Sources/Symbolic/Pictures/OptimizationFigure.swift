import Synchronization

/// The picture of a minimisation (`sym minimize --plot`): the objective by
/// iteration and, for two variables, the path of the iterates over contour
/// lines of f.
///
///     let f = try Expression(parsing: "(1-a)^2 + 100*(b-a^2)^2")
///     let recorder = OptimizationPathRecorder()
///     let objective = recorder.recording(try Objective(expression: f, variables: ["a", "b"]))
///     let result = try minimize(objective, from: [-1.2, 1], method: .bfgs, observer: recorder.observer())
///     var picture = OptimizationFigure(values: result.valueHistory)
///     picture.contours = (f, ["a", "b"])
///     picture.path = recorder.points
///     let svg = try picture.figure().svg()
///
/// The objective panel uses a log scale when every value is positive and
/// they span more than two decades; contour levels are quantiles of f over
/// the path's box, dense near the minimum.
public struct OptimizationFigure: Sendable {
    /// f at the start and after every iteration.
    public var values: [Double]
    /// The iterates (start first), each a point of two coordinates.
    public var path: [[Double]] = []
    /// The objective and its two variables, for the contour panel.
    public var contours: (expression: Expression, variables: [String])?
    /// The figure's title.
    public var title: String?
    /// Contour lines drawn.
    public var levelCount = 14

    /// Creates the picture of a run's values.
    ///
    ///     let picture = OptimizationFigure(values: [10, 1, 0.1, 0.01])
    public init(values: [Double]) { self.values = values }

    /// Lays out the figure.
    ///
    /// - Throws: ``PictureError/noData`` without values;
    ///   ``PictureError/invalidData(_:)`` when the contours' expression
    ///   cannot be compiled over its two variables.
    public func figure() throws(PictureError) -> Figure {
        guard !values.isEmpty else { throw .noData }
        var panels = [valuePanel()]
        if let contours, contours.variables.count == 2, path.count >= 1 {
            panels.append(try pathPanel(contours.expression, contours.variables))
        }
        return Figure(title: title, panels: panels, columns: panels.count,
                      width: panels.count == 1 ? 640 : 1040, height: 440 + (title == nil ? 0 : 30))
    }

    /// The objective by iteration.
    func valuePanel() -> Panel {
        let finite = values.filter(\.isFinite)
        let positive = finite.allSatisfy { $0 > 0 }
        let logScale = positive && (finite.max() ?? 1) > 100 * (finite.min() ?? 1)
        var panel = Panel(title: "objective by iteration",
                          xAxis: Axis(label: "iteration"),
                          yAxis: Axis(label: "f", scale: logScale ? .logarithmic : .linear))
        var line = LineSeries(x: values.indices.map(Double.init), y: values)
        if values.count <= 60 { line.marker = .circle; line.markerSize = 4 }
        panel.add(line)
        panel.legend = .hidden
        return panel
    }

    /// Contour lines of f around the path, with the path on top.
    func pathPanel(_ expression: Expression, _ variables: [String]) throws(PictureError) -> Panel {
        let xs = path.map { $0[0] }, ys = path.map { $0[1] }
        let xRange = OptimizationFigure.padded(xs.min()!...xs.max()!)
        let yRange = OptimizationFigure.padded(ys.min()!...ys.max()!)
        let function: BatchedFunction
        do {
            function = try expression.compile(variables: variables).batched(over: .variables)
        } catch {
            throw .invalidData(error.description)
        }
        let grid: SampledGrid
        do {
            grid = try SampledGrid(x: xRange, y: yRange, columns: 121, rows: 121) { xs, ys in
                try function.evaluate(points: zip(xs, ys).map { [$0, $1] }).map { $0[0] }
            }
        } catch {
            throw .invalidData("\(error)")
        }
        var panel = Panel(title: "path over contours of f",
                          xAxis: Axis(label: variables[0], limits: xRange),
                          yAxis: Axis(label: variables[1], limits: yRange))
        var lines = ContourSeries(grid: grid, levels: OptimizationFigure.levels(grid.values, count: levelCount))
        lines.width = 1
        panel.add(lines)
        var route = LineSeries(x: xs, y: ys, label: "path (\(path.count - 1) steps)", color: Color(hex: 0xD55E00))
        route.width = 1.5
        if path.count <= 200 { route.marker = .circle; route.markerSize = 3.5 }
        panel.add(route)
        var start = ScatterSeries(x: [xs[0]], y: [ys[0]], label: "start", color: .black)
        start.marker = .square
        start.size = 8
        panel.add(start)
        var end = ScatterSeries(x: [xs[xs.count - 1]], y: [ys[ys.count - 1]], label: "end", color: Color(hex: 0xF0E442))
        end.marker = .diamond
        end.size = 10
        panel.add(end)
        return panel
    }

    /// `range` widened by 15% on each side (a unit box around a single point).
    static func padded(_ range: ClosedRange<Double>) -> ClosedRange<Double> {
        let width = range.upperBound - range.lowerBound
        let pad = width > 0 ? 0.15 * width : 0.5 * Swift.max(1, Swift.abs(range.lowerBound))
        return (range.lowerBound - pad)...(range.upperBound + pad)
    }

    /// `count` contour levels: quantiles of the finite values at
    /// ((k/(count+1))²), so levels crowd towards the minimum as in a valley.
    static func levels(_ values: [Double], count: Int) -> [Double] {
        let sorted = values.filter(\.isFinite).sorted()
        guard sorted.count >= 2, sorted[0] < sorted[sorted.count - 1] else { return [] }
        var levels: [Double] = []
        for k in 1...Swift.max(1, count) {
            let p = Double(k) / Double(count + 1)
            let level = sorted[Int((p * p * Double(sorted.count - 1)).rounded())]
            if level > (levels.last ?? -.infinity) && level > sorted[0] { levels.append(level) }
        }
        return levels
    }
}

/// Records the points an optimiser accepts, for ``OptimizationFigure/path``:
/// wrap the objective with ``recording(_:)`` and pass ``observer()`` (which
/// may forward to another observer) to `minimize`.
///
///     let recorder = OptimizationPathRecorder()
///     let result = try minimize(recorder.recording(objective), from: [0, 0], observer: recorder.observer())
///     print(recorder.points.count == result.iterations + 1)   // Prints "true"
public final class OptimizationPathRecorder: Sendable {
    private let state = Mutex<(last: [Double], points: [[Double]])>(([], []))

    /// Creates an empty recorder.
    public init() {}

    /// The accepted points so far, start first.
    public var points: [[Double]] { state.withLock { $0.points } }

    /// `objective`, noting the point of every value-and-gradient evaluation
    /// (the optimisers evaluate the accepted point last before reporting it).
    public func recording(_ objective: Objective) -> Objective {
        let inner = objective
        return Objective(dimension: inner.dimension, value: inner.value, hessian: inner.hessian,
                         sparseHessian: inner.sparseHessian) { [self] x, g in
            state.withLock { $0.last = Array(x) }
            return inner.valueAndGradient(x, g)
        }
    }

    /// An observer that records the last evaluated point, then asks `next`.
    public func observer(then next: ((OptimizationProgress) -> ObserverDecision)? = nil)
        -> (OptimizationProgress) -> ObserverDecision {
        { [self] progress in
            state.withLock { state in let last = state.last; state.points.append(last) }
            return next?(progress) ?? .proceed
        }
    }
}
