import Dispatch

/// A tqdm-like progress meter for long loops: give it the steps done (and
/// the loss) as the loop goes, and it writes a ``ProgressLine`` through
/// `write` at most every ``interval`` seconds.
///
///     var lines: [String] = []
///     let meter = ProgressMeter(total: 20_000, unit: "epoch", style: .lines) { lines.append($0) }
///     let result = try trainer.train(observer: meter.trainingObserver())
///     meter.finish()
///
/// ``Style/inPlace`` (for a terminal) redraws one line with a carriage
/// return, padding over the previous text, and ends it with a newline in
/// ``finish()``; ``Style/lines`` writes whole lines, each ending in a newline
/// (for logs and pipes). The first update and ``finish()`` always draw, so
/// even a short run shows where it started and where it ended.
///
/// Between draws an update costs a decrement and a comparison: the clock
/// is read only every so many updates (adapted to the loop's speed, about
/// 20 readings per interval), so a meter can observe every epoch of a fast
/// training loop.
public final class ProgressMeter {
    /// How the meter writes.
    public enum Style: Sendable, Hashable {
        /// Redraw one line in place (`\r`), for a terminal; about 10 times a second.
        case inPlace
        /// Whole lines ending in `\n`, no carriage returns; about once a second.
        case lines
    }

    /// Steps in all, if known (the bar and remaining time need it).
    public var total: Int?
    /// What one step is called.
    public let unit: String
    /// How the meter writes.
    public let style: Style
    /// Seconds between draws (default 0.1 in place, 1 for lines).
    public var interval: Double
    /// Draws so far.
    public private(set) var drawCount = 0

    private let write: (String) -> Void
    private let clock: () -> Double
    private let start: Double
    private var lastDraw = -Double.infinity
    private var done = 0
    private var loss: Double?
    private var drawnWidth = 0
    private var finished = false
    /// Updates between clock readings, adapted so that the clock is read
    /// about 20 times per interval however fast the loop runs.
    private var readingStride = 1
    private var countdown = 1
    private var lastCheck = -Double.infinity

    /// Creates a meter.
    ///
    ///     let meter = ProgressMeter(total: 100, unit: "iteration", style: .inPlace) { text in
    ///         FileHandle.standardError.write(text.data(using: .utf8)!)
    ///     }
    ///
    /// - Parameters:
    ///   - total: Steps in all, or `nil` when the loop may stop early at an unknown step.
    ///   - unit: What one step is called ("epoch", "iteration", "point").
    ///   - style: In place (terminal) or whole lines (logs).
    ///   - clock: Seconds from any fixed origin (default: monotonic time);
    ///     tests pass a fake clock.
    ///   - write: Receives the text to write (with its `\r` or `\n`).
    public init(total: Int?, unit: String = "it", style: Style, clock: (() -> Double)? = nil,
                write: @escaping (String) -> Void) {
        self.total = total
        self.unit = unit
        self.style = style
        self.interval = style == .inPlace ? 0.1 : 1
        self.write = write
        self.clock = clock ?? { Double(DispatchTime.now().uptimeNanoseconds) * 1e-9 }
        self.start = self.clock()
    }

    /// Records that `done` steps are complete (with the current loss) and
    /// draws if the interval has passed since the last draw.
    ///
    ///     meter.update(120, loss: 0.031)
    @inline(__always)
    public func update(_ done: Int, loss: Double? = nil) {
        self.done = done
        self.loss = loss
        countdown -= 1
        if countdown <= 0 { check() }
    }

    /// Reads the clock, draws if the interval has passed, and adapts how
    /// many updates go by until the next reading.
    private func check() {
        let now = clock()
        let since = now - lastCheck
        if since < interval / 40 {
            readingStride = Swift.min(readingStride * 2, 1 << 16)
        } else if since > interval / 10 && readingStride > 1 {
            readingStride /= 2
        }
        countdown = readingStride
        lastCheck = now
        if now - lastDraw >= interval { draw(at: now) }
    }

    /// Draws the final state and ends the line; later calls do nothing.
    ///
    ///     meter.finish()
    public func finish() {
        guard !finished else { return }
        draw(at: clock())
        if style == .inPlace { write("\n") }
        finished = true
    }

    /// The line as it would be drawn now.
    public var line: ProgressLine {
        ProgressLine(unit: unit, done: done, total: total, elapsed: Swift.max(0, clock() - start), loss: loss)
    }

    private func draw(at now: Double) {
        guard !finished else { return }
        lastDraw = now
        drawCount += 1
        let text = ProgressLine(unit: unit, done: done, total: total, elapsed: Swift.max(0, now - start), loss: loss).text
        switch style {
        case .lines:
            write(text + "\n")
        case .inPlace:
            let width = text.count
            write("\r" + text + String(repeating: " ", count: Swift.max(0, drawnWidth - width)))
            drawnWidth = width
        }
    }
}

extension ProgressMeter {
    /// An observer for ``Trainer/train(from:observer:)`` that shows epochs
    /// and the training loss (the total is taken from the run).
    ///
    ///     let result = try trainer.train(observer: meter.trainingObserver())
    public func trainingObserver() -> (TrainingProgress) -> ObserverDecision {
        { [self] progress in
            if total == nil { total = progress.epochs }
            update(progress.epoch, loss: progress.trainingLoss)
            return .proceed
        }
    }

    /// An observer for ``minimize(_:from:method:options:observer:)-(Expression,_,_,_,_)``
    /// that shows iterations and the objective value.
    ///
    ///     let result = try minimize(f, from: [("x", 1)], observer: meter.optimizationObserver())
    public func optimizationObserver() -> (OptimizationProgress) -> ObserverDecision {
        { [self] progress in
            update(progress.iteration, loss: progress.value)
            return .proceed
        }
    }

    /// An observer for ``fit(_:to:target:loss:method:options:observer:)``
    /// that shows iterations and the fit's objective.
    ///
    ///     let result = try fit(model, to: table, observer: meter.fitObserver())
    public func fitObserver() -> (FitProgress) -> ObserverDecision {
        { [self] progress in
            update(progress.iteration, loss: progress.loss)
            return .proceed
        }
    }
}
