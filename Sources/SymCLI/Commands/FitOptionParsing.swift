import Symbolic

/// The option values of `sym fit` that have their own syntax: parameter
/// lists (`--fix a,b`), bounds (`--bounds b1=0:inf,b2=-1:1`) and counts.
enum FitOptionParsing {
    /// `--fix NAME,...` (repeatable): the names, each once.
    static func names(_ arguments: ScannedArguments, option: OptionDefinition) throws(UsageError) -> [String] {
        var names: [String] = []
        for value in arguments.allValues(option.name) {
            for piece in value.split(separator: ",", omittingEmptySubsequences: false) {
                let name = piece.trimmingSpaces()
                guard CommonOptions.isIdentifier(name) else {
                    throw .invalidValue(value, option: option.synopsis, expected: "parameter names separated by commas, e.g. a,b")
                }
                if !names.contains(name) { names.append(name) }
            }
        }
        return names
    }

    /// `--bounds NAME=LOW:HIGH,...` (repeatable). Either side may be empty
    /// or `inf`/`-inf` for no bound: `k=0:` keeps k non-negative.
    static func bounds(_ arguments: ScannedArguments, option: OptionDefinition) throws(UsageError) -> [String: ParameterBounds] {
        var bounds: [String: ParameterBounds] = [:]
        for value in arguments.allValues(option.name) {
            for piece in value.split(separator: ",", omittingEmptySubsequences: false) {
                let expected = "name=low:high, e.g. k=0:inf or b=-1:1"
                let parts = piece.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let name = parts[0].trimmingSpaces()
                guard parts.count == 2, CommonOptions.isIdentifier(name) else {
                    throw .invalidValue(String(piece), option: option.synopsis, expected: expected)
                }
                let sides = parts[1].split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
                guard sides.count == 2 else { throw .invalidValue(String(piece), option: option.synopsis, expected: expected) }
                func side(_ text: Substring, _ missing: Double) -> Double? {
                    let trimmed = text.trimmingSpaces()
                    return trimmed.isEmpty ? missing : Double(trimmed)
                }
                guard let lower = side(sides[0], -.infinity), let upper = side(sides[1], .infinity),
                      !lower.isNaN, !upper.isNaN else {
                    throw .invalidValue(String(piece), option: option.synopsis, expected: "numbers (or inf) on both sides of ':'")
                }
                guard lower <= upper, lower < .infinity, upper > -.infinity else {
                    throw .invalidValue(String(piece), option: option.synopsis, expected: "a lower bound at most the upper bound")
                }
                guard bounds[name] == nil else {
                    throw .invalidValue(String(piece), option: option.synopsis, expected: "each parameter once ('\(name)' is repeated)")
                }
                bounds[name] = ParameterBounds(lower: lower, upper: upper)
            }
        }
        return bounds
    }

    /// A non-negative (or, with `minimum: 1`, positive) integer option.
    static func count(_ arguments: ScannedArguments, _ option: OptionDefinition, minimum: Int = 0) throws(UsageError) -> Int? {
        guard let text = arguments.value(option.name) else { return nil }
        guard let value = Int(text), value >= minimum else {
            throw .invalidValue(text, option: option.synopsis,
                                expected: minimum == 0 ? "a non-negative integer" : "a positive integer")
        }
        return value
    }

    /// A finite number option with a lower limit (`positive` excludes it).
    static func number(_ arguments: ScannedArguments, _ option: OptionDefinition, positive: Bool) throws(UsageError) -> Double? {
        guard let text = arguments.value(option.name) else { return nil }
        guard let value = Double(text), value.isFinite, positive ? value > 0 : value >= 0 else {
            throw .invalidValue(text, option: option.synopsis, expected: positive ? "a positive number" : "a non-negative number")
        }
        return value
    }

    /// An option naming one case of `T` by its raw value.
    static func choice<T: RawRepresentable & CaseIterable>(_ arguments: ScannedArguments, _ option: OptionDefinition,
                                                           _ type: T.Type) throws(UsageError) -> T? where T.RawValue == String {
        guard let text = arguments.value(option.name) else { return nil }
        guard let value = T(rawValue: text) else {
            throw .invalidValue(text, option: option.synopsis,
                                expected: "one of \(T.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return value
    }
}
