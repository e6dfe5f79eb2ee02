import Foundation
import Testing
@testable import SymCLI

/// `sym graph`: formats, files, summaries, help and exit codes.
@Suite struct CLIGraphTests {
    static let notes = "ln(x1) + x1*x2 - sin(x2)"

    @Test func dotIsTheDefaultOnStandardOutput() {
        let result = runSym(["graph", CLIGraphTests.notes])
        #expect(result.status == 0 && result.stderr == "")
        #expect(result.stdout.hasPrefix("digraph computation {\n"))
        #expect(result.stdout.contains(#"n0 [label="v-1 = x1""#))
        #expect(result.stdout.split(separator: "\n").filter { $0.contains(" -> ") }.count == 8)
    }

    @Test func gradientAndValues() {
        let result = runSym(["graph", CLIGraphTests.notes, "--gradient", "--at", "x1=2,x2=5"])
        #expect(result.status == 0)
        #expect(result.stdout.contains(#"[label="∂f/∂x1\n= 5.5""#))
        #expect(result.stdout.contains(#"[label="∂f/∂x2\n= 1.716""#))
        #expect(result.stdout.contains(#"label=" cos(v0) ""#))
        // --wrt chooses the gradient nodes.
        let one = runSym(["graph", CLIGraphTests.notes, "--gradient", "--wrt", "x2"])
        #expect(one.stdout.contains("∂f/∂x2") && !one.stdout.contains("∂f/∂x1"))
    }

    @Test func svgByFormatOrByFileName() throws {
        let svg = runSym(["graph", "x*y + sin(x*y)", "--format", "svg"])
        #expect(svg.status == 0 && svg.stdout.hasPrefix("<?xml"))
        _ = try ParsedSVG(svg.stdout)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sym-graph-\(UUID().uuidString).svg").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let written = runSym(["graph", "x*y + sin(x*y)", "--gradient", "-o", path])
        #expect(written == CLIResult(status: 0, stdout: "", stderr: ""))
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(try ParsedSVG(text).elements("g", class: "node").count == 12)
    }

    @Test func largeGraphsGiveASummaryAndANote() {
        let result = runSym(["graph", "x*y + sin(x)", "--limit", "3"])
        #expect(result.status == 0)
        #expect(result.stderr == "note: the graph has 5 nodes, more than the limit of 3; drawing a summary instead (raise the limit with --limit)\n")
        #expect(result.stdout.contains("Summary: the graph has 5 nodes, more than the limit of 3.\\l5 nodes (2 inputs, 0 constants, 3 operations), 5 edges, depth 2\\l"))
    }

    @Test func helpAndErrors() {
        let help = runSym(["graph", "--help"])
        #expect(help.status == 0 && help.stdout.hasPrefix("OVERVIEW: Draw the computation graph and adjoints as DOT or SVG."))
        #expect(runSym(["help", "graph"]).stdout == help.stdout)
        expectFailure(["graph", "x", "--format", "png"], status: 64,
                      usageError("the value 'png' is invalid for '--format <format>': expected dot or svg", command: "graph"))
        expectFailure(["graph", "x", "--limit", "0"], status: 64,
                      usageError("the value '0' is invalid for '--limit <count>': expected a positive integer", command: "graph"))
        #expect(runSym(["graph"]).status == 64)
        #expect(runSym(["graph", "x", "--gradeint"]).status == 64)
        expectFailure(["graph", "x*y", "--at", "x=1"], status: 1, "error: no value for 'y'; give every variable a value, e.g. --at y=1\n")
        let parse = runSym(["graph", "x +"])
        #expect(parse.status == 1 && parse.stderr.hasPrefix("error: ") && parse.stdout == "")
        let unwritable = runSym(["graph", "x", "-o", "/nonexistent-directory/g.dot"])
        #expect(unwritable.status == 1 && unwritable.stderr.hasPrefix("error: cannot write '/nonexistent-directory/g.dot'"))
    }
}
