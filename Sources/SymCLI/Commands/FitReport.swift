import Foundation
import Symbolic

/// The outputs of `sym fit`: the JSON object of the documented contract
/// and a readable report in the manner of lmfit's `fit_report`.
enum FitReport {
    /// `{"parameters": {...}, "standard_errors": {...}, "loss": ..., "rss": ...,
    /// "iterations": ..., "method": ..., "converged": ..., "reason": ...}`;
    /// standard errors only for the squared loss and free parameters.
    static func json(_ result: FitResult) -> JSONValue {
        let names = result.model.parameters
        var members: [(String, JSONValue)] = [
            ("parameters", .object(zip(names, result.values).map { ($0, .number($1)) })),
        ]
        if let errors = result.standardErrors {
            let free = names.indices.filter { result.freeParameters.contains(names[$0]) }
            members.append(("standard_errors", .object(free.map { (names[$0], .number(errors[$0])) })))
        }
        members += [
            ("loss", .number(result.objective)),
            ("rss", .number(result.rss)),
            ("iterations", .integer(result.iterations)),
            ("method", .string(result.method.rawValue)),
            ("converged", .bool(result.converged)),
            ("reason", .string(result.stopReason.description)),
        ]
        return .object(members)
    }

    /// The text report: how the method stopped, a parameter table with
    /// standard errors and relative errors, then the fit statistics.
    ///
    ///     lm converged after 6 iterations: relative step below tolerance
    ///     parameter  value                  standard error          relative error
    ///     b1         238.94212918329846     2.7070075241498245      1.13%
    ///     ...
    static func text(_ result: FitResult) -> [String] {
        let verb = result.converged ? "converged" : "stopped"
        let plural = result.iterations == 1 ? "" : "s"
        var lines = ["\(result.method.rawValue) \(verb) after \(result.iterations) iteration\(plural): "
                     + result.stopReason.explanation]
        let names = result.model.parameters
        let values = result.values.map(NumberFormatting.text)
        let errors: [String] = names.indices.map { k in
            guard result.freeParameters.contains(names[k]) else { return "(fixed)" }
            guard let error = result.standardErrors?[k] else { return "" }
            return NumberFormatting.text(error)
        }
        let relative: [String] = names.indices.map { k in
            guard let error = result.standardErrors?[k], error.isFinite, result.values[k] != 0,
                  result.freeParameters.contains(names[k]) else { return "" }
            return String(format: "%.3g%%", 100 * error / Swift.abs(result.values[k]))
        }
        let hasErrors = result.standardErrors != nil || errors.contains("(fixed)")
        let header = hasErrors ? ["parameter", "value", "standard error", "relative error"] : ["parameter", "value"]
        var rows = [header]
        for k in names.indices { rows.append(hasErrors ? [names[k], values[k], errors[k], relative[k]] : [names[k], values[k]]) }
        let widths = header.indices.map { column in rows.map { $0[column].count }.max()! }
        for row in rows {
            let cells = row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell.padding(toLength: widths[column] + 2, withPad: " ", startingAt: 0)
            }
            lines.append(cells.joined().trimmingTrailingSpaces())
        }
        lines.append("loss = \(NumberFormatting.text(result.objective)) (\(result.loss) loss, mean over \(result.sampleCount) samples)")
        lines.append("rss = \(NumberFormatting.text(result.rss))")
        // Residual statistics describe a regression; for a classifier's
        // scores or probabilities they would mislead.
        if result.loss == .squared && result.residualStandardDeviation.isFinite {
            lines.append("residual standard deviation = \(NumberFormatting.text(result.residualStandardDeviation)) "
                         + "(\(result.degreesOfFreedom) degrees of freedom)")
        }
        if result.loss == .squared && result.rSquared.isFinite { lines.append("r^2 = \(NumberFormatting.text(result.rSquared))") }
        lines.append("evaluations = \(result.evaluations)")
        return lines
    }
}

extension String {
    /// The text without trailing spaces.
    func trimmingTrailingSpaces() -> String {
        var text = Substring(self)
        while text.last == " " { text.removeLast() }
        return String(text)
    }
}
