import Foundation
import Testing
@testable import SymCLI

@Suite("sym eval")
struct CLIEvalTests {
    @Test func evaluatesAtCommaSeparatedPoint() {
        expectOutput(["eval", "x^2*y+y+2", "--at", "x=3,y=4"], "42\n")
    }

    @Test func acceptsRepeatedAtAndAttachedValues() {
        expectOutput(["eval", "x^2*y+y+2", "--at", "x=3", "--at", "y=4"], "42\n")
        expectOutput(["eval", "x^2*y+y+2", "--at=x=3", "--at", " y = 4 "], "42\n")
        expectOutput(["eval", "--at", "x=3,y=4", "x^2*y+y+2"], "42\n")
    }

    @Test func acceptsExponentsAndNegativeValues() {
        expectOutput(["eval", "x*y", "--at", "x=1e-3,y=-2"], "-0.002\n")
        expectOutput(["eval", "x", "--at", "x=-2.5E2"], "-250\n")
    }

    @Test func printsRoundTripPrecision() {
        expectOutput(["eval", "exp(x)", "--at", "x=0.5412"], "1.7180673064387795\n")
        let printed = runSym(["eval", "exp(x)", "--at", "x=0.5412"]).stdout.dropLast()
        #expect(Double(String(printed)) == Foundation.exp(0.5412))
        expectOutput(["eval", "x/3", "--at", "x=1"], "0.3333333333333333\n")
    }

    @Test func json() {
        expectOutput(["eval", "x^2*y+y+2", "--at", "x=3,y=4", "--format", "json"], "{\"value\": 42}\n")
        expectOutput(["eval", "x/4", "--at", "x=1", "--format", "json"], "{\"value\": 0.25}\n")
        expectOutput(["eval", "sin(pi/6)", "--format", "json"], "{\"value\": 0.49999999999999994}\n")
    }

    @Test func nonFiniteResults() {
        expectOutput(["eval", "1/x", "--at", "x=0"], "inf\n")
        expectOutput(["eval", "log(x)", "--at", "x=-1"], "nan\n")
        expectOutput(["eval", "1/x", "--at", "x=0", "--format", "json"], "{\"value\": null}\n")
        expectOutput(["eval", "log(x)", "--at", "x=-1", "--format", "json"], "{\"value\": null}\n")
        expectOutput(["eval", "-1/x", "--at", "x=0", "--format", "latex"], "-\\infty\n")
    }

    @Test func latex() {
        expectOutput(["eval", "x/3", "--at", "x=1e-3", "--format", "latex"], "0.0003333333333333333\n")
        expectOutput(["eval", "x", "--at", "x=1.5e-300", "--format", "latex"], "1.5 \\times 10^{-300}\n")
        expectOutput(["eval", "2^x", "--at", "x=70", "--format", "latex"], "1.1805916207174113 \\times 10^{21}\n")
    }

    @Test func expressionWithoutVariablesNeedsNoPoint() {
        expectOutput(["eval", "2^10"], "1024\n")
    }

    @Test func extraVariablesInPointAreIgnored() {
        expectOutput(["eval", "x", "--at", "x=2,unused=5"], "2\n")
    }

    @Test func unboundVariableIsNamed() {
        expectFailure(["eval", "x*y", "--at", "x=3"], status: 1,
                      "error: no value given for variable 'y'; add it to --at, e.g. --at y=1\n")
        expectFailure(["eval", "x"], status: 1, "error: no value given for variable 'x'; add it to --at, e.g. --at x=1\n")
    }

    @Test("non-finite point values are rejected", arguments: ["inf", "-inf", "nan", "infinity", "1e999"])
    func nonFiniteInput(text: String) {
        expectFailure(["eval", "x", "--at", "x=\(text)"], status: 1,
                      "error: the value of 'x' must be a finite number, not '\(text)'\n")
    }

    @Test func expressionStartingWithMinus() {
        expectOutput(["eval", "-x^2", "--at", "x=3"], "-9\n")
        expectOutput(["eval", "-2*x", "--at", "x=3"], "-6\n")
        expectOutput(["eval", "--at", "x=3", "--", "-x"], "-3\n")
    }

    @Test func readsStandardInput() {
        expectOutput(["eval", "-", "--at", "x=2"], stdin: "x^3\n", "8\n")
        expectOutput(["eval", "--file", "-", "--at", "x=2"], stdin: "  x^3 \n\n", "8\n")
    }

    @Test func readsFile() throws {
        let path = try temporaryFile("x^2 + 1\n")
        expectOutput(["eval", "--file", path, "--at", "x=3"], "10\n")
    }

    @Test func missingFile() {
        expectFailure(["eval", "--file", "/nonexistent/sym-test.txt"], status: 1,
                      "error: cannot read '/nonexistent/sym-test.txt': no such file\n")
    }

    @Test func parseErrorShowsCaret() {
        expectFailure(["eval", "2*(x+)"], status: 1, """
            error: unexpected ')' at column 6
              2*(x+)
                   ^

            """)
    }

    @Test func parseErrorsPointAtTheOffendingText() {
        expectFailure(["eval", "sine(x)"], status: 1, """
            error: unknown function 'sine' at column 1; did you mean 'sin'?
              sine(x)
              ^~~~

            """)
        expectFailure(["jacobian", "x*y; ; y"], status: 1, """
            error: empty expression at column 6; write an expression between the ';' separators
              x*y; ; y
                   ^

            """)
        expectFailure(["eval", "-"], stdin: "x +\n\ty*)\n", status: 1,
                      "error: unexpected ')' at line 2, column 4\n  \ty*)\n  \t  ^\n")
    }

    @Test func emptyInputHasNoCaret() {
        expectFailure(["eval", ""], status: 1, "error: empty input; expected an expression\n")
        expectFailure(["eval", "-"], stdin: "\n", status: 1, "error: empty input; expected an expression\n")
    }

    @Test func longInputShowsAWindowAroundTheError() {
        let input = String(repeating: "x+", count: 100) + ")" + String(repeating: "+y", count: 100)
        let result = runSym(["eval", "-"], stdin: input)
        #expect(result.status == 1)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0] == "error: unexpected ')' at column 201")
        #expect(lines[1].hasPrefix("  ...") && lines[1].hasSuffix("...") && lines[1].count <= 2 + 3 + 100 + 3)
        let caret = lines[2].firstIndex(of: "^").map { lines[2].distance(from: lines[2].startIndex, to: $0) }
        let paren = lines[1].firstIndex(of: ")").map { lines[1].distance(from: lines[1].startIndex, to: $0) }
        #expect(caret != nil && caret == paren)
    }

    @Test func parseErrorFromStandardInputShowsCaret() {
        expectFailure(["eval", "-"], stdin: "2*(x+)\n", status: 1, """
            error: unexpected ')' at column 6
              2*(x+)
                   ^

            """)
    }
}

/// Writes `contents` to a new temporary file and returns its path.
func temporaryFile(_ contents: String, extension fileExtension: String = "txt") throws -> String {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("sym-cli-test-\(UUID().uuidString).\(fileExtension)")
    try contents.write(to: url, atomically: true, encoding: .utf8)
    return url.path
}
