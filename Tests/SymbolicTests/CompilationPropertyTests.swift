import Testing
@testable import Symbolic

/// Compiled programs compute exactly what the tree evaluator computes.
@Suite struct CompilationPropertyTests {
    /// 300 seeded random multi-output programs: every output equals the
    /// tree evaluator's value bit for bit (up to the sign of a zero) at
    /// several points, NaN and infinities included.
    @Test(arguments: 0..<6)
    func compiledEqualsTreeEvaluator(batch: Int) throws {
        let names = ["x", "y", "z"]
        for seed in (batch * 50)..<(batch * 50 + 50) {
            var generator = CompilationExpressionGenerator(seed: UInt64(seed), inputs: names)
            let outputs = (0..<Int.random(in: 1...4, using: &generator.random)).map { _ in generator.expression(depth: 4) }
            let f = try CompiledFunction(outputs, variables: names)
            var workspace = f.makeWorkspace()
            var out: [Double] = []
            for _ in 0..<4 {
                let point = generator.values(3)
                let expected = compilationTreeValues(outputs, names, point)
                let convenient = f(point)
                f.evaluate(point, into: &out, workspace: &workspace)
                for k in outputs.indices {
                    #expect(compilationSame(convenient[k], expected[k]),
                            "seed \(seed) output \(k) at \(point): \(convenient[k]) vs \(expected[k]) for \(outputs[k])")
                    #expect(compilationIdentical(out[k], convenient[k]), "seed \(seed): workspace call differs")
                }
            }
        }
    }

    /// Gradients and Hessians compiled together with the function equal the
    /// tree evaluator on the symbolic derivatives.
    @Test(arguments: 0..<4)
    func compiledDerivativesEqualSymbolicOnes(batch: Int) throws {
        let names = ["x", "y"]
        for seed in (1000 + batch * 25)..<(1000 + batch * 25 + 25) {
            var generator = CompilationExpressionGenerator(seed: UInt64(seed), inputs: names)
            let f = generator.expression(depth: 3)
            let gradient = f.gradient(withRespectTo: names)
            let hessian = f.hessian(withRespectTo: names).flatMap { $0 }
            let outputs = [f] + gradient + hessian
            let compiled = try CompiledFunction(outputs, variables: names)
            for _ in 0..<3 {
                let point = generator.values(2)
                let expected = compilationTreeValues(outputs, names, point)
                let actual = compiled(point)
                for k in outputs.indices {
                    #expect(compilationSame(actual[k], expected[k]),
                            "seed \(seed) output \(k) at \(point): \(actual[k]) vs \(expected[k])")
                }
            }
        }
    }

    /// `e = e*e + e` sixty times: 2^60-node tree, 120-node graph. The
    /// compiled value and gradient match the evaluator, and the program is
    /// as small as the graph.
    @Test func heavilySharedExpression() throws {
        let x = Symbolic.Expression.variable("x")
        var e = x
        for _ in 0..<60 { e = e * e + e }
        let outputs = [e] + e.gradient(withRespectTo: ["x"])
        let f = try CompiledFunction(outputs, variables: ["x"])
        #expect(f.statistics.instructionCount < 400)
        #expect(f.statistics.treeSize == Int.max || f.statistics.treeSize > 1 << 40)
        for value in [-0.5, -0.25, 0.0, 0.1, -1.0, 1e-3] {
            let expected = compilationTreeValues(outputs, ["x"], [value])
            let actual = f([value])
            for k in outputs.indices { #expect(compilationSame(actual[k], expected[k]), "x = \(value), output \(k)") }
        }
    }

    /// Every exponent class the compiler special-cases agrees with the
    /// evaluator's own special cases, at awkward bases.
    @Test(arguments: [2.0, 3, -1, -2, 0.5, 1, 4, -3, 1.5, 1.0 / 3])
    func powersMatchTheEvaluator(exponent: Double) throws {
        let x = Symbolic.Expression.variable("x"), y = Symbolic.Expression.variable("y")
        let outputs = [x ** Symbolic.Expression(exponent), x ** y]
        let f = try CompiledFunction(outputs, variables: ["x", "y"])
        for base in [0.0, -0.0, 1, -1, 2.5, -2.5, 1e-300, 1e300, .infinity, -.infinity, .nan] {
            let expected = compilationTreeValues(outputs, ["x", "y"], [base, exponent])
            let actual = f([base, exponent])
            #expect(compilationSame(actual[0], expected[0]), "\(base)^\(exponent)")
            #expect(compilationSame(actual[1], expected[1]), "\(base)^y with y = \(exponent)")
        }
    }

    /// Every function, at values inside and outside its domain.
    @Test(arguments: Function.allCases)
    func functionsMatchTheEvaluator(function: Function) throws {
        let x = Symbolic.Expression.variable("x"), y = Symbolic.Expression.variable("y")
        let e: Symbolic.Expression = function.arity.contains(2) ? .call(function, [x, y]) : .call(function, [x])
        let f = try e.compile(variables: ["x", "y"])
        for a in [0.0, -0.0, 0.5, -0.5, 1, -1, 2, -3, 710, -745, .infinity, -.infinity, .nan] {
            for b in [1.0, -2, 0] {
                let expected = compilationTreeValues([e], ["x", "y"], [a, b])[0]
                #expect(compilationIdentical(f([a, b])[0], expected), "\(function.name)(\(a), \(b))")
            }
        }
    }
}
