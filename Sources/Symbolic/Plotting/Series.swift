/// The shape drawn at each point of a scatter series.
///
///     var points = ScatterSeries(x: [0, 1], y: [1, 0], label: "class 1")
///     points.marker = .triangle
public enum MarkerShape: String, Sendable, Hashable, CaseIterable {
    /// A filled disc.
    case circle
    /// A filled square.
    case square
    /// A filled triangle pointing up.
    case triangle
    /// A filled diamond.
    case diamond
    /// A filled triangle pointing down.
    case triangleDown
    /// A "+" stroke.
    case plus
    /// An "×" stroke.
    case cross

    /// The marker for class `index`: shape and colour both differ between
    /// classes, so the classes stay apart in grey print as well.
    public static func forClass(_ index: Int) -> MarkerShape {
        allCases[((index % allCases.count) + allCases.count) % allCases.count]
    }
}

/// How a line is stroked.
///
///     var fit = LineSeries(x: [0, 1], y: [0, 1])
///     fit.dash = .dashed
public enum LineDash: String, Sendable, Hashable {
    /// An unbroken line.
    case solid
    /// Dashes about four line widths long.
    case dashed
    /// Round dots.
    case dotted
}

/// A polyline through (x[i], y[i]).
///
/// A NaN or infinite coordinate breaks the line (no segment is drawn to or
/// from it), as do values a logarithmic axis cannot show (≤ 0).
///
///     let squares = LineSeries(x: [0, 1, 2, 3], y: [0, 1, 4, 9], label: "x²")
public struct LineSeries: Sendable, Hashable {
    /// The abscissae.
    public var x: [Double]
    /// The ordinates.
    public var y: [Double]
    /// The legend text; `nil` keeps the series out of the legend.
    public var label: String?
    /// `nil` takes the next palette colour.
    public var color: Color?
    /// Stroke width in pixels.
    public var width: Double = 2
    /// Solid, dashed or dotted.
    public var dash: LineDash = .solid
    /// A marker at every point (for short paths such as optimiser steps).
    public var marker: MarkerShape?
    /// Marker diameter in pixels.
    public var markerSize: Double = 5

    /// Creates a line; `x` and `y` should have the same length (extra
    /// values of the longer one are ignored).
    ///
    ///     let line = LineSeries(x: [1, 2], y: [3, 4], color: Palette.color(2))
    public init(x: [Double], y: [Double], label: String? = nil, color: Color? = nil) {
        self.x = x
        self.y = y
        self.label = label
        self.color = color
    }
}

/// Points drawn as markers, e.g. the training data of one class.
///
///     let data = ScatterSeries(x: [0.1, 0.4], y: [1.2, 0.8], label: "class 0")
public struct ScatterSeries: Sendable, Hashable {
    /// The points' x coordinates.
    public var x: [Double]
    /// The points' y coordinates.
    public var y: [Double]
    /// The legend text; `nil` keeps the series out of the legend.
    public var label: String?
    /// `nil` takes the next palette colour.
    public var color: Color?
    /// The marker's shape.
    public var marker: MarkerShape = .circle
    /// Marker diameter in pixels.
    public var size: Double = 6
    /// The marker outline (helps points stand out on filled regions).
    public var edgeColor: Color? = Color(hex: 0x333333)

    /// Creates a scatter series.
    ///
    ///     let points = ScatterSeries(x: [0, 1], y: [1, 0], color: .black)
    public init(x: [Double], y: [Double], label: String? = nil, color: Color? = nil) {
        self.x = x
        self.y = y
        self.label = label
        self.color = color
    }
}

/// The region between two curves over common x values (a confidence band,
/// or the area under a curve with `lower` all zero).
///
///     let band = AreaSeries(x: [0, 1, 2], lower: [0, 0.5, 1], upper: [1, 1.5, 3], label: "±1σ")
public struct AreaSeries: Sendable, Hashable {
    /// The common abscissae.
    public var x: [Double]
    /// The lower curve.
    public var lower: [Double]
    /// The upper curve.
    public var upper: [Double]
    /// The legend text; `nil` keeps the series out of the legend.
    public var label: String?
    /// `nil` takes the next palette colour.
    public var color: Color?
    /// The fill's opacity, 0–1.
    public var opacity: Double = 0.25

    /// Creates an area.
    ///
    ///     let under = AreaSeries(x: [0, 1], lower: [0, 0], upper: [1, 3])
    public init(x: [Double], lower: [Double], upper: [Double], label: String? = nil, color: Color? = nil) {
        self.x = x
        self.lower = lower
        self.upper = upper
        self.label = label
        self.color = color
    }
}

/// Contour lines of a sampled function: the curves where it equals each
/// level (marching squares).
///
///     let grid = SampledGrid(x: -2...2, y: -1...3, columns: 60, rows: 60) { x, y in x * x + y * y }
///     let rings = ContourSeries(grid: grid, levels: [0.5, 1, 2, 4])
public struct ContourSeries: Sendable, Hashable {
    /// The sampled function.
    public var grid: SampledGrid
    /// The values to trace, in any order.
    public var levels: [Double]
    /// The colour of every line, or `nil` to colour the levels along
    /// ``colormap`` from the lowest to the highest.
    public var color: Color?
    /// The colours of the levels when ``color`` is `nil`.
    public var colormap: Colormap = .viridis
    /// Stroke width in pixels.
    public var width: Double = 1
    /// Solid, dashed or dotted.
    public var dash: LineDash = .solid
    /// The legend text; `nil` keeps the series out of the legend.
    public var label: String?

    /// Creates contour lines.
    ///
    ///     let boundary = ContourSeries(grid: grid, levels: [0.5], color: .black)
    public init(grid: SampledGrid, levels: [Double], color: Color? = nil, label: String? = nil) {
        self.grid = grid
        self.levels = levels
        self.color = color
        self.label = label
    }
}

/// Filled bands of a sampled function, as matplotlib's `contourf`: band k
/// covers the points where `levels[k-1] ≤ f < levels[k]` (band 0 everything
/// below `levels[0]`, the last band everything from the last level up).
///
///     let grid = SampledGrid(x: 0...1, y: 0...1, columns: 50, rows: 50) { x, y in x - y }
///     let halves = FilledContourSeries(grid: grid, levels: [0],
///                                      colors: [Color(hex: 0xC6DBEF), Color(hex: 0xFDD0A2)])
public struct FilledContourSeries: Sendable, Hashable {
    /// The sampled function.
    public var grid: SampledGrid
    /// Increasing band boundaries.
    public var levels: [Double]
    /// One colour per band: `levels.count + 1` of them (missing ones are
    /// taken from the palette, lightened).
    public var colors: [Color]
    /// The bands' opacity, 0–1.
    public var opacity: Double = 1
    /// Legend text per band (`nil` entries stay out of the legend).
    public var bandLabels: [String?] = []

    /// Creates filled bands.
    ///
    ///     let regions = FilledContourSeries(grid: grid, levels: [0.5], colors: [.white, .black])
    public init(grid: SampledGrid, levels: [Double], colors: [Color]) {
        self.grid = grid
        self.levels = levels
        self.colors = colors
    }
}

/// Anything a panel can draw.
///
///     let panel = Panel(series: [.line(LineSeries(x: [0, 1], y: [1, 0]))])
public enum Series: Sendable, Hashable {
    /// A polyline.
    case line(LineSeries)
    /// Markers.
    case scatter(ScatterSeries)
    /// A filled area between two curves.
    case area(AreaSeries)
    /// Contour lines.
    case contour(ContourSeries)
    /// Filled contour bands.
    case filledContour(FilledContourSeries)
}
