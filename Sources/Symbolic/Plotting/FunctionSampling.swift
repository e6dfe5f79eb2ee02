/// A function of one variable sampled for drawing: evenly spaced points,
/// with NaN entries where the line must break.
///
/// A naive plot joins every pair of neighbouring samples, so a jump
/// (`step(x)` at 0) or a pole (`tan(x)` at π/2) becomes a vertical line
/// that the function does not have. Here each interval whose change is out
/// of line with its neighbours is bisected: if the change survives down to
/// an interval a billionth of the range wide, the function jumps there, and
/// the line stops on one side and starts again on the other, each as close
/// to the jump as doubles resolve. Likewise a line running into a NaN
/// (`sqrt(x)` left of 0) is extended to the last finite point.
///
///     let s = SampledFunction(over: -1...1, count: 201) { $0 > 0 ? 1 : 0 }
///     print(s.y.contains { $0.isNaN })   // Prints "true": the line breaks at 0
public struct SampledFunction: Sendable, Hashable {
    /// The abscissae, increasing (a break repeats a neighbour's x).
    public var x: [Double]
    /// f(x), NaN where the line breaks.
    public var y: [Double]

    /// Samples `f` at `count` evenly spaced points of `range` and refines
    /// jumps, poles and domain edges as described above.
    ///
    ///     let tangent = SampledFunction(over: -3...3) { Foundation.tan($0) }
    ///
    /// - Complexity: `count` calls of `f`, plus at most 60 per interval
    ///   that looks discontinuous (at most `20 × count` in all).
    public init(over range: ClosedRange<Double>, count: Int = 801, _ f: (Double) -> Double) {
        let xs = SampledGrid.evenlySpaced(range, count: Swift.max(count, 2))
        let ys = xs.map(f)
        let width = range.upperBound - range.lowerBound
        let finite = ys.filter(\.isFinite)
        let scale = Swift.max((finite.max() ?? 0) - (finite.min() ?? 0), 1e-300)
        var budget = 20 * xs.count
        var outX: [Double] = [], outY: [Double] = []
        outX.reserveCapacity(xs.count + 16)
        outY.reserveCapacity(xs.count + 16)
        for i in xs.indices {
            outX.append(xs[i])
            outY.append(ys[i])
            guard i + 1 < xs.count else { break }
            let (a, b, fa, fb) = (xs[i], xs[i + 1], ys[i], ys[i + 1])
            if fa.isFinite != fb.isFinite {
                // A domain edge: walk the line up to the last finite value.
                if let edge = SampledFunction.edge(f, a, b, fa.isFinite, budget: &budget) {
                    outX.append(edge.x)
                    outY.append(edge.y)
                }
                continue
            }
            guard fa.isFinite, fb.isFinite else { continue }
            let before = i > 0 && ys[i - 1].isFinite ? fa - ys[i - 1] : 0
            let after = i + 2 < ys.count && ys[i + 2].isFinite ? ys[i + 2] - fb : 0
            let change = fb - fa
            let outOfLine = Swift.abs(change) > 2 * Swift.max(Swift.abs(before), Swift.abs(after))
                || (change * before < 0 && change * after < 0)
            guard outOfLine, Swift.abs(change) > 1e-3 * scale, budget > 0,
                  let jump = SampledFunction.jump(f, a, b, fa, fb, threshold: 1e-3 * scale, width: width, budget: &budget)
            else { continue }
            outX += [jump.left.x, jump.left.x, jump.right.x]
            outY += [jump.left.y, .nan, jump.right.y]
        }
        x = outX
        y = outY
    }

    /// Bisects [a, b] towards the largest change; a change still above
    /// `threshold` on an interval 1e-9 × `width` wide is a jump, and its
    /// two sides are returned.
    private static func jump(_ f: (Double) -> Double, _ a: Double, _ b: Double, _ fa: Double, _ fb: Double,
                             threshold: Double, width: Double, budget: inout Int)
        -> Jump? {
        var (a, b, fa, fb) = (a, b, fa, fb)
        for _ in 0..<60 {
            if b - a <= 1e-9 * width { break }
            let m = a + (b - a) / 2
            guard m > a, m < b else { break }
            let fm = f(m)
            budget -= 1
            if !fm.isFinite {
                // A pole hit exactly.
                return Jump(left: Point(x: a, y: fa), right: Point(x: b, y: fb))
            }
            if Swift.abs(fm - fa) >= Swift.abs(fb - fm) {
                b = m
                fb = fm
            } else {
                a = m
                fa = fm
            }
        }
        guard Swift.abs(fb - fa) > threshold else { return nil }
        return Jump(left: Point(x: a, y: fa), right: Point(x: b, y: fb))
    }

    private struct Point {
        var x: Double
        var y: Double
    }

    /// The two sides of a discontinuity.
    private struct Jump {
        var left: Point
        var right: Point
    }

    /// The finite point nearest the boundary between a finite and a
    /// non-finite sample, found by bisection (30 steps).
    private static func edge(_ f: (Double) -> Double, _ a: Double, _ b: Double, _ leftIsFinite: Bool,
                             budget: inout Int) -> Point? {
        guard budget > 0 else { return nil }
        var finiteSide = leftIsFinite ? a : b, otherSide = leftIsFinite ? b : a
        var best: Point? = nil
        for _ in 0..<30 {
            let m = finiteSide + (otherSide - finiteSide) / 2
            let fm = f(m)
            budget -= 1
            if fm.isFinite {
                finiteSide = m
                best = Point(x: m, y: fm)
            } else {
                otherSide = m
            }
        }
        return best
    }
}
