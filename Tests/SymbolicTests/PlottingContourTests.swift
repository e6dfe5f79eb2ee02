import Foundation
import Testing
@testable import Symbolic

/// Marching squares: contour lines and the filled regions built from them.
@Suite("Plotting: contours")
struct PlottingContourTests {
    /// The signed area of a ring in grid units (shoelace formula; positive
    /// when counter-clockwise in the grid's y-up orientation).
    static func area(_ ring: [GridPoint]) -> Double {
        var sum = 0.0
        for (a, b) in zip(ring, ring.dropFirst() + [ring[0]]) { sum += a.column * b.row - b.column * a.row }
        return sum / 2
    }

    @Test func circleContourIsOneClosedLineOnTheCircle() {
        // f = distance from the centre of a 41 × 41 grid; level 12 is a circle of radius 12 cells.
        let grid = SampledGrid(x: -20...20, y: -20...20, columns: 41, rows: 41) { x, y in (x * x + y * y).squareRoot() }
        let lines = MarchingSquares(grid: grid, level: 12).isolines()
        #expect(lines.count == 1)
        let line = try! #require(lines.first)
        #expect(line.isClosed && line.points.first == line.points.last)
        for p in line.points {
            let radius = ((p.column - 20) * (p.column - 20) + (p.row - 20) * (p.row - 20)).squareRoot()
            #expect(Swift.abs(radius - 12) < 0.05, "\(p)")
        }
        // Inside (f ≥ 12) is outside the circle: the ring runs clockwise around it.
        #expect(PlottingContourTests.area(line.points) < 0)
    }

    @Test func superlevelRegionOfAHalfPlaneHasTheExactArea() {
        // f = x − y on [0, 10]²: f ≥ 2.5 is a triangle of area 7.5²/2.
        let grid = SampledGrid(x: 0...10, y: 0...10, columns: 11, rows: 11) { x, y in x - y }
        let rings = FilledRegions.superlevelRings(of: grid, level: 2.5)
        #expect(rings.count == 1)
        expectClose(rings.map(PlottingContourTests.area).reduce(0, +), 7.5 * 7.5 / 2, relativeTolerance: 1e-12)
    }

    @Test func regionWithAHoleIsAnOuterRingAndAHole() {
        // Outside a disc of radius 5: the grid's border (counter-clockwise)
        // and the circle (clockwise), total area ≈ 400 − 25π.
        let grid = SampledGrid(x: -10...10, y: -10...10, columns: 81, rows: 81) { x, y in (x * x + y * y).squareRoot() }
        let rings = FilledRegions.superlevelRings(of: grid, level: 5)
        #expect(rings.count == 2)
        let areas = rings.map(PlottingContourTests.area).map { $0 / 16 }  // 4 cells per unit
        #expect(areas[0] > 0 && areas[1] < 0)
        expectClose(areas.reduce(0, +), 400 - 25 * Double.pi, relativeTolerance: 2e-3)
    }

    /// Property: for random smooth functions, the region f ≥ c and the
    /// region −f ≥ −c together cover the grid exactly once (up to the
    /// contour's zero-width boundary), whatever the level.
    @Test func complementaryRegionsTileTheGrid() {
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<20 {
            let (a, b, c) = (Double.random(in: 1...4, using: &generator), Double.random(in: 1...4, using: &generator),
                             Double.random(in: 0...6, using: &generator))
            let grid = SampledGrid(x: -2...2, y: -2...2, columns: 31, rows: 27) { x, y in Foundation.sin(a * x) * Foundation.cos(b * y) + 0.3 * x }
            let level = Double.random(in: -0.8...0.8, using: &generator)
            let upper = FilledRegions.superlevelRings(of: grid, level: level).map(PlottingContourTests.area).reduce(0, +)
            let lower = FilledRegions.superlevelRings(of: grid.mapValues { -$0 }, level: -level)
                .map(PlottingContourTests.area).reduce(0, +)
            expectClose(upper + lower, 30 * 26, relativeTolerance: 1e-9, "a=\(a) b=\(b) c=\(c)")
        }
    }

    @Test func saddleCellsFollowTheirCentre() {
        // Corners 1, 0, 1, 0 around one cell: inside corners diagonally opposite.
        let joined = SampledGrid(xs: [0, 1], ys: [0, 1], values: [1, 0.2, 0.2, 1])  // centre 0.6 ≥ 0.5: joined
        let alsoJoined = SampledGrid(xs: [0, 1], ys: [0, 1], values: [1, 0, 0, 1.5])  // centre 0.625
        let separate = SampledGrid(xs: [0, 1], ys: [0, 1], values: [0.6, 0, 0, 0.6])  // centre 0.3 < 0.5: apart
        #expect(FilledRegions.superlevelRings(of: joined, level: 0.5).count == 1)
        #expect(FilledRegions.superlevelRings(of: alsoJoined, level: 0.5).count == 1)
        #expect(FilledRegions.superlevelRings(of: separate, level: 0.5).count == 2)
    }

    @Test func nanCountsAsOutside() {
        let grid = SampledGrid(xs: [0, 1, 2], ys: [0, 1], values: [1, .nan, 1, 1, 1, 1])
        let lines = MarchingSquares(grid: grid, level: 0.5).isolines()
        #expect(!lines.isEmpty)
        #expect(lines.allSatisfy { $0.points.allSatisfy { $0.column.isFinite && $0.row.isFinite } })
        let everything = FilledRegions.superlevelRings(of: SampledGrid(xs: [0, 1], ys: [0, 1], values: [1, 1, 1, 1]), level: 0)
        #expect(everything.count == 1 && PlottingContourTests.area(everything[0]) == 1)
        #expect(FilledRegions.superlevelRings(of: SampledGrid(xs: [0, 1], ys: [0, 1], values: [0, 0, 0, 0]), level: 1).isEmpty)
    }

    @Test func batchedGridSamplingMatchesPointwise() throws {
        let pointwise = SampledGrid(x: -1...2, y: 0...1, columns: 7, rows: 5) { x, y in x * 10 + y }
        let batched = SampledGrid(x: -1...2, y: 0...1, columns: 7, rows: 5) { (xs: [Double], ys: [Double]) in
            zip(xs, ys).map { $0 * 10 + $1 }
        }
        #expect(pointwise == batched)
        #expect(pointwise.value(column: 6, row: 4) == 21)
        #expect(pointwise.xs.last == 2 && pointwise.ys.last == 1)
    }
}
