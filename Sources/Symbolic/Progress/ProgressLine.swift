import Foundation

/// One line of a progress meter, in the manner of Python's tqdm:
///
///     epoch  45%|█████████           | 4500/10000 [00:02<00:03, 1843 epoch/s, loss 0.0123]
///
/// percent done, a bar with eighth-cell resolution, done/total, elapsed and
/// estimated remaining time, the rate and the current loss. Without a total
/// (a run that stops when it converges) the percent, bar and remaining time
/// are left out: `iteration 37 [00:02, 18.5 iteration/s, loss 0.0123]`.
///
///     let line = ProgressLine(unit: "epoch", done: 50, total: 200, elapsed: 1.5, loss: 0.25)
///     print(line.text)
///     // Prints "epoch  25%|█████               | 50/200 [00:01<00:04, 33.3 epoch/s, loss 0.25]"
public struct ProgressLine: Sendable, Hashable {
    /// What one step is called ("epoch", "iteration", "point").
    public var unit: String
    /// Steps done.
    public var done: Int
    /// Steps in all, if known.
    public var total: Int?
    /// Seconds since the start.
    public var elapsed: Double
    /// The current loss or objective value, if any.
    public var loss: Double?
    /// Cells of the bar.
    public var barWidth: Int = 20

    /// Creates a line.
    ///
    ///     let line = ProgressLine(unit: "iteration", done: 3, total: nil, elapsed: 0.2)
    public init(unit: String, done: Int, total: Int?, elapsed: Double, loss: Double? = nil) {
        self.unit = unit
        self.done = done
        self.total = total
        self.elapsed = elapsed
        self.loss = loss
    }

    /// The text of the line (no carriage return or newline).
    public var text: String {
        var text = unit
        var times = ProgressLine.clock(elapsed)
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        if let total, total > 0 {
            let fraction = Swift.min(1, Swift.max(0, Double(done) / Double(total)))
            let percent = Int((fraction * 100).rounded(.down))
            text += " " + String(repeating: " ", count: 3 - String(percent).count) + "\(percent)%|" + bar(fraction) + "|"
            text += " \(done)/\(total)"
            times += "<" + (done > 0 && rate > 0 ? ProgressLine.clock(Double(Swift.max(0, total - done)) / rate) : "?")
        } else {
            text += " \(done)"
        }
        text += " [" + times
        if done > 0 && elapsed > 0 {
            text += rate >= 1 || rate == 0 ? ", \(ProgressLine.rate(rate)) \(unit)/s"
                                           : ", \(ProgressLine.rate(1 / rate)) s/\(unit)"
        }
        if let loss { text += ", loss " + String(format: "%.6g", loss) }
        return text + "]"
    }

    /// A bar of ``barWidth`` cells, `fraction` of them filled, with the
    /// partial cell drawn in eighths (▏▎▍▌▋▊▉).
    func bar(_ fraction: Double) -> String {
        let eighths = Int((fraction * Double(barWidth * 8)).rounded(.down))
        let full = eighths / 8, partial = eighths % 8
        var bar = String(repeating: "█", count: full)
        if full < barWidth {
            bar += partial == 0 ? " " : String(Array("▏▎▍▌▋▊▉")[partial - 1])
            bar += String(repeating: " ", count: barWidth - full - 1)
        }
        return bar
    }

    /// `mm:ss`, or `h:mm:ss` from an hour on.
    ///
    ///     ProgressLine.clock(3725)   // "1:02:05"
    public static func clock(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "?" }
        let whole = Int(seconds.rounded(.down))
        let h = whole / 3600, m = whole / 60 % 60, s = whole % 60
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return h > 0 ? "\(h):\(two(m)):\(two(s))" : "\(two(m)):\(two(s))"
    }

    /// A rate: whole numbers from 100 on, else three significant digits.
    ///
    ///     ProgressLine.rate(1843.21)   // "1843"
    ///     ProgressLine.rate(18.456)    // "18.5"
    public static func rate(_ value: Double) -> String {
        value >= 100 ? String(Int(value.rounded())) : String(format: "%.3g", value)
    }
}
