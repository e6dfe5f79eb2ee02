import Testing
@testable import SymCLI

@Suite("sym --points")
struct CLIPointsTests {
    /// Three points with a blank line and a Windows line ending in between.
    static let csv = "x,y\n3,4\n\n1.5,-2\r\n0,0\n"

    @Test func evalCSV() throws {
        let path = try temporaryFile(CLIPointsTests.csv, extension: "csv")
        expectOutput(["eval", "x^2*y+y+2", "--points", path], "value\n42\n-4.5\n2\n")
    }

    @Test func evalJSONLinesFromStandardInput() {
        expectOutput(["eval", "x^2*y+y+2", "--points", "-", "--format", "json"], stdin: CLIPointsTests.csv,
                     "{\"value\": 42}\n{\"value\": -4.5}\n{\"value\": 2}\n")
    }

    @Test func gradCSVAndJSON() {
        expectOutput(["grad", "x^2*y+y+2", "--points", "-"], stdin: CLIPointsTests.csv, "d/dx,d/dy\n24,10\n-6,3.25\n0,1\n")
        expectOutput(["grad", "x^2*y", "--wrt", "y,x", "--points", "-", "--format", "json"], stdin: CLIPointsTests.csv,
                     "{\"values\": [9, 24]}\n{\"values\": [2.25, -6]}\n{\"values\": [0, 0]}\n")
    }

    @Test func hessianCSVAndJSON() {
        expectOutput(["hessian", "x^2*y", "--points", "-"], stdin: CLIPointsTests.csv,
                     "d^2/dx^2,d^2/dx dy,d^2/dy dx,d^2/dy^2\n8,6,6,0\n-4,3,3,0\n0,0,0,0\n")
        expectOutput(["hessian", "x^2*y", "--points", "-", "--format", "json"], stdin: CLIPointsTests.csv,
                     "{\"values\": [[8, 6], [6, 0]]}\n{\"values\": [[-4, 3], [3, 0]]}\n{\"values\": [[0, 0], [0, 0]]}\n")
    }

    @Test func extraColumnsAreIgnoredAndOrderFollowsHeader() {
        expectOutput(["eval", "x-y", "--points", "-"], stdin: "unused, y ,x\n9,1,10\n", "value\n9\n")
    }

    @Test func headerOnlyGivesNoRows() {
        expectOutput(["eval", "x", "--points", "-"], stdin: "x\n", "value\n")
        expectOutput(["eval", "x", "--points", "-", "--format", "json"], stdin: "x\n", "")
    }

    @Test("malformed points files", arguments: [
        ("x\n1\n", "error: standard input has no column for variable 'y'; its header is 'x'\n"),
        ("x,y\n1\n", "error: line 2 of standard input: expected 2 values, found 1\n"),
        ("x,y\n1,2\n3,4,5\n", "error: line 3 of standard input: expected 2 values, found 3\n"),
        ("x,y\n1,inf\n", "error: line 2 of standard input: the value 'inf' for 'y' is not a finite number\n"),
        ("x,y\n1,abc\n", "error: line 2 of standard input: the value 'abc' for 'y' is not a finite number\n"),
        ("", "error: standard input is empty; expected a header row naming the variables\n"),
        ("x,1y\n", "error: line 1 of standard input: the header must name variables, but '1y' is not a variable name\n"),
        ("x,y,x\n", "error: line 1 of standard input: the column 'x' appears twice\n"),
    ])
    func malformed(csv: String, message: String) {
        expectFailure(["eval", "x*y", "--points", "-"], stdin: csv, status: 1, message)
    }

    @Test func missingPointsFile() {
        expectFailure(["eval", "x", "--points", "/nonexistent/points.csv"], status: 1,
                      "error: cannot read '/nonexistent/points.csv': no such file\n")
    }

    @Test func usageConflicts() {
        expectFailure(["eval", "x", "--points", "p.csv", "--at", "x=1"], status: 64,
                      usageError("give either --at or --points, not both", command: "eval"))
        expectFailure(["grad", "x", "--points", "p.csv", "--format", "latex"], status: 64,
                      usageError("--points writes CSV or JSON lines; use --format text or json", command: "grad"))
        expectFailure(["hessian", "-", "--points", "-"], status: 64,
                      usageError("the expression and --points cannot both read standard input", command: "hessian"))
    }
}

@Suite("sym --points agrees with sym eval")
struct CLIPointsAgreementTests {
    @Test func compiledBatchMatchesTreeEvaluatorAtEveryPoint() {
        let expression = "exp(-x^2)*sin(y)/(1 + x*y) + log1p(x^2) - sqrt(y^2 + 1)"
        let points = [(0.5, 1.25), (-3, 0.001), (1e-8, -7.5), (2, 2)]
        let csv = "x,y\n" + points.map { "\($0.0),\($0.1)" }.joined(separator: "\n")
        let batch = runSym(["eval", expression, "--points", "-"], stdin: csv)
        let single = points.map { runSym(["eval", expression, "--at", "x=\($0.0),y=\($0.1)"]).stdout }
        #expect(batch == CLIResult(status: 0, stdout: "value\n" + single.joined(), stderr: ""))
    }
}
