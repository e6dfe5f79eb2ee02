import Foundation
import Testing

/// Keeps docs/Pictures.md honest: the `sym` lines it prints beside its
/// pictures are exactly the lines `scripts/make_pictures.sh` runs, in the
/// same order; every picture the commands write is shown on the page and
/// is in docs/images, and every file there is well-formed SVG with panels.
@Suite("docs/Pictures.md")
struct PicturesDocumentationTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func read(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    /// The `sym` lines of the page's ```sh blocks.
    static func documentCommands() throws -> [String] {
        var commands: [String] = [], inBlock = false
        for line in try read("docs/Pictures.md").split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") { inBlock = line == "```sh"; continue }
            if inBlock && line.hasPrefix("sym ") { commands.append(String(line)) }
        }
        return commands
    }

    /// The `sym` lines of the script's picture section.
    static func scriptCommands() throws -> [String] {
        let text = try read("scripts/make_pictures.sh")
        let lines = text.split(separator: "\n").map(String.init)
        guard let start = lines.firstIndex(where: { $0.hasPrefix("# --- pictures") }),
              let end = lines.firstIndex(where: { $0.hasPrefix("# --- end of pictures") }) else { return [] }
        return lines[(start + 1)..<end].filter { !$0.hasPrefix("#") && !$0.isEmpty }
    }

    /// The files a command writes: the values of --output, --plot and --loss-plot.
    static func outputs(of command: String) -> [String] {
        let words = command.split(separator: " ").map(String.init)
        return words.indices.dropLast().filter { ["--output", "-o", "--plot", "--loss-plot"].contains(words[$0]) }.map { words[$0 + 1] }
    }

    @Test func pageAndScriptRunTheSameCommands() throws {
        let page = try PicturesDocumentationTests.documentCommands(), script = try PicturesDocumentationTests.scriptCommands()
        #expect(page.count >= 6)
        #expect(page == script)
        #expect(script.allSatisfy { $0.hasPrefix("sym ") })
    }

    @Test func everyPictureIsWrittenShownAndWellFormed() throws {
        let written = try PicturesDocumentationTests.documentCommands().flatMap(PicturesDocumentationTests.outputs)
        let page = try PicturesDocumentationTests.read("docs/Pictures.md")
        let shown = page.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("!["), let open = line.lastIndex(of: "("), line.hasSuffix(")") else { return nil }
            return "docs/" + line[line.index(after: open)..<line.index(before: line.endIndex)]
        }
        #expect(written == shown)
        let directory = PicturesDocumentationTests.root.appendingPathComponent("docs/images")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".svg") }.sorted()
        #expect(files == written.map { String($0.dropFirst("docs/images/".count)) }.sorted())
        for file in files {
            let svg = try ParsedSVG(String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8))
            if file.hasPrefix("graph-") {
                // Computation graphs (sym graph) have nodes instead of panels.
                #expect(!svg.elements("g", class: "node").isEmpty, "\(file)")
                continue
            }
            #expect(!svg.elements("g", class: "panel").isEmpty, "\(file)")
            #expect(!svg.elements("rect", class: "frame").isEmpty, "\(file)")
        }
    }
}
