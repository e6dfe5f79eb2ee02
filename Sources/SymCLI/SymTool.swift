import Symbolic
/// The `sym` command-line tool: symbolic differentiation, evaluation and
/// printing of expressions.
///
/// All behaviour lives in ``run(arguments:stdin:stdout:stderr:errorOutputIsTerminal:)``,
/// which never exits the process, so tests run every command in-process;
/// the `@main` entry point only connects the real standard streams.
public enum SymTool: Sendable {
    /// The tool's version, printed by `sym --version`.
    public static let version = "0.1.0"

    /// Exit statuses, following `sysexits.h` as swift-argument-parser does.
    public enum ExitStatus: Sendable {
        /// Success.
        public static let success: Int32 = 0
        /// Invalid input or a failed computation.
        public static let failure: Int32 = 1
        /// The command line itself was wrong (`EX_USAGE`).
        public static let usage: Int32 = 64
    }

    static let name = "sym"
    static let abstract = "Differentiate, evaluate and print symbolic expressions."
    static let discussion = """
        Expressions use + - * / and ^ (or **), parentheses, the constants pi and e, and \
        functions such as sin, exp, log, sqrt, max and sigmoid.

          sym diff "x^2*y + y + 2"
          sym eval "x^2*y" --at x=3,y=4
        """

    /// The subcommands, in the order the root help lists them.
    static var subcommands: [any Subcommand.Type] {
        [EvalCommand.self, PrintCommand.self, SimplifyCommand.self, ExpandCommand.self, FactorCommand.self,
         CollectCommand.self, CancelCommand.self, DiffCommand.self,
         GradCommand.self, HessianCommand.self, JacobianCommand.self, CompileCommand.self,
         MinimizeCommand.self, FitCommand.self, PredictCommand.self, PlotCommand.self,
         CodegenCommand.self, TraceCommand.self, GraphCommand.self]
    }

    /// Runs `sym` with `arguments` (without the program name).
    ///
    ///     var output = "", errors = ""
    ///     let status = SymTool.run(arguments: ["eval", "x*y", "--at", "x=3,y=4"],
    ///                              stdout: &output, stderr: &errors)
    ///     // status == 0, output == "12\n"
    ///
    /// - Parameters:
    ///   - arguments: The command-line arguments after the program name.
    ///   - stdin: Where `-` and `--file -` read from.
    ///   - stdout: Receives results.
    ///   - stderr: Receives errors and progress.
    ///   - errorOutputIsTerminal: Whether `stderr` is an interactive
    ///     terminal; long-running commands show progress only then.
    /// - Returns: The exit status: 0 on success, 1 for invalid input or a
    ///   failed computation, 64 for a usage error.
    public static func run<Output: TextOutputStream, ErrorOutput: TextOutputStream>(
        arguments: [String], stdin: TextInput = .empty,
        stdout: inout Output, stderr: inout ErrorOutput, errorOutputIsTerminal: Bool = false
    ) -> Int32 {
        var console = Console(output: stdout, errorOutput: stderr, input: stdin, errorOutputIsTerminal: errorOutputIsTerminal)
        let status = dispatch(arguments, console: &console)
        // Streams are values held as existentials; hand them back.
        stdout = console.output as! Output
        stderr = console.errorOutput as! ErrorOutput
        return status
    }

    /// Chooses between root help, version, `help <subcommand>` and running
    /// a subcommand.
    static func dispatch(_ arguments: [String], console: inout Console) -> Int32 {
        guard let first = arguments.first else {
            console.output.write(rootHelp)
            return ExitStatus.success
        }
        switch first {
        case "--help", "-h":
            console.output.write(rootHelp)
            return ExitStatus.success
        case "--version":
            console.printLine(version)
            return ExitStatus.success
        case "help":
            return showHelp(Array(arguments.dropFirst()), console: &console)
        default:
            break
        }
        if ArgumentScanner.isOptionLike(first) {
            let match = ArgumentScanner.letterSuggestion(for: first, among: ["--version", "--help"])
                ?? suggestion(for: String(first.drop { $0 == "-" }), among: ["version", "help"]).map { "--" + $0 }
            return reportRootUsageError(.unknownOption(first, suggestion: match), console: &console)
        }
        guard let command = subcommand(named: first) else {
            return reportRootUsageError(.unknownSubcommand(first, suggestion: suggestSubcommand(for: first)), console: &console)
        }
        return run(command, Array(arguments.dropFirst()), console: &console)
    }

    /// Scans, builds and runs one subcommand, turning its errors into
    /// messages and exit statuses.
    static func run(_ command: any Subcommand.Type, _ arguments: [String], console: inout Console) -> Int32 {
        let configuration = command.configuration
        if ArgumentScanner.requestsHelp(arguments) {
            console.output.write(HelpFormatter.help(for: configuration))
            return ExitStatus.success
        }
        var instance: any Subcommand
        var scanned = ScannedArguments()
        do {
            scanned = try ArgumentScanner.scan(arguments, for: configuration)
            instance = try (command.variant(for: scanned) ?? command).init(scanned)
        } catch {
            if case .badInput(let inputError) = error {
                report(inputError, console: &console)
                return ExitStatus.failure
            }
            console.printErrorLine("error: \(error)")
            console.printErrorLine("Usage: \(HelpFormatter.usage(for: configuration))")
            console.printErrorLine("  See '\(name) \(configuration.name) --help' for more information.")
            return ExitStatus.usage
        }
        do {
            console.functions = try DefineOption.registry(scanned)   // --define, an input error if bad
            try instance.run(console: &console)
            return ExitStatus.success
        } catch {
            report(error, console: &console)
            return ExitStatus.failure
        }
    }

    /// Writes an input or runtime error; parse errors get the input line
    /// and a caret under the offending column.
    static func report(_ error: CommandError, console: inout Console) {
        console.printErrorLine("error: \(error)")
        // Empty input has nothing to point at.
        if case .parse(let parseError, let input) = error, parseError.kind != .emptyInput {
            if let location = ExpressionReader.location(ofColumn: parseError.column, in: input) {
                // Show the offending line only.
                let local = Symbolic.ParseError(parseError.kind, column: location.column, length: parseError.length)
                console.printErrorLine(local.caretDiagnostic(for: location.text))
            } else {
                console.printErrorLine(parseError.caretDiagnostic(for: input))
            }
        }
        if case .definition(let definitionError, let text, _) = error, let caret = definitionError.caretDiagnostic(for: text) {
            console.printErrorLine(caret)
        }
    }

    /// `sym help` and `sym help <subcommand>`.
    private static func showHelp(_ arguments: [String], console: inout Console) -> Int32 {
        // `sym help --help` and `sym help grad -h` ask for the same help.
        let arguments = arguments.filter { $0 != "--help" && $0 != "-h" }
        guard let name = arguments.first else {
            console.output.write(rootHelp)
            return ExitStatus.success
        }
        if name == "help" && arguments.count == 1 {
            console.output.write(rootHelp)
            return ExitStatus.success
        }
        if name == HelpFormatter.functionsTopic {
            guard arguments.count == 1 else {
                return reportRootUsageError(.unexpectedArguments(Array(arguments.dropFirst())), console: &console)
            }
            console.output.write(HelpFormatter.functionsHelp)
            return ExitStatus.success
        }
        guard let command = subcommand(named: name) else {
            return reportRootUsageError(.unknownSubcommand(name, suggestion: suggestSubcommand(for: name)), console: &console)
        }
        guard arguments.count == 1 else {
            return reportRootUsageError(.unexpectedArguments(Array(arguments.dropFirst())), console: &console)
        }
        console.output.write(HelpFormatter.help(for: command.configuration))
        return ExitStatus.success
    }

    private static func reportRootUsageError(_ error: UsageError, console: inout Console) -> Int32 {
        console.printErrorLine("error: \(error)")
        console.printErrorLine("Usage: \(HelpFormatter.rootUsage)")
        console.printErrorLine("  See '\(name) --help' for more information.")
        return ExitStatus.usage
    }

    static var rootHelp: String {
        HelpFormatter.rootHelp(subcommands: subcommands.map { $0.configuration })
    }

    static func subcommand(named name: String) -> (any Subcommand.Type)? {
        subcommands.first { $0.configuration.name == name }
    }

    private static func suggestSubcommand(for name: String) -> String? {
        suggestion(for: name, among: subcommands.map { $0.configuration.name } + ["help", HelpFormatter.functionsTopic])
    }
}
