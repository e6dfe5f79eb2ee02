import Symbolic

/// A command that reads one expression, rewrites it, and writes the result:
/// `print`, `simplify`, `expand`, `factor` and `cancel` differ only in the
/// rewrite, so the argument handling and output live here once.
///
/// A conforming command supplies its configuration (use ``standardOptions``),
/// the two stored properties and ``transform(_:)``:
///
///     struct ExpandCommand: TransformCommand {
///         static let configuration = CommandConfiguration(name: "expand", ...)
///         static func transform(_ expression: Expression) -> Expression { expression.expanded() }
///         var input: ExpressionInput
///         var format: OutputFormat
///     }
protocol TransformCommand: Subcommand {
    /// The rewrite the command applies to its input.
    static func transform(_ expression: Expression) -> Expression

    /// The expression to read (argument, `--file`, `--define`).
    var input: ExpressionInput { get }
    /// How to write the result.
    var format: OutputFormat { get }

    /// Creates the command from its parsed parts (the memberwise initialiser).
    init(input: ExpressionInput, format: OutputFormat)
}

extension TransformCommand {
    /// The options every transform command accepts: `--file`, `--define`, `--format`.
    static var standardOptions: [OptionDefinition] {
        [ExpressionInput.fileOption, DefineOption.definition, OutputFormat.option()]
    }

    init(_ arguments: ScannedArguments) throws(UsageError) {
        let input = try ExpressionInput(arguments)
        self.init(input: input, format: try OutputFormat.parse(arguments))
    }

    mutating func run(console: inout Console) throws(CommandError) {
        let expression = try input.expression(console: &console)
        ExpressionOutput.write(Self.transform(expression), format: format, console: &console)
    }
}
