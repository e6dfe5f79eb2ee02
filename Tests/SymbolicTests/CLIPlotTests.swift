import Foundation
import Testing
@testable import SymCLI

/// `sym plot`: functions and derivatives drawn as SVG.
@Suite("sym plot")
struct CLIPlotTests {
    @Test func activationsBesideTheirDerivatives() throws {
        let result = runSym(["plot", "step(x); sigmoid(x); tanh(x); relu(x)", "--range", "-5:5", "--derivative", "-o", "-"])
        #expect(result.status == 0 && result.stderr == "")
        let svg = try ParsedSVG(result.stdout)
        #expect(svg.elements("g", class: "panel").count == 8)
        #expect(svg.text("title") == [
            "step(x)", "d/dx step(x) = 0", "sigmoid(x)", "d/dx sigmoid(x) = sigmoid(x)*(1 - sigmoid(x))",
            "tanh(x)", "d/dx tanh(x) = 1 - tanh(x)^2", "relu(x)", "d/dx relu(x) = step(x)",
        ])
        let lines = svg.elements("path", class: "line").map { $0["d"] }
        #expect(lines.count == 8)
        // step(x) and its derivative relu′ = step(x) break at the jump: two pieces, no vertical stroke.
        #expect(lines[0].filter { $0 == "M" }.count == 2 && lines[7].filter { $0 == "M" }.count == 2)
        #expect(lines[2].filter { $0 == "M" }.count == 1)
        // Only the bottom row names the x axis.
        #expect(svg.text("x-label") == ["x", "x"])
        #expect(runSym(["plot", "step(x); sigmoid(x); tanh(x); relu(x)", "--range", "-5:5", "--derivative", "-o", "-"]) == result)
    }

    @Test func writesTheFileAndDrawsSeveralFunctionsInOnePanel() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sym-plot-\(UUID().uuidString).svg").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        expectOutput(["plot", "a*sin(x); cos(x)", "--at", "a=2", "--range", "-pi:pi", "--output", path, "--title", "Waves"], "")
        let svg = try ParsedSVG(String(contentsOfFile: path, encoding: .utf8))
        #expect(svg.elements("g", class: "panel").count == 1)
        #expect(svg.texts(in: "legend") == ["a*sin(x)", "cos(x)"])
        #expect(svg.text("figure-title") == ["Waves"])
        #expect(svg.texts(in: "y-ticks") == ["−2.0", "−1.5", "−1.0", "−0.5", "0.0", "0.5", "1.0", "1.5", "2.0"])
    }

    @Test func higherOrderAndChosenVariable() throws {
        let result = runSym(["plot", "t^3 + y", "--wrt", "t", "--at", "y=1", "--order", "2", "--range", "0:1", "-o", "-"])
        #expect(result.status == 0)
        #expect(try ParsedSVG(result.stdout).text("title") == ["t^3 + y", "d²/dt² (t^3 + y) = 6*t"])
    }

    @Test func badInput() {
        expectFailure(["plot", "x*y", "--range", "0:1", "-o", "-"], status: 1,
                      "error: the expressions use 2 variables (x, y); choose the x axis with --wrt and give the others values with --at, e.g. --wrt x --at y=1\n")
        expectFailure(["plot", "a*x", "--wrt", "x", "--range", "0:1", "-o", "-"], status: 1,
                      "error: no value given for variable 'a'; add it to --at, e.g. --at a=1, or draw along it with --wrt a\n")
        expectFailure(["plot", "x", "--range", "0:1", "-o", "/nonexistent-dir/x.svg"], status: 1,
                      "error: cannot write '/nonexistent-dir/x.svg': no such directory\n")
    }

    @Test func usageErrors() {
        expectFailure(["plot", "x", "-o", "-"], status: 64, usageError("missing expected argument '--range <a:b>'", command: "plot"))
        expectFailure(["plot", "x", "--range", "0:1"], status: 64, usageError("missing expected argument '--output <file>'", command: "plot"))
        expectFailure(["plot", "x", "--range", "5:-5", "-o", "-"], status: 64, usageError(
            "the value '5:-5' is invalid for '--range <a:b>': expected two numbers a:b with a < b, e.g. -5:5 or -pi:pi", command: "plot"))
        expectFailure(["plot", "x", "--range", "0:y", "-o", "-"], status: 64, usageError(
            "the value '0:y' is invalid for '--range <a:b>': expected two numbers a:b with a < b, e.g. -5:5 or -pi:pi", command: "plot"))
        expectFailure(["plot", "x", "--range", "0:1", "--samples", "1", "-o", "-"], status: 64, usageError(
            "the value '1' is invalid for '--samples <count>': expected an integer from 2 to 100000", command: "plot"))
        expectFailure(["plot", "x", "--range", "0:1", "--wrt", "x,y", "-o", "-"], status: 64, usageError(
            "the value 'x,y' is invalid for '--wrt <variables>': expected one variable, e.g. x", command: "plot"))
        expectFailure(["plot", "x", "--range", "0:1", "--derivatve", "-o", "-"], status: 64, usageError(
            "unknown option '--derivatve'. Did you mean '--derivative'?", command: "plot"))
    }
}
