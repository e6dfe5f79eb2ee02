import Foundation
import Symbolic

extension String {
    /// The string with the first occurrence of `target` replaced.
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}

/// A mistake in how `sym` was invoked. Reported with the command's usage line
/// and a help hint; exit status 64 (`EX_USAGE`).
///
/// Descriptions are fragments that read well after `error: `.
enum UsageError: Error, Equatable, CustomStringConvertible {
    /// An option the command does not have, with a likely intended spelling.
    case unknownOption(String, suggestion: String?)
    /// A subcommand `sym` does not have, with a likely intended spelling.
    case unknownSubcommand(String, suggestion: String?)
    /// A valued option at the end of the line or followed by another option.
    case missingValue(String)
    /// `--flag=value` for an option that takes no value.
    case valueForFlag(String, value: String)
    /// More positional arguments than the command takes.
    case unexpectedArguments([String])
    /// A required positional argument is absent.
    case missingArgument(String)
    /// An option value that does not fit the option; `expected` says what would.
    case invalidValue(String, option: String, expected: String)
    /// Two options or arguments that cannot be combined.
    case conflict(String)
    /// Bad input met while reading an option's value, such as an
    /// unreadable `--at @FILE`: reported like the ``CommandError`` it
    /// carries, without the usage line, with exit status 1.
    case badInput(CommandError)

    var description: String {
        switch self {
        case .unknownOption(let name, let suggestion):
            if let suggestion { return "unknown option '\(name)'. Did you mean '\(suggestion)'?" }
            if !name.hasPrefix("--") {
                return "unknown option '\(name)'; to pass an expression that starts with '-', put '--' before it"
            }
            return "unknown option '\(name)'"
        case .unknownSubcommand(let name, let suggestion):
            if let suggestion { return "unknown subcommand '\(name)'. Did you mean '\(suggestion)'?" }
            return "unknown subcommand '\(name)'"
        case .missingValue(let option):
            return "missing value for '\(option)'"
        case .valueForFlag(let option, let value):
            return "the option '\(option)' does not take a value, but '\(value)' was given"
        case .unexpectedArguments(let arguments):
            let quoted = arguments.map { "'\($0)'" }.joined(separator: ", ")
            return arguments.count == 1 ? "unexpected argument \(quoted)" : "\(arguments.count) unexpected arguments: \(quoted)"
        case .missingArgument(let argument):
            return "missing expected argument '\(argument)'"
        case .invalidValue(let value, let option, let expected):
            return "the value '\(value)' is invalid for '\(option)': expected \(expected)"
        case .conflict(let message):
            return message
        case .badInput(let error):
            return error.description
        }
    }
}

/// An input or runtime failure of a command (bad expression, unbound
/// variable, unreadable file). Exit status 1.
///
/// Descriptions are fragments that read well after `error: `.
enum CommandError: Error, Equatable, CustomStringConvertible {
    /// The expression text did not parse; shown with the input and a caret.
    case parse(ParseError, input: String)
    /// Evaluation needed a value that was not given.
    case evaluation(EvaluationError)
    /// A `--at` value that is not a finite number.
    case nonFiniteValue(variable: String, text: String)
    /// A file that could not be read.
    case unreadableFile(path: String, reason: String)
    /// Standard input is not valid UTF-8 text.
    case unreadableStandardInput
    /// Two inputs both asked for standard input.
    case standardInputReadTwice
    /// Any other failure, described in full.
    case failure(String)
    /// A `--define` that cannot be defined; `origin` is `--define` or
    /// `FILE, line N`. Shown with the definition and a caret.
    case definition(DefinitionError, text: String, origin: String)

    var description: String {
        switch self {
        case .parse(let error, let input):
            // In input of several lines, name the line and the column in it.
            if let location = ExpressionReader.location(ofColumn: error.column, in: input) {
                return error.description.replacingFirst(" at column \(error.column)",
                                                        with: " at line \(location.line), column \(location.column)")
            }
            return error.description
        case .evaluation(.unboundVariable(let name)):
            return "no value given for variable '\(name)'; add it to --at, e.g. --at \(name)=1"
        case .nonFiniteValue(let variable, let text):
            return "the value of '\(variable)' must be a finite number, not '\(text)'"
        case .unreadableFile(let path, let reason):
            return "cannot read '\(path)': \(reason)"
        case .unreadableStandardInput:
            return "standard input is not valid UTF-8 text"
        case .standardInputReadTwice:
            return "standard input ('-') can only be used for one input"
        case .failure(let message):
            return message
        case .definition(let error, _, let origin):
            return "in \(origin): \(error)"
        }
    }
}
