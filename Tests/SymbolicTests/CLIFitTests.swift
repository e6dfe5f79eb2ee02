import Foundation
import Testing
@testable import SymCLI

@Suite("sym fit and sym predict")
struct CLIFitTests {
    /// y = 1 + 2x exactly at x = 0…4, plus a column the model ignores.
    static let line = "x,w,y\n0,9,1\n1,9,3\n2,9,5\n3,9,7\n4,9,9\n"

    static func json(_ text: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
    }

    @Test func jsonFollowsTheContract() throws {
        let path = try temporaryFile(CLIFitTests.line, extension: "csv")
        let result = runSym(["fit", "a + b*x", "--data", path, "--target", "y", "--format", "json"])
        #expect(result.status == 0 && result.stderr == "")
        #expect(result.stdout.hasPrefix("{\"parameters\": {\"a\": "))
        let object = try CLIFitTests.json(result.stdout)
        #expect(Set(object.keys) == ["parameters", "standard_errors", "loss", "rss", "iterations", "method", "converged", "reason"])
        let parameters = object["parameters"] as! [String: Double]
        #expect(abs(parameters["a"]! - 1) < 1e-12 && abs(parameters["b"]! - 2) < 1e-12)
        #expect(object["method"] as? String == "lm" && object["converged"] as? Bool == true)
        #expect((object["rss"] as! Double) < 1e-24)
    }

    @Test func textReportAndDefaults() throws {
        let path = try temporaryFile(CLIFitTests.line, extension: "csv")
        // The target defaults to y; b starts at 1, a is fixed at its start.
        let result = runSym(["fit", "a + b*x", "--data", path, "--start", "a=1", "--fix", "a"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines[0].hasPrefix("lm converged after "))
        #expect(lines[1] == "parameter  value  standard error  relative error")
        #expect(lines[2] == "a          1      (fixed)")
        #expect(lines[3].hasPrefix("b          2  "))
        #expect(lines.contains("loss = 0 (squared loss, mean over 5 samples)") || lines[4].hasPrefix("loss = "))
        #expect(lines.contains { $0.hasPrefix("residual standard deviation = ") && $0.hasSuffix("(4 degrees of freedom)") })
    }

    @Test func logisticLossAndMethods() throws {
        let csv = "x,label\n" + (0..<30).map { i in
            let x = Double(i) / 10 - 1.5
            return "\(x),\(x + 0.8 * sin(Double(i) * 2.3) > 0 ? 1 : 0)"
        }.joined(separator: "\n")
        let path = try temporaryFile(csv, extension: "csv")
        let newton = try CLIFitTests.json(runSym(["fit", "w*x + c", "--data", path, "--loss", "logistic", "--format", "json"]).stdout)
        #expect(newton["method"] as? String == "newton" && newton["standard_errors"] == nil)
        let bfgs = try CLIFitTests.json(runSym(["fit", "w*x + c", "--data", path, "--loss", "logistic", "--method", "bfgs",
                                                "--format", "json"]).stdout)
        let (a, b) = (newton["parameters"] as! [String: Double], bfgs["parameters"] as! [String: Double])
        #expect(abs(a["w"]! - b["w"]!) < 1e-6 * abs(a["w"]!))
        let adam = runSym(["fit", "w*x + c", "--data", path, "--loss", "logistic", "--method", "adam", "--epochs", "50",
                           "--batch-size", "10", "--rate", "0.1", "--format", "json"])
        #expect(adam.status == 0 && adam.stdout.contains("\"method\": \"adam\""))
    }

    @Test func saveAndPredict() throws {
        let path = try temporaryFile(CLIFitTests.line, extension: "csv")
        let saved = FileManager.default.temporaryDirectory.appendingPathComponent("sym-fit-\(UUID().uuidString).json").path
        #expect(runSym(["fit", "a + b*x", "--data", path, "--save", saved, "--format", "json"]).status == 0)
        let points = try temporaryFile("x\n10\n-1\n", extension: "csv")
        let json = runSym(["predict", saved, "--data", points, "--format", "json"])
        let predictions = try CLIFitTests.json(json.stdout)["predictions"] as! [Double]
        #expect(abs(predictions[0] - 21) < 1e-11 && abs(predictions[1] + 1) < 1e-11)
        let csv = runSym(["predict", saved, "--data", "-", "--format", "csv"], stdin: "x\n0.5\n")
        #expect(csv.status == 0 && csv.stdout.hasPrefix("prediction\n2"))
        expectFailure(["predict", saved, "--data", "-"], stdin: "t\n1\n", status: 1,
                      "error: standard input:1: there is no column named 'x' (did you mean 't'?); the columns are: t\n")
    }

    @Test func badDataNamesFileLineAndColumn() throws {
        let path = try temporaryFile("x,y\n1,2\n2,oops\n", extension: "csv")
        expectFailure(["fit", "a*x", "--data", path], status: 1,
                      "error: \(path):3:3: the value 'oops' for 'y' is not a number\n")
        expectFailure(["fit", "a*x", "--data", "-"], stdin: "x,y\n1,2\n3\n", status: 1,
                      "error: standard input:3:2: expected 2 values as in the header, found 1\n")
        expectFailure(["fit", "a*x", "--data", "/nonexistent/d.csv"], status: 1,
                      "error: cannot read '/nonexistent/d.csv': no such file\n")
    }

    @Test func modelAndOptionErrors() throws {
        let path = try temporaryFile(CLIFitTests.line, extension: "csv")
        expectFailure(["fit", "2*x", "--data", path], status: 1,
                      "error: the model has no parameters to fit: every variable in it is a data column\n")
        expectFailure(["fit", "a + b*x", "--data", path, "--start", "c=1"], status: 1,
                      "error: parameter 'c' (did you mean 'a'?) does not appear in the model\n")
        expectFailure(["fit", "a + b*x", "--data", path, "--loss", "logistic", "--method", "lm"], status: 1,
                      "error: method 'lm' minimises sums of squares only; the logistic loss needs another method, e.g. newton, bfgs or adam\n")
        expectFailure(["fit", "a + b*x", "--data", path, "--target", "x"], status: 1,
                      "error: the target column 'x' is also used by the model; a model cannot take its own target as input\n")
        let parse = runSym(["fit", "a + * x", "--data", path])
        #expect(parse.status == 1 && parse.stderr.hasPrefix("error: "))
    }

    @Test func usageErrors() throws {
        let path = try temporaryFile(CLIFitTests.line, extension: "csv")
        expectFailure(["fit", "a*x"], status: 64, usageError("missing expected argument '--data <file>'", command: "fit"))
        expectFailure(["fit", "a*x", "--data", path, "--bounds", "a=2:1"], status: 64,
                      usageError("the value 'a=2:1' is invalid for '--bounds <bounds>': expected a lower bound at most the upper bound", command: "fit"))
        expectFailure(["fit", "a*x", "--data", path, "--epochs", "5"], status: 64,
                      usageError("--epochs and --batch-size need a first-order method: --method gd, momentum, nesterov, adagrad, rmsprop or adam", command: "fit"))
        expectFailure(["fit", "a*x", "--data", path, "--los", "hinge"], status: 64,
                      usageError("unknown option '--los'. Did you mean '--loss'?", command: "fit"))
        expectFailure(["fit", "-", "--data", "-"], status: 64,
                      usageError("the model and --data cannot both read standard input", command: "fit"))
        expectFailure(["predict", "m.json", "--data", path, "--format", "latex"], status: 64,
                      usageError("the value 'latex' is invalid for '--format <format>': expected one of text, json, csv", command: "predict"))
    }

    @Test func boundsKeepParametersInside() throws {
        let path = try temporaryFile(CLIFitTests.line, extension: "csv")
        let object = try CLIFitTests.json(runSym(["fit", "a + b*x", "--data", path, "--bounds", "b=0:1.5", "--format", "json"]).stdout)
        let b = (object["parameters"] as! [String: Double])["b"]!
        #expect(b <= 1.5 && b > 1.499)
    }
}
