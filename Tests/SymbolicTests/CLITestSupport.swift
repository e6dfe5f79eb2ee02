import Foundation
import Testing
@testable import SymCLI

/// The result of one in-process or subprocess run of `sym`.
struct CLIResult: Equatable, CustomStringConvertible {
    var status: Int32
    var stdout: String
    var stderr: String

    var description: String { "status \(status)\n--- stdout\n\(stdout)--- stderr\n\(stderr)" }
}

/// Runs `sym` in-process with `arguments` and optional standard input,
/// pretending standard error is a terminal when `errorOutputIsTerminal`.
func runSym(_ arguments: [String], stdin: String = "", errorOutputIsTerminal: Bool = false) -> CLIResult {
    var output = "", errors = ""
    let status = SymTool.run(arguments: arguments, stdin: .text(stdin), stdout: &output, stderr: &errors,
                             errorOutputIsTerminal: errorOutputIsTerminal)
    return CLIResult(status: status, stdout: output, stderr: errors)
}

/// The usage-error text `sym <command>` prints after `error: message`.
func usageError(_ message: String, command: String) -> String {
    let configuration = SymTool.subcommand(named: command)!.configuration
    return "error: \(message)\nUsage: \(HelpFormatter.usage(for: configuration))\n"
        + "  See 'sym \(command) --help' for more information.\n"
}

/// The usage-error text of the root command.
func rootUsageError(_ message: String) -> String {
    "error: \(message)\nUsage: sym <subcommand>\n  See 'sym --help' for more information.\n"
}

/// Expects a successful run that printed exactly `stdout` and nothing on stderr.
func expectOutput(_ arguments: [String], stdin: String = "", _ stdout: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let result = runSym(arguments, stdin: stdin)
    #expect(result == CLIResult(status: 0, stdout: stdout, stderr: ""), sourceLocation: sourceLocation)
}

/// Expects a failed run with `status` that printed exactly `stderr` and nothing on stdout.
func expectFailure(_ arguments: [String], stdin: String = "", status: Int32, _ stderr: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let result = runSym(arguments, stdin: stdin)
    #expect(result == CLIResult(status: status, stdout: "", stderr: stderr), sourceLocation: sourceLocation)
}
