import Foundation
import Testing
@testable import Symbolic

/// Loop re-rolling in generated code: repeated blocks become loops, and the
/// loops compute what the straight-line code and the evaluator compute
/// (generated C compiled with `cc -std=c99 -pedantic -Wall -Wextra -Werror`).
@Suite struct CodeGenerationLoopTests {
    /// R(n) = Σ 100(x_{i+1} − x_i²)² + (1 − x_i)², with term `k` optionally replaced.
    static func rosenbrock(_ n: Int, replacing k: Int = -1, by other: ((Expr, Expr) -> Expr)? = nil) -> (Expr, [String]) {
        let names = (0..<n).map { "x\($0)" }
        let xs = names.map(Expr.variable)
        let terms = (0..<Swift.max(1, n - 1)).map { i -> Expr in
            let (a, b) = (xs[i], xs[Swift.min(i + 1, n - 1)])
            if i == k, let other { return other(a, b) }
            return 100 * (b - a ** 2) ** 2 + (1 - a) ** 2
        }
        return (Expr.sum(terms), names)
    }

    static func points(_ width: Int, seed: UInt64) -> [[Double]] {
        var g = SeededGenerator(seed: seed)
        return (0..<3).map { _ in (0..<width).map { _ in Double.random(in: -1.5...1.5, using: &g) } }
    }

    /// Value, gradient, then the Hessian entries `code` lays out, at `point`.
    static func expected(_ f: Expr, _ code: GeneratedCode, at point: [Double]) throws -> [Double] {
        let variables = code.variables
        let b = Dictionary(uniqueKeysWithValues: zip(variables, point))
        var outputs = [f] + f.gradient(withRespectTo: variables)
        if !code.hessianRows.isEmpty {
            let h = f.hessian(withRespectTo: variables, form: .raw)
            outputs += zip(code.hessianRows, code.hessianColumns).map { h[$0][$1] }
        }
        return try outputs.map { try $0.evaluate(at: b) }
    }

    /// Compiles and runs each case's C at its points and compares with the evaluator (relative 1e-8).
    static func check(_ cases: [(f: Expr, code: GeneratedCode)], seed: UInt64) throws {
        guard let cc = CodeGenerationCTests.compiler() else { return }   // no C compiler: nothing to check
        for (k, c) in cases.enumerated() {
            let points = CodeGenerationLoopTests.points(c.code.variables.count, seed: seed + UInt64(k))
            let actual = try CodeGenerationCTests.run([(c.code.name, c.code)], points: points, cc: cc)
            let expected = try points.flatMap { try CodeGenerationLoopTests.expected(c.f, c.code, at: $0) }
            try #require(actual.count == expected.count)
            for i in actual.indices {
                expectClose(actual[i], expected[i], relativeTolerance: 1e-8, "case \(k), output \(i)")
            }
        }
    }

    static func code(_ f: Expr, _ variables: [String], _ derivatives: GeneratedDerivatives, loops: Bool = true,
                     language: CodeLanguage = .c) throws -> GeneratedCode {
        try Expr.generateCode(for: [f], variables: variables, language: language, name: "f", derivatives: derivatives,
                              rerollLoops: loops)
    }

    @Test func rosenbrockGradientsOfSeveralSizes() throws {
        var cases: [(f: Expr, code: GeneratedCode)] = []
        for n in [2, 3, 4, 5, 6, 7, 9, 17, 40] {
            let (f, variables) = CodeGenerationLoopTests.rosenbrock(n)
            cases.append((f, try CodeGenerationLoopTests.code(f, variables, .gradient)))
        }
        try CodeGenerationLoopTests.check(cases, seed: 1)
        let (f, variables) = CodeGenerationLoopTests.rosenbrock(40)
        let looped = cases.last!.code
        let straight = try CodeGenerationLoopTests.code(f, variables, .gradient, loops: false)
        #expect(looped.loopCount == 2 && straight.loopCount == 0)
        #expect(looped.source.contains("for (int i = 0; i < 38; ++i) {"))
        #expect(looped.source.contains("for (; j + 4 <= 39; j += 4) {"))
        #expect(looped.temporaryCount * 10 < straight.temporaryCount)
        #expect(looped.source.utf8.count * 3 < straight.source.utf8.count)
        #expect(cases[0].code.loopCount == 0 && cases[1].code.loopCount == 0)
    }

    @Test func rosenbrockHessians() throws {
        let (f, variables) = CodeGenerationLoopTests.rosenbrock(12)
        let (g, wide) = CodeGenerationLoopTests.rosenbrock(30)
        let sparse = try CodeGenerationLoopTests.code(g, wide, .hessian(sparse: true))
        #expect(sparse.loopCount >= 3)
        try CodeGenerationLoopTests.check([(f, try CodeGenerationLoopTests.code(f, variables, .hessian(sparse: false))),
                                           (g, sparse)], seed: 20)
    }

    @Test func sumsOfShiftedRepeatedTerms() throws {
        let n = 24
        let variables = (0..<n).map { "x\($0)" }
        let v = variables.map(Expr.variable)
        var terms: [Expr] = []
        for i in 0..<10 { terms.append(sin(v[2 * i]) * v[2 * i + 1] ** 2) }           // stride 2
        for i in 0..<12 { terms.append(-((v[i + 6] - v[i]) ** 2) / 3) }                // offset 6, subtracted
        for i in 0..<8 { terms.append(exp(-v[n - 1 - 2 * i])) }                         // stride −2
        let norm = Expr.sum(v.map { $0 ** 2 })
        for i in 0..<n { terms.append(v[i] / (1 + norm)) }                              // a shared, large subexpression
        let f = Expr.sum(terms) + log(Expr.sum(v.map { exp($0) }))
        let code = try CodeGenerationLoopTests.code(f, variables, .gradient)
        #expect(code.loopCount >= 3)
        try CodeGenerationLoopTests.check([(f, code)], seed: 30)
    }

    @Test func almostRepeatedTermsStayExact() throws {
        // One coefficient changed, one term reading other offsets, one with another function.
        var cases: [(f: Expr, code: GeneratedCode)] = []
        let changes: [(Int, (Expr, Expr) -> Expr)] = [
            (7, { a, b in 101 * (b - a ** 2) ** 2 + (1 - a) ** 2 }),
            (0, { a, b in 100 * (b - a ** 2) ** 2 + (1 - b) ** 2 }),
            (15, { a, b in 100 * (b - a ** 2) ** 2 + (1 - sin(a)) ** 2 }),
            (11, { a, _ in 100 * (Expr.variable("x3") - a ** 2) ** 2 + (1 - a) ** 2 }),
        ]
        for (k, change) in changes {
            let (f, variables) = CodeGenerationLoopTests.rosenbrock(17, replacing: k, by: change)
            let code = try CodeGenerationLoopTests.code(f, variables, k == 15 ? .hessian(sparse: true) : .gradient)
            #expect(code.loopCount >= 2, "term \(k)")
            cases.append((f, code))
        }
        try CodeGenerationLoopTests.check(cases, seed: 40)
    }

    @Test func constantsThatChangeAreReadFromTables() throws {
        // A least-squares fit over 30 data points (t, y): the data are constants of the terms.
        var g = SeededGenerator(seed: 7)
        let (a, b, c) = (Expr.variable("a"), Expr.variable("b"), Expr.variable("c"))
        let residuals = (0..<30).map { k -> Expr in
            let t = Double(k) / 10, y = (Double.random(in: -2...2, using: &g) * 1000).rounded() / 1000
            return (Expr(y) - (a * Expr(t) + b * exp(-c * Expr(t)))) ** 2
        }
        let fit = Expr.sum(residuals)
        let fitCode = try CodeGenerationLoopTests.code(fit, ["a", "b", "c"], .hessian(sparse: false))
        #expect(fitCode.loopCount >= 1 && fitCode.source.contains("static const double sym_k0["))
        // R(17) with a different coefficient in every term.
        let names = (0..<17).map { "x\($0)" }
        let xs = names.map(Expr.variable)
        let r = Expr.sum((0..<16).map { i in Expr(Double(100 + i)) * (xs[i + 1] - xs[i] ** 2) ** 2 + (1 - xs[i]) ** 2 })
        let rCode = try CodeGenerationLoopTests.code(r, names, .gradient)
        #expect(rCode.loopCount == 2 && rCode.source.contains("sym_k"))
        try CodeGenerationLoopTests.check([(fit, fitCode), (r, rCode)], seed: 50)
        // Constant outputs: a gradient of constants, equal ones and ones from a table.
        let linear = Expr.sum((0..<17).map { i in Expr(Double(i % 2 == 0 ? 3 : i)) * xs[i] })
        let linearCode = try CodeGenerationLoopTests.code(linear, names, .gradient)
        #expect(linearCode.loopCount >= 2 && !linearCode.source.contains("out[3] ="))
        try CodeGenerationLoopTests.check([(linear, linearCode)], seed: 60)
        let swift = try CodeGenerationLoopTests.code(r, names, .gradient, language: .swift)
        #expect(swift.source.contains("private let sym_k0: [Double] = [\n    "))
        let python = try CodeGenerationLoopTests.code(r, names, .gradient, language: .python)
        #expect(python.source.contains("_sym_k0 = [\n    "))
    }

    @Test func swiftAndPythonLoopsNumPyStraightLine() throws {
        let (f, variables) = CodeGenerationLoopTests.rosenbrock(20)
        let swift = try CodeGenerationLoopTests.code(f, variables, .gradient, language: .swift)
        #expect(swift.source.contains("for i in 0..<18 {") && swift.source.contains("while j + 4 <= 19 {"))
        let python = try CodeGenerationLoopTests.code(f, variables, .gradient, language: .python)
        #expect(python.source.contains("    for i in range(18):\n        u"))
        let numpy = try CodeGenerationLoopTests.code(f, variables, .gradient, language: .numpy)
        #expect(numpy.loopCount == 0 && !numpy.source.contains("for i"))
    }
}
