import Foundation
import Testing
@testable import Symbolic

/// Exact constant folding follows IEEE 754 where exact arithmetic has no
/// answer: division by an exact zero is ±inf (NaN for 0/0), and NaN absorbs
/// every sum and product it takes part in — never 0.
@Suite("IEEE 754 constant folding")
struct ConstantFoldingTests {
    static let nan = Expr.constant(.real(.nan))
    static let inf = Expr.constant(.real(.infinity))

    @Test("quotients by an exact zero", arguments: [
        ("0/0", "(0/0)"), ("1/0", "(1/0)"), ("-1/0", "-(1/0)"), ("2/0 - 3", "(1/0)"), ("1.0/0", "(1/0)"),
        ("0.0/0", "(0/0)"), ("(x-x)/(x-x)", "(0/0)"), ("0*y/0", "(0/0)"), ("0*(1/0)", "(0/0)"),
        ("(1/0) - (1/0)", "(0/0)"), ("(1/0) + (1/0)", "(1/0)"), ("x*(0/0)", "(0/0)"), ("x + 0/0", "(0/0)"),
        ("sin(0/0)", "(0/0)"), ("exp(1/0)", "(1/0)"), ("x/0", "(1/0)*x"), ("0^(-1/2)", "(1/0)"),
    ])
    func divisionByExactZero(_ source: String, _ printed: String) throws {
        // Printed as the quotients that fold to them, so the text parses back.
        #expect(try Expr(parsing: source).description == printed, "\(source)")
        #expect(try Expr(parsing: printed).description == printed, "\(source)")
    }

    @Test func nanAndInfinityAreConstants() throws {
        let parsed = try Expr(parsing: "0/0")
        #expect(parsed.numberValue?.isNaN == true)
        #expect(parsed == Self.nan)   // NaN constants are one node (bit-pattern equality)
        #expect(try parsed.evaluate(at: [:]).isNaN)
        #expect(try Expr(parsing: "(x-x)/(x-x)").evaluate(at: ["x": 2]).isNaN)
        #expect(try Expr(parsing: "1/0").evaluate(at: [:]) == .infinity)
        #expect(Self.inf - Self.inf == Self.nan)
        #expect(0 * Self.inf == Self.nan)
        #expect(x * Self.nan == Self.nan)
        #expect(sin(x) + Self.nan == Self.nan)
    }

    @Test func symbolicRulesStayAsInSymPy() {
        // x - x → 0 and 0*x → 0 are kept for symbols (documented in docs/Design.md);
        // only constants fold by IEEE rules.
        #expect(x - x == 0)
        #expect(0 * x == 0)
        #expect(pow(Self.nan, 0) == 1)      // pow(nan, 0) = 1 in IEEE 754 as well
        #expect(pow(1, Self.nan) == 1)      // pow(1, nan) = 1
        #expect((Self.inf * x).description == "(1/0)*x")
    }

    @Test func doublesOverflowToInfinityExactIntegersStayUnevaluated() throws {
        #expect(try Expr(parsing: "1e308*10") == Self.inf)
        #expect(try Expr(parsing: "2^200").description == "2^200")
        #expect(try Expr(parsing: "2.0^2000") == Self.inf)
        // Finite arguments fold only to finite values, so the call stays readable.
        #expect(try Expr(parsing: "exp(1000.0)").description == "exp(1000.0)")
        #expect(try Expr(parsing: "log(0)").description == "log(0)")
    }

    @Test func numberArithmetic() {
        #expect(Number.integer(1).adding(.integer(2)) == .integer(3))
        #expect(Number.real(.infinity).adding(.real(-.infinity))?.isNaN == true)
        #expect(Number.integer(0).multiplying(by: .real(.infinity))?.isNaN == true)
        #expect(Number.integer(0).raised(to: .integer(-2)) == .real(.infinity))
        #expect(Number.integer(0).raised(to: .integer(3)) == .integer(0))
        #expect(Number.real(-0.0).raised(to: .integer(-1)) == .real(-.infinity))
        #expect(Number.integer(2).raised(to: .rational(Rational(1, 2)!)) == nil)
        #expect(Number.integer(Int.max).adding(.integer(1)) == .real(Double(Int.max) + 1))
    }

    /// x/∞ is 0 only for finite x (NaN for infinite x), so the reciprocal of
    /// an infinity stays a factor instead of folding to 0.0 and annihilating
    /// the product; a written `0.0` still annihilates, as in SymPy.
    @Test func reciprocalOfInfinityKeepsIEEESemantics() throws {
        let e = try Expr(parsing: "x/(1/0)")
        #expect(e.description == "x/(1/0)")
        #expect(try Expr(parsing: e.description) == e)
        #expect(try e.evaluate(at: ["x": 2]) == 0)
        #expect(try e.evaluate(at: ["x": .infinity]).isNaN)
        #expect(try Expr(parsing: "x*(1/0)^-2") == e)
        #expect(try Expr(parsing: "1/(1/0)").evaluate(at: [:]) == 0)
        let negative = try Expr(parsing: "x/-(1/0)")
        #expect(negative.description == "x/(-(1/0))")
        #expect(try Expr(parsing: negative.description) == negative)
        #expect(try negative.evaluate(at: ["x": 2]).sign == .minus)
        #expect(try Expr(parsing: "x*0.0") == .constant(.real(0)))
    }
}
