import Foundation

/// The process entry point: connects the real standard streams to
/// ``SymTool/run(arguments:stdin:stdout:stderr:errorOutputIsTerminal:)`` and
/// exits with its status.
@main
enum SymMain {
    static func main() {
        var output = FileDescriptorOutputStream(descriptor: STDOUT_FILENO, flushesEveryWrite: false)
        var errors = FileDescriptorOutputStream(descriptor: STDERR_FILENO, flushesEveryWrite: true)
        let status = SymTool.run(
            arguments: Array(CommandLine.arguments.dropFirst()), stdin: .standardInput,
            stdout: &output, stderr: &errors, errorOutputIsTerminal: isatty(STDERR_FILENO) != 0)
        output.flush()
        if let code = output.writeError {
            // A full disk or closed descriptor must not pass for success.
            if code != EPIPE {
                errors.write("error: cannot write to standard output: \(String(cString: strerror(code)))\n")
            }
            exit(SymTool.ExitStatus.failure)
        }
        exit(status)
    }
}
