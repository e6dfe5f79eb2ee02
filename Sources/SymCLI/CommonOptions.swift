import Symbolic

/// The output formats `sym` can write.
enum OutputFormat: String, CaseIterable, Sendable {
    /// Human-readable text (the default).
    case text
    /// One JSON object, with the key order documented per command.
    case json
    /// LaTeX math.
    case latex

    /// A `--format` option accepting `formats`.
    static func option(_ formats: [OutputFormat] = OutputFormat.allCases) -> OptionDefinition {
        let names = formats.map(\.rawValue)
        let list = names.count == 2 ? "\(names[0]) or \(names[1])"
            : names.dropLast().joined(separator: ", ") + " or " + names.last!
        return OptionDefinition("--format", value: "format", help: "Output format: \(list).", default: "text")
    }

    /// The `--format` value, checked against `allowed`.
    static func parse(_ arguments: ScannedArguments, allowed: [OutputFormat] = OutputFormat.allCases) throws(UsageError) -> OutputFormat {
        guard let text = arguments.value("--format") else { return .text }
        guard let format = OutputFormat(rawValue: text), allowed.contains(format) else {
            let names = allowed.map(\.rawValue).joined(separator: ", ")
            throw .invalidValue(text, option: "--format <format>", expected: "one of \(names)")
        }
        return format
    }
}

/// Parsers for the option values several commands share.
enum CommonOptions {
    /// `--wrt`: the variables to differentiate by.
    static func wrtOption(_ help: String) -> OptionDefinition {
        OptionDefinition("--wrt", value: "variables", help: help)
    }

    /// `--order`: how many times to differentiate.
    static let orderOption = OptionDefinition(
        "--order", value: "order", help: "Differentiate this many times (1 to \(maximumOrder)).", default: "1")

    /// `--raw`: print derivatives as the rules build them.
    static let rawOption = OptionDefinition(
        "--raw", value: nil,
        help: "Print derivatives as the differentiation rules build them, without the normalisation that keeps them small.")

    /// The form `--raw` selects.
    static func derivativeForm(_ arguments: ScannedArguments) -> DerivativeForm {
        arguments.contains(flag: "--raw") ? .raw : .normalized
    }

    /// The largest `--order` accepted; higher derivatives of ordinary
    /// expressions grow so large that they would look like a hang.
    static let maximumOrder = 100

    /// The `--wrt` list (`a,b,c`), or `nil` when the option is absent.
    ///
    /// - Throws: ``UsageError/invalidValue(_:option:expected:)`` for an empty
    ///   list, a name that is not an identifier, or a repeated name.
    static func variables(_ arguments: ScannedArguments) throws(UsageError) -> [String]? {
        guard let text = arguments.value("--wrt") else { return nil }
        var names: [String] = []
        for piece in text.split(separator: ",", omittingEmptySubsequences: false) {
            let name = piece.trimmingSpaces()
            guard isIdentifier(name) else {
                throw .invalidValue(text, option: "--wrt <variables>", expected: "variable names separated by commas, e.g. x,y")
            }
            guard !isConstantName(name) else {
                throw .invalidValue(text, option: "--wrt <variables>", expected: "variable names ('\(name)' is a constant)")
            }
            guard !names.contains(name) else {
                throw .invalidValue(text, option: "--wrt <variables>", expected: "each variable once ('\(name)' is repeated)")
            }
            names.append(name)
        }
        return names
    }

    /// The `--order` value (1 when absent).
    static func order(_ arguments: ScannedArguments) throws(UsageError) -> Int {
        guard let text = arguments.value("--order") else { return 1 }
        guard let order = Int(text), (1...maximumOrder).contains(order) else {
            throw .invalidValue(text, option: "--order <order>", expected: "an integer from 1 to \(maximumOrder)")
        }
        return order
    }

    /// Fails on an empty list of variables to differentiate by (a constant
    /// expression without `--wrt`), which would print nothing.
    static func requireVariables(_ variables: [String]) throws(CommandError) {
        guard variables.isEmpty else { return }
        throw .failure("the expression has no variables to differentiate by; name them with --wrt")
    }

    /// Whether `name` is one of the parser's constants (`pi`, `e`), which
    /// cannot be given values or differentiated by.
    static func isConstantName(_ name: String) -> Bool { name == "pi" || name == "e" }

    /// Whether `name` can be a variable: a letter or `_`, then letters,
    /// digits or `_`.
    static func isIdentifier(_ name: String) -> Bool {
        guard let first = name.first, first.isLetter || first == "_" else { return false }
        return name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
    }
}

extension Substring {
    /// The text without leading and trailing spaces and tabs.
    func trimmingSpaces() -> String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
