/// The region of a grid where `f ≥ level`, as closed rings for one SVG path
/// (fill rule nonzero): the oriented contour lines of ``MarchingSquares``,
/// with open lines joined along the grid's border.
///
/// Filled contours are then drawn as matplotlib's `contourf` looks — by
/// painting the whole grid in the lowest band's colour and each
/// superlevel region on top in the next band's colour. Nested regions
/// share their borders exactly, so no seams show between bands, and each
/// band is one path whatever the grid size.
///
/// - Complexity: O(columns × rows + k log k) for k contour lines.
enum FilledRegions {
    /// The rings bounding `f ≥ level`: outer boundaries counter-clockwise
    /// and holes clockwise (in the grid's y-up orientation).
    static func superlevelRings(of grid: SampledGrid, level: Double) -> [[GridPoint]] {
        let squares = MarchingSquares(grid: grid, level: level)
        let lines = squares.isolines()
        let border = Border(columns: grid.xs.count, rows: grid.ys.count)
        let closed = lines.filter(\.isClosed).map(\.points)
        let open = lines.filter { !$0.isClosed }

        guard !open.isEmpty else {
            // No line reaches the border, which is then all inside or all outside.
            return squares.isInside(grid.value(column: 0, row: 0)) ? [border.vertices] + closed : closed
        }
        // Where each open line starts and ends along the border.
        let starts = open.map { border.position(of: $0.points[0]) }
        let ends = open.map { border.position(of: $0.points[$0.points.count - 1]) }
        let order = open.indices.sorted { starts[$0] < starts[$1] }
        var used = [Bool](repeating: false, count: open.count)
        var rings: [[GridPoint]] = []
        for first in order where !used[first] {
            var ring: [GridPoint] = []
            var line = first
            while !used[line] {
                used[line] = true
                ring += open[line].points
                // Walk the border counter-clockwise to the next line's start,
                // taking the (inside) border corners on the way.
                let end = ends[line]
                let following = order.first { starts[$0] >= end } ?? order[0]
                ring += border.vertices(after: end, before: starts[following])
                line = following
            }
            rings.append(ring)
        }
        return rings + closed
    }

    /// The grid's border, walked counter-clockwise from the corner (0, 0):
    /// along the bottom row, up the right column, back along the top row
    /// and down the left column. Positions are in edges from that corner.
    struct Border {
        let columns: Int
        let rows: Int

        var perimeter: Int { 2 * (columns - 1) + 2 * (rows - 1) }

        /// The corner at integer position `k`.
        func vertex(_ k: Int) -> GridPoint {
            let right = columns - 1, top = rows - 1
            switch k {
            case ..<right: return GridPoint(column: Double(k), row: 0)
            case ..<(right + top): return GridPoint(column: Double(right), row: Double(k - right))
            case ..<(2 * right + top): return GridPoint(column: Double(2 * right + top - k), row: Double(top))
            default: return GridPoint(column: 0, row: Double(perimeter - k))
            }
        }

        /// All corners in order.
        var vertices: [GridPoint] { (0..<perimeter).map(vertex) }

        /// The position of a point on the border.
        func position(of p: GridPoint) -> Double {
            let right = Double(columns - 1), top = Double(rows - 1)
            if p.row == 0 && p.column < right { return p.column }
            if p.column == right && p.row < top { return right + p.row }
            if p.row == top && p.column > 0 { return right + top + (right - p.column) }
            return 2 * right + top + (top - p.row)
        }

        /// The corners strictly between positions `a` and `b`, going
        /// counter-clockwise (around the end when b < a).
        func vertices(after a: Double, before b: Double) -> [GridPoint] {
            var result: [GridPoint] = []
            var k = Int(a.rounded(.down)) + 1
            let stop = b >= a ? b : b + Double(perimeter)
            while Double(k) < stop {
                result.append(vertex(k % perimeter))
                k += 1
            }
            return result
        }
    }
}
