/// A position on a ``SampledGrid`` in fractional column and row indices.
struct GridPoint: Hashable {
    var column: Double
    var row: Double
}

/// A contour line: open lines start and end on the grid's border.
struct Isoline: Hashable {
    var points: [GridPoint]
    var isClosed: Bool
}

/// Contour lines of a grid at one level by marching squares, with the
/// segments joined into polylines and oriented so that the region
/// `f ≥ level` lies on their left (in the grid's y-up orientation).
///
/// The orientation is what lets ``FilledRegions`` close open lines along
/// the border into the rings of the region `f ≥ level`. Points of a cell
/// are "inside" when `f ≥ level`; NaN is outside. A saddle cell (inside
/// corners diagonally opposite) is resolved by the mean of its corners.
///
/// - Complexity: O(columns × rows) time and memory.
struct MarchingSquares {
    let grid: SampledGrid
    let level: Double
    let columns: Int
    let rows: Int
    /// Per edge: the edge the contour segment leaving this edge's crossing
    /// goes to, or -1. Edges are numbered horizontal first (see ``edgeCount``).
    private(set) var next: [Int32]
    /// Per edge: whether a segment arrives at its crossing.
    private(set) var hasPrevious: [Bool]

    init(grid: SampledGrid, level: Double) {
        self.grid = grid
        self.level = level
        columns = grid.xs.count
        rows = grid.ys.count
        let edges = (columns - 1) * rows + columns * (rows - 1)
        next = [Int32](repeating: -1, count: edges)
        hasPrevious = [Bool](repeating: false, count: edges)
        traceSegments()
    }

    /// The horizontal edge from corner (i, j) to (i + 1, j).
    func horizontalEdge(_ i: Int, _ j: Int) -> Int { j * (columns - 1) + i }

    /// The vertical edge from corner (i, j) to (i, j + 1).
    func verticalEdge(_ i: Int, _ j: Int) -> Int { (columns - 1) * rows + j * columns + i }

    func isInside(_ value: Double) -> Bool { value >= level }

    /// Where the contour crosses `edge`: linear interpolation between its
    /// corners (the midpoint when one of them is NaN).
    func crossing(on edge: Int) -> GridPoint {
        let horizontalCount = (columns - 1) * rows
        let (i, j, di, dj): (Int, Int, Int, Int) = edge < horizontalCount
            ? (edge % (columns - 1), edge / (columns - 1), 1, 0)
            : ((edge - horizontalCount) % columns, (edge - horizontalCount) / columns, 0, 1)
        let a = grid.value(column: i, row: j), b = grid.value(column: i + di, row: j + dj)
        var t = (level - a) / (b - a)
        if !t.isFinite { t = 0.5 }
        t = Swift.min(Swift.max(t, 0), 1)
        return GridPoint(column: Double(i) + t * Double(di), row: Double(j) + t * Double(dj))
    }

    /// Every cell's segments, from an exit crossing (inside → outside when
    /// walking the cell's border counter-clockwise) to an entry crossing.
    private mutating func traceSegments() {
        for j in 0..<(rows - 1) {
            for i in 0..<(columns - 1) {
                let values = [grid.value(column: i, row: j), grid.value(column: i + 1, row: j),
                              grid.value(column: i + 1, row: j + 1), grid.value(column: i, row: j + 1)]
                let inside = values.map(isInside)
                if inside[0] == inside[1] && inside[1] == inside[2] && inside[2] == inside[3] { continue }
                // Edges in counter-clockwise order: bottom, right, top, left.
                let edges = [horizontalEdge(i, j), verticalEdge(i + 1, j), horizontalEdge(i, j + 1), verticalEdge(i, j)]
                var crossings: [(edge: Int, isExit: Bool)] = []
                for k in 0..<4 where inside[k] != inside[(k + 1) % 4] {
                    crossings.append((edges[k], inside[k]))
                }
                if crossings.count == 2 {
                    let (exit, entry) = crossings[0].isExit ? (crossings[0], crossings[1]) : (crossings[1], crossings[0])
                    link(exit.edge, entry.edge)
                } else {
                    // Saddle: an inside centre joins the inside corners, so
                    // each exit runs to the entry after it; otherwise to the
                    // entry before it.
                    let centreInside = isInside(values.reduce(0, +) / 4)
                    for k in 0..<4 where crossings[k].isExit {
                        let partner = centreInside ? (k + 1) % 4 : (k + 3) % 4
                        link(crossings[k].edge, crossings[partner].edge)
                    }
                }
            }
        }
    }

    private mutating func link(_ from: Int, _ to: Int) {
        next[from] = Int32(to)
        hasPrevious[to] = true
    }

    /// The joined contour lines: open ones (in order of their first edge),
    /// then closed ones.
    func isolines() -> [Isoline] {
        var visited = [Bool](repeating: false, count: next.count)
        var lines: [Isoline] = []
        for start in next.indices where next[start] >= 0 && !hasPrevious[start] {
            lines.append(Isoline(points: follow(from: start, visited: &visited), isClosed: false))
        }
        for start in next.indices where next[start] >= 0 && !visited[start] {
            var points = follow(from: start, visited: &visited)
            points.append(points[0])
            lines.append(Isoline(points: points, isClosed: true))
        }
        return lines
    }

    /// The crossings from `start` along `next` until the line ends or
    /// returns to an edge already visited.
    private func follow(from start: Int, visited: inout [Bool]) -> [GridPoint] {
        var points: [GridPoint] = []
        var edge = start
        while edge >= 0 && !visited[edge] {
            visited[edge] = true
            points.append(crossing(on: edge))
            edge = Int(next[edge])
        }
        if edge >= 0 && edge != start { points.append(crossing(on: edge)) }  // an open line's last crossing
        return points
    }
}
