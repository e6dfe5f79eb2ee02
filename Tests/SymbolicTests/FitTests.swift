import Foundation
import Testing
@testable import Symbolic

@Suite("Fitting formula models")
struct FitTests {
    /// 40 rows: x1 = sin i, x2 = cos 1.7i, label 1 when 0.5 + 2·x1 − x2 + 2.5·sin 3.1i > 0.
    static let classification: DataTable = {
        let i = (0..<40).map(Double.init)
        let x1 = i.map { sin($0) }, x2 = i.map { cos(1.7 * $0) }
        let label = i.indices.map { k in 0.5 + 2 * x1[k] - x2[k] + 2.5 * sin(3.1 * i[k]) > 0 ? 1.0 : 0.0 }
        return try! DataTable(columns: [("x1", x1), ("x2", x2), ("label", label)])
    }()

    /// y = 3 + 2x − 0.5x² + small deterministic noise, x = 0…19.
    static let quadratic: DataTable = {
        let x = (0..<20).map(Double.init)
        return try! DataTable(columns: [("x", x), ("y", x.map { 3 + 2 * $0 - 0.5 * $0 * $0 + 0.1 * sin(7 * $0) })])
    }()

    @Test func logisticLossMatchesSciPyBFGS() throws {
        // scipy.optimize.minimize(mean logaddexp(0, -s·z), method='BFGS', gtol=1e-10)
        // on the same data gives w = (0.33389614336519335, 1.3250133000900044, -0.525809305896576).
        let model = try FormulaModel(parsing: "w0 + w1*x1 + w2*x2", columns: FitTests.classification.columnNames)
        let result = try fit(model, to: FitTests.classification, target: "label", loss: .logistic)
        #expect(result.method == .newton && result.converged)
        expectClose(result["w0"]!, 0.33389614336519335, relativeTolerance: 1e-8)
        expectClose(result["w1"]!, 1.3250133000900044, relativeTolerance: 1e-8)
        expectClose(result["w2"]!, -0.525809305896576, relativeTolerance: 1e-8)
        expectClose(result.objective, 0.5768173971358593, relativeTolerance: 1e-12)
        // Cross-entropy of sigmoid(score) is the same objective, formed through the score.
        let probability = try FormulaModel(parsing: "sigmoid(w0 + w1*x1 + w2*x2)", columns: FitTests.classification.columnNames)
        let same = try fit(probability, to: FitTests.classification, target: "label", loss: .crossEntropy, method: .bfgs)
        expectClose(same["w1"]!, 1.3250133000900044, relativeTolerance: 1e-6)
        expectClose(same.objective, result.objective, relativeTolerance: 1e-12)
    }

    @Test func lossesStayFiniteAtExtremeScores() throws {
        #expect(FitLoss.logistic.value(prediction: 1000, label: -1) == 1000)
        #expect(FitLoss.logistic.value(prediction: 1000, label: 1) == 0)
        let f = Expression.variable("f"), t = Expression.variable("t")
        let logistic = FitLoss.logistic.sampleLoss(predictions: [f], labels: [t])
        let slope = logistic.derivative(withRespectTo: "f")
        #expect(try slope.evaluate(at: ["f": -1000, "t": 1]) == -1)
        #expect(try slope.evaluate(at: ["f": 1000, "t": 1]) == 0)
        let entropy = FitLoss.crossEntropy.sampleLoss(predictions: [sigmoid(f)], labels: [t])
        #expect(try entropy.evaluate(at: ["f": 800, "t": 0]) == 800)
        #expect(try entropy.derivative(withRespectTo: "f").evaluate(at: ["f": -800, "t": 1]) == -1)
    }

    @Test func fixedParametersBoundsAndPenalty() throws {
        let data = FitTests.quadratic
        let model = try FormulaModel(parsing: "a + b*x + c*x^2", columns: data.columnNames)
        var options = FitOptions()
        options.start = ["c": -0.5]
        options.fixed = ["c"]
        let fixed = try fit(model, to: data, options: options)
        #expect(fixed["c"] == -0.5 && fixed.freeParameters == ["a", "b"])
        #expect(fixed.standardError("c") == nil && fixed.standardError("a") != nil)
        expectClose(fixed["b"]!, 2, relativeTolerance: 1e-2)

        options = FitOptions()
        options.bounds = ["c": ParameterBounds(lower: -0.4, upper: 0)]
        let bounded = try fit(model, to: data, options: options)
        #expect(bounded["c"]! >= -0.4 && bounded["c"]! < -0.3999)

        // Ridge regression has a closed form: ((2/m)XᵀX + λI) w = (2/m)Xᵀy.
        let line = try FormulaModel(parsing: "a + b*x", columns: data.columnNames)
        options = FitOptions()
        options.l2 = 0.3
        let ridge = try fit(line, to: data, options: options)
        let x = try data.column(named: "x"), y = try data.column(named: "y"), m = Double(x.count)
        let sx = x.reduce(0, +), sxx = x.map { $0 * $0 }.reduce(0, +)
        let sy = y.reduce(0, +), sxy = zip(x, y).map(*).reduce(0, +)
        let (p, q, r) = (2 / m * m + 0.3, 2 / m * sx, 2 / m * sxx + 0.3)
        let (u, v) = (2 / m * sy, 2 / m * sxy)
        let det = p * r - q * q
        expectClose(ridge["a"]!, (r * u - q * v) / det, relativeTolerance: 1e-10)
        expectClose(ridge["b"]!, (p * v - q * u) / det, relativeTolerance: 1e-10)
        // The same penalised objective through Newton.
        let newton = try fit(line, to: data, method: .newton, options: options)
        expectClose(newton["a"]!, ridge["a"]!, relativeTolerance: 1e-9)
        expectClose(newton.objective, ridge.objective, relativeTolerance: 1e-12)
    }

    @Test func newtonUsesTheExactSummedHessian() throws {
        var options = FitOptions()
        options.l2 = 0.1
        options.bounds = ["w1": ParameterBounds(lower: -5, upper: 5)]
        let model = try FormulaModel(parsing: "w0 + w1*x1 + w2*x2^2", columns: FitTests.classification.columnNames)
        let setup = try FitSetup(model: model, data: FitTests.classification, target: "label", loss: .logistic,
                                 method: .newton, options: options)
        let objective = try DataObjective(setup, hessian: true).objective()
        let theta = [0.3, -0.4, 0.7]
        let hessian = objective.hessian(at: theta)!
        let h = 1e-5
        for j in 0..<3 {
            var plus = theta, minus = theta
            plus[j] += h
            minus[j] -= h
            let (gp, gm) = (objective.valueAndGradient(at: plus).gradient, objective.valueAndGradient(at: minus).gradient)
            for i in 0..<3 { expectClose(hessian[i * 3 + j], (gp[i] - gm[i]) / (2 * h), absoluteTolerance: 1e-7) }
        }
        // The mini-batch objective carries the penalty once: its full mean is the objective.
        let stochastic = try DataObjective(setup, hessian: false).stochasticObjective().fullObjective()
        expectClose(stochastic.value(at: theta), objective.value(at: theta), relativeTolerance: 1e-14)
    }

    @Test func targetsObserversAndHistory() throws {
        let x = (1...10).map(Double.init)
        let data = try DataTable(columns: [("x", x), ("raw", x.map { exp(0.5 + 0.2 * $0) }), ("z", x)])
        let model = try FormulaModel(parsing: "a + b*x", columns: data.columnNames)
        var seen: [FitProgress] = []
        let result = try fit(model, to: data, target: "log(raw)") { progress in
            seen.append(progress)
            return .proceed
        }
        expectClose(result["a"]!, 0.5, relativeTolerance: 1e-12)
        expectClose(result["b"]!, 0.2, relativeTolerance: 1e-12)
        #expect(result.lossHistory.count == result.iterations + 1 && seen.count == result.iterations + 1)
        #expect(seen.last!.parameters == result.values)
        // Default target: the last column the model does not read ("z", as there is no "y").
        #expect(try fit(model, to: data).target == "z")
    }

    @Test func miniBatchAdamApproachesTheLeastSquaresFit() throws {
        let data = FitTests.quadratic
        let model = try FormulaModel(parsing: "a + b*x/10", columns: data.columnNames)
        var options = FitOptions()
        options.stochastic = StochasticOptions()
        options.stochastic!.batchSize = 5
        options.stochastic!.epochs = 2_000
        options.optimization.learningRate = 0.05
        let adam = try fit(model, to: data, method: .adam, options: options)
        let exact = try fit(model, to: data)
        expectClose(adam.objective, exact.objective, relativeTolerance: 1e-3)
        #expect(adam.standardErrors != nil)
    }

    struct BadFit: CustomTestStringConvertible, Sendable {
        var message: String
        var run: @Sendable () throws -> Void
        var testDescription: String { message }
    }

    static let badFits: [BadFit] = [
        BadFit(message: "parameter 'b3' (did you mean 'b1'?) does not appear in the model") {
            var options = FitOptions()
            options.start = ["b3": 1]
            _ = try fit(try FormulaModel(parsing: "b1 + b2*x", columns: ["x", "y"]), to: quadratic, options: options)
        },
        BadFit(message: "every parameter is fixed; leave at least one free to fit") {
            var options = FitOptions()
            options.fixed = ["a"]
            _ = try fit(try FormulaModel(parsing: "a*x", columns: ["x", "y"]), to: quadratic, options: options)
        },
        BadFit(message: "the model has no parameters to fit: every variable in it is a data column") {
            _ = try FormulaModel(parsing: "2*x", columns: ["x", "y"])
        },
        BadFit(message: "method 'lm' minimises sums of squares only; the logistic loss needs another method, e.g. newton, bfgs or adam") {
            _ = try fit(try FormulaModel(parsing: "a*x1", columns: ["x1"]), to: classification, target: "label",
                        loss: .logistic, method: .lm)
        },
        BadFit(message: "row 1 of 'y' has label 3; the logistic loss needs labels 0/1 or -1/+1") {
            _ = try fit(try FormulaModel(parsing: "a*x", columns: ["x", "y"]), to: quadratic, target: "y", loss: .logistic)
        },
        BadFit(message: "the target column 'x' is also used by the model; a model cannot take its own target as input") {
            _ = try fit(try FormulaModel(parsing: "a*x", columns: ["x", "y"]), to: quadratic, target: "x")
        },
        BadFit(message: "data: there is no column named 'yy' (did you mean 'y'?); the columns are: x, y") {
            _ = try fit(try FormulaModel(parsing: "a*x", columns: ["x", "y"]), to: quadratic, target: "yy")
        },
        BadFit(message: "invalid bounds for 'a': the start 5 lies outside [0, 1]") {
            var options = FitOptions()
            options.start = ["a": 5]
            options.bounds = ["a": ParameterBounds(lower: 0, upper: 1)]
            _ = try fit(try FormulaModel(parsing: "a*x", columns: ["x", "y"]), to: quadratic, options: options)
        },
    ]

    @Test(arguments: badFits) func badInputIsATypedError(_ bad: BadFit) {
        do {
            try bad.run()
            Issue.record("expected an error")
        } catch {
            #expect("\(error)" == bad.message)
        }
    }
}

@Suite("Saved fitted models")
struct FittedModelTests {
    @Test func savedModelPredictsExactlyWhatTheFitGives() throws {
        let data = FitTests.quadratic
        let model = try FormulaModel(parsing: "a*exp(-x/k) + c*sin(x)", columns: data.columnNames)
        var options = FitOptions()
        options.start = ["k": 5]
        let result = try fit(model, to: data, options: options)
        let saved = FittedModel(result)
        let loaded = try FittedModel(jsonData: saved.jsonData())
        #expect(loaded == saved)
        #expect(loaded.parameters.values.allSatisfy { $0.isFinite })
        let predicted = try loaded.predict(data)
        let x = try data.column(named: "x")
        for (i, value) in predicted.enumerated() {
            let direct = try model.expression.evaluate(at: ["x": x[i], "a": result["a"]!, "k": result["k"]!, "c": result["c"]!])
            expectClose(value, direct, relativeTolerance: 1e-15)
        }
        #expect(saved.standardErrors?.count == 3 && saved.statistics.samples == 20)
    }

    @Test func malformedFilesAreTypedErrors() {
        #expect(throws: FitError.invalidSavedModel("not a saved model (invalid JSON)")) {
            try FittedModel(jsonData: Data("{".utf8))
        }
        #expect(throws: FitError.invalidSavedModel("cannot read '/nonexistent.json'")) {
            try FittedModel(contentsOf: "/nonexistent.json")
        }
    }
}
