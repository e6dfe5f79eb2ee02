import Foundation
import Symbolic

/// Where a command's expression text comes from: the `<expression>` argument,
/// `--file PATH`, or standard input (`-` as either).
///
/// Long inputs (generated expressions with thousands of terms) are better
/// passed through a file or a pipe than on the command line.
enum ExpressionInput: Equatable {
    /// Text given on the command line.
    case text(String)
    /// A file to read.
    case file(String)
    /// Standard input.
    case standardInput

    /// The `<expression>` positional argument.
    static let argument = ArgumentDefinition(
        name: "expression",
        help: "The expression, e.g. 'x^2*y + y + 2'. '-' reads it from standard input.",
        isOptional: false)

    /// The `--file` option.
    static let fileOption = OptionDefinition(
        "--file", value: "path",
        help: "Read the expression from a file instead of the argument; '-' reads standard input.")

    /// Picks the input from the scanned arguments.
    ///
    /// - Throws: ``UsageError`` when neither or both of `<expression>` and
    ///   `--file` are given.
    init(_ arguments: ScannedArguments) throws(UsageError) {
        let positional = arguments.positionals.first
        let path = arguments.value(ExpressionInput.fileOption.name)
        switch (positional, path) {
        case (nil, nil):
            throw .missingArgument(ExpressionInput.argument.synopsis)
        case (.some, .some):
            throw .conflict("give the expression either as an argument or with --file, not both")
        case (let text?, nil):
            self = text == "-" ? .standardInput : .text(text)
        case (nil, let path?):
            self = path == "-" ? .standardInput : .file(path)
        }
    }

    /// Reads the expression text. Text from a file or standard input loses
    /// its trailing whitespace (the final newline), so that an error at the
    /// end of the input points just after the last character.
    func read(console: inout Console) throws(CommandError) -> String {
        switch self {
        case .text(let text):
            return text
        case .file(let path):
            return ExpressionInput.trimmingTrailingWhitespace(try ExpressionInput.readFile(path))
        case .standardInput:
            return ExpressionInput.trimmingTrailingWhitespace(try console.readStandardInput())
        }
    }

    /// Reads and parses one expression.
    func expression(console: inout Console) throws(CommandError) -> Symbolic.Expression {
        try ExpressionReader.parse(read(console: &console), functions: console.functions)
    }

    /// Reads and parses one expression, and lists its variables in the order
    /// they are first written in the input (the default variable order).
    func expressionAndVariables(console: inout Console) throws(CommandError) -> (Symbolic.Expression, [String]) {
        let text = try read(console: &console)
        let expression = try ExpressionReader.parse(text, functions: console.functions)
        return (expression, ExpressionInput.variables(of: [expression], writtenIn: text))
    }

    /// Reads and parses a `;`-separated list of expressions, with their
    /// variables in the order they are first written in the input.
    func expressionListAndVariables(console: inout Console) throws(CommandError) -> ([Symbolic.Expression], [String]) {
        let text = try read(console: &console)
        let outputs = try ExpressionReader.parseList(text, functions: console.functions)
        return (outputs, ExpressionInput.variables(of: outputs, writtenIn: text))
    }

    /// The variables that survive canonicalisation (`x - x + y` has only
    /// `y`), in the order the text first names them.
    private static func variables(of expressions: [Symbolic.Expression], writtenIn text: String) -> [String] {
        let present = Set(expressions.flatMap(\.variables))
        return Symbolic.Expression.variableNames(appearingIn: text).filter(present.contains)
    }

    /// Reads and parses a `;`-separated list of expressions.
    func expressionList(console: inout Console) throws(CommandError) -> [Symbolic.Expression] {
        try ExpressionReader.parseList(read(console: &console), functions: console.functions)
    }

    /// The contents of the file at `path` as UTF-8 text.
    static func readFile(_ path: String) throws(CommandError) -> String {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            let reason = FileManager.default.fileExists(atPath: path) ? "the file is not readable" : "no such file"
            throw .unreadableFile(path: path, reason: reason)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .unreadableFile(path: path, reason: "the file is not valid UTF-8 text")
        }
        return text
    }

    private static func trimmingTrailingWhitespace(_ text: String) -> String {
        var text = Substring(text)
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return String(text)
    }
}
