import Testing
@testable import Symbolic

/// The compiled gradient, Jacobian, Hessian and Hessian-vector product
/// conveniences equal the tree evaluator on the symbolic derivatives.
@Suite struct CompilationDerivativeTests {
    let x = Symbolic.Expression.variable("x"), y = Symbolic.Expression.variable("y")
    var f: Symbolic.Expression { x * x * y + y + 2 }

    @Test func valueAndGradient() throws {
        let g = try f.compileGradient(variables: ["x", "y"])
        let (value, gradient) = g([3, 4])
        #expect(value == 42 && gradient == [24, 10])
        let closure = try f.valueAndGradientFunction(variables: ["x", "y"])
        #expect(closure([3, 4]).gradient == [24, 10])
        #expect(try f.valueFunction(variables: ["x", "y"])([3, 4]) == 42)

        var workspace = g.makeWorkspace()
        var buffer: [Double] = []
        #expect(g.evaluate([1, 2], gradient: &buffer, workspace: &workspace) == 6)
        #expect(buffer == [4, 2])
    }

    @Test func gradientWithDataParameters() throws {
        // Squared error of one sample (x, t) for weight w: parameters are data.
        let w = Symbolic.Expression.variable("w"), t = Symbolic.Expression.variable("t")
        let g = try ((w * x - t) ** 2).compileGradient(variables: ["w"], parameters: ["x", "t"])
        let (value, gradient) = g([2], parameters: [3, 5])
        #expect(value == 1 && gradient == [6])
    }

    @Test func jacobian() throws {
        let j = try Symbolic.Expression.compileJacobian(of: [x * y, sin(x) + y], variables: ["x", "y"])
        let m = j([0.5, 2])
        #expect(m[0] == [2, 0.5])
        #expect(m[1] == [Function.cos.evaluate(0.5), 1])
        #expect(try Symbolic.Expression.jacobianFunction(of: [x * y], variables: ["x", "y"])([3, 4]) == [[4, 3]])
    }

    @Test func sparseAndDenseHessian() throws {
        let h = try f.compileHessian(variables: ["x", "y"])
        #expect(h.rows == [0, 1] && h.columns == [0, 0] && h.nonzeroCount == 2)
        #expect(h.values(at: [3, 4]) == [8, 6])
        #expect(h([3, 4]) == [[8, 6], [6, 0]])
        #expect(try f.hessianFunction(variables: ["x", "y"])([3, 4]) == [[8, 6], [6, 0]])

        var workspace = h.makeWorkspace()
        var dense = [Double](repeating: .nan, count: 4)
        [1.0, 2].withUnsafeBufferPointer { input in
            dense.withUnsafeMutableBufferPointer { h.evaluate(input, dense: $0, workspace: &workspace) }
        }
        #expect(dense == [4, 2, 2, 0])
    }

    @Test func rosenbrockHessianIsTridiagonal() throws {
        let n = 30
        let names = (0..<n).map { "x\($0)" }
        let xs = names.map(Symbolic.Expression.variable)
        let r = Symbolic.Expression.sum((0..<(n - 1)).map { i in 100 * (xs[i + 1] - xs[i] ** 2) ** 2 + (1 - xs[i]) ** 2 })
        let h = try r.compileHessian(variables: names)
        #expect(h.nonzeroCount == 2 * n - 1)
        #expect(zip(h.rows, h.columns).allSatisfy { $0 - $1 <= 1 && $0 >= $1 })
        let point = (0..<n).map { $0 % 2 == 0 ? -1.2 : 1.0 }
        let dense = h(point)
        // The analytic Hessian (bench/peers/workloads.py rosen_hess_hand).
        for i in 0..<n {
            var diagonal = i < n - 1 ? 1200 * point[i] * point[i] - 400 * point[i + 1] + 2 : 0
            if i > 0 { diagonal += 200 }
            expectNear(dense[i][i], diagonal)
            if i < n - 1 { expectNear(dense[i][i + 1], -400 * point[i]) }
        }
    }

    @Test func hessianVectorProduct() throws {
        let hv = try f.compileHessianVectorProduct(variables: ["x", "y"])
        #expect(hv([3, 4], [1, 0]) == [8, 6])
        #expect(hv([3, 4], [0, 1]) == [6, 0])
        #expect(try f.hessianVectorProductFunction(variables: ["x", "y"])([3, 4], [1, 1]) == [14, 6])
        // A variable named like a generated direction name does not clash.
        let g = x * .variable("dx")
        let hg = try g.compileHessianVectorProduct(variables: ["x", "dx"])
        #expect(hg([2, 3], [1, 0]) == [0, 1])
    }

    /// Random expressions: the conveniences agree with evaluating the
    /// symbolic derivatives.
    @Test func conveniencesMatchSymbolicDerivatives() throws {
        let names = ["x", "y"]
        for seed in 0..<40 {
            var generator = CompilationExpressionGenerator(seed: UInt64(9000 + seed), inputs: names)
            let e = generator.expression(depth: 3)
            let point = generator.values(2)
            let g = try e.compileGradient(variables: names)(point)
            let expectedGradient = compilationTreeValues(e.gradient(withRespectTo: names), names, point)
            #expect(zip(g.gradient, expectedGradient).allSatisfy(compilationSame), "seed \(seed)")
            let dense = try e.compileHessian(variables: names)(point).flatMap { $0 }
            let expectedHessian = compilationTreeValues(e.hessian(withRespectTo: names, form: .raw).flatMap { $0 }, names, point)
            #expect(zip(dense, expectedHessian).allSatisfy(compilationSame), "seed \(seed)")
        }
    }

    func expectNear(_ a: Double, _ b: Double, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(Swift.abs(a - b) <= 1e-12 * Swift.max(1, Swift.abs(b)), "\(a) vs \(b)", sourceLocation: sourceLocation)
    }
}
