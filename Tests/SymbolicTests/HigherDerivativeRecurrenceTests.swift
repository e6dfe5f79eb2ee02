import Foundation
import Testing
@testable import Symbolic

/// The Leibniz recurrences that `derivative(withRespectTo:order:)` falls
/// back to when differentiating order by order swells: same values as the
/// rules applied k times, and a graph that grows polynomially in k.
@Suite struct HigherDerivativeRecurrenceTests {
    static let functions = [
        "sin(x)*exp(x^2)/(1+x^2)", "x^5 - 3*x^2 + 1", "tan(x)", "sqrt(1 + x^2)", "x^x", "log(2 + sin(x))*y",
        "atan2(x, 1 + x^2)", "sigmoid(3*x) + cos(x)^3", "exp(-x)*x^(5/2)", "erf(x)/(x - 3)", "max(x, 1)*cosh(x)",
    ]

    @Test(arguments: functions) func agreesWithRepeatedDifferentiation(_ source: String) throws {
        let f = try Expr(parsing: source)
        var recurrences = HigherDerivatives(variable: "x")
        let list = recurrences.derivatives(of: f, order: 6)
        #expect(list[0] == f)
        var repeated = f
        for k in 1...6 {
            repeated = repeated.derivative(withRespectTo: "x")
            for point in [0.7, 1.9] {
                let at: [String: Double] = ["x": point, "y": 0.4]
                expectClose(try list[k].evaluate(at: at), try repeated.evaluate(at: at), relativeTolerance: 1e-9,
                            "order \(k) of \(source) at \(point)")
            }
        }
    }

    @Test func highOrderStaysPolynomialAndExact() throws {
        let f = try Expr(parsing: "sin(x)*exp(x^2)/(1+x^2)")
        let d20 = f.derivative(withRespectTo: "x", order: 20)
        #expect(d20.nodeCount < 3000)
        #expect(!d20.description.contains("."))   // exact coefficients
        // Against the recurrences' own 19th derivative differentiated once more.
        var recurrences = HigherDerivatives(variable: "x")
        let d19 = recurrences.derivatives(of: f, order: 19)[19]
        let at = ["x": 0.3]
        expectClose(try d20.evaluate(at: at), try d19.derivative(withRespectTo: "x").evaluate(at: at), relativeTolerance: 1e-9)
        // Orders that differentiate order by order keep their normalised form.
        #expect(f.derivative(withRespectTo: "x", order: 2).description
                == (f.derivative(withRespectTo: ["x", "x"])).description)
    }

    /// The recurrences stop at known nodes, so a deep chain costs linear time.
    @Test func deepChainStaysLinear() throws {
        var e = Expr.variable("x")
        for _ in 0..<3000 { e = sin(e) }
        var recurrences = HigherDerivatives(variable: "x")
        let list = recurrences.derivatives(of: e, order: 3)
        #expect(list[3].nodeCount < 40 * 3000)
        let d3 = e.derivative(withRespectTo: "x", order: 3, form: .raw)
        expectClose(try list[3].evaluate(at: ["x": 0.1]), try d3.evaluate(at: ["x": 0.1]), relativeTolerance: 1e-9)
    }
}
