/// The command line of one subcommand, split into options and positional
/// arguments but not yet interpreted.
struct ScannedArguments: Sendable, Equatable {
    /// Positional arguments in order.
    var positionals: [String] = []
    /// Values of valued options, keyed by long name, in command-line order.
    var values: [String: [String]] = [:]
    /// Long names of the flags that were given.
    var flags: Set<String> = []

    /// The last value given for `option` (a repeated single-valued option
    /// keeps its last value, as in swift-argument-parser).
    func value(_ option: String) -> String? { values[option]?.last }

    /// Every value given for a repeatable `option`.
    func allValues(_ option: String) -> [String] { values[option] ?? [] }

    /// Whether the flag `option` was given.
    func contains(flag option: String) -> Bool { flags.contains(option) }
}

/// Splits a subcommand's arguments according to its configuration.
///
/// Rules, following swift-argument-parser where it has one:
/// - `--name value` and `--name=value` set an option; flags take no value.
/// - `-h` / `--help` anywhere before `--` asks for help (checked by
///   ``requestsHelp(_:)`` before scanning, so errors never hide help).
/// - Everything after `--` is positional, so `sym eval -- -x` works.
/// - `-` alone is positional (it means standard input).
/// - A token with one dash that looks like an option name (`-x`, `-ttle`) is
///   an unknown option; one that cannot be an option name (`-2*x`, `-x^2`,
///   `-sin(y)`) is a positional expression.
enum ArgumentScanner {
    /// Whether `arguments` ask for help (`-h` or `--help` before any `--`).
    static func requestsHelp(_ arguments: [String]) -> Bool {
        for argument in arguments {
            if argument == "--" { return false }
            if argument == "--help" || argument == "-h" { return true }
        }
        return false
    }

    /// Scans `arguments` for the command described by `configuration`.
    ///
    /// - Throws: ``UsageError`` for unknown options, missing option values,
    ///   a value given to a flag, and surplus positional arguments.
    static func scan(_ arguments: [String], for configuration: CommandConfiguration) throws(UsageError) -> ScannedArguments {
        var result = ScannedArguments()
        var index = 0
        var onlyPositionals = false
        while index < arguments.count {
            let token = arguments[index]
            index += 1
            if onlyPositionals || !isOptionLike(token) {
                result.positionals.append(token)
                continue
            }
            if token == "--" {
                onlyPositionals = true
                continue
            }
            // Split an attached value: --format=json.
            var name = token
            var attachedValue: String? = nil
            if token.hasPrefix("--"), let equals = token.firstIndex(of: "=") {
                name = String(token[..<equals])
                attachedValue = String(token[token.index(after: equals)...])
            }
            guard let option = configuration.option(named: name) else {
                throw .unknownOption(name, suggestion: suggestion(for: name, in: configuration))
            }
            if option.isFlag {
                if let attachedValue { throw .valueForFlag(option.name, value: attachedValue) }
                result.flags.insert(option.name)
                continue
            }
            let value: String
            if let attachedValue {
                value = attachedValue
            } else if index < arguments.count, !startsKnownOption(arguments[index], configuration) {
                value = arguments[index]
                index += 1
            } else {
                throw .missingValue(option.synopsis)
            }
            result.values[option.name, default: []].append(value)
        }
        if result.positionals.count > configuration.arguments.count {
            throw .unexpectedArguments(Array(result.positionals[configuration.arguments.count...]))
        }
        return result
    }

    /// Whether `token` is read as an option (or the `--` separator) rather
    /// than a positional argument.
    static func isOptionLike(_ token: String) -> Bool {
        if token.hasPrefix("--") { return true }
        guard token.hasPrefix("-"), token.count > 1 else { return false }
        // One dash: an option only if the rest could be an option name.
        let rest = token.dropFirst()
        guard let first = rest.first, first.isASCII, first.isLetter else { return false }
        return rest.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
    }

    /// For `-f` (one dash, one letter): the long options starting with `f`,
    /// case-insensitively, joined as `--file' or '--format` (the caller
    /// quotes the whole); `nil` for other tokens or no match.
    static func letterSuggestion(for name: String, among longNames: [String]) -> String? {
        guard name.count == 2, name.hasPrefix("-"), let letter = name.last?.lowercased() else { return nil }
        let matches = longNames.filter { $0.hasPrefix("--" + letter) }
        return matches.isEmpty ? nil : matches.joined(separator: "' or '")
    }

    /// Whether `token` names an option of this command (or help), in which
    /// case it cannot be the value of the option before it.
    private static func startsKnownOption(_ token: String, _ configuration: CommandConfiguration) -> Bool {
        guard isOptionLike(token) else { return false }
        let name = token.split(separator: "=", maxSplits: 1).first.map(String.init) ?? token
        return name == "--" || name == "--help" || name == "-h" || configuration.option(named: name) != nil
    }

    /// The option spelling closest to the unknown `name`, compared without
    /// leading dashes so that `-format` suggests `--format`; a one-letter
    /// short option such as `-f` suggests the long options that start with
    /// that letter (`--file' or '--format`).
    static func suggestion(for name: String, in configuration: CommandConfiguration) -> String? {
        if let letters = letterSuggestion(for: name, among: configuration.options.map(\.name) + ["--help"]) {
            return letters
        }
        var spellings = configuration.options.map(\.name) + ["--help"]
        spellings += configuration.options.compactMap(\.shortName)
        let stripped = { (s: String) in String(s.drop { $0 == "-" }) }
        guard let match = SymCLI.suggestion(for: stripped(name), among: spellings.map(stripped)) else { return nil }
        return spellings.first { stripped($0) == match }
    }
}
