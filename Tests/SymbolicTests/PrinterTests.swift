import Foundation
import Testing
@testable import Symbolic

@Suite("Printing")
struct PrinterTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let input: String
        let text: String
        let latex: String
        var testDescription: String { input }
    }

    static let cases: [Case] = [
        Case(input: "x^2*y + y + 2", text: "x^2*y + y + 2", latex: "x^{2} y + y + 2"),
        Case(input: "x/y", text: "x/y", latex: "\\frac{x}{y}"),
        Case(input: "x/(2*y)", text: "x/(2*y)", latex: "\\frac{x}{2 y}"),
        Case(input: "-x + y", text: "y - x", latex: "y - x"),
        Case(input: "1/(x + 1)", text: "1/(x + 1)", latex: "\\frac{1}{x + 1}"),
        Case(input: "sqrt(x)/(2*y^2)", text: "sqrt(x)/(2*y^2)", latex: "\\frac{\\sqrt{x}}{2 y^{2}}"),
        Case(input: "(x + y)^(1/2)", text: "(x + y)^(1/2)", latex: "\\left(x + y\\right)^{\\frac{1}{2}}"),
        Case(input: "2^(x*y)", text: "2^(x*y)", latex: "2^{x y}"),
        Case(input: "x^-y", text: "x^(-y)", latex: "x^{-y}"),
        Case(input: "0.1*x", text: "0.1*x", latex: "0.1 x"),
        Case(input: "1e-5*x", text: "1e-05*x", latex: "1 \\times 10^{-5} x"),
        Case(input: "-2*x^3", text: "-2*x^3", latex: "-2 x^{3}"),
        Case(input: "(-2)^x", text: "(-2)^x", latex: "\\left(-2\\right)^{x}"),
        Case(input: "sin(x)^2 + cos(x)", text: "sin(x)^2 + cos(x)", latex: "\\sin\\left(x\\right)^{2} + \\cos\\left(x\\right)"),
        Case(input: "abs(x1) + log(alpha)", text: "abs(x1) + log(alpha)", latex: "\\left|x_{1}\\right| + \\ln\\left(\\alpha\\right)"),
        Case(input: "pi*r^2", text: "pi*r^2", latex: "\\pi r^{2}"),
        Case(input: "e^x", text: "e^x", latex: "e^{x}"),
        Case(input: "sigmoid(w_1*x)", text: "sigmoid(w_1*x)", latex: "\\operatorname{sigmoid}\\left(w_{1} x\\right)"),
        Case(input: "(a - b)*(c + d)", text: "(c + d)*(a - b)", latex: "\\left(c + d\\right) \\left(a - b\\right)"),
        Case(input: "x^y^z", text: "x^(y^z)", latex: "x^{y^{z}}"),
        Case(input: "1/2", text: "1/2", latex: "\\frac{1}{2}"),
        Case(input: "-3/4*x", text: "-3*x/4", latex: "-\\frac{3 x}{4}"),
        Case(input: "2*3^x", text: "2*3^x", latex: "2 \\cdot 3^{x}"),
    ]

    @Test(arguments: cases)
    func golden(_ c: Case) throws {
        let e = try Expr(parsing: c.input)
        #expect(e.description == c.text)
        #expect(e.latex == c.latex)
        #expect(try Expr(parsing: e.description) == e)
    }

    @Test func floatsRoundTripExactly() throws {
        for value in [0.1, 1.0 / 3, 2.5e-300, 1.7976931348623157e308, 123456789.125, Double.leastNonzeroMagnitude] {
            let e = Expr(value) * x
            #expect(try Expr(parsing: e.description) == e, "\(e)")
        }
        #expect(Expr(0.1).description == "0.1")
        #expect(Expr(2.0).description == "2.0")
    }

    @Test func roundTripOfRandomExpressions() throws {
        var random = RandomExpressions(seed: 99)
        for _ in 0..<400 {
            let e = random.expression(depth: 5)
            #expect(try Expr(parsing: e.description) == e, "\(e)")
        }
    }

    @Test func longSumsAndProductsKeepTheirGroupingInPrint() throws {
        var s: Expr = 0
        for k in 0..<40 { s += Expr.variable("v\(k)") }   // nests after flatteningLimit terms
        var p: Expr = 1
        for k in 0..<40 { p *= Expr.variable("w\(k)") }
        for e in [s, p, s * p + s] {
            #expect(try Expr(parsing: e.description) == e)
        }
    }

    /// Different variables never print alike in LaTeX: a digit-suffix name
    /// whose usual form another name has prints as \mathit{...}.
    @Test func latexNamesNeverCollide() throws {
        #expect(try Expr(parsing: "x10 + x_10").latex == "\\mathit{x10} + x_{10}")
        #expect(try Expr(parsing: "x1 + x2").latex == "x_{1} + x_{2}")
        #expect(try Expr(parsing: "alpha1*alpha_1").latex == "\\mathit{alpha1} \\alpha_{1}")
        #expect(try Expr(parsing: "2*x10").latex == "2 x_{10}")
        #expect(try Expr(parsing: "2*x10").latex(distinguishing: ["x_10"]) == "2 \\mathit{x10}")
        #expect(Expr.latexName(of: "x10", distinguishing: ["x_10", "y"]) == "\\mathit{x10}")
        #expect(Expr.latexName(of: "x_10", distinguishing: ["x10"]) == "x_{10}")
        // Over many names, the printed forms are one-to-one.
        let names = ["x1", "x_1", "x01", "x_01", "x10", "x_10", "w1_2", "w_12", "w12", "alpha", "alpha1", "alpha_1",
                     "rate", "r_ate", "t", "t1", "t_1", "_x1", "x__1"]
        let forms = names.map { Expr.latexName(of: $0, distinguishing: names) }
        #expect(Set(forms).count == names.count, "\(forms)")
    }
}
