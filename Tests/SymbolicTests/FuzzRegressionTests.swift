import Testing
@testable import Symbolic

/// Inputs that `scripts/fuzz.sh` found failing, minimised, kept so that the
/// bugs stay fixed.
@Suite("fuzz regressions")
struct FuzzRegressionTests {
    /// parser target: `2^sin(x)/0*y + siz` printed its infinite coefficient
    /// as `inf`, which parses back as a variable named `inf`.
    @Test(arguments: ["2^sin(x)/0*y + siz", "x - 1/0", "-x/0", "x^(1/0)", "(0/0)*x + y", "sin(-1/0*x)"])
    func nonFiniteConstantsPrintAsTextThatParsesBack(source: String) throws {
        let e = try Expr(parsing: source)
        let printed = e.description
        #expect(!printed.contains("inf") && !printed.contains("nan"), "\(printed)")
        let reparsed = try Expr(parsing: printed)
        #expect(reparsed.description == printed)
        #expect(reparsed.variables == e.variables)
    }
}
