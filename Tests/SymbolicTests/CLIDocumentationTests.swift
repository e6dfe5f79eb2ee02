import Foundation
import Testing

/// Keeps `docs/CLI.md` true: every ```console block's `$ sym ...` line is run
/// through bash against the built binary, and its output (standard output
/// and standard error together) must equal the lines shown under it.
@Suite("docs/CLI.md examples")
struct CLIDocumentationTests {
    struct Example: CustomTestStringConvertible, Sendable {
        var command: String
        var expectedOutput: String
        var testDescription: String { command }
    }

    static let rootURL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let documentURL = rootURL.appendingPathComponent("docs/CLI.md")

    /// The examples, in document order (later ones may use files earlier
    /// ones create, so they run in one test, in order).
    static func examples(in document: URL = documentURL) throws -> [Example] {
        let text = try String(contentsOf: document, encoding: .utf8)
        var examples: [Example] = []
        var inConsole = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") {
                inConsole = line == "```console"
                continue
            }
            guard inConsole else { continue }
            if line.hasPrefix("$ ") {
                examples.append(Example(command: String(line.dropFirst(2)), expectedOutput: ""))
            } else if !examples.isEmpty {
                examples[examples.count - 1].expectedOutput += line + "\n"
            }
        }
        return examples
    }

    @Test func everyExampleIsTrue() throws {
        let examples = try CLIDocumentationTests.examples()
        #expect(examples.count >= 40)
        try CLIDocumentationTests.check(examples)
    }

    /// docs/Models.md's command lines, run from the package root (they read
    /// Benchmarks/Data) with the built `sym` first on the PATH (so that
    /// `sym` inside shell loops is the built binary too).
    @Test func modelsExamplesAreTrue() throws {
        let examples = try CLIDocumentationTests.examples(in: CLIDocumentationTests.rootURL.appendingPathComponent("docs/Models.md"))
        #expect(examples.count >= 10)
        try CLIDocumentationTests.check(examples, directory: CLIDocumentationTests.rootURL)
    }

    /// docs/Fitting.md's command lines, run from the package root (they read Tests/Fixtures/nist).
    @Test func fittingExamplesAreTrue() throws {
        let examples = try CLIDocumentationTests.examples(in: CLIDocumentationTests.rootURL.appendingPathComponent("docs/Fitting.md"))
        #expect(examples.count >= 15)
        try CLIDocumentationTests.check(examples, directory: CLIDocumentationTests.rootURL)
    }

    /// docs/Simplification.md's command lines.
    @Test func simplificationExamplesAreTrue() throws {
        let examples = try CLIDocumentationTests.examples(in: CLIDocumentationTests.rootURL.appendingPathComponent("docs/Simplification.md"))
        #expect(examples.count >= 15)
        try CLIDocumentationTests.check(examples)
    }

    /// docs/CodeGeneration.md's command lines (traces and code generation).
    @Test func codeGenerationExamplesAreTrue() throws {
        let examples = try CLIDocumentationTests.examples(in: CLIDocumentationTests.rootURL.appendingPathComponent("docs/CodeGeneration.md"))
        #expect(examples.count >= 5)
        try CLIDocumentationTests.check(examples)
    }

    /// docs/Design.md's command lines (IEEE 754 folding).
    @Test func designExamplesAreTrue() throws {
        let examples = try CLIDocumentationTests.examples(in: CLIDocumentationTests.rootURL.appendingPathComponent("docs/Design.md"))
        #expect(examples.count >= 3)
        try CLIDocumentationTests.check(examples)
    }

    /// docs/Functions.md's command lines (user-defined functions), run from
    /// the package root (they read docs/examples/legendre.txt).
    @Test func functionsExamplesAreTrue() throws {
        let examples = try CLIDocumentationTests.examples(in: CLIDocumentationTests.rootURL.appendingPathComponent("docs/Functions.md"))
        #expect(examples.count >= 15)
        try CLIDocumentationTests.check(examples, directory: CLIDocumentationTests.rootURL)
    }

    static func check(_ examples: [Example], directory: URL? = nil) throws {
        let binary = try CLIBinaryTests.executableURL().path
        for example in examples {
            // `sym` and `swift run sym` at the start of each pipeline stage
            // become the built binary.
            var command = example.command
            for prefix in ["swift run sym ", "sym "] {
                if command.hasPrefix(prefix) { command = binary + " " + command.dropFirst(prefix.count) }
                command = command.replacingOccurrences(of: "; " + prefix, with: "; \(binary) ")
                command = command.replacingOccurrences(of: "| " + prefix, with: "| \(binary) ")
            }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/bash")
            process.arguments = ["-c", command + " 2>&1"]
            if let directory {
                process.currentDirectoryURL = directory
                var environment = ProcessInfo.processInfo.environment
                environment["PATH"] = URL(fileURLWithPath: binary).deletingLastPathComponent().path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
                process.environment = environment
            }
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(output == example.expectedOutput, "$ \(example.command)")
        }
    }
}
