import Testing
@testable import SymCLI

@Suite("sym eval")
struct CLIEvalTests {
    @Test func evaluatesAtCommaSeparatedPoint() {
        expectOutput(["eval", "x^2*y+y+2", "--at", "x=3,y=4"], "42\n")
    }
}
