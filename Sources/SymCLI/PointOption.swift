import Foundation
import Symbolic

/// The `--at` option (and `minimize`'s `--from`): values for variables, as
/// `x=3,y=4` or repeated `--at x=3 --at y=4`. A value is a number or a
/// constant expression (`x=pi/4`, `y=1/3`, `z=exp(-2)`); `@FILE` reads the
/// assignments from a file, separated by commas or newlines (`#` starts a
/// comment), for starting points with many variables.
///
/// The syntax is checked when the command line is read (a usage error); the
/// numbers are checked to be finite when the command runs (an input error),
/// because `inf` and `nan` are well-formed but meaningless as a point.
struct PointOption: Equatable {
    /// One `name=value` pair as written.
    struct Assignment: Equatable {
        var name: String
        var text: String
        var value: Double
    }

    /// The option definition.
    static let definition = OptionDefinition(
        "--at", value: "assignments",
        help: "Values for the variables, e.g. x=3,y=-0.5,z=1e-3 or x=pi/4; may be repeated (--at x=3 --at y=4); @FILE reads them from a file.",
        repeatable: true)

    /// `minimize`'s starting point, written like `--at`.
    static let from = OptionDefinition(
        "--from", value: "assignments",
        help: "The starting point, e.g. a=1,b=-2 (values may be constant expressions such as pi/4); names the variables to optimise. May be repeated; @FILE reads it from a file (name=value separated by commas or newlines).",
        repeatable: true, required: true)

    /// The assignments in command-line order.
    var assignments: [Assignment]

    /// Reads every value of `option` (`--at` unless given); `nil` when the
    /// option is absent.
    ///
    /// - Throws: ``UsageError/invalidValue(_:option:expected:)`` for a piece
    ///   that is not `name=number` or a variable given twice;
    ///   ``UsageError/badInput(_:)`` for an `@FILE` that cannot be read.
    init?(_ arguments: ScannedArguments, option definition: OptionDefinition = PointOption.definition) throws(UsageError) {
        let values = arguments.allValues(definition.name)
        if values.isEmpty { return nil }
        assignments = []
        let option = definition.synopsis
        for value in values {
            for piece in try PointOption.pieces(of: value, option: option) {
                let parts = piece.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let name = parts[0].trimmingSpaces()
                guard parts.count == 2, CommonOptions.isIdentifier(name) else {
                    throw .invalidValue(piece, option: option, expected: "name=value, e.g. x=3")
                }
                guard !CommonOptions.isConstantName(name) else {
                    throw .invalidValue(piece, option: option, expected: "a variable name before '=' ('\(name)' is a constant)")
                }
                let text = parts[1].trimmingSpaces()
                guard let number = PointOption.number(text) else {
                    throw .invalidValue(piece, option: option,
                                        expected: "a number or a constant expression after '\(name)=', e.g. \(name)=1e-3 or \(name)=pi/4")
                }
                guard !assignments.contains(where: { $0.name == name }) else {
                    throw .invalidValue(piece, option: option, expected: "each variable once ('\(name)' is repeated)")
                }
                assignments.append(Assignment(name: name, text: text, value: number))
            }
        }
    }

    /// The `name=value` pieces of one option value: split at commas outside
    /// parentheses (so `x=max(1,2)` is one piece), or, for `@FILE`, the
    /// file's pieces separated by commas and newlines, without `#` comments.
    static func pieces(of value: String, option: String) throws(UsageError) -> [String] {
        var text = value
        var separators: Set<Character> = [","]
        if value.hasPrefix("@") {
            // An unreadable file is bad input (exit 1), not bad usage.
            let contents: String
            do {
                contents = try ExpressionInput.readFile(String(value.dropFirst()))
            } catch {
                throw .badInput(error)
            }
            text = contents.split(separator: "\n", omittingEmptySubsequences: false)
                .map { line in line.firstIndex(of: "#").map { line[..<$0] } ?? line }
                .joined(separator: "\n")
            separators = [",", "\n", "\r"]
        }
        var pieces: [String] = []
        var current = ""
        var depth = 0
        for character in text {
            if character == "(" { depth += 1 } else if character == ")" { depth = Swift.max(0, depth - 1) }
            if depth == 0 && separators.contains(character) {
                pieces.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        pieces.append(current)
        if value.hasPrefix("@") {
            pieces = pieces.filter { !$0.allSatisfy(\.isWhitespace) }
            guard !pieces.isEmpty else { throw .invalidValue(value, option: option, expected: "a file with name=value pairs") }
        }
        return pieces
    }

    /// A number as `Double` reads it (`3`, `-1e-3`, `inf`), or the value of a
    /// constant expression (`pi/4`, `1/3`, `sqrt(2)`); `nil` for anything
    /// else, including expressions with variables.
    static func number(_ text: String) -> Double? {
        if let number = Double(text) { return number }
        guard !text.isEmpty, let expression = try? Expression(parsing: text), expression.variables.isEmpty else {
            return nil
        }
        return try? expression.evaluate(at: [:])
    }

    /// The point as a dictionary for `Expression.evaluate(at:)`.
    ///
    /// - Throws: ``CommandError/nonFiniteValue(variable:text:)`` for `inf`
    ///   or `nan`.
    func values() throws(CommandError) -> [String: Double] {
        var point: [String: Double] = [:]
        for assignment in assignments {
            guard assignment.value.isFinite else {
                throw .nonFiniteValue(variable: assignment.name, text: assignment.text)
            }
            point[assignment.name] = assignment.value
        }
        return point
    }
}
