/// A classifier of two inputs drawn as the course notes' `contourf`: the
/// plane filled in each class's light colour where the classifier picks it,
/// the decision boundary as a black line, and the training points on top,
/// coloured and shaped by class.
///
///     let regions = DecisionRegions(x: [0, 1, 0, 1], y: [0, 0, 1, 1], labels: [0, 1, 1, 1]) { xs, ys in
///         zip(xs, ys).map { x, y in x + y - 0.5 }          // a score: class 1 where positive
///     }
///     let svg = Figure(panels: [try regions.panel()]).svg()
///
/// The decision is a score per grid point with ``threshold`` between the
/// two classes (a probability with 0.5, a logit or margin with 0), or, for
/// more classes, the class index itself (``isClassIndex``), whose regions
/// are bounded at the half-integers.
public struct DecisionRegions {
    /// The points' first inputs.
    public var x: [Double]
    /// The points' second inputs.
    public var y: [Double]
    /// Each point's class, 0 ..< classCount.
    public var labels: [Int]
    /// The decision at grid points: given the grid's first and second
    /// inputs, one score (or class index) per point.
    public var decision: ([Double], [Double]) throws -> [Double]
    /// The score where the decision changes class. Default 0.5.
    public var threshold = 0.5
    /// Whether ``decision`` returns class indices (many classes).
    public var isClassIndex = false
    /// Legend text per class (default "class 0", "class 1", …).
    public var classNames: [String]?
    /// The axes' labels.
    public var inputNames = ["x1", "x2"]
    /// The panel's title.
    public var title: String?
    /// Grid cells along each side. Default 100: boundaries interpolated
    /// within cells look smooth at this size, and drawing stays cheap.
    public var resolution = 100
    /// Where the legend goes. Default: where it hides the fewest points.
    public var legend: LegendPlacement = .automatic

    /// Creates the picture of points and a decision function.
    ///
    ///     let regions = DecisionRegions(x: xs, y: ys, labels: labels) { a, b in try network.probabilities(a, b) }
    public init(x: [Double], y: [Double], labels: [Int], decision: @escaping ([Double], [Double]) throws -> [Double]) {
        self.x = x
        self.y = y
        self.labels = labels
        self.decision = decision
    }

    /// The number of classes drawn.
    public var classCount: Int { Swift.max(2, (labels.max() ?? 0) + 1) }

    /// The light fill of class `k`'s region.
    public static func regionColor(_ k: Int) -> Color { Palette.color(k).blended(with: .white, 0.72) }

    /// The box drawn: the points' range widened by 10% on each side.
    public var limits: (x: ClosedRange<Double>, y: ClosedRange<Double>) {
        func padded(_ values: [Double]) -> ClosedRange<Double> {
            let finite = values.filter(\.isFinite)
            guard let low = finite.min(), let high = finite.max() else { return -1...1 }
            let pad = high > low ? 0.1 * (high - low) : 1
            return (low - pad)...(high + pad)
        }
        return (padded(x), padded(y))
    }

    /// The panel: regions, boundary, points.
    ///
    /// - Throws: ``PictureError/noData`` without points,
    ///   ``PictureError/invalidData(_:)`` when the lists differ in length or
    ///   the decision fails.
    public func panel() throws(PictureError) -> Panel {
        guard !x.isEmpty else { throw .noData }
        guard x.count == y.count, x.count == labels.count else {
            throw .invalidData("the points need as many first inputs, second inputs and labels")
        }
        guard labels.allSatisfy({ $0 >= 0 }) else { throw .invalidData("class labels must be non-negative") }
        let (xRange, yRange) = limits
        let grid: SampledGrid
        do {
            grid = try SampledGrid(x: xRange, y: yRange, columns: resolution + 1, rows: resolution + 1) { xs, ys in
                try decision(xs, ys)
            }
        } catch {
            throw .invalidData("the classifier failed on the grid: \(error)")
        }
        let classes = classCount
        let levels = isClassIndex ? (1..<classes).map { Double($0) - 0.5 } : [threshold]
        let names = classNames ?? (0..<classes).map { "class \($0)" }
        var panel = Panel(title: title, xAxis: Axis(label: inputNames[0], limits: xRange),
                          yAxis: Axis(label: inputNames[1], limits: yRange))
        panel.showsGrid = false
        panel.add(FilledContourSeries(grid: grid, levels: levels, colors: (0..<classes).map(DecisionRegions.regionColor)))
        panel.add(ContourSeries(grid: grid, levels: levels, color: Color(hex: 0x222222), label: "decision boundary"))
        for k in 0..<classes {
            let members = labels.indices.filter { labels[$0] == k }
            guard !members.isEmpty else { continue }
            var points = ScatterSeries(x: members.map { x[$0] }, y: members.map { y[$0] },
                                       label: k < names.count ? names[k] : "class \(k)", color: Palette.color(k))
            points.marker = MarkerShape.forClass(k)
            points.size = x.count > 500 ? 4 : 6
            panel.add(points)
        }
        panel.legend = legend
        return panel
    }

    /// Several classifiers side by side (the notes' grid of decision
    /// boundaries for hidden sizes 1 to 50), each panel titled. The panels
    /// have no legends (they would hide points); the figure's title names
    /// the classes by their markers instead.
    ///
    ///     let figure = try DecisionRegions.grid([regions1, regions2], columns: 4, title: "hidden units")
    public static func grid(_ pictures: [DecisionRegions], columns: Int = 4, title: String? = nil) throws(PictureError) -> Figure {
        guard !pictures.isEmpty else { throw .noData }
        var panels: [Panel] = []
        for picture in pictures {
            var shown = picture
            shown.legend = .hidden
            panels.append(try shown.panel())
        }
        let first = pictures[0]
        let names = first.classNames ?? (0..<first.classCount).map { "class \($0)" }
        let key = names.enumerated().map { k, name in "\(DecisionRegions.markerSymbol(k)) \(name)" }.joined(separator: ",  ")
        let title = (title ?? "decision regions") + "  (" + key + ")"
        let columns = Swift.min(columns, pictures.count)
        let rows = (pictures.count + columns - 1) / columns
        return Figure(title: title, panels: panels, columns: columns, width: 280 * Double(columns) + 40,
                      height: 270 * Double(rows) + 50)
    }

    /// The text symbol of class `k`'s marker (● ■ ▲ ◆ ▼ + ×).
    static func markerSymbol(_ k: Int) -> String {
        switch MarkerShape.forClass(k) {
        case .circle: return "●"
        case .square: return "■"
        case .triangle: return "▲"
        case .diamond: return "◆"
        case .triangleDown: return "▼"
        case .plus: return "+"
        case .cross: return "×"
        }
    }
}
