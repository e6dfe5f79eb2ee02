import Foundation
import Testing
@testable import Symbolic

/// The cheap normalisation of higher derivatives and the size measure it
/// minimises.
@Suite("Normalization")
struct NormalizationTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let input: String
        let output: String
        var testDescription: String { "\(input) → \(output)" }
    }

    static let cases: [Case] = [
        Case(input: "exp(x)*(2*cos(x) - 2*sin(x)) - 2*cos(x)*exp(x) - 2*exp(x)*sin(x)", output: "-4*exp(x)*sin(x)"),
        Case(input: "x*(x + 1) - x^2", output: "x"),
        Case(input: "x^(y - 1)*y*log(x) + x^(y - 1)", output: "x^(y - 1)*(y*log(x) + 1)"),
        Case(input: "2*x/(x^2 + 1) - 2*x*(x^2 - 1)/(x^2 + 1)^2", output: "4*x/(x^2 + 1)^2"),
        Case(input: "(x^2 + x + 1)^(1/2)*(3*x + 3/2)", output: "sqrt(x^2 + x + 1)*(3*x + 3/2)"),
        Case(input: "x^4 + 2*x^3 - 3", output: "x^4 + 2*x^3 - 3"),
        Case(input: "(x + 1)*(x + 2)*(x + 3)", output: "(x + 1)*(x + 2)*(x + 3)"),
        Case(input: "-x*y*cos(x*y) - 2*sin(x*y)", output: "-x*y*cos(x*y) - 2*sin(x*y)"),
    ]

    @Test(arguments: cases)
    func normalizes(_ c: Case) throws {
        #expect(try Expr(parsing: c.input).normalized().description == c.output)
    }

    @Test func higherDerivativesAreSmall() throws {
        let f = try Expr(parsing: "exp(x)*sin(x)")
        #expect(f.derivative(withRespectTo: "x", order: 4).description == "-4*exp(x)*sin(x)")
        #expect(f.derivative(withRespectTo: "x", order: 4, form: .raw).description
                == "exp(x)*(2*cos(x) - 2*sin(x)) - 2*cos(x)*exp(x) - 2*exp(x)*sin(x)")
        // SymPy prints the 8th derivative of exp(-x^2) in 62 characters; the target is 2x that.
        let g = try Expr(parsing: "exp(-x^2)").derivative(withRespectTo: "x", order: 8)
        #expect(g.description == "exp(-x^2)*(256*x^8 - 3584*x^6 + 13440*x^4 - 13440*x^2 + 1680)")
        #expect(try Expr(parsing: "sin(x*y)").derivative(withRespectTo: ["x", "y", "y"]).description
                == "-x*(x*y*cos(x*y) + 2*sin(x*y))")
        #expect(try Expr(parsing: "x^2*y").derivative(withRespectTo: []).description == "x^2*y")
        #expect(try Expr(parsing: "x^2*y").derivative(withRespectTo: ["x", "x", "x"]) == .zero)
    }

    @Test func hessianEntriesAreNormalized() throws {
        let f = try Expr(parsing: "(x^2 - 1)/(x^2 + y)")
        let h = f.hessian(withRespectTo: ["x", "y"])
        let raw = f.hessian(withRespectTo: ["x", "y"], form: .raw)
        #expect(h[0][1] == h[1][0])
        #expect(h[0][1].description == "2*x*(x^2 - y - 2)/(x^2 + y)^3")
        for (row, rawRow) in zip(h, raw) {
            for (e, r) in zip(row, rawRow) {
                #expect(e.operationCount <= r.operationCount)
                expectClose(try e.evaluate(at: ["x": 0.3, "y": 1.7]), try r.evaluate(at: ["x": 0.3, "y": 1.7]))
            }
        }
    }

    /// SymbolicUtils-style fuzzing: on random expressions and their second
    /// derivatives, the normal form has the same value at random points and
    /// is never larger.
    @Test func keepsValuesAndNeverGrows() throws {
        var random = RandomExpressions(seed: 1414)
        for _ in 0..<150 {
            let e = random.expression(depth: 3)
            for candidate in [e, e.derivative(withRespectTo: ["x", "y"], form: .raw)] {
                let n = candidate.normalized()
                #expect(n.operationCount <= candidate.operationCount, "\(candidate) → \(n)")
                for _ in 0..<3 {
                    let point = random.point()
                    expectClose(try n.evaluate(at: point), try candidate.evaluate(at: point),
                                relativeTolerance: 1e-8, "\(candidate) → \(n)")
                }
            }
        }
    }

    /// A product whose expansion would have 4^8 terms is left whole, quickly.
    @Test func expansionIsBounded() throws {
        let sum = try Expr(parsing: "x + y + z + w")
        let e = Expr.product((1...8).map { k in sum + Expr(k) })
        let n = e.normalized()
        #expect(n.operationCount <= e.operationCount)
        expectClose(try n.evaluate(at: ["x": 0.1, "y": 0.2, "z": 0.3, "w": 0.4]),
                    try e.evaluate(at: ["x": 0.1, "y": 0.2, "z": 0.3, "w": 0.4]))
    }

    /// Exact coefficients that would overflow leave the node unexpanded
    /// rather than turning into floating point.
    @Test func overflowFallsBack() throws {
        let e = try Expr(parsing: "4611686018427387904*x*(x + 1) + 4611686018427387904*x*(x - 1)")
        let n = e.normalized()
        #expect(!n.description.contains("."))
        expectClose(try n.evaluate(at: ["x": 0.5]), try e.evaluate(at: ["x": 0.5]))
    }

    @Test func operationCountMatchesThePrintedText() throws {
        var random = RandomExpressions(seed: 2718)
        for _ in 0..<300 {
            let e = random.expression(depth: 4)
            let d = e.derivative(withRespectTo: "x")
            for candidate in [e, d, d.normalized()] {
                #expect(candidate.operationCount == operationCount(candidate.description), "\(candidate)")
            }
        }
        for text in ["x^(1/2)", "1/x^(3/2)", "-1/2", "x^-0.5", "2.5*x - 1e-05", "(-2)^x", "x/(2*y)", "-(x + y)"] {
            let e = try Expr(parsing: text)
            #expect(e.operationCount == operationCount(e.description), "\(text)")
        }
    }
}
