import Foundation
import Testing

/// Runs the built `sym` executable as a subprocess: checks what the
/// in-process tests cannot (the `@main` wiring, real exit statuses, real
/// standard input and output).
@Suite("sym binary")
struct CLIBinaryTests {
    /// The `sym` executable built next to the test bundle (`.build/debug/sym`).
    static func executableURL() throws -> URL {
        var candidates: [URL] = []
        if let bundle = Bundle.main.executableURL {
            candidates.append(bundle.deletingLastPathComponent().appendingPathComponent("sym"))
        }
        for bundle in Bundle.allBundles {
            candidates.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("sym"))
        }
        let packageRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(packageRoot.appendingPathComponent(".build/debug/sym"))
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw BinaryNotFound(searched: candidates.map(\.path))
        }
        return found
    }

    struct BinaryNotFound: Error, CustomStringConvertible {
        var searched: [String]
        var description: String { "sym executable not found; searched \(searched)" }
    }

    /// Runs `sym` with `arguments`, feeding `input` to its standard input.
    static func run(_ arguments: [String], input: String = "") throws -> CLIResult {
        let process = Process()
        process.executableURL = try executableURL()
        process.arguments = arguments
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        // Read both pipes before waiting so a full pipe cannot block the child.
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let errors = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CLIResult(
            status: process.terminationStatus,
            stdout: String(decoding: output, as: UTF8.self),
            stderr: String(decoding: errors, as: UTF8.self))
    }

    @Test func readmeCommand() throws {
        #expect(try CLIBinaryTests.run(["diff", "x^2*y+y+2"])
            == CLIResult(status: 0, stdout: "d/dx = 2*x*y\nd/dy = x^2 + 1\n", stderr: ""))
    }

    @Test func rootHelpAndVersion() throws {
        let help = try CLIBinaryTests.run([])
        #expect(help == CLIResult(status: 0, stdout: CLIHelpTests.rootHelp, stderr: ""))
        #expect(try CLIBinaryTests.run(["--version"]) == CLIResult(status: 0, stdout: "0.1.0\n", stderr: ""))
    }

    @Test func usageErrorExitsWith64() throws {
        let result = try CLIBinaryTests.run(["eval", "x", "--format", "xml"])
        #expect(result == CLIResult(status: 64, stdout: "", stderr: usageError(
            "the value 'xml' is invalid for '--format <format>': expected one of text, json, latex", command: "eval")))
    }

    @Test func inputErrorExitsWith1() throws {
        #expect(try CLIBinaryTests.run(["eval", "2*(x+)"])
            == CLIResult(status: 1, stdout: "", stderr: "error: unexpected ')' at column 6\n  2*(x+)\n       ^\n"))
    }

    @Test func readsStandardInput() throws {
        #expect(try CLIBinaryTests.run(["eval", "-", "--at", "x=3,y=4", "--format", "json"], input: "x^2*y+y+2\n")
            == CLIResult(status: 0, stdout: "{\"value\": 42}\n", stderr: ""))
    }

    @Test func minimizeShowsNoProgressOnAPipe() throws {
        let result = try CLIBinaryTests.run(["minimize", "(x-3)^2", "--from", "x=0", "--method", "gd", "--max-iterations", "50"])
        #expect(result.status == 0)
        #expect(result.stderr == "")
        #expect(result.stdout.hasPrefix("gd "))
    }

    @Test func largeOutputIsWrittenCompletely() throws {
        // A 300-term sum: its gradient has 300 lines, more than one pipe buffer.
        let expression = (1...300).map { "x\($0)^2" }.joined(separator: " + ")
        let result = try CLIBinaryTests.run(["grad", "-"], input: expression)
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 300)
        #expect(lines.first == "d/dx1 = 2*x1")
        #expect(lines.last == "d/dx300 = 2*x300")
    }
}
