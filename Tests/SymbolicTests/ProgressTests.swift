import Foundation
import Testing
@testable import Symbolic

/// The tqdm-like progress line and meter, with a fake clock.
@Suite("Progress")
struct ProgressTests {
    /// A clock the test moves by hand.
    final class FakeClock {
        var now = 100.0
    }

    @Test(arguments: [
        (ProgressLine(unit: "epoch", done: 50, total: 200, elapsed: 1.5, loss: 0.25),
         "epoch  25%|█████               | 50/200 [00:01<00:04, 33.3 epoch/s, loss 0.25]"),
        (ProgressLine(unit: "epoch", done: 0, total: 200, elapsed: 0),
         "epoch   0%|                    | 0/200 [00:00<?]"),
        (ProgressLine(unit: "epoch", done: 4500, total: 10000, elapsed: 2.4419, loss: 0.0123456789),
         "epoch  45%|█████████           | 4500/10000 [00:02<00:02, 1843 epoch/s, loss 0.0123457]"),
        (ProgressLine(unit: "it", done: 1, total: 16, elapsed: 1), "it   6%|█▎                  | 1/16 [00:01<00:15, 1 it/s]"),
        (ProgressLine(unit: "epoch", done: 200, total: 200, elapsed: 7325, loss: 1e-9),
         "epoch 100%|████████████████████| 200/200 [2:02:05<00:00, 36.6 s/epoch, loss 1e-09]"),
        (ProgressLine(unit: "iteration", done: 37, total: nil, elapsed: 2, loss: 3),
         "iteration 37 [00:02, 18.5 iteration/s, loss 3]"),
    ])
    func lineText(line: ProgressLine, expected: String) {
        #expect(line.text == expected)
    }

    @Test func clockAndRate() {
        #expect(ProgressLine.clock(0) == "00:00")
        #expect(ProgressLine.clock(59.99) == "00:59")
        #expect(ProgressLine.clock(3725) == "1:02:05")
        #expect(ProgressLine.clock(.infinity) == "?")
        #expect(ProgressLine.rate(1843.21) == "1843")
        #expect(ProgressLine.rate(18.456) == "18.5")
    }

    @Test func linesAreThrottledAndEndWithTheLastState() {
        let clock = FakeClock()
        var written: [String] = []
        let meter = ProgressMeter(total: 10, unit: "epoch", style: .lines, clock: { clock.now }) { written.append($0) }
        for epoch in 0...10 {
            meter.update(epoch, loss: 1 / Double(epoch + 1))
            clock.now += 0.4   // a draw every third update (1 s interval)
        }
        meter.finish()
        meter.finish()  // a second finish draws nothing
        #expect(written.allSatisfy { $0.hasSuffix("\n") && !$0.contains("\r") && $0.filter { $0 == "\n" }.count == 1 })
        #expect(written.map { $0.split(separator: "|")[2].split(separator: " ")[0] } == ["0/10", "3/10", "6/10", "9/10", "10/10"])
        #expect(written.first == "epoch   0%|                    | 0/10 [00:00<?, loss 1]\n")
        #expect(written.last == "epoch 100%|████████████████████| 10/10 [00:04<00:00, 2.27 epoch/s, loss 0.0909091]\n")
        #expect(meter.drawCount == 5)
    }

    @Test func inPlaceRedrawsOneLineAndPadsOverLongerText() {
        let clock = FakeClock()
        var text = ""
        let meter = ProgressMeter(total: nil, unit: "iteration", style: .inPlace, clock: { clock.now }) { text += $0 }
        meter.update(0, loss: 123.456)
        clock.now += 0.2
        meter.update(1, loss: 1)
        clock.now += 0.05  // within 0.1 s: not drawn
        meter.update(2, loss: 0.5)
        meter.finish()
        #expect(text == "\riteration 0 [00:00, loss 123.456]"
                     + "\riteration 1 [00:00, 5 iteration/s, loss 1]"
                     + "\riteration 2 [00:00, 8 iteration/s, loss 0.5]\n")
        #expect(meter.drawCount == 3)
    }

    @Test func paddingCoversAShorterLine() {
        let clock = FakeClock()
        var text = ""
        let meter = ProgressMeter(total: nil, unit: "it", style: .inPlace, clock: { clock.now }) { text += $0 }
        meter.update(0, loss: 1.23456789e-123)
        clock.now += 1
        meter.update(1, loss: 1)
        let lines = text.split(separator: "\r")
        #expect(lines.count == 2 && lines[0].count == lines[1].count)
    }

    @Test func observersReportEveryStep() throws {
        let clock = FakeClock()
        var written: [String] = []
        let meter = ProgressMeter(total: nil, unit: "iteration", style: .lines, clock: { clock.now }) { written.append($0) }
        meter.interval = 0
        let f = try Expression(parsing: "(x-3)^2")
        let observer = meter.optimizationObserver()
        let result = try minimize(f, from: [("x", 0)], method: .gd, options: { var o = OptimizationOptions(); o.maxIterations = 3; o.backtracking = false; o.learningRate = 0.25; return o }(),
                                  observer: { clock.now += 1; return observer($0) })
        meter.finish()
        #expect(result.iterations == 3)
        #expect(written == [
            "iteration 0 [00:01, loss 9]\n", "iteration 1 [00:02, 2 s/iteration, loss 2.25]\n",
            "iteration 2 [00:03, 1.5 s/iteration, loss 0.5625]\n", "iteration 3 [00:04, 1.33 s/iteration, loss 0.140625]\n",
            "iteration 3 [00:04, 1.33 s/iteration, loss 0.140625]\n",
        ])
    }
}
