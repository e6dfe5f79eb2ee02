import Foundation
import Testing
@testable import Symbolic

/// The compiled programs' own `tanh`, `exp`, `log` and `sigmoid` (the
/// SymbolicKernels C target) against the C library's, and the same bits at
/// every SIMD width.
@Suite struct CompilationVectorMathTests {
    /// Units in the last place between `a` and the reference `b`.
    func ulps(_ a: Double, _ b: Double) -> Double { a == b ? 0 : Swift.abs(a - b) / b.ulp }

    /// The worst distance in ulp over `count` random points of `range`.
    func worstUlps(_ f: (Double) -> Double, _ reference: (Double) -> Double, in range: ClosedRange<Double>,
                   count: Int = 40_000, seed: UInt64 = 42) -> Double {
        var random = CompilationRandom(seed: seed)
        var worst = 0.0
        for _ in 0..<count {
            let x = Double.random(in: range, using: &random)
            worst = Swift.max(worst, ulps(f(x), reference(x)))
        }
        return worst
    }

    @Test(arguments: [-1e-6...1e-6, -0.05...0.05, -0.7...0.7, -3.0...3.0, -23.0...23.0])
    func tanhIsWithinThreeUlps(range: ClosedRange<Double>) {
        let worst = worstUlps(VectorMath.tanh, Foundation.tanh, in: range)
        #expect(worst <= 3, "worst \(worst) ulp in \(range)")
    }

    @Test(arguments: [-1e-9...1e-9, -0.4...0.4, -5.0...5.0, -700.0...709.0, -745.0 ... -700])
    func expIsWithinOneUlp(range: ClosedRange<Double>) {
        let worst = worstUlps(VectorMath.exp, Foundation.exp, in: range)
        #expect(worst <= 1, "worst \(worst) ulp in \(range)")
    }

    @Test(arguments: [1e-300...1e-290, 0.5...2.0, 0.99...1.01, 1e-3...1e3, 1e300...1.7e308])
    func logIsWithinOneUlp(range: ClosedRange<Double>) {
        let worst = worstUlps(VectorMath.log, Foundation.log, in: range)
        #expect(worst <= 1, "worst \(worst) ulp in \(range)")
    }

    @Test func sigmoidIsWithinTwoUlps() {
        let worst = worstUlps(VectorMath.sigmoid, Function.stableSigmoid, in: -40...40)
        #expect(worst <= 2, "worst \(worst) ulp")
    }

    @Test func specialValues() {
        for x in [0.0, -0.0, 1e-300, -1e-20, 0x1p-29, .infinity, -.infinity, 22.5, -40, 1e300] {
            #expect(VectorMath.tanh(x).bitPattern == Foundation.tanh(x).bitPattern, "tanh(\(x))")
        }
        for x in [0.0, -0.0, 1, 709.8, 710, -745.2, -746, .infinity, -.infinity, 1e-320, -1e300] {
            #expect(VectorMath.exp(x).bitPattern == Foundation.exp(x).bitPattern, "exp(\(x))")
        }
        for x in [1.0, 2, 0.5, 0.0, -0.0, .infinity, 4.9e-324, 1e-310, .greatestFiniteMagnitude] {
            #expect(VectorMath.log(x).bitPattern == Foundation.log(x).bitPattern, "log(\(x))")
        }
        for x in [-1.0, -.infinity, Double.nan] { #expect(VectorMath.log(x).isNaN, "log(\(x))") }
        #expect(VectorMath.tanh(.nan).isNaN && VectorMath.exp(.nan).isNaN && VectorMath.sigmoid(.nan).isNaN)
        #expect(VectorMath.sigmoid(0) == 0.5 && VectorMath.sigmoid(-800) == 0 && VectorMath.sigmoid(800) == 1)
        #expect(VectorMath.tanh(0.5) == 0.46211715726000974)
    }

    /// Batched evaluation at every SIMD level gives the one-point results
    /// bit for bit, for every function the kernels run.
    @Test func everySIMDLevelGivesTheSameBits() throws {
        let x = Symbolic.Expression.variable("x"), y = Symbolic.Expression.variable("y")
        let parts: [Symbolic.Expression] = [
            tanh(x * y), exp(x) - exp(-y), log(1 + x * x), sigmoid(3 * x - y), softplus(x), relu(x - y),
            sin(x) * cos(y), sqrt(1 + y * y) / (1 + x * x), abs(x) * sign(y), step(x), max(x, y) - min(x, y),
            atan2(y, x), asin(x / 4) + acos(y / 4) + atan(x), sinh(x) + cosh(y) + tan(x / 3),
            log1p(x * x) + expm1(y), (x + 2) ** y,
        ]
        let f = try CompiledFunction(parts + [Symbolic.Expression.sum(parts)], variables: ["x", "y"])
        var random = CompilationRandom(seed: 3)
        let points = (0..<203).map { _ in [Double.random(in: -3...3, using: &random), Double.random(in: -3...3, using: &random)] }
        let expected = points.map { f($0) }
        let top = VectorMath.simdLevel
        defer { VectorMath.limitSIMDLevel(top) }
        var sumsAtChunk: [Int: [UInt64]] = [:]
        for level in 0...top {
            #expect(VectorMath.limitSIMDLevel(level) == level)
            for chunk in [1, 8, 64, 256] {
                let rows = try f.batched(over: .variables, chunkSize: chunk).evaluate(points: points)
                for (i, row) in rows.enumerated() {
                    #expect(row.map(\.bitPattern) == expected[i].map(\.bitPattern), "level \(level), chunk \(chunk), point \(i)")
                }
                let sums = try f.batched(over: .variables, chunkSize: chunk).sum(points: points).map(\.bitPattern)
                #expect(sums == sumsAtChunk[chunk, default: sums], "level \(level), chunk \(chunk)")
                sumsAtChunk[chunk] = sums
            }
        }
    }

    /// Compiled `tanh` expressions (one point and batched) stay within a few
    /// ulp of the tree evaluator.
    @Test func compiledTanhIsCloseToTheEvaluator() throws {
        let x = Symbolic.Expression.variable("x")
        let e = tanh(x) * 2 + tanh(3 * x)
        let f = try e.compile(variables: ["x"])
        let batch = f.batched(over: .variables, chunkSize: 5)
        let points = stride(from: -4.0, through: 4.0, by: 0.37).map { [$0] }
        let rows = try batch.evaluate(points: points)
        for (i, p) in points.enumerated() {
            let expected = try e.evaluate(at: ["x": p[0]])
            #expect(Swift.abs(f(p)[0] - expected) <= 8 * expected.ulp + 1e-300, "x = \(p[0])")
            #expect(rows[i][0].bitPattern == f(p)[0].bitPattern)
        }
    }
}
