import Foundation
import Testing
@testable import Symbolic

/// Line clipping and thinning, and sampling functions with jumps and poles.
@Suite("Plotting: geometry and sampling")
struct PlottingGeometryTests {
    let box = PixelRect(x: 0, y: 0, width: 100, height: 100)

    @Test func clippingKeepsTheVisiblePartsExactly() {
        let points: [PixelPoint?] = [PixelPoint(x: -50, y: 50), PixelPoint(x: 50, y: 50), PixelPoint(x: 50, y: 1e15),
                                     nil, PixelPoint(x: 10, y: 10), PixelPoint(x: 20, y: 20)]
        let pieces = LineGeometry.clippedPieces(points, to: box)
        #expect(pieces == [
            [PixelPoint(x: 0, y: 50), PixelPoint(x: 50, y: 50), PixelPoint(x: 50, y: 100)],
            [PixelPoint(x: 10, y: 10), PixelPoint(x: 20, y: 20)],
        ])
        #expect(LineGeometry.clippedPieces([PixelPoint(x: -5, y: -5), PixelPoint(x: -1, y: 200)], to: box).isEmpty)
    }

    @Test func thinningDropsOnlyInvisiblePoints() {
        let straight = (0...1000).map { PixelPoint(x: Double($0) / 10, y: Double($0) / 20) }
        #expect(LineGeometry.simplified(straight) == [straight[0], straight[1000]])
        // A sine keeps its shape within the tolerance.
        let wave = (0...2000).map { PixelPoint(x: Double($0) / 20, y: 40 * Foundation.sin(Double($0) / 100)) }
        let thin = LineGeometry.simplified(wave, tolerance: 0.25)
        #expect(thin.count < 200)
        for p in wave {
            // Every original point lies within the tolerance of the thinned polyline.
            let distance = zip(thin, thin.dropFirst()).map { PlottingGeometryTests.distance(p, $0, $1) }.min()!
            #expect(distance <= 0.25 + 1e-9)
        }
    }

    @Test func columnReductionKeepsEachColumnsExtremes() {
        let noisy = (0..<10_000).map { PixelPoint(x: Double($0) / 100, y: Double(($0 * 7919) % 97)) }
        let reduced = LineGeometry.reducedPerColumn(noisy)
        #expect(reduced.count <= 400)
        for column in 0..<100 {
            let original = noisy.filter { Int($0.x) == column }.map(\.y)
            let kept = reduced.filter { Int($0.x) == column }.map(\.y)
            #expect(kept.min() == original.min() && kept.max() == original.max())
        }
    }

    static func distance(_ p: PixelPoint, _ a: PixelPoint, _ b: PixelPoint) -> Double {
        let dx = b.x - a.x, dy = b.y - a.y
        let t = Swift.max(0, Swift.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / (dx * dx + dy * dy)))
        return Foundation.hypot(p.x - a.x - t * dx, p.y - a.y - t * dy)
    }

    /// The pieces of a sampled function between its NaN breaks.
    static func pieces(_ s: SampledFunction) -> [[(Double, Double)]] {
        var result: [[(Double, Double)]] = [[]]
        for (x, y) in zip(s.x, s.y) {
            if y.isFinite { result[result.count - 1].append((x, y)) } else if !result[result.count - 1].isEmpty { result.append([]) }
        }
        return result.filter { !$0.isEmpty }
    }

    @Test func aJumpBreaksTheLineRightAtTheJump() {
        // The jump at 0.3 falls between samples.
        let s = SampledFunction(over: -1...1, count: 101) { $0 > 0.3 ? 2 : -1 }
        let pieces = PlottingGeometryTests.pieces(s)
        #expect(pieces.count == 2)
        expectClose(pieces[0].last!.0, 0.3, absoluteTolerance: 1e-8)
        expectClose(pieces[1].first!.0, 0.3, absoluteTolerance: 1e-8)
        #expect(pieces[0].allSatisfy { $0.1 == -1 } && pieces[1].allSatisfy { $0.1 == 2 })
        #expect(zip(s.x, s.x.dropFirst()).allSatisfy { $0 <= $1 })
    }

    @Test func continuousSteepAndKinkedFunctionsAreNotBroken() {
        for f in [{ (x: Double) in Foundation.tanh(40 * x) }, { (x: Double) in Swift.max(x, 0) }, { (x: Double) in Swift.abs(x) },
                  { (x: Double) in Foundation.sin(30 * x) }] {
            let s = SampledFunction(over: -1...1, count: 401, f)
            #expect(PlottingGeometryTests.pieces(s).count == 1)
            #expect(s.y.allSatisfy { $0.isFinite })
        }
    }

    @Test func polesBreakTheLineAndDomainEdgesAreReached() {
        let tangent = SampledFunction(over: -3...3, count: 301) { Foundation.tan($0) }
        #expect(PlottingGeometryTests.pieces(tangent).count == 3)  // poles at ±π/2
        let root = SampledFunction(over: -1...1, count: 100) { $0.squareRoot() }  // no sample at 0
        let piece = try! #require(PlottingGeometryTests.pieces(root).first)
        #expect(piece.first!.0 < 1e-8 && piece.first!.0 >= 0)
        let reciprocal = SampledFunction(over: -1...1, count: 201) { 1 / $0 }  // a sample hits the pole
        #expect(PlottingGeometryTests.pieces(reciprocal).count == 2)
    }

    @Test func robustLimitsIgnoreTheFarEndsOfPoles() {
        let tangent = SampledFunction(over: -5...5) { Foundation.tan($0) }
        let limits = try! #require(FunctionFigure.robustLimits(tangent.y))
        #expect(limits.lowerBound > -100 && limits.upperBound < 100 && limits.lowerBound < -5 && limits.upperBound > 5)
        let smooth = SampledFunction(over: -5...5) { Foundation.exp($0) }
        #expect(FunctionFigure.robustLimits(smooth.y) == nil)
    }
}
