/// A problem with a fit's inputs: the model, the data, the options.
///
/// Descriptions are fragments that read well after "error: " and name the
/// offending parameter, column or option.
public enum FitError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The model text does not parse.
    case parse(ParseError, text: String)
    /// The model has no outputs.
    case noOutputs
    /// Every variable of the model is a data column.
    case noParameters
    /// Parameters written in the model text cancel out of it (`a*x + b - b`),
    /// so the loss does not depend on them; `simplified` is what remains.
    case parametersCancel([String], simplified: String)
    /// A name is listed twice, or as both input and parameter.
    case duplicateName(String)
    /// A formula uses a variable that is neither an input nor a parameter.
    case unknownVariable(String)
    /// Options name parameters the model does not have (so they cannot
    /// appear in the loss).
    case unknownParameters([String], suggestions: [String?])
    /// Every parameter is fixed: nothing is left to fit.
    case allParametersFixed
    /// A data problem (missing column, bad file).
    case data(DataError)
    /// The target column is also a model input.
    case targetIsInput(String)
    /// The target expression does not parse or uses names that are not columns.
    case invalidTarget(String, reason: String)
    /// The data has no rows.
    case noSamples
    /// A label the loss does not accept.
    case invalidLabel(loss: FitLoss, value: Double, row: Int, column: String)
    /// A start value is NaN or infinite.
    case nonFiniteStart(String)
    /// A bound is malformed (lower above upper, NaN) or the start lies outside it.
    case invalidBounds(String, reason: String)
    /// The method cannot minimise this loss (Levenberg–Marquardt needs the squared loss).
    case unsupportedMethod(FitMethod, loss: FitLoss)
    /// An option is out of range.
    case invalidOption(option: String, reason: String)
    /// Fewer samples than free parameters for least squares.
    case tooFewSamples(samples: Int, parameters: Int)
    /// The compiler refused the model (not expected; reported, not trapped).
    case compilation(CompilationError)
    /// A saved model file is unreadable or malformed.
    case invalidSavedModel(String)

    /// `value` as the shortest text that reads back exactly, without a trailing `.0`.
    /// What `loss` needs of its labels: `the logistic loss needs labels 0/1 or -1/+1`.
    static func labelRequirement(_ loss: FitLoss) -> String {
        let expected = loss == .crossEntropy ? "a probability between 0 and 1" : "labels 0/1 or -1/+1"
        return "the \(loss) loss needs \(expected)"
    }

    /// For an invalid label in a column read from CSV, the data error that
    /// names its file, line and column (`data.csv:3:3: the value '2' for
    /// 'y' is not a valid label; …`); any other error unchanged.
    func located(in data: DataTable) -> FitError {
        guard case .invalidLabel(let loss, let value, let row, let column) = self,
              let place = data.place(ofRow: row, column: column) else { return self }
        return .data(DataError(.invalidLabel(FitError.text(value), column: column, requirement: FitError.labelRequirement(loss)),
                               source: data.source, line: place.line, column: place.column))
    }

    static func text(_ value: Double) -> String {
        let text = value.description
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }

    /// A fragment that reads well after "error: ".
    public var description: String {
        switch self {
        case .parse(let error, _):
            return "the model does not parse: \(error)"
        case .noOutputs:
            return "the model has no formula"
        case .noParameters:
            return "the model has no parameters to fit: every variable in it is a data column"
        case .parametersCancel(let names, let simplified):
            let quoted = names.map { "'\($0)'" }.joined(separator: ", ")
            let (noun, verb) = names.count == 1 ? ("parameter", "cancels") : ("parameters", "cancel")
            return "\(noun) \(quoted) \(verb) out of the model (it simplifies to \(simplified)), "
                + "so the loss does not depend on \(names.count == 1 ? "it" : "them"); rewrite the model without \(names.count == 1 ? "it" : "them")"
        case .duplicateName(let name):
            return "'\(name)' is listed twice among the model's inputs and parameters"
        case .unknownVariable(let name):
            return "the model uses '\(name)', which is neither a data column nor a parameter"
        case .unknownParameters(let names, let suggestions):
            let parts = zip(names, suggestions).map { name, suggestion in
                "'\(name)'" + (suggestion.map { " (did you mean '\($0)'?)" } ?? "")
            }
            let noun = names.count == 1 ? "parameter" : "parameters"
            return "\(noun) \(parts.joined(separator: ", ")) \(names.count == 1 ? "does" : "do") not appear in the model"
        case .allParametersFixed:
            return "every parameter is fixed; leave at least one free to fit"
        case .data(let error):
            return error.description
        case .targetIsInput(let name):
            return "the target column '\(name)' is also used by the model; a model cannot take its own target as input"
        case .invalidTarget(let text, let reason):
            return "invalid target '\(text)': \(reason)"
        case .noSamples:
            return "the data has no rows to fit"
        case .invalidLabel(let loss, let value, let row, let column):
            return "row \(row + 1) of '\(column)' has label \(FitError.text(value)); \(FitError.labelRequirement(loss))"
        case .nonFiniteStart(let name):
            return "the starting value of '\(name)' is not a finite number"
        case .invalidBounds(let name, let reason):
            return "invalid bounds for '\(name)': \(reason)"
        case .unsupportedMethod(let method, let loss):
            return "method '\(method.rawValue)' minimises sums of squares only; the \(loss) loss needs another method, "
                + "e.g. newton, bfgs or adam"
        case .invalidOption(let option, let reason):
            return "invalid option \(option): \(reason)"
        case .tooFewSamples(let samples, let parameters):
            return "\(parameters) free parameters cannot be determined from \(samples) samples"
        case .compilation(let error):
            return "cannot compile the model: \(error)"
        case .invalidSavedModel(let reason):
            return "invalid saved model: \(reason)"
        }
    }
}
