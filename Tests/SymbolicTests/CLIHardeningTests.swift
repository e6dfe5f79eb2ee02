import Foundation
import Testing
@testable import SymCLI

/// The command-line bugs of the hardening issue: constant input, constant
/// expressions and constant names in `--at`, file forms, hints, `--rate`
/// with line-search methods, and write errors.
@Suite("CLI hardening")
struct CLIHardeningTests {
    @Test(arguments: [["grad", "3"], ["hessian", "3"], ["jacobian", "3"], ["compile", "3", "--gradient"],
                      ["compile", "3", "--hessian"], ["grad", "3", "--format", "latex"], ["diff", "3"]])
    func constantInputIsAnError(arguments: [String]) {
        let result = runSym(arguments)
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(result.stderr.hasPrefix("error: the expression has no variables to differentiate by"), "\(result)")
    }

    @Test func constantCompilesWithoutDerivatives() {
        #expect(runSym(["compile", "3"]).status == 0)
    }

    @Test func atTakesConstantExpressions() {
        expectOutput(["eval", "x", "--at", "x=pi"], "3.141592653589793\n")
        expectOutput(["eval", "x", "--at", "x=1/3"], "0.3333333333333333\n")
        expectOutput(["eval", "x", "--at", "x=1e-3"], "0.001\n")
        expectOutput(["eval", "x*y", "--at", "x=max(1,2),y=sqrt(4)"], "4\n")
        expectOutput(["eval", "x", "--at", "x=-pi/4"], "-0.7853981633974483\n")
        expectFailure(["eval", "x", "--at", "x=y"], status: 64,
                      usageError("the value 'x=y' is invalid for '--at <assignments>': expected a number or a constant "
                                 + "expression after 'x=', e.g. x=1e-3 or x=pi/4", command: "eval"))
    }

    @Test func constantsAreNotNames() {
        expectFailure(["eval", "pi", "--at", "pi=3"], status: 64,
                      usageError("the value 'pi=3' is invalid for '--at <assignments>': expected a variable name before "
                                 + "'=' ('pi' is a constant)", command: "eval"))
        expectFailure(["diff", "x^2", "--wrt", "pi"], status: 64,
                      usageError("the value 'pi' is invalid for '--wrt <variables>': expected variable names ('pi' is a "
                                 + "constant)", command: "diff"))
        #expect(runSym(["grad", "x*e", "--wrt", "x,e"]).status == 64)
    }

    @Test func wrongCaseSuggestsTheName() {
        expectFailure(["eval", "x + 1", "--at", "X=1"], status: 1,
                      "error: no value given for variable 'x'; --at gives 'X', which the expression does not use "
                      + "(names are case-sensitive): write --at x=...\n")
        expectFailure(["eval", "x + 1", "--at", "y=1"], status: 1,
                      "error: no value given for variable 'x'; add it to --at, e.g. --at x=1\n")
    }

    @Test func startingPointFromAFile() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sym-from-\(UUID().uuidString).txt")
        defer { try? FileManager.default.removeItem(at: url) }
        try "# start\na=3\nb = pi/4   # a comment\n\nc=-1,d=2\n".write(to: url, atomically: true, encoding: .utf8)
        let result = runSym(["minimize", "(a-1)^2 + (b-2)^2 + (c-d)^2 + d^2", "--from", "@" + url.path, "--format", "json"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.hasPrefix("{\"method\": \"newton\", \"point\": {\"a\": "), "\(result)")
        #expect(result.stdout.contains("\"converged\": true"), "\(result)")
        expectOutput(["eval", "a+b", "--at", "@" + url.path], "3.7853981633974483\n")
        // An unreadable file is bad input (exit 1), not bad usage.
        expectFailure(["eval", "x", "--at", "@/nonexistent/sym-point"], status: 1,
                      "error: cannot read '/nonexistent/sym-point': no such file\n")
        try Data([0x78, 0x3D, 0xFF]).write(to: url)
        expectFailure(["minimize", "x^2", "--from", "@" + url.path], status: 1,
                      "error: cannot read '\(url.path)': the file is not valid UTF-8 text\n")
    }

    @Test func rateWithALineSearchMethodIsAConflict() {
        let message = "--rate applies only to gd, momentum, nesterov, adagrad, rmsprop and adam; --method newton chooses "
            + "its steps by line search"
        expectFailure(["minimize", "x^2", "--from", "x=1", "--rate", "0.1", "--method", "newton"], status: 64,
                      usageError(message, command: "minimize"))
        #expect(runSym(["minimize", "x^2", "--from", "x=1", "--rate", "0.1"]).status == 64)
        #expect(runSym(["minimize", "x^2", "--from", "x=1", "--rate", "0.1", "--method", "gd"]).status == 0)
    }

    @Test func helpHelpAndShortOptionHints() {
        #expect(runSym(["help", "--help"]) == runSym(["--help"]))
        #expect(runSym(["help", "grad", "-h"]) == runSym(["grad", "--help"]))
        expectFailure(["-V"], status: 64, rootUsageError("unknown option '-V'. Did you mean '--version'?"))
        expectFailure(["eval", "x", "-f", "json"], status: 64,
                      usageError("unknown option '-f'. Did you mean '--file' or '--format'?", command: "eval"))
        // An expression that starts with '-' still gets the '--' hint.
        #expect(runSym(["eval", "-x"]).stderr.contains("put '--' before it"))
        #expect(runSym(["minimize", "--help"]).stdout.contains("(default: 100000 for"))
    }

    /// `sym eval x --at x=1 > /dev/full` exits 1 with a message.
    @Test func writeErrorsAreReported() throws {
        guard FileManager.default.fileExists(atPath: "/dev/full") else { return }
        let binary = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug/sym")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else { return }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "'\(binary.path)' eval x --at x=1 > /dev/full"]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        #expect(text == "error: cannot write to standard output: No space left on device\n")
    }

    @Test func jacobianTakesOneExpressionPerLine() {
        expectOutput(["jacobian", "-"], stdin: "x*y\nx + y^2\n\nsin(\n  x) * y +\n  1\n",
                     "df1/dx = y\ndf1/dy = x\ndf2/dx = 1\ndf2/dy = 2*y\ndf3/dx = y*cos(x)\ndf3/dy = sin(x)\n")
        #expect(ExpressionReader.linesAsSeparators("a\r\nb") == "a;b")
        #expect(ExpressionReader.linesAsSeparators("a +\nb") == "a + b")
    }

    @Test func errorsInSeveralLinesNameLineAndColumn() {
        expectFailure(["jacobian", "-"], stdin: "x*y\nx + 2y\n", status: 1,
                      "error: implicit multiplication is not supported at line 2, column 6; write 2*y\n  x + 2y\n       ^\n")
        expectFailure(["eval", "-"], stdin: "x +\n  sine(x)\n", status: 1,
                      "error: unknown function 'sine' at line 2, column 3; did you mean 'sin'?\n    sine(x)\n    ^~~~\n")
    }

    @Test func sparseMatrices() {
        expectOutput(["hessian", "x^2*y + z^3", "--sparse"],
                     "d^2/dx^2 = 2*y\nd^2/dx dy = 2*x\nd^2/dy dx = 2*x\nd^2/dz^2 = 6*z\n")
        expectOutput(["jacobian", "x*y; z", "--sparse", "--at", "x=2,y=3,z=1", "--format", "json"],
                     "{\"variables\": [\"x\", \"y\", \"z\"], \"rows\": 2, \"entries\": [{\"row\": 0, \"column\": 0, "
                     + "\"expression\": \"y\", \"value\": 3}, {\"row\": 0, \"column\": 1, \"expression\": \"x\", \"value\": 2}, "
                     + "{\"row\": 1, \"column\": 2, \"expression\": \"1\", \"value\": 1}]}\n")
        #expect(runSym(["hessian", "x^2", "--sparse", "--format", "latex"]).status == 64)
        // 200 variables, tridiagonal: 598 lines instead of 40,000.
        let chain = (1..<200).map { "(x\($0 + 1) - x\($0))^2" }.joined(separator: " + ")
        let result = runSym(["hessian", chain, "--sparse"])
        #expect(result.status == 0)
        #expect(result.stdout.split(separator: "\n").count == 598)
    }
}
