import Foundation
import Symbolic

/// The outputs of `sym fit --model`: the JSON object of the documented
/// contract and a short text report.
struct NetworkFitReport {
    let session: NetworkFitSession
    let result: TrainingResult
    let method: OptimizationMethod

    /// Training accuracy (classifiers).
    var accuracy: Double? { session.trainer.accuracy(at: result.parameters) }
    /// Validation accuracy (classifiers with a validation split).
    var validationAccuracy: Double? { session.trainer.validationAccuracy(at: result.parameters) }
    /// R² on the training samples (regression).
    var rSquared: Double? { session.trainer.rSquared(at: result.parameters) }

    /// `{"parameters": {"W1_1_1": …, …}, "loss": …, "accuracy": …,
    /// "validation_loss": …, "validation_accuracy": …, "r2": …, "epochs": …,
    /// "best_epoch": …, "updates": …, "method": …, "reason": …}`; `loss` is
    /// the training objective (mean loss plus L2 penalty) at the returned
    /// parameters; accuracy for classifiers, r2 for regression, validation
    /// members with --validation.
    func json() -> JSONValue {
        let names = session.trainer.network.parameters.variableNames
        var members: [(String, JSONValue)] = [
            ("parameters", .object(zip(names, result.parameters).map { ($0, .number($1)) })),
            ("loss", .number(result.loss)),
        ]
        if let accuracy { members.append(("accuracy", .number(accuracy))) }
        if let validationLoss = result.validationLoss { members.append(("validation_loss", .number(validationLoss))) }
        if let validationAccuracy { members.append(("validation_accuracy", .number(validationAccuracy))) }
        if let rSquared { members.append(("r2", .number(rSquared))) }
        members += [
            ("epochs", .integer(result.epochs)),
            ("best_epoch", .integer(result.bestEpoch)),
            ("updates", .integer(result.updates)),
            ("method", .string(method.rawValue)),
            ("reason", .string(result.stopReason.description)),
        ]
        return .object(members)
    }

    /// The text report:
    ///
    ///     adam: 1000 epochs; all epochs done
    ///     network: 2 inputs, 8 tanh, 2 outputs (cross-entropy); 42 parameters
    ///     loss = 0.0648 (mean cross-entropy over 200 samples)
    ///     accuracy = 0.97 (194 of 200)
    ///
    /// and a parameter table for models of at most 20 parameters.
    func text() -> [String] {
        let trainer = session.trainer, network = trainer.network
        let plural = result.epochs == 1 ? "" : "s"
        var head = "\(method.rawValue): \(result.epochs) epoch\(plural); \(result.stopReason.explanation)"
        if result.bestEpoch != result.epochs { head += "; parameters of epoch \(result.bestEpoch)" }
        var lines = [head]
        var layers = ["\(network.inputCount) input\(network.inputCount == 1 ? "" : "s")"]
        if case .polynomial(let degree) = network.features { layers[0] += " (powers 1 to \(degree))" }
        for layer in network.layers.dropLast() { layers.append("\(layer.unitCount) \(layer.activation)") }
        let outputs = network.outputCount
        layers.append("\(outputs) output\(outputs == 1 ? "" : "s") (\(trainer.loss))")
        lines.append("network: " + layers.joined(separator: ", ") + "; \(network.parameters.count) parameters")
        if network.parameters.count <= 20 {
            let names = network.parameters.variableNames
            let width = names.map(\.count).max()! + 2
            for (name, value) in zip(names, result.parameters) {
                lines.append(name.padding(toLength: width, withPad: " ", startingAt: 0) + NumberFormatting.text(value))
            }
        }
        let penalty = trainer.options.l2 > 0 ? " plus L2 penalty" : ""
        lines.append("loss = \(NumberFormatting.text(result.loss)) (mean \(NetworkFitReport.lossName(trainer.loss)) over "
                     + "\(trainer.trainingSampleCount) samples\(penalty))")
        if let accuracy {
            let correct = Int((accuracy * Double(trainer.trainingSampleCount)).rounded())
            lines.append("accuracy = \(NumberFormatting.text(accuracy)) (\(correct) of \(trainer.trainingSampleCount))")
        }
        if let rSquared { lines.append("r^2 = \(NumberFormatting.text(rSquared))") }
        if let validationLoss = result.validationLoss {
            var line = "validation loss = \(NumberFormatting.text(validationLoss))"
            if let validationAccuracy { line += ", accuracy = \(NumberFormatting.text(validationAccuracy))" }
            lines.append(line + " (\(trainer.validationSampleCount) samples)")
        }
        return lines
    }

    /// "cross-entropy", "squared error", "logistic loss", "hinge loss".
    static func lossName(_ loss: Loss) -> String {
        switch loss {
        case .crossEntropy: return "cross-entropy"
        case .meanSquaredError: return "squared error"
        case .logistic: return "logistic loss"
        case .hinge: return "hinge loss"
        }
    }
}
