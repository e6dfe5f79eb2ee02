import Foundation
import Testing
@testable import Symbolic

/// Seeded property tests: expressions that call user-defined functions have
/// the same values and derivatives (gradient, Hessian, third order, dual
/// numbers, compiled) as the same expressions with the bodies written inline.
@Suite("Custom function properties")
struct CustomFunctionPropertyTests {
    /// Each definition with its body written out in full, without calls of
    /// other definitions: the "inline" reference.
    static let definitions: [(text: String, inline: String)] = [
        ("P3(u) = 0.5*(5*u^3 - 3*u)", "0.5*(5*u^3 - 3*u)"),
        ("lse(a, b) = log(exp(a) + exp(b))", "log(exp(a) + exp(b))"),
        ("g(u, v) = sin(u)*v + u^2/(1 + v^2)", "sin(u)*v + u^2/(1 + v^2)"),
        ("h(w) = g(w, P3(w)) + sqrt(1 + w^2)",
         "sin(w)*(0.5*(5*w^3 - 3*w)) + w^2/(1 + (0.5*(5*w^3 - 3*w))^2) + sqrt(1 + w^2)"),
        ("k(a, b, c) = a*b/(1 + c^2) + tanh(c)", "a*b/(1 + c^2) + tanh(c)"),
        // An explicit rule equal to the body's derivative, written through the function itself.
        ("slse(a, b) = log(exp(a) + exp(b)); d/da = exp(a - slse(a, b)); d/db = exp(b - slse(a, b))",
         "log(exp(a) + exp(b))"),
        // A sigmoid with its rule s*(1 - s), by the function itself.
        ("sg(t) = 1/(1 + exp(-t)); d/dt = sg(t)*(1 - sg(t))", "1/(1 + exp(-t))"),
    ]

    static let functions: FunctionRegistry = {
        var registry = FunctionRegistry()
        try! registry.define(definitions.map(\.text))
        return registry
    }()

    static let inlineBodies: [Expr] = definitions.map { try! Expr(parsing: $0.inline) }

    /// Builds the same random expression twice: calling the definitions,
    /// and with their inline bodies substituted.
    struct Builder {
        var random: RandomExpressions

        mutating func pair(depth: Int) -> (custom: Expr, inline: Expr) {
            if depth == 0 {
                let e = random.expression(depth: 2)
                return (e, e)
            }
            switch Int.random(in: 0..<6, using: &random.generator) {
            case 0:
                let (a, b) = (pair(depth: depth - 1), pair(depth: depth - 1))
                return (a.custom + b.custom, a.inline + b.inline)
            case 1:
                let (a, b) = (pair(depth: depth - 1), pair(depth: depth - 1))
                return (a.custom * b.custom, a.inline * b.inline)
            default:
                let k = Int.random(in: 0..<definitions.count, using: &random.generator)
                let f = functions.functions[k]
                // Keep arguments small: P3 and friends grow fast when nested.
                let arguments = (0..<f.arity).map { _ in pair(depth: depth - 1) }
                let scaled = arguments.map { (custom: sin($0.custom), inline: sin($0.inline)) }
                let inline = inlineBodies[k].substituting(Dictionary(uniqueKeysWithValues: zip(f.parameters, scaled.map(\.inline))))
                return (f.call(scaled.map(\.custom)), inline)
            }
        }
    }

    static let variables = ["x", "y", "z"]

    @Test(arguments: 0..<3)
    func gradientsHessiansAndThirdDerivativesMatchTheInlineBodies(batch: UInt64) throws {
        var builder = Builder(random: RandomExpressions(seed: 7100 + batch))
        for _ in 0..<40 {
            let (f, inline) = builder.pair(depth: 2)
            let point = builder.random.point()
            func close(_ a: Expr, _ b: Expr, _ what: String) throws {
                expectClose(try a.evaluate(at: point), try b.evaluate(at: point), relativeTolerance: 1e-8, "\(what) of \(f)")
            }
            try close(f, inline, "value")
            let gradient = f.gradient(withRespectTo: Self.variables)
            let reference = inline.gradient(withRespectTo: Self.variables)
            for k in 0..<3 { try close(gradient[k], reference[k], "∂/∂\(Self.variables[k])") }
            // Raw forms: the normalisation is not what is tested, and is slow
            // on these nested expressions in debug builds.
            let hessian = f.hessian(withRespectTo: Self.variables, form: .raw)
            let referenceHessian = inline.hessian(withRespectTo: Self.variables, form: .raw)
            for i in 0..<3 {
                for j in 0...i { try close(hessian[i][j], referenceHessian[i][j], "H[\(i)][\(j)]") }
            }
            try close(f.derivative(withRespectTo: ["x", "y", "x"], form: .raw),
                      inline.derivative(withRespectTo: ["x", "y", "x"], form: .raw), "∂³/∂x²∂y")
            try close(f.derivative(withRespectTo: "z", order: 3, form: .raw),
                      inline.derivative(withRespectTo: "z", order: 3, form: .raw), "∂³/∂z³")
        }
    }

    @Test(arguments: 0..<2)
    func dualNumbersAndCompiledGradientsMatchTheInlineBodies(batch: UInt64) throws {
        var builder = Builder(random: RandomExpressions(seed: 7200 + batch))
        for _ in 0..<25 {
            let (f, inline) = builder.pair(depth: 2)
            let point = builder.random.point()
            let reference = try inline.gradient(withRespectTo: Self.variables).map { try $0.evaluate(at: point) }
            for (i, v) in Self.variables.enumerated() {
                var seeded: [String: Dual] = [:]
                for w in Self.variables { seeded[w] = Dual(point[w]!, derivative: w == v ? 1 : 0) }
                expectClose(try f.evaluate(at: seeded).derivative, reference[i], relativeTolerance: 1e-8, "dual ∂/∂\(v) of \(f)")
            }
            let compiled = try Expr.compile(f.gradient(withRespectTo: Self.variables), variables: Self.variables)
            let values = compiled(Self.variables.map { point[$0]! })
            for k in 0..<3 { expectClose(values[k], reference[k], relativeTolerance: 1e-8, "compiled ∂/∂\(Self.variables[k]) of \(f)") }
        }
    }

    @Test func printingAndParsingRoundTripsRandomCalls() throws {
        var builder = Builder(random: RandomExpressions(seed: 7300))
        for _ in 0..<40 {
            let f = builder.pair(depth: 3).custom
            #expect(try Expr(parsing: f.description, functions: Self.functions) == f, "\(f)")
            let d = f.derivative(withRespectTo: "x")
            #expect(try Expr(parsing: d.description, functions: Self.functions) == d, "\(d)")
        }
    }
}
