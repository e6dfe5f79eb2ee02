import Foundation
import Testing
@testable import Symbolic

/// User-defined functions in generated code: calls become their bodies
/// (explicit rules too), the C compiles and matches the library's values,
/// gradients and Hessians; a closure without a body is a clean error.
@Suite("Custom functions in generated code")
struct CustomFunctionCodeTests {
    static let functions: FunctionRegistry = {
        var registry = FunctionRegistry()
        try! registry.define([
            "P3(u) = 0.5*(5*u^3 - 3*u)",
            "lse(a, b) = max(a, b) + log(exp(a - max(a, b)) + exp(b - max(a, b))); d/da = exp(a - lse(a, b)); d/db = exp(b - lse(a, b))",
            "bump(u, w) = exp(-u^2/w^2)*P3(u)",
        ])
        return registry
    }()

    @Test func generatedCMatchesTheLibrary() throws {
        guard let cc = CodeGenerationCTests.compiler() else { return }   // no C compiler: nothing to check
        let variables = ["x", "y", "z"]
        let texts = ["P3(x)*y + lse(x, z)", "lse(P3(x), bump(y, 1 + z^2))^2", "bump(x*y, 2) - P3(sin(z))"]
        var sources: [(name: String, code: GeneratedCode)] = []
        var expected: [Double] = []
        for (i, text) in texts.enumerated() {
            let f = try Expr(parsing: text, functions: Self.functions)
            let code = try Expr.generateCode(for: [f], variables: variables, language: .c, name: "g\(i)",
                                             derivatives: .hessian(sparse: false))
            #expect(!code.source.contains("lse("), "calls are inlined")
            sources.append(("g\(i)", code))
            for p in CodeGenerationCTests.points { expected += try CodeGenerationCTests.expected(f, at: p, variables: variables) }
        }
        let actual = try CodeGenerationCTests.run(sources, points: CodeGenerationCTests.points, cc: cc)
        try #require(actual.count == expected.count)
        for k in actual.indices { expectClose(actual[k], expected[k], relativeTolerance: 1e-8, "output \(k)") }
    }

    @Test func closureFunctionsHaveNoCode() throws {
        let u = Expr.variable("u")
        let gauss = try CustomFunction(name: "gauss", parameters: ["u"], evaluate: { Foundation.exp(-$0[0] * $0[0]) }) { f in
            [-2 * u * f(u)]
        }
        #expect(throws: CodeGenerationError.functionWithoutBody("gauss")) {
            try Expr.generateCode(for: [gauss(x) + 1], variables: ["x"], language: .c)
        }
        #expect(CodeGenerationError.functionWithoutBody("gauss").description
            == "'gauss' is defined by a closure without a body, so no code can be generated for it; define it by an expression")
    }
}
