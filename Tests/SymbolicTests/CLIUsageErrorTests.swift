import Testing
@testable import SymCLI

/// One command line that must fail with a usage error (exit 64).
struct UsageErrorCase: CustomTestStringConvertible, Sendable {
    var arguments: [String]
    var message: String

    var testDescription: String { "sym " + arguments.joined(separator: " ") }
}

@Suite("sym usage errors")
struct CLIUsageErrorTests {
    static let cases: [UsageErrorCase] = [
        .init(arguments: ["eval", "x", "--fromat", "json"], message: "unknown option '--fromat'. Did you mean '--format'?"),
        .init(arguments: ["eval", "x", "-format", "json"], message: "unknown option '-format'. Did you mean '--format'?"),
        .init(arguments: ["eval", "x", "--verbose"], message: "unknown option '--verbose'"),
        .init(arguments: ["eval", "-x"], message: "unknown option '-x'; to pass an expression that starts with '-', put '--' before it"),
        .init(arguments: ["diff", "x", "--wtr", "x"], message: "unknown option '--wtr'. Did you mean '--wrt'?"),
        .init(arguments: ["diff", "x", "--ordr=2"], message: "unknown option '--ordr'. Did you mean '--order'?"),
        .init(arguments: ["eval", "x", "--format"], message: "missing value for '--format <format>'"),
        .init(arguments: ["eval", "x", "--at", "--format", "json"], message: "missing value for '--at <assignments>'"),
        .init(arguments: ["eval"], message: "missing expected argument '<expression>'"),
        .init(arguments: ["eval", "--at", "x=1"], message: "missing expected argument '<expression>'"),
        .init(arguments: ["jacobian"], message: "missing expected argument '<expressions>'"),
        .init(arguments: ["eval", "x", "y"], message: "unexpected argument 'y'"),
        .init(arguments: ["eval", "x", "y", "z"], message: "2 unexpected arguments: 'y', 'z'"),
        .init(arguments: ["eval", "x", "--file", "f.txt"], message: "give the expression either as an argument or with --file, not both"),
        .init(arguments: ["eval", "x", "--format", "xml"], message: "the value 'xml' is invalid for '--format <format>': expected one of text, json, latex"),
        .init(arguments: ["print", "x", "--format=yaml"], message: "the value 'yaml' is invalid for '--format <format>': expected one of text, json, latex"),
        .init(arguments: ["diff", "x", "--order", "-1"], message: "the value '-1' is invalid for '--order <order>': expected an integer from 1 to 100"),
        .init(arguments: ["diff", "x", "--order", "0"], message: "the value '0' is invalid for '--order <order>': expected an integer from 1 to 100"),
        .init(arguments: ["diff", "x", "--order", "two"], message: "the value 'two' is invalid for '--order <order>': expected an integer from 1 to 100"),
        .init(arguments: ["diff", "x", "--order", "101"], message: "the value '101' is invalid for '--order <order>': expected an integer from 1 to 100"),
        .init(arguments: ["grad", "x", "--wrt", "x,,y"], message: "the value 'x,,y' is invalid for '--wrt <variables>': expected variable names separated by commas, e.g. x,y"),
        .init(arguments: ["grad", "x", "--wrt", "2x"], message: "the value '2x' is invalid for '--wrt <variables>': expected variable names separated by commas, e.g. x,y"),
        .init(arguments: ["grad", "x", "--wrt", "x,y,x"], message: "the value 'x,y,x' is invalid for '--wrt <variables>': expected each variable once ('x' is repeated)"),
        .init(arguments: ["eval", "x", "--at", "x3"], message: "the value 'x3' is invalid for '--at <assignments>': expected name=value, e.g. x=3"),
        .init(arguments: ["eval", "x", "--at", "x=3,"], message: "the value '' is invalid for '--at <assignments>': expected name=value, e.g. x=3"),
        .init(arguments: ["eval", "x", "--at", "=3"], message: "the value '=3' is invalid for '--at <assignments>': expected name=value, e.g. x=3"),
        .init(arguments: ["eval", "x", "--at", "x=abc"], message: "the value 'x=abc' is invalid for '--at <assignments>': expected a number or a constant expression after 'x=', e.g. x=1e-3 or x=pi/4"),
        .init(arguments: ["eval", "x", "--at", "x=1", "--at", "x=2"], message: "the value 'x=2' is invalid for '--at <assignments>': expected each variable once ('x' is repeated)"),
    ]

    @Test(arguments: cases)
    func usageError(_ testCase: UsageErrorCase) {
        let command = testCase.arguments[0]
        expectFailure(testCase.arguments, status: 64, SymCLITests.usageError(testCase.message, command: command))
    }

    @Test func unknownSubcommandSuggests() {
        expectFailure(["dif", "x"], status: 64, rootUsageError("unknown subcommand 'dif'. Did you mean 'diff'?"))
        expectFailure(["gard"], status: 64, rootUsageError("unknown subcommand 'gard'. Did you mean 'grad'?"))
        expectFailure(["integrate", "x"], status: 64, rootUsageError("unknown subcommand 'integrate'"))
    }

    @Test func unknownRootOption() {
        expectFailure(["--verison"], status: 64, rootUsageError("unknown option '--verison'. Did you mean '--version'?"))
        expectFailure(["--frobnicate"], status: 64, rootUsageError("unknown option '--frobnicate'"))
    }

    @Test func usageLineListsEveryOption() {
        #expect(HelpFormatter.usage(for: DiffCommand.configuration)
            == "sym diff <expression> [--wrt <variables>] [--order <order>] [--raw] [--at <assignments> ...] [--file <path>] [--define <definition> ...] [--format <format>]")
    }
}

/// Namespace so the table test can call the free helper despite its
/// parameter shadowing the name.
enum SymCLITests {
    static func usageError(_ message: String, command: String) -> String {
        SymbolicTests.usageError(message, command: command)
    }
}
