import Foundation
import Testing
@testable import SymCLI

/// `--plot` and `--loss-plot` of `sym minimize` and `sym fit`: the SVG
/// parses, has the expected panels and series, and is the same every run.
@Suite("sym minimize and fit pictures")
struct CLIPictureTests {
    /// Runs `arguments` with a temporary picture file in place of each
    /// `PICTURE_n`, returning the result and the files' text.
    static func run(_ arguments: [String], stdin: String = "") throws -> (CLIResult, [String]) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sym-pictures-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var files: [String] = []
        let replaced = arguments.map { argument in
            guard argument.hasPrefix("PICTURE") else { return argument }
            let path = directory.appendingPathComponent(argument + ".svg").path
            files.append(path)
            return path
        }
        let result = runSym(replaced, stdin: stdin)
        return (result, try files.map { try String(contentsOfFile: $0, encoding: .utf8) })
    }

    static func csv(_ columns: [(String, [Double])]) -> String {
        columns.map(\.0).joined(separator: ",") + "\n"
            + columns[0].1.indices.map { i in columns.map { String($0.1[i]) }.joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    @Test func minimizeDrawsTheObjectiveAndThePath() throws {
        let arguments = ["minimize", "(1-a)^2 + 100*(b-a^2)^2", "--from", "a=-1.2,b=1", "--method", "bfgs", "--plot", "PICTURE"]
        let (result, files) = try CLIPictureTests.run(arguments)
        #expect(result.status == 0 && result.stderr == "" && result.stdout.hasPrefix("bfgs converged after 41 iterations"))
        let svg = try ParsedSVG(files[0])
        #expect(svg.elements("g", class: "panel").count == 2)
        #expect(svg.text("title") == ["objective by iteration", "path over contours of f"])
        #expect(svg.text("x-label") == ["iteration", "a"] && svg.text("y-label") == ["f", "b"])
        // The objective's 42 values and the 42 points of the path (points
        // on a straight pixel run are merged).
        let lines = svg.elements("path", class: "line").map { $0["d"] }
        #expect(lines.count == 2 && lines.allSatisfy { $0.filter { $0 == "L" }.count > 20 })
        #expect(svg.children(of: "g", class: "contour").count >= 10)
        #expect(svg.texts(in: "legend") == ["path (41 steps)", "start", "end"])
        // Log scale for the objective: ticks are powers of ten.
        #expect(svg.texts(in: "y-ticks").first == "10⁻²⁴")
        #expect(try CLIPictureTests.run(arguments).1 == files)
    }

    @Test func minimizeOfOneVariableDrawsOnlyTheObjective() throws {
        let (result, files) = try CLIPictureTests.run(["minimize", "(x-3)^2 + 1", "--from", "x=0", "--method", "momentum",
                                                       "--rate", "0.05", "--max-iterations", "30", "--plot", "PICTURE"])
        #expect(result.status == 0)
        let svg = try ParsedSVG(files[0])
        #expect(svg.elements("g", class: "panel").count == 1)
        #expect(svg.elements("path", class: "line").count == 1)
    }

    @Test func fitOfOneInputDrawsDataAndCurveAndLoss() throws {
        let xs = (0..<20).map { Double($0) / 2 }
        let data = CLIPictureTests.csv([("x", xs), ("y", xs.map { 2 * exp(-0.3 * $0) + 0.05 * sin(7 * $0) })])
        let (result, files) = try CLIPictureTests.run(
            ["fit", "a*exp(-k*x)", "--data", "-", "--plot", "PICTURE1", "--loss-plot", "PICTURE2", "--format", "json"], stdin: data)
        #expect(result.status == 0 && result.stderr == "")
        let fitted = try ParsedSVG(files[0])
        #expect(fitted.elements("g", class: "panel").count == 1)
        #expect(fitted.texts(in: "legend") == ["data", "fitted model"])
        #expect(fitted.children(of: "g", class: "scatter").count == 20)
        #expect(fitted.elements("path", class: "line").count == 1)
        #expect(fitted.text("x-label") == ["x"] && fitted.text("y-label") == ["y"])
        let loss = try ParsedSVG(files[1])
        #expect(loss.text("x-label") == ["iteration"] && loss.text("y-label") == ["squared loss (log scale)"])
        #expect(loss.elements("path", class: "line").count == 1)
    }

    @Test func fitOfTwoInputsWithLabelsDrawsDecisionRegions() throws {
        // Two clusters labelled 0 and 1, separable by x1 + x2 = 0.
        var x1: [Double] = [], x2: [Double] = [], y: [Double] = []
        for i in 0..<40 {
            let t = Double(i) * 0.7
            let label = Double(i % 2)
            x1.append(cos(t) * 0.8 + (label == 1 ? 1 : -1))
            x2.append(sin(1.3 * t) * 0.8 + (label == 1 ? 1 : -1))
            y.append(label)
        }
        let data = CLIPictureTests.csv([("x1", x1), ("x2", x2), ("y", y)])
        let arguments = ["fit", "a*x1 + b*x2 + c", "--data", "-", "--loss", "logistic", "--l2", "0.01", "--plot", "PICTURE"]
        let (result, files) = try CLIPictureTests.run(arguments, stdin: data)
        #expect(result.status == 0)
        let svg = try ParsedSVG(files[0])
        #expect(svg.elements("g", class: "filled-contour").count == 1)
        #expect(svg.children(of: "g", class: "filled-contour").count == 2)  // a band per class
        #expect(svg.elements("g", class: "contour").count == 1)
        #expect(svg.elements("g", class: "scatter").count == 2)
        #expect(svg.texts(in: "legend") == ["decision boundary", "y = 0", "y = 1"])
        #expect(try CLIPictureTests.run(arguments, stdin: data).1 == files)
    }

    @Test func networkDecisionRegionsAndLosses() throws {
        let arguments = ["fit", "--model", "mlp", "--hidden", "3", "--data", "moons", "--method", "gd", "--rate", "2",
                         "--epochs", "60", "--validation", "0.2", "--plot", "PICTURE1", "--loss-plot", "PICTURE2", "--format", "json"]
        let (result, files) = try CLIPictureTests.run(arguments)
        #expect(result.status == 0 && result.stderr == "")
        let regions = try ParsedSVG(files[0])
        #expect(regions.text("title") == ["decision regions of the 2-3-2 network"])
        #expect(regions.children(of: "g", class: "filled-contour").count == 2)
        #expect(regions.elements("g", class: "scatter").count == 2)
        #expect(regions.children(of: "g", class: "scatter").count == 200)  // every point, training and validation
        #expect(regions.texts(in: "legend") == ["decision boundary", "label = 0", "label = 1"])
        let loss = try ParsedSVG(files[1])
        #expect(loss.texts(in: "legend") == ["training", "validation"])
        #expect(loss.elements("path", class: "line").count == 2)
        #expect(try CLIPictureTests.run(arguments).1 == files)
    }

    @Test func hiddenSizeGrid() throws {
        let (result, files) = try CLIPictureTests.run(["fit", "--model", "mlp", "--hidden-grid", "1,2,20", "--data", "moons:n=60",
                                                       "--method", "gd", "--rate", "2", "--epochs", "30", "--plot", "PICTURE"])
        #expect(result.status == 0 && result.stderr == "")
        #expect(result.stdout.split(separator: "\n").map { $0.prefix(9) } == ["hidden 1:", "hidden 2:", "hidden 20"])
        let svg = try ParsedSVG(files[0])
        #expect(svg.elements("g", class: "panel").count == 3)
        #expect(svg.text("title") == ["1 hidden unit", "2 hidden units", "20 hidden units"])
        #expect(svg.text("figure-title") == ["decision regions by hidden-layer width  (● label = 0,  ■ label = 1)"])
        #expect(svg.elements("g", class: "legend").isEmpty)
        expectFailure(["fit", "--model", "mlp", "--hidden-grid", "1,2", "--data", "moons"], status: 64,
                      SymbolicTests.usageError("--hidden-grid draws a picture; give its file with --plot FILE.svg", command: "fit"))
    }

    @Test func pictureErrors() {
        expectFailure(["minimize", "x^2", "--from", "x=1", "--plot", "/nonexistent-dir/p.svg"], status: 1,
                      "error: cannot write '/nonexistent-dir/p.svg': no such directory\n")
    }
}

/// Progress over a large `--points` file.
@Suite("sym eval --points progress")
struct CLIPointsProgressTests {
    @Test func largeFilesShowProgressOnATerminalOnly() {
        let csv = "x\n" + (0..<20_000).map { String($0) }.joined(separator: "\n") + "\n"
        let arguments = ["eval", "2*x", "--points", "-"]
        let quiet = runSym(arguments, stdin: csv)
        let chatty = runSym(arguments, stdin: csv, errorOutputIsTerminal: true)
        #expect(quiet.status == 0 && quiet.stderr == "")
        #expect(chatty.stdout == quiet.stdout)
        #expect(chatty.stderr.hasPrefix("\rpoint   0%|                    | 0/20000 [00:00<?]"))
        #expect(chatty.stderr.contains("| 20000/20000 [") && chatty.stderr.hasSuffix("]\n"))
        #expect(runSym(arguments + ["--quiet"], stdin: csv, errorOutputIsTerminal: true).stderr == "")
        // A small file shows nothing unless --progress asks.
        #expect(runSym(["eval", "2*x", "--points", "-"], stdin: "x\n1\n2\n", errorOutputIsTerminal: true).stderr == "")
        let asked = runSym(["eval", "2*x", "--points", "-", "--progress"], stdin: "x\n1\n2\n")
        #expect(asked.stdout == "value\n2\n4\n")
        #expect(asked.stderr.hasPrefix("point   0%|                    | 0/2 [00:00<?]\n"))
        #expect(asked.stderr.contains("point 100%|████████████████████| 2/2 [00:00<00:00, ") && !asked.stderr.contains("\r"))
    }
}
