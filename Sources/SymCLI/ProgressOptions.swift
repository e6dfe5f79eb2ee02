import Symbolic

/// `--progress` and `--quiet`: whether a long loop (fit, training epochs,
/// minimize, `--points` over a large file) shows a progress meter on
/// standard error.
///
/// By default the meter is drawn in place (about 10 times a second) when
/// standard error is a terminal, and nothing is written when it is not;
/// `--progress` writes plain lines about once a second even to a pipe or
/// file; `--quiet` writes nothing.
struct ProgressOptions: Equatable {
    static let progress = OptionDefinition(
        "--progress", value: nil,
        help: "Show progress on standard error even when it is not a terminal (plain lines, about one a second).")
    static let quiet = OptionDefinition("--quiet", short: "-q", value: nil, help: "Show no progress.")
    /// Both options, for a command's option list.
    static let definitions = [progress, quiet]

    enum Mode { case automatic, lines, quiet }
    var mode: Mode

    /// The choice on the command line.
    ///
    /// - Throws: ``UsageError/conflict(_:)`` for both `--progress` and `--quiet`.
    init(_ arguments: ScannedArguments) throws(UsageError) {
        let lines = arguments.contains(flag: Self.progress.name), quiet = arguments.contains(flag: Self.quiet.name)
        if lines && quiet { throw .conflict("--progress and --quiet cannot be used together") }
        mode = quiet ? .quiet : lines ? .lines : .automatic
    }

    init(mode: Mode) { self.mode = mode }

    /// The meter style for this console, or `nil` for none.
    func style(_ console: Console) -> ProgressMeter.Style? {
        switch mode {
        case .quiet: return nil
        case .lines: return console.errorOutputIsTerminal ? .inPlace : .lines
        case .automatic: return console.errorOutputIsTerminal ? .inPlace : nil
        }
    }

    /// A meter writing to a copy of the console's error stream, or `nil`
    /// when no progress is shown. Call ``ProgressSession/end(_:)`` when the
    /// loop is over (also on failure) to end the line and hand the stream back.
    func session(_ console: Console, total: Int?, unit: String) -> ProgressSession? {
        guard let style = style(console) else { return nil }
        return ProgressSession(stream: console.errorOutput, total: total, unit: unit, style: style)
    }
}

/// A ``ProgressMeter`` that writes through a copy of the console's error
/// stream (the library's observers are escaping closures, which cannot
/// capture the command's `inout` console).
final class ProgressSession {
    private(set) var stream: any TextOutputStream
    private(set) var meter: ProgressMeter!

    init(stream: any TextOutputStream, total: Int?, unit: String, style: ProgressMeter.Style) {
        self.stream = stream
        meter = ProgressMeter(total: total, unit: unit, style: style) { [unowned self] text in self.stream.write(text) }
    }

    /// Draws the last state, ends the line and gives the stream back to `console`.
    func end(_ console: inout Console) {
        meter.finish()
        console.errorOutput = stream
    }
}

extension Optional where Wrapped == ProgressSession {
    /// Ends the session, if there is one.
    func end(_ console: inout Console) {
        if let session = self { session.end(&console) }
    }
}

extension FitOptions {
    /// The steps a fit's progress meter counts to: epochs of mini-batch
    /// training, else the iteration limit when one was given.
    var progressTotal: Int? {
        if let stochastic { return stochastic.epochs }
        return optimization.maxIterations
    }

    /// What a fit's step is called.
    var progressUnit: String { stochastic == nil ? "iteration" : "epoch" }
}
