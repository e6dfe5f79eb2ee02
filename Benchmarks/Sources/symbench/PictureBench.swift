import Foundation
import Symbolic

/// The targets of issue 10, on the reference training run (two moons, 200
/// points, MLP(H), full-batch gd, 20,000 epochs):
///
/// - the progress meter costs ≤ 1% of the run: the run with a
///   ``ProgressMeter`` observing every epoch (drawing in place about 10
///   times a second into a discarded string) against the run without an
///   observer, alternated, best of `repeats` each;
/// - drawing the decision-region picture of the trained network (figure and
///   SVG text) costs ≤ 10% of the training, and the file stays ≤ 500 KB.
///
///     swift run -c release --package-path Benchmarks symbench --pictures [H] [EPOCHS] [REPEATS]
func benchmarkPictures(hidden h: Int, epochs: Int = 20_000, repeats: Int = 3) {
    let mlp = MLPWorkload(hidden: h)
    let network = NeuralNetwork(inputs: 2, hidden: [h], outputs: 2, activation: .tanh)
    var options = TrainingOptions()
    options.method = .gd
    options.optimizer.learningRate = 2
    options.batchSize = nil
    options.l2 = 5e-5
    options.epochs = epochs
    let inputs = mlp.samples.map { [$0.0, $0.1] }, targets = mlp.samples.map { Double($0.2) }
    let trainer = try! Trainer(network: network, loss: .crossEntropy, inputs: inputs, targets: targets, options: options)

    var plain = Double.infinity, observed = Double.infinity, empty = Double.infinity
    var result: TrainingResult! = nil
    var draws = 0, written = 0
    for _ in 0..<repeats {
        var t0 = now()
        result = try! trainer.train(from: mlp.start)
        plain = min(plain, now() - t0)

        t0 = now()
        _ = try! trainer.train(from: mlp.start) { _ in .proceed }
        empty = min(empty, now() - t0)

        var text = ""
        let meter = ProgressMeter(total: epochs, unit: "epoch", style: .inPlace) { text += $0 }
        t0 = now()
        let watched = try! trainer.train(from: mlp.start, observer: meter.trainingObserver())
        meter.finish()
        observed = min(observed, now() - t0)
        precondition(watched.parameters == result.parameters, "the observer must not change the run")
        draws = meter.drawCount
        written = text.utf8.count
    }
    print("train H=\(h), \(epochs) epochs: \(Reporter.format(plain)) without progress, \(Reporter.format(observed)) with "
          + "a progress meter (\(draws) draws, \(written) bytes): overhead "
          + String(format: "%.2f%%", 100 * (observed - plain) / plain)
          + "; an observer that does nothing: \(Reporter.format(empty)) ("
          + String(format: "%.2f%%", 100 * (empty - plain) / plain) + ")")

    // The meter's own cost per update, timed alone (the loop is too noisy
    // on a shared machine to see 1% in the difference of two runs).
    var text = ""
    let meter = ProgressMeter(total: 10_000_000, unit: "epoch", style: .inPlace) { text += $0 }
    let t0 = now()
    for epoch in 0..<10_000_000 { meter.update(epoch, loss: 0.5) }
    let perUpdate = (now() - t0) / 10_000_000
    print("progress meter: \(Reporter.format(perUpdate)) per update, "
          + String(format: "%.3f%%", 100 * perUpdate / (plain / Double(epochs))) + " of one epoch (\(Reporter.format(plain / Double(epochs))))")

    let model = TrainedNetwork(network: network, loss: .crossEntropy, parameters: result.parameters,
                               inputNames: ["x1", "x2"], targetName: "label")
    let data = Dataset(inputs: inputs, targets: targets, inputNames: ["x1", "x2"], targetName: "label")
    let (svg, drawing, _) = timeOnce { try! model.figure(data: data).svg() }
    print("decision regions of \(data.count) points: drawn in \(Reporter.format(drawing)) ("
          + String(format: "%.2f%%", 100 * drawing / plain) + " of the training), \(svg.utf8.count / 1024) KB")
}
