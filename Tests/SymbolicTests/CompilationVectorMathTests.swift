import Testing
@testable import Symbolic

/// The vectorised `tanh` of compiled code against the C library's.
@Suite struct CompilationVectorMathTests {
    /// Units in the last place between `a` and the reference `b`.
    func ulps(_ a: Double, _ b: Double) -> Double { a == b ? 0 : Swift.abs(a - b) / b.ulp }

    @Test(arguments: [(-1e-6, 1e-6), (-0.05, 0.05), (-0.7, 0.7), (-3.0, 3.0), (-23.0, 23.0)])
    func tanhIsWithinThreeUlps(range: (Double, Double)) {
        var random = CompilationRandom(seed: 42)
        var worst = 0.0
        for _ in 0..<40_000 {
            let x = Double.random(in: range.0...range.1, using: &random)
            worst = Swift.max(worst, ulps(VectorMath.tanh(x), Function.tanh.evaluate(x)))
        }
        #expect(worst <= 3, "worst \(worst) ulp in \(range)")
    }

    @Test func tanhSpecialValues() {
        for x in [0.0, -0.0, 1e-300, -1e-20, 0x1p-29, .infinity, -.infinity, 22.5, -40, 1e300] {
            #expect(VectorMath.tanh(x).bitPattern == Function.tanh.evaluate(x).bitPattern, "tanh(\(x))")
        }
        #expect(VectorMath.tanh(.nan).isNaN)
        #expect(VectorMath.tanh(0.5) == 0.46211715726000974)
    }

    @Test func lanesAgreeWithOneValueCalls() {
        var random = CompilationRandom(seed: 7)
        for _ in 0..<10_000 {
            let v = VectorMath.Vector((0..<4).map { _ in Double.random(in: -25...25, using: &random) })
            let t = VectorMath.tanh(v)
            for lane in 0..<4 { #expect(t[lane].bitPattern == VectorMath.tanh(v[lane]).bitPattern) }
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
