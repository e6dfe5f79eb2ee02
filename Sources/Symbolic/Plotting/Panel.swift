/// One axis of a panel: its label, scale and (optionally) fixed limits.
///
///     let loss = Axis(label: "loss", scale: .logarithmic)
///     let x = Axis(label: "x", limits: -5...5)
public struct Axis: Sendable, Hashable {
    /// How data map to positions along the axis.
    public enum Scale: String, Sendable, Hashable {
        /// Equal steps are equal distances.
        case linear
        /// Equal ratios are equal distances; values ≤ 0 are not drawn.
        case logarithmic
    }

    /// The axis title, e.g. "iteration".
    public var label: String?
    /// Linear (the default) or logarithmic.
    public var scale: Scale
    /// The visible range; `nil` fits the data with a 5% margin (no margin
    /// beyond sampled grids, which fill the panel to their edges).
    public var limits: ClosedRange<Double>?

    /// Creates an axis.
    ///
    ///     let iterations = Axis(label: "iteration")
    public init(label: String? = nil, scale: Scale = .linear, limits: ClosedRange<Double>? = nil) {
        self.label = label
        self.scale = scale
        self.limits = limits
    }
}

/// Where a panel's legend goes.
public enum LegendPlacement: String, Sendable, Hashable {
    /// Inside, in the corner or edge position covering the least data (as
    /// matplotlib's `loc="best"`); outside to the right when every position
    /// inside would hide data.
    case automatic
    /// Inside, top right, whatever it covers.
    case upperRight
    /// Outside, to the right of the plot area.
    case outsideRight
    /// No legend.
    case hidden
}

/// One set of axes with its series: a plot, or a cell of a figure's grid.
///
///     var panel = Panel(title: "training", xAxis: Axis(label: "epoch"),
///                       yAxis: Axis(label: "loss", scale: .logarithmic))
///     panel.add(LineSeries(x: [1, 2, 3], y: [0.9, 0.3, 0.1], label: "training"))
///     let svg = Figure(panels: [panel]).svg()
public struct Panel: Sendable, Hashable {
    /// Shown above the plot area.
    public var title: String?
    /// The horizontal axis.
    public var xAxis: Axis
    /// The vertical axis.
    public var yAxis: Axis
    /// Drawn in order: later series paint over earlier ones.
    public var series: [Series]
    /// Where the legend goes (series with a label appear in it).
    public var legend: LegendPlacement = .automatic
    /// Light grid lines at the major ticks.
    public var showsGrid: Bool = true
    /// Whether one unit is as long on both axes (for paths in a plane).
    public var hasEqualAspect: Bool = false

    /// Creates a panel.
    ///
    ///     let empty = Panel(xAxis: Axis(label: "x"), yAxis: Axis(label: "y"))
    public init(title: String? = nil, xAxis: Axis = Axis(), yAxis: Axis = Axis(), series: [Series] = []) {
        self.title = title
        self.xAxis = xAxis
        self.yAxis = yAxis
        self.series = series
    }

    /// Appends a line.
    ///
    ///     panel.add(LineSeries(x: [0, 1], y: [0, 1]))
    public mutating func add(_ line: LineSeries) { series.append(.line(line)) }

    /// Appends scattered points.
    ///
    ///     panel.add(ScatterSeries(x: [0.5], y: [0.5], label: "optimum"))
    public mutating func add(_ points: ScatterSeries) { series.append(.scatter(points)) }

    /// Appends a filled area between two curves.
    ///
    ///     panel.add(AreaSeries(x: [0, 1], lower: [0, 0], upper: [1, 2]))
    public mutating func add(_ area: AreaSeries) { series.append(.area(area)) }

    /// Appends contour lines.
    ///
    ///     panel.add(ContourSeries(grid: grid, levels: [1, 2, 3]))
    public mutating func add(_ contours: ContourSeries) { series.append(.contour(contours)) }

    /// Appends filled contour bands.
    ///
    ///     panel.add(FilledContourSeries(grid: grid, levels: [0], colors: [.white, .black]))
    public mutating func add(_ bands: FilledContourSeries) { series.append(.filledContour(bands)) }
}
