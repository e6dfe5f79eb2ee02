import Foundation
import Testing
@testable import SymCLI

@Suite("sym fit --model and sym predict on networks")
struct CLINetworkFitTests {
    static let dataDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Benchmarks/Data")

    static func json(_ result: CLIResult, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        #expect(result.status == 0 && result.stderr == "", "\(result)", sourceLocation: sourceLocation)
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
    }

    @Test func defaultsReachNinetyFivePercentOnMoons() throws {
        let object = try CLINetworkFitTests.json(runSym(["fit", "--model", "mlp", "--hidden", "8", "--data", "moons",
                                                         "--loss", "cross-entropy", "--format", "json"]))
        #expect(Set(object.keys) == ["parameters", "loss", "accuracy", "epochs", "best_epoch", "updates", "method", "reason"])
        #expect((object["accuracy"] as! Double) >= 0.95)
        #expect(object["method"] as? String == "adam" && object["epochs"] as? Int == 1000 && object["updates"] as? Int == 1000)
        #expect((object["parameters"] as! [String: Double]).count == 2 * 8 + 8 + 8 * 2 + 2)
    }

    /// Names W{l}_{i}_{j} and b{l}_{j}; labels 0…2 give three outputs.
    @Test func namingContractAndClassCount() throws {
        let object = try CLINetworkFitTests.json(runSym(["fit", "--model", "mlp", "--hidden", "3,2", "--data", "blobs:n=30",
                                                         "--epochs", "1", "--format", "json"]))
        let names = Set((object["parameters"] as! [String: Double]).keys)
        let expected = (1...2).flatMap { i in (1...3).map { "W1_\(i)_\($0)" } } + (1...3).map { "b1_\($0)" }
            + (1...3).flatMap { i in (1...2).map { "W2_\(i)_\($0)" } } + (1...2).map { "b2_\($0)" }
            + (1...2).flatMap { i in (1...3).map { "W3_\(i)_\($0)" } } + (1...3).map { "b3_\($0)" }
        #expect(names == Set(expected))
    }

    /// `loss` is the mean loss plus (λ/2)·Σ weights² (not biases) at the
    /// returned parameters.
    @Test func lossIncludesThePenaltyOnWeightsOnly() throws {
        let path = try temporaryFile("x1,label\n0,0\n1,1\n", extension: "csv")
        let object = try CLINetworkFitTests.json(runSym([
            "fit", "--model", "linear", "--data", path, "--initializer", "zeros", "--epochs", "0", "--l2", "0.5",
            "--start", "W1_1_1=1,W1_1_2=-1,b1_1=3,b1_2=3", "--format", "json"]))
        let second = log(exp(1.0) + exp(-1.0)) + 1
        let expected = (log(2.0) + second) / 2 + 0.25 * 2
        #expect(abs((object["loss"] as! Double) - expected) < 1e-15)
        #expect(object["accuracy"] as? Double == 0.5)
    }

    @Test func startFileTakesTensorsAndJSONOutput() throws {
        let path = try temporaryFile("x1,label\n0,0\n1,1\n", extension: "csv")
        let start = try temporaryFile(#"{"parameters": {"W1": [[2, -2]], "b1": [0.5, -0.5]}}"#, extension: "json")
        let object = try CLINetworkFitTests.json(runSym(["fit", "--model", "linear", "--data", path, "--start-file", start,
                                                         "--epochs", "0", "--format", "json"]))
        #expect(object["parameters"] as! [String: Double] == ["W1_1_1": 2, "W1_1_2": -2, "b1_1": 0.5, "b1_2": -0.5])
        let bad = try temporaryFile(#"{"W1_1_3": 1}"#, extension: "json")
        let result = runSym(["fit", "--model", "linear", "--data", path, "--start-file", bad])
        #expect(result.status == 1)
        #expect(result.stderr == "error: \(bad): the network has no parameter 'W1_1_3' (did you mean 'W1_1_1'?)\n")
    }

    /// Dropout, shuffled mini-batches and the validation split are seeded:
    /// the same command prints the same numbers; JSON gains the validation members.
    @Test func seededRunsRepeatAndReportValidation() throws {
        let arguments = ["fit", "--model", "mlp", "--hidden", "6", "--data", "circles:n=80", "--dropout", "0.2",
                         "--batch-size", "16", "--validation", "0.25", "--patience", "5", "--seed", "3", "--epochs", "30",
                         "--format", "json"]
        let first = runSym(arguments), second = runSym(arguments)
        #expect(first == second)
        let object = try CLINetworkFitTests.json(first)
        #expect(Set(object.keys) == ["parameters", "loss", "accuracy", "validation_loss", "validation_accuracy", "epochs",
                                     "best_epoch", "updates", "method", "reason"])
        #expect(object["updates"] as? Int == 4 * (object["epochs"] as! Int))   // 60 training rows in batches of 16
        let other = runSym(arguments.map { $0 == "3" ? "4" : $0 })
        #expect(other.status == 0 && other.stdout != first.stdout)
    }

    @Test func savedNetworkPredicts() throws {
        let model = FileManager.default.temporaryDirectory.appendingPathComponent("sym-net-\(UUID().uuidString).json").path
        let fit = runSym(["fit", "--model", "mlp", "--data", "moons", "--epochs", "300", "--save", model])
        #expect(fit.status == 0)
        let result = runSym(["predict", model, "--data", "moons:n=8,seed=5", "--format", "json"])
        #expect(result.status == 0 && result.stderr == "")
        let predictions = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: [Double]]
        #expect(predictions["predictions"]!.count == 8 && predictions["predictions"]!.allSatisfy { $0 == 0 || $0 == 1 })
        let missing = try temporaryFile("x1,z\n0,0\n", extension: "csv")
        let failure = runSym(["predict", model, "--data", missing])
        #expect(failure.status == 1 && failure.stderr.hasPrefix("error: ") && failure.stderr.contains("'x2'"))
    }

    @Test func regressionReportsRSquared() throws {
        let result = runSym(["fit", "--model", "mlp", "--hidden", "4", "--data", "linear:n=40", "--standardize",
                             "--epochs", "200", "--rate", "0.05"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines[0] == "adam: 200 epochs; all epochs done")
        #expect(lines[1] == "network: 1 input, 4 tanh, 1 output (mse); 13 parameters")
        #expect(lines.contains { $0.hasPrefix("loss = ") && $0.hasSuffix("(mean squared error over 40 samples)") })
        #expect(lines.contains { $0.hasPrefix("r^2 = 0.9") })
    }

    @Test func builtInDataForFormulas() throws {
        let object = try CLINetworkFitTests.json(runSym(["fit", "a*x + b", "--data", "linear:n=50,slope=3,intercept=-1,noise=0",
                                                         "--format", "json"]))
        let parameters = object["parameters"] as! [String: Double]
        #expect(abs(parameters["a"]! - 3) < 1e-12 && abs(parameters["b"]! + 1) < 1e-12)
        expectFailure(["fit", "a*x", "--data", "moons:n=0"], status: 1,
                      "error: invalid value '0' for 'n' of data set 'moons': expected an integer from 1 to 100000000\n")
    }

    @Test func usageErrors() {
        expectFailure(["fit", "--model", "rnn", "--data", "moons"], status: 64,
                      usageError("the value 'rnn' is invalid for '--model <model>': expected mlp or linear", command: "fit"))
        expectFailure(["fit", "--model", "mlp", "--hidden", "3,0", "--data", "moons"], status: 64,
                      usageError("the value '3,0' is invalid for '--hidden <widths>': expected positive widths separated by commas, e.g. 8 or 16,16",
                                 command: "fit"))
        expectFailure(["fit", "--model", "mlp", "--data", "moons", "--fix", "b1_1"], status: 64,
                      usageError("--fix applies to formula models, not to --model mlp", command: "fit"))
        expectFailure(["fit", "--model", "mlp", "--data", "moons", "--method", "bfgs", "--batch-size", "10"], status: 64,
                      usageError("--batch-size needs a first-order method; bfgs runs on the full batch", command: "fit"))
        expectFailure(["fit", "--model", "linear", "--hidden", "3", "--data", "moons"], status: 64,
                      usageError("--hidden needs --model mlp (a linear model has no hidden layer)", command: "fit"))
        expectFailure(["fit", "--model", "mlp", "--data", "linear", "--loss", "cross-entropy"], status: 1,
                      "error: cross-entropy needs integer class labels 0, 1, … in the target column 'y'; use --loss mse for regression\n")
    }
}
