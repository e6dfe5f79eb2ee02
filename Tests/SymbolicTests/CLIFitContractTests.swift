import Foundation
import Testing
import Symbolic
@testable import SymCLI

/// The parts of the `sym fit` / `sym predict` contract a user checks against
/// other tools: SciPy's optimum for the logistic loss, saved models that
/// predict exactly what the formula gives, the classification losses at
/// extreme scores, and models whose parameters cancel out.
@Suite("sym fit against SciPy, saved models, losses")
struct CLIFitContractTests {
    /// 16 rows, not linearly separable. x1 = round(2 sin i, 3), x2 = round(cos 1.3i, 3),
    /// label = [x1 − 0.5·x2 + 3 sin(2.9i + 1) > 0], i = 0…15.
    static let classes = """
        x1,x2,label
        0.0,1.0,1
        1.683,0.267,0
        1.819,-0.857,1
        0.282,-0.726,0
        -1.514,0.469,0
        -1.918,0.977,0
        -0.559,0.054,0
        1.314,-0.948,1
        1.979,-0.561,0
        0.824,0.648,1
        -1.088,0.907,0
        -2.0,-0.162,1
        -1.073,-0.994,0
        0.84,-0.37,1
        1.981,0.796,0
        1.301,0.796,1

        """

    @Test func logisticFitLandsOnSciPyBFGSOptimum() throws {
        // Reference made once with SciPy 1.17.1 (NumPy 2.4.6):
        //   s = 2*label - 1; X = [1, x1, x2]
        //   f = lambda w: np.mean(np.logaddexp(0, -s*(X@w)))
        //   g = lambda w: X.T @ (-s / (1 + np.exp(s*(X@w)))) / 16
        //   scipy.optimize.minimize(f, np.zeros(3), jac=g, method='BFGS', options={'gtol': 1e-12})
        // → x = [-0.3358332894999458, 0.3204624983690976, -0.10522020273388151],
        //   fun = 0.6601718604175397 (15 iterations, "Optimization terminated successfully.")
        let path = try temporaryFile(CLIFitContractTests.classes, extension: "csv")
        let reference = ["w0": -0.3358332894999458, "w1": 0.3204624983690976, "w2": -0.10522020273388151]
        for method in [[], ["--method", "bfgs"]] {
            let run = runSym(["fit", "w0 + w1*x1 + w2*x2", "--data", path, "--loss", "logistic", "--format", "json"] + method)
            #expect(run.status == 0 && run.stderr == "")
            let object = try CLIFitTests.json(run.stdout)
            let parameters = object["parameters"] as! [String: Double]
            for (name, value) in reference {
                #expect(abs(parameters[name]! - value) <= 1e-7 * abs(value), "\(name) with \(method)")
            }
            #expect(abs(object["loss"] as! Double - 0.6601718604175397) <= 1e-13)
            #expect(object["converged"] as? Bool == true && object["standard_errors"] == nil)
        }
    }

    @Test func savedModelPredictsExactlyWhatTheFormulaGives() throws {
        // Constants that do not print short (0.3, 1e-7) survive the JSON round trip.
        let csv = "t,y\n" + (0..<25).map { i in
            let t = Double(i) * 0.4
            return "\(t),\(4 * exp(-t / 1.7) + 0.25 * t + 0.01 * sin(Double(i) * 5))"
        }.joined(separator: "\n")
        let path = try temporaryFile(csv, extension: "csv")
        let saved = FileManager.default.temporaryDirectory.appendingPathComponent("sym-fit-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: saved) }
        let formula = "a*exp(-t/(0.3*k)) + 1e-7*c*t^1.5 + d*t"
        let fitted = runSym(["fit", formula, "--data", path, "--start", "k=5,c=1e6", "--save", saved, "--format", "json"])
        #expect(fitted.status == 0)
        let parameters = CLIFitContractTests.exactNumbers(in: fitted.stdout, names: ["a", "k", "c", "d"])
        let run = runSym(["predict", saved, "--data", path, "--format", "json"])
        #expect(run.status == 0 && run.stderr == "")
        #expect(run.stdout.hasPrefix("{\"predictions\": [") && run.stdout.hasSuffix("]}\n"))
        let predictions = run.stdout.dropFirst(17).dropLast(3).split(separator: ", ").map { Double(String($0))! }

        // The formula, compiled once, at the parameters fit printed (they read back exactly).
        let expression = try Expression(parsing: formula)
        let names = ["a", "k", "c", "d"]
        let compiled = try expression.compile(variables: ["t"] + names)
        let times = (0..<25).map { Double($0) * 0.4 }
        #expect(predictions.count == 25)
        for (i, t) in times.enumerated() {
            let direct = compiled([t] + names.map { parameters[$0]! })[0]
            #expect(predictions[i] == direct, "row \(i + 1)")
            let interpreted = try expression.evaluate(at: ["t": t, "a": parameters["a"]!, "k": parameters["k"]!,
                                                           "c": parameters["c"]!, "d": parameters["d"]!])
            #expect(abs(predictions[i] - interpreted) <= 1e-15 * abs(interpreted))
        }
        // The text format prints the same numbers, one per line.
        let text = runSym(["predict", saved, "--data", path])
        #expect(text.stdout.split(separator: "\n").map { Double(String($0))! } == predictions)
    }

    /// `"name": number` members read with `Double(_:)`, which is exact
    /// (Foundation's JSON parser may round the last digit on Linux).
    static func exactNumbers(in json: String, names: [String]) -> [String: Double] {
        var values: [String: Double] = [:]
        for name in names {
            guard let range = json.range(of: "\"\(name)\": ") else { continue }
            let rest = json[range.upperBound...]
            let end = rest.firstIndex { $0 == "," || $0 == "}" } ?? rest.endIndex
            values[name] = Double(String(rest[..<end]))
        }
        return values
    }

    @Test func classificationLossesAtExtremeScores() throws {
        let path = try temporaryFile("x,y\n-2,0\n-1,0\n0,1\n1,1\n2,1\n0.5,0\n", extension: "csv")
        // At w = 1000 the score 500 meets label 0: softplus(500) = 500, no overflow;
        // the cross-entropy of sigmoid(score) is measured through the score.
        for (model, loss) in [("w*x + c", "logistic"), ("sigmoid(w*x + c)", "cross-entropy")] {
            let run = runSym(["fit", model, "--data", path, "--loss", loss, "--start", "w=1000,c=0",
                              "--max-iterations", "0", "--format", "json"])
            let object = try CLIFitTests.json(run.stdout)
            #expect(object["loss"] as? Double == (500 + log(2)) / 6, "\(loss)")
            // From there both reach the same optimum.
            let fitted = try CLIFitTests.json(runSym(["fit", model, "--data", path, "--loss", loss, "--start", "w=1000,c=0",
                                                       "--format", "json"]).stdout)
            #expect(abs((fitted["parameters"] as! [String: Double])["w"]! - 1.9774106308) < 1e-8, "\(loss)")
            #expect(abs(fitted["loss"] as! Double - 0.376401222522025) < 1e-14, "\(loss)")
        }
        // The hinge loss is piecewise linear: BFGS by default; its minimum 5/12 is at w = 1, c = 0.
        let hinge = try CLIFitTests.json(runSym(["fit", "w*x + c", "--data", path, "--loss", "hinge", "--format", "json"]).stdout)
        #expect(hinge["method"] as? String == "bfgs")
        #expect(abs(hinge["loss"] as! Double - 5.0 / 12) < 1e-10)
        // The penalty is added once: (0.1/2)·(w² + c²) on top of the mean loss.
        let start = ["--start", "w=2,c=-0.5", "--max-iterations", "0", "--format", "json"]
        let plain = try CLIFitTests.json(runSym(["fit", "w*x + c", "--data", path, "--loss", "logistic"] + start).stdout)
        let penalised = try CLIFitTests.json(runSym(["fit", "w*x + c", "--data", path, "--loss", "logistic", "--l2", "0.1"]
                                                    + start).stdout)
        #expect(abs(penalised["loss"] as! Double - (plain["loss"] as! Double) - 0.05 * 4.25) < 1e-15)
        // Classification reports leave out regression statistics.
        let text = runSym(["fit", "w*x + c", "--data", path, "--loss", "logistic"]).stdout
        #expect(!text.contains("r^2") && !text.contains("residual standard deviation") && text.contains("logistic loss"))
    }

    @Test func parametersThatCancelAreNamed() throws {
        let path = try temporaryFile(CLIFitTests.line, extension: "csv")
        expectFailure(["fit", "a*x + b - b", "--data", path], status: 1,
                      "error: parameter 'b' cancels out of the model (it simplifies to a*x), so the loss does not depend on it; "
                      + "rewrite the model without it\n")
        expectFailure(["fit", "c*(x - x) + b - b + x", "--data", path], status: 1,
                      "error: parameters 'c', 'b' cancel out of the model (it simplifies to x), so the loss does not depend on them; "
                      + "rewrite the model without them\n")
    }
}
