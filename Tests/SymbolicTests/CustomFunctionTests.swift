import Foundation
import Testing
@testable import Symbolic

/// User-defined functions: definitions by body and by closure, explicit
/// rules used as given, printing and parsing by name, evaluation, compilation.
@Suite("Custom functions")
struct CustomFunctionTests {
    static func registry(_ definitions: [String]) throws -> FunctionRegistry {
        var functions = FunctionRegistry()
        try functions.define(definitions)
        return functions
    }

    @Test func legendreFromItsBody() throws {
        let functions = try Self.registry(["P3(u) = 0.5*(5*u^3 - 3*u)"])
        let f = try Expression(parsing: "P3(x)", functions: functions)
        #expect(f.description == "P3(x)")
        #expect(try f.evaluate(at: ["x": 2]) == 17)
        let d = f.derivative(withRespectTo: "x")
        #expect(d.description == "7.5*x^2 - 1.5")
        #expect(f.derivative(withRespectTo: "x", order: 3).description == "15.0")
        let compiled = try f.gradient(withRespectTo: ["x"]).first!.compile(variables: ["x"])
        #expect(compiled([2])[0] == 28.5)
        #expect(functions["P3"]!.hasExplicitRule(forParameter: 0) == false)
    }

    @Test func callsOfTheSameDefinitionAreOneNode() throws {
        let functions = try Self.registry(["P3(u) = 0.5*(5*u^3 - 3*u)"])
        let a = try Expression(parsing: "P3(x) + P3(x)", functions: functions)
        #expect(a.description == "2*P3(x)")
        // Another definition with the same name and body is another function.
        let other = try Self.registry(["P3(u) = 0.5*(5*u^3 - 3*u)"])
        let b = try Expression(parsing: "P3(x)", functions: other)
        let c = try Expression(parsing: "P3(x)", functions: functions)
        #expect(b != c)
        #expect(b.description == c.description)
    }

    @Test func userRuleIsUsedAsGiven() throws {
        // A stable logsumexp: the body and the rule are both safe at ±1000.
        let functions = try Self.registry([
            "lse(a, b) = max(a, b) + log(exp(a - max(a, b)) + exp(b - max(a, b))); d/da = exp(a - lse(a, b)); d/db = exp(b - lse(a, b))",
        ])
        let f = try Expression(parsing: "lse(x, y)", functions: functions)
        #expect(f.derivative(withRespectTo: "x").description == "exp(x - lse(x, y))")
        #expect(f.gradient(withRespectTo: ["x", "y"]).map(\.description) == ["exp(x - lse(x, y))", "exp(y - lse(x, y))"])
        expectClose(try f.derivative(withRespectTo: "x").evaluate(at: ["x": 1000, "y": 1000]), 0.5, relativeTolerance: 1e-12)
        // A deliberately different rule is used too: the rule, not the body, decides.
        let odd = try Self.registry(["twice(u) = 2*u; d/du = 7"])
        let g = try Expression(parsing: "twice(x^2)", functions: odd)
        #expect(g.derivative(withRespectTo: "x").description == "14*x")
        #expect(odd["twice"]!.hasExplicitRule(forParameter: 0))
        #expect(odd["twice"]!.definition == "twice(u) = 2*u; d/du = 7")
    }

    @Test func rulesMayCallEachOtherToAnyOrder() throws {
        let functions = try Self.registry(["s(x) = sin(x); d/dx = c(x)", "c(x) = cos(x); d/dx = -s(x)"])
        let f = try Expression(parsing: "s(t)", functions: functions)
        #expect(f.derivative(withRespectTo: "t", order: 4).description == "s(t)")
        #expect(f.derivative(withRespectTo: "t", order: 2).description == "-s(t)")
        expectClose(try f.derivative(withRespectTo: "t", order: 7).evaluate(at: ["t": 0.3]), -Foundation.cos(0.3))
    }

    @Test func closureFunctionEvaluatesAndDifferentiatesButDoesNotCompile() throws {
        let u = Expression.variable("u")
        let gauss = try CustomFunction(name: "gauss", parameters: ["u"], evaluate: { Foundation.exp(-$0[0] * $0[0]) }) { f in
            [-2 * u * f(u)]
        }
        let f = gauss(x)
        #expect(try f.evaluate(at: ["x": 0]) == 1)
        let d2 = f.derivative(withRespectTo: "x", order: 2)
        expectClose(try d2.evaluate(at: ["x": 0.5]), (4 * 0.25 - 2) * Foundation.exp(-0.25))
        let dual = try f.evaluate(at: ["x": Dual(0.5, derivative: 1)])
        expectClose(dual.derivative, -1 * Foundation.exp(-0.25))
        #expect(throws: CompilationError.functionWithoutBody("gauss")) { try f.compile(variables: ["x"]) }
        #expect(gauss.definition == "gauss(u); d/du = -2*u*gauss(u)")
    }

    @Test func definitionsMayUseEarlierOnesAndCompileAsTheirBodies() throws {
        let functions = try Self.registry(["P3(u) = 0.5*(5*u^3 - 3*u)", "Q(u, v) = P3(u)*v + P3(v)"])
        let f = try Expression(parsing: "Q(x, y)^2", functions: functions)
        #expect(f.customFunctions.map(\.name) == ["Q"])
        let inline = try Expression(parsing: "(0.5*(5*x^3 - 3*x)*y + 0.5*(5*y^3 - 3*y))^2")
        #expect(f.expandingCustomFunctions() == inline)
        let gradient = try Expression.compile(f.gradient(withRespectTo: ["x", "y"]), variables: ["x", "y"])
        let reference = try inline.gradient(withRespectTo: ["x", "y"]).map { try $0.evaluate(at: ["x": 0.7, "y": -1.3]) }
        let values = gradient([0.7, -1.3])
        for k in 0..<2 { expectClose(values[k], reference[k], relativeTolerance: 1e-12) }
    }

    @Test func printedExpressionsParseBack() throws {
        let functions = try Self.registry(["P3(u) = 0.5*(5*u^3 - 3*u)", "lse(a, b) = log(exp(a) + exp(b))",
                                           "my_f(a, b, c) = a*b - c"])
        for text in ["P3(x)^2 - lse(x, -y)", "lse(P3(x), my_f(x, y, 2))/3", "-P3(-x)", "my_f(x, P3(y), lse(1, z))^-1"] {
            let e = try Expression(parsing: text, functions: functions)
            #expect(try Expression(parsing: e.description, functions: functions) == e, "\(text)")
            let derivative = e.derivative(withRespectTo: "x")
            #expect(try Expression(parsing: derivative.description, functions: functions) == derivative, "\(text)")
        }
        let e = try Expression(parsing: "my_f(x, y, 1)", functions: functions)
        #expect(e.latex == "\\operatorname{my\\_f}\\left(x, y, 1\\right)")
    }

    @Test func expressionsEncodeAndDecodeWithTheRegistry() throws {
        let functions = try Self.registry(["P3(u) = 0.5*(5*u^3 - 3*u)"])
        let e = try Expression(parsing: "P3(x) + sin(P3(y))", functions: functions)
        let data = try JSONEncoder().encode(e)
        let decoder = JSONDecoder()
        #expect(throws: DecodingError.self) { try decoder.decode(Expression.self, from: data) }
        decoder.userInfo[.functionRegistry] = functions
        #expect(try decoder.decode(Expression.self, from: data) == e)
    }

    @Test func tracesShowACallAsOneRow() throws {
        let functions = try Self.registry(["P3(u) = 0.5*(5*u^3 - 3*u)"])
        let f = try Expression(parsing: "P3(x)*y", functions: functions)
        let trace = try f.evaluationTrace(at: ["x": 2, "y": 3], variables: ["x", "y"])
        #expect(trace.rows.map(\.definition).contains("P3(v-1)"))
        #expect(trace.gradient == [85.5, 17])
    }

    @Test func definitionFilesSkipCommentsAndJoinContinuations() {
        let text = "# Legendre polynomials\nP2(u) = (3*u^2 - 1)/2   # degree 2\n\n  P3(u) = 0.5*(5*u^3 \\\n   - 3*u)\n"
        let lines = FunctionRegistry.definitionLines(in: text)
        #expect(lines.map(\.line) == [2, 4])
        #expect(lines.map(\.text) == ["P2(u) = (3*u^2 - 1)/2", "P3(u) = 0.5*(5*u^3  - 3*u)"])
    }
}
