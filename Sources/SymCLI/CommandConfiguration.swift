/// A named option a command accepts, such as `--format <format>` or the flag
/// `--gradient`.
struct OptionDefinition: Sendable, Equatable {
    /// The long name with its dashes, e.g. `--format`.
    let name: String
    /// An optional one-letter alias with its dash, e.g. `-h`.
    let shortName: String?
    /// The placeholder shown for the value (`format` shows as `<format>`);
    /// `nil` for a flag, which takes no value.
    let valueName: String?
    /// One or two sentences shown in help.
    let help: String
    /// Whether the option may be given more than once (values accumulate).
    let isRepeatable: Bool
    /// The value used when the option is absent, shown in help.
    let defaultValue: String?
    /// Whether the command cannot run without the option (shown without
    /// brackets in the usage line; the command itself checks presence).
    let isRequired: Bool

    init(
        _ name: String, short shortName: String? = nil, value valueName: String?, help: String,
        repeatable isRepeatable: Bool = false, default defaultValue: String? = nil, required isRequired: Bool = false
    ) {
        self.isRequired = isRequired
        self.name = name
        self.shortName = shortName
        self.valueName = valueName
        self.help = help
        self.isRepeatable = isRepeatable
        self.defaultValue = defaultValue
    }

    /// Whether the option is a flag (takes no value).
    var isFlag: Bool { valueName == nil }

    /// The option as it appears in messages: `--format <format>` or `--gradient`.
    var synopsis: String {
        valueName.map { "\(name) <\($0)>" } ?? name
    }
}

/// A positional argument, such as `<expression>`.
struct ArgumentDefinition: Sendable, Equatable {
    /// The placeholder name, shown as `<name>`.
    let name: String
    /// One or two sentences shown in help.
    let help: String
    /// Whether the argument may be omitted (for example when `--file` gives
    /// the expression instead).
    let isOptional: Bool

    /// The argument as it appears in messages: `<expression>`.
    var synopsis: String { "<\(name)>" }
}

/// The static description of a subcommand: its name, help text and the
/// options and arguments it accepts, in the style of swift-argument-parser's
/// `CommandConfiguration`.
struct CommandConfiguration: Sendable {
    /// The subcommand's name, e.g. `diff`.
    let name: String
    /// A one-line summary shown in the root help.
    let abstract: String
    /// Longer help shown by `sym help <name>`; may span several paragraphs.
    let discussion: String
    /// The positional arguments, in order.
    let arguments: [ArgumentDefinition]
    /// The options, in the order help lists them.
    let options: [OptionDefinition]

    /// The option named `name` (long or short spelling), if any.
    func option(named name: String) -> OptionDefinition? {
        options.first { $0.name == name || $0.shortName == name }
    }
}

/// A subcommand of `sym`.
///
/// Each conforming type declares its configuration, builds itself from the
/// scanned command line (validating option values, which are usage errors),
/// and then runs, writing results to the console and throwing
/// ``CommandError`` for input and runtime failures.
protocol Subcommand {
    /// The subcommand's name, help text and accepted options.
    static var configuration: CommandConfiguration { get }

    /// Creates the command from scanned arguments.
    ///
    /// - Throws: ``UsageError`` when a value is invalid or a required
    ///   argument is missing.
    init(_ arguments: ScannedArguments) throws(UsageError)

    /// Runs the command.
    ///
    /// - Throws: ``CommandError`` on invalid input or a failed computation.
    mutating func run(console: inout Console) throws(CommandError)

    /// The command type that handles these arguments instead of this one
    /// (`sym fit --model mlp` trains a network), or `nil` (the default).
    static func variant(for arguments: ScannedArguments) -> (any Subcommand.Type)?
}

extension Subcommand {
    /// No variant: the command handles every command line itself.
    static func variant(for arguments: ScannedArguments) -> (any Subcommand.Type)? { nil }
}
