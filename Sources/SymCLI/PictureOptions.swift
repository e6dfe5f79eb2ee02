import Symbolic

/// Options and helpers shared by the commands that draw pictures
/// (`sym plot`, `--plot` of `sym minimize`).
enum PictureOptions {
    /// `--output FILE.svg` of `sym plot`.
    static let output = OptionDefinition(
        "--output", short: "-o", value: "file", help: "Write the SVG picture to this file ('-' writes standard output).",
        required: true)

    /// `--plot FILE.svg` of commands whose main output is text.
    static func plot(_ help: String) -> OptionDefinition {
        OptionDefinition("--plot", value: "file", help: help)
    }

    /// A range `a:b`, each end a number or a constant expression (`-pi:2*pi`).
    ///
    /// - Throws: ``UsageError/invalidValue(_:option:expected:)`` unless both
    ///   ends are finite and `a < b`.
    static func range(_ text: String, option: String) throws(UsageError) -> ClosedRange<Double> {
        let expected = "two numbers a:b with a < b, e.g. -5:5 or -pi:pi"
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 else { throw .invalidValue(text, option: option, expected: expected) }
        var ends: [Double] = []
        for part in parts {
            guard let expression = try? Expression(parsing: String(part)), expression.variables.isEmpty,
                  let value = try? expression.evaluate(at: [String: Double]()), value.isFinite else {
                throw .invalidValue(text, option: option, expected: expected)
            }
            ends.append(value)
        }
        guard ends[0] < ends[1] else { throw .invalidValue(text, option: option, expected: expected) }
        return ends[0]...ends[1]
    }

    /// Writes `figure` as SVG to `path`, or to standard output for `-`.
    static func write(_ figure: Figure, to path: String, console: inout Console) throws(CommandError) {
        if path == "-" {
            console.output.write(figure.svg())
            return
        }
        do {
            try figure.write(toFile: path)
        } catch {
            throw .failure(error.description)
        }
    }
}
