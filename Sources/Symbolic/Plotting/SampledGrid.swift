/// A function of two variables sampled on a rectangular grid: the input of
/// contour lines and filled contours.
///
///     let grid = SampledGrid(x: -1...1, y: -1...1, columns: 3, rows: 3) { x, y in x + y }
///     print(grid.value(column: 2, row: 0))   // Prints "0.0" (x = 1, y = -1)
public struct SampledGrid: Sendable, Hashable {
    /// The x coordinates of the columns, increasing.
    public let xs: [Double]
    /// The y coordinates of the rows, increasing.
    public let ys: [Double]
    /// Row-major values: `values[row * xs.count + column]` = f(xs[column], ys[row]).
    public let values: [Double]

    /// A grid of given coordinates and values.
    ///
    ///     let g = SampledGrid(xs: [0, 1], ys: [0, 1], values: [0, 1, 1, 2])
    ///
    /// - Precondition: `values.count == xs.count * ys.count`, at least two
    ///   columns and two rows, coordinates strictly increasing.
    public init(xs: [Double], ys: [Double], values: [Double]) {
        precondition(xs.count >= 2 && ys.count >= 2, "a grid needs at least two columns and two rows")
        precondition(values.count == xs.count * ys.count, "a grid needs one value per column and row")
        self.xs = xs
        self.ys = ys
        self.values = values
    }

    /// Samples `f` at `columns` × `rows` evenly spaced points covering the
    /// two ranges (corners included), one call per point.
    ///
    ///     let bowl = SampledGrid(x: -2...2, y: -2...2, columns: 41, rows: 41) { x, y in x * x + y * y }
    public init(x: ClosedRange<Double>, y: ClosedRange<Double>, columns: Int, rows: Int,
                _ f: (_ x: Double, _ y: Double) -> Double) {
        let xs = SampledGrid.evenlySpaced(x, count: columns), ys = SampledGrid.evenlySpaced(y, count: rows)
        var values: [Double] = []
        values.reserveCapacity(xs.count * ys.count)
        for y in ys { for x in xs { values.append(f(x, y)) } }
        self.init(xs: xs, ys: ys, values: values)
    }

    /// Samples a batched function: `evaluate` receives the x and y columns
    /// of all points at once (row-major order, x varying fastest) and
    /// returns one value per point. This is the shape of a compiled
    /// ``BatchedFunction`` and far cheaper than one call per point.
    ///
    ///     let grid = try SampledGrid(x: 0...1, y: 0...1, columns: 100, rows: 100) { xs, ys in
    ///         zip(xs, ys).map { $0 - $1 }
    ///     }
    public init<E: Error>(x: ClosedRange<Double>, y: ClosedRange<Double>, columns: Int, rows: Int,
                          batch evaluate: (_ xs: [Double], _ ys: [Double]) throws(E) -> [Double]) throws(E) {
        let xs = SampledGrid.evenlySpaced(x, count: columns), ys = SampledGrid.evenlySpaced(y, count: rows)
        var pointXs: [Double] = [], pointYs: [Double] = []
        pointXs.reserveCapacity(xs.count * ys.count)
        pointYs.reserveCapacity(xs.count * ys.count)
        for y in ys {
            pointXs += xs
            pointYs += repeatElement(y, count: xs.count)
        }
        var values = try evaluate(pointXs, pointYs)
        // A short answer is padded with NaN (drawn as missing) rather than trapping.
        if values.count < pointXs.count { values += repeatElement(.nan, count: pointXs.count - values.count) }
        if values.count > pointXs.count { values.removeLast(values.count - pointXs.count) }
        self.init(xs: xs, ys: ys, values: values)
    }

    /// f at the grid point (column, row).
    public func value(column: Int, row: Int) -> Double {
        values[row * xs.count + column]
    }

    /// The same grid with every value transformed, e.g. one class score
    /// minus another.
    ///
    ///     let shifted = grid.mapValues { $0 - 0.5 }
    public func mapValues(_ transform: (Double) -> Double) -> SampledGrid {
        SampledGrid(xs: xs, ys: ys, values: values.map(transform))
    }

    /// The x coordinate at a fractional column index (linear between columns).
    func x(atColumn position: Double) -> Double {
        SampledGrid.interpolate(xs, position)
    }

    /// The y coordinate at a fractional row index.
    func y(atRow position: Double) -> Double {
        SampledGrid.interpolate(ys, position)
    }

    private static func interpolate(_ coordinates: [Double], _ position: Double) -> Double {
        let index = Swift.min(Swift.max(Int(position), 0), coordinates.count - 2)
        let t = position - Double(index)
        return coordinates[index] + t * (coordinates[index + 1] - coordinates[index])
    }

    /// `count` (at least 2) evenly spaced values from the range's lower to
    /// its upper bound, both included exactly.
    static func evenlySpaced(_ range: ClosedRange<Double>, count: Int) -> [Double] {
        let n = Swift.max(count, 2)
        let step = (range.upperBound - range.lowerBound) / Double(n - 1)
        return (0..<n).map { $0 == n - 1 ? range.upperBound : range.lowerBound + Double($0) * step }
    }
}
