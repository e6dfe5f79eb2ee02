/// The `--at` option (and `minimize`'s `--from`): values for variables, as
/// `x=3,y=4` or repeated `--at x=3 --at y=4`.
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
        help: "Values for the variables, e.g. x=3,y=-0.5 or 1e-3; may be repeated (--at x=3 --at y=4).",
        repeatable: true)

    /// `minimize`'s starting point, written like `--at`.
    static let from = OptionDefinition(
        "--from", value: "assignments",
        help: "The starting point, e.g. a=1,b=-2; names the variables to optimise. May be repeated.",
        repeatable: true, required: true)

    /// The assignments in command-line order.
    var assignments: [Assignment]

    /// Reads every value of `option` (`--at` unless given); `nil` when the
    /// option is absent.
    ///
    /// - Throws: ``UsageError/invalidValue(_:option:expected:)`` for a piece
    ///   that is not `name=number` or a variable given twice.
    init?(_ arguments: ScannedArguments, option definition: OptionDefinition = PointOption.definition) throws(UsageError) {
        let values = arguments.allValues(definition.name)
        if values.isEmpty { return nil }
        assignments = []
        let option = definition.synopsis
        for value in values {
            for piece in value.split(separator: ",", omittingEmptySubsequences: false) {
                let parts = piece.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let name = parts[0].trimmingSpaces()
                guard parts.count == 2, CommonOptions.isIdentifier(name) else {
                    throw .invalidValue(String(piece), option: option, expected: "name=value, e.g. x=3")
                }
                let text = parts[1].trimmingSpaces()
                guard let number = Double(text) else {
                    throw .invalidValue(String(piece), option: option, expected: "a number after '\(name)='")
                }
                guard !assignments.contains(where: { $0.name == name }) else {
                    throw .invalidValue(String(piece), option: option, expected: "each variable once ('\(name)' is repeated)")
                }
                assignments.append(Assignment(name: name, text: text, value: number))
            }
        }
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
