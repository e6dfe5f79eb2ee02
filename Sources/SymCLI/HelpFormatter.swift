import Symbolic

/// Formats help screens and usage lines in swift-argument-parser's layout:
/// `OVERVIEW:`, `USAGE:`, `ARGUMENTS:`, `OPTIONS:` and `SUBCOMMANDS:`
/// sections, labels in a 26-column gutter, text wrapped at 80 columns.
enum HelpFormatter {
    /// Total width of help text.
    static let lineWidth = 80
    /// Column where option and subcommand descriptions start.
    static let labelColumnWidth = 26

    /// The help entry every command has.
    static let helpOption = OptionDefinition("--help", short: "-h", value: nil, help: "Show help information.")
    /// The root command's `--version` entry.
    static let versionOption = OptionDefinition("--version", value: nil, help: "Show the version.")

    /// The usage line of a subcommand, without the `USAGE:` prefix:
    /// `sym eval <expression> [--at <assignments> ...] [--format <format>]`.
    static func usage(for configuration: CommandConfiguration) -> String {
        var parts = ["\(SymTool.name) \(configuration.name)"]
        for argument in configuration.arguments {
            parts.append(argument.isOptional ? "[\(argument.synopsis)]" : argument.synopsis)
        }
        for option in configuration.options {
            let text = option.synopsis + (option.isRepeatable ? " ..." : "")
            parts.append(option.isRequired ? text : "[\(text)]")
        }
        return parts.joined(separator: " ")
    }

    /// The help topic that lists the functions: `sym help functions`.
    static let functionsTopic = "functions"

    /// The root command's usage line, without the `USAGE:` prefix.
    static var rootUsage: String { "\(SymTool.name) <subcommand>" }

    /// The full help screen of a subcommand.
    static func help(for configuration: CommandConfiguration) -> String {
        var text = "OVERVIEW: \(configuration.abstract)\n\n"
        if !configuration.discussion.isEmpty {
            text += wrapParagraphs(configuration.discussion) + "\n\n"
        }
        text += "USAGE: \(usage(for: configuration))\n\n"
        if !configuration.arguments.isEmpty {
            text += "ARGUMENTS:\n"
            for argument in configuration.arguments {
                text += entry(label: argument.synopsis, help: argument.help)
            }
            text += "\n"
        }
        text += "OPTIONS:\n"
        for option in configuration.options + [helpOption] {
            text += entry(label: label(for: option), help: helpText(for: option))
        }
        return text
    }

    /// The root help screen: overview and the list of subcommands.
    static func rootHelp(subcommands: [CommandConfiguration]) -> String {
        var text = "OVERVIEW: \(SymTool.abstract)\n\n"
        text += wrapParagraphs(SymTool.discussion) + "\n\n"
        text += "USAGE: \(rootUsage)\n\n"
        text += "OPTIONS:\n"
        for option in [versionOption, helpOption] {
            text += entry(label: label(for: option), help: option.help)
        }
        text += "\nSUBCOMMANDS:\n"
        for command in subcommands {
            text += entry(label: command.name, help: command.abstract)
        }
        text += entry(label: "help", help: "Show subcommand help information.")
        text += "\n  See '\(SymTool.name) help <subcommand>' for detailed help and\n"
        text += "  '\(SymTool.name) help functions' for the functions expressions can call.\n"
        return text
    }

    /// `sym help functions`: every call the expression language accepts,
    /// with a one-line description, and the constants.
    static var functionsHelp: String {
        var text = "OVERVIEW: The functions expressions can call.\n\n"
        text += wrapParagraphs("""
            Every function differentiates, evaluates and compiles. Non-smooth ones have \
            documented derivative conventions; docs/Functions.md lists the rules.
            """) + "\n\n"
        text += "FUNCTIONS:\n"
        for signature in Function.catalog { text += entry(label: signature.usage, help: signature.summary) }
        text += "\nCONSTANTS:\n"
        text += entry(label: "pi", help: "3.14159... (not usable as a variable name).")
        text += entry(label: "e", help: "2.71828..., Euler's number (not a variable name).")
        return text
    }

    /// `-h, --help` or `--format <format>`.
    static func label(for option: OptionDefinition) -> String {
        if let short = option.shortName { return "\(short), \(option.synopsis)" }
        return option.synopsis
    }

    private static func helpText(for option: OptionDefinition) -> String {
        guard let defaultValue = option.defaultValue else { return option.help }
        return "\(option.help) (default: \(defaultValue))"
    }

    /// One labelled entry: the label in the gutter and the wrapped help text
    /// beside it (or on the next line when the label is too long).
    static func entry(label: String, help: String) -> String {
        let indent = String(repeating: " ", count: labelColumnWidth)
        let lines = wrap(help, width: lineWidth - labelColumnWidth)
        var text = "  " + label
        if text.count + 2 > labelColumnWidth {
            text += "\n" + indent
        } else {
            text += String(repeating: " ", count: labelColumnWidth - text.count)
        }
        text += lines.joined(separator: "\n" + indent) + "\n"
        return text
    }

    /// Wraps each paragraph (separated by blank lines) to the line width.
    /// Lines starting with spaces are kept as they are (examples).
    static func wrapParagraphs(_ text: String) -> String {
        var output: [String] = []
        var paragraph: [String] = []
        func flushParagraph() {
            if !paragraph.isEmpty { output += wrap(paragraph.joined(separator: " "), width: lineWidth) }
            paragraph = []
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.isEmpty {
                flushParagraph()
                output.append("")
            } else if line.hasPrefix(" ") {
                flushParagraph()
                output.append(String(line))
            } else {
                paragraph.append(String(line))
            }
        }
        flushParagraph()
        return output.joined(separator: "\n")
    }

    /// Splits `text` into lines of at most `width` characters at spaces
    /// (a longer word gets a line of its own).
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            if current.isEmpty {
                current = String(word)
            } else if current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        lines.append(current)
        return lines
    }
}
