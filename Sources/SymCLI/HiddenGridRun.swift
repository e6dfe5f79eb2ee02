import Symbolic

/// `sym fit --model mlp --hidden-grid 1,2,3,4,5,20,50 --data moons --plot grid.svg`:
/// one network with a single hidden layer per width, trained alike, and
/// the grid of their decision regions (the course notes' figure).
enum HiddenGridRun {
    static let option = OptionDefinition(
        "--hidden-grid", value: "widths",
        help: "Train one network per hidden-layer width (e.g. 1,2,3,4,5,20,50) and draw their decision regions "
            + "side by side with --plot (two inputs, class labels).")

    /// The widths of `--hidden-grid`, or `nil` when it is absent.
    static func widths(_ arguments: ScannedArguments) throws(UsageError) -> [Int]? {
        guard let text = arguments.value(option.name) else { return nil }
        var widths: [Int] = []
        for piece in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard let width = Int(piece.trimmingSpaces()), (1...10_000).contains(width) else {
                throw .invalidValue(text, option: option.synopsis, expected: "positive widths separated by commas, e.g. 1,2,3,4,5,20,50")
            }
            widths.append(width)
        }
        guard arguments.value(FitPictureOptions.plot.name) != nil else {
            throw .conflict("--hidden-grid draws a picture; give its file with --plot FILE.svg")
        }
        return widths
    }

    /// Trains the networks, writes the picture and prints one line per width.
    static func run(widths: [Int], settings: NetworkFitSettings, session: NetworkFitSession, plotPath: String,
                    progress: ProgressOptions, console: inout Console) throws(CommandError) {
        var grid = HiddenSizeGrid(data: session.data, widths: widths, options: settings.training)
        grid.activation = settings.activation
        grid.initializer = settings.initializer
        grid.loss = session.trainer.loss
        let epochs = settings.training.epochs
        let meter = progress.session(console, total: epochs * widths.count, unit: "epoch")
        final class Offset { var epochs = 0 }
        let offset = Offset()
        if let meter {
            grid.observer = { state in
                meter.meter.update(offset.epochs + state.epoch, loss: state.trainingLoss)
                return .proceed
            }
        }
        var lines: [String] = []
        let data = session.data
        grid.onTrained = { width, result in
            offset.epochs += epochs
            let model = TrainedNetwork(network: NeuralNetwork(inputs: 2, layers: [(width, settings.activation),
                                                                                  (session.trainer.network.layers.last!.unitCount, .identity)]),
                                       loss: grid.loss, parameters: result.parameters, inputNames: data.inputNames,
                                       targetName: data.targetName)
            let predicted = model.predictions(for: data.inputs)
            let correct = zip(predicted, data.targets).filter { $0 == $1 }.count
            lines.append("hidden \(width): loss \(NumberFormatting.text(result.loss)), accuracy \(correct)/\(data.count)")
        }
        let figure: Figure
        do {
            defer { meter.end(&console) }
            figure = try grid.figure()
        } catch {
            throw .failure(error.description)
        }
        try PictureOptions.write(figure, to: plotPath, console: &console)
        for line in lines { console.printLine(line) }
    }
}
