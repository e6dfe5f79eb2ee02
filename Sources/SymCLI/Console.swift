import Foundation
import Symbolic

/// Where a command reads standard input from.
///
/// The real tool reads the process's standard input; tests pass fixed text
/// (or nothing) so that every command runs in-process.
public struct TextInput: Sendable {
    private let readAllText: @Sendable () -> String?

    /// Creates an input whose whole text is produced by `readAll`
    /// (`nil` when it cannot be read, for example invalid UTF-8).
    public init(readAll: @escaping @Sendable () -> String?) {
        self.readAllText = readAll
    }

    /// An input holding `text`.
    public static func text(_ text: String) -> TextInput {
        TextInput { text }
    }

    /// An empty input, as when standard input is `/dev/null`.
    public static let empty = TextInput { "" }

    /// The process's standard input, read to the end on first use.
    public static let standardInput = TextInput {
        let data = FileHandle.standardInput.readDataToEndOfFile()
        return String(data: data, encoding: .utf8)
    }

    /// Reads the whole input.
    func readAll() -> String? { readAllText() }
}

/// A `TextOutputStream` that writes to a file descriptor (1 or 2).
///
/// Foundation's `print` and C's `stdout` global are avoided so the tool builds
/// cleanly under strict concurrency; output is buffered in 64 KiB chunks and
/// written with `write(2)`, unless `flushesEveryWrite` is set (for standard
/// error, where progress lines must appear at once).
public struct FileDescriptorOutputStream: TextOutputStream, Sendable {
    private let descriptor: Int32
    private let flushesEveryWrite: Bool
    private var buffer: [UInt8] = []
    /// The `errno` of the first write that failed (disk full, closed
    /// descriptor), or `nil`; later writes are dropped once one failed.
    ///
    ///     var out = FileDescriptorOutputStream(descriptor: STDOUT_FILENO, flushesEveryWrite: false)
    ///     out.write("x\n"); out.flush()
    ///     if let code = out.writeError { print(String(cString: strerror(code))) }
    public private(set) var writeError: Int32?

    /// Creates a stream writing to `descriptor`.
    public init(descriptor: Int32, flushesEveryWrite: Bool) {
        self.descriptor = descriptor
        self.flushesEveryWrite = flushesEveryWrite
    }

    /// Appends `string` to the stream.
    public mutating func write(_ string: String) {
        buffer.append(contentsOf: string.utf8)
        if flushesEveryWrite || buffer.count >= 1 << 16 { flush() }
    }

    /// Writes out everything buffered so far.
    public mutating func flush() {
        var start = 0
        var failure: Int32? = nil
        if writeError == nil {
            buffer.withUnsafeBytes { bytes in
                while start < bytes.count {
                    let written = Foundation.write(descriptor, bytes.baseAddress! + start, bytes.count - start)
                    if written < 0 {
                        // Retry on interruption; give up on any other error
                        // (a closed pipe must not make the tool spin).
                        if errno == EINTR { continue }
                        failure = errno
                        break
                    }
                    start += written
                }
            }
        }
        if let failure { writeError = failure }
        buffer.removeAll(keepingCapacity: true)
    }
}

/// The streams a command talks to while it runs.
///
/// Output streams are held as existentials so that command code is not
/// generic; ``run(arguments:stdin:stdout:stderr:errorOutputIsTerminal:)`` copies
/// them back to the caller's streams when the command finishes.
struct Console {
    var output: any TextOutputStream
    var errorOutput: any TextOutputStream
    let input: TextInput
    /// Whether standard error is an interactive terminal (progress lines are
    /// only shown then).
    let errorOutputIsTerminal: Bool
    /// Set once standard input has been consumed, so that a second reader
    /// gets a clear error instead of silently empty text.
    private(set) var inputWasRead = false
    /// The user-defined functions (`--define`) expressions may call.
    var functions = FunctionRegistry()

    init(output: any TextOutputStream, errorOutput: any TextOutputStream, input: TextInput, errorOutputIsTerminal: Bool) {
        self.output = output
        self.errorOutput = errorOutput
        self.input = input
        self.errorOutputIsTerminal = errorOutputIsTerminal
    }

    /// Writes `line` and a newline to standard output.
    mutating func printLine(_ line: String) {
        output.write(line)
        output.write("\n")
    }

    /// Writes `line` and a newline to standard error.
    mutating func printErrorLine(_ line: String) {
        errorOutput.write(line)
        errorOutput.write("\n")
    }

    /// Reads all of standard input; fails when it was already read or is not
    /// valid UTF-8.
    mutating func readStandardInput() throws(CommandError) -> String {
        guard !inputWasRead else { throw .standardInputReadTwice }
        inputWasRead = true
        guard let text = input.readAll() else { throw .unreadableStandardInput }
        return text
    }
}
