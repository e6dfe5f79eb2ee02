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

/// `--plot` and `--loss-plot` of `sym fit`.
struct FitPictureOptions {
    static let plot = PictureOptions.plot(
        "Draw the fit as SVG: one input, the data and the fitted curve; two inputs with class labels, "
            + "the decision regions, the training points and the boundary.")
    static let lossPlot = OptionDefinition(
        "--loss-plot", value: "file", help: "Draw the loss by iteration or epoch as SVG (log scale).")
    /// Both options, for the command's option list.
    static let definitions = [plot, lossPlot, HiddenGridRun.option]

    var plotPath: String?
    var lossPlotPath: String?

    init(_ arguments: ScannedArguments) {
        plotPath = arguments.value(Self.plot.name)
        lossPlotPath = arguments.value(Self.lossPlot.name)
    }

    /// Writes the pictures asked for.
    func write(_ result: FitResult, data: DataTable, console: inout Console) throws(CommandError) {
        do {
            if let plotPath { try PictureOptions.write(try result.figure(data: data), to: plotPath, console: &console) }
            if let lossPlotPath { try PictureOptions.write(try result.lossFigure(), to: lossPlotPath, console: &console) }
        } catch let error as CommandError {
            throw error
        } catch {
            throw .failure("\(error)")
        }
    }
}

extension FitPictureOptions {
    /// Writes the pictures of a network fit (`sym fit --model ...`), with
    /// the data in the table's units.
    func write(_ result: TrainingResult, session: NetworkFitSession, table: DataTable, console: inout Console) throws(CommandError) {
        do {
            if let plotPath {
                let model = TrainedNetwork(network: session.trainer.network, loss: session.trainer.loss,
                                           parameters: result.parameters, inputNames: session.data.inputNames,
                                           targetName: session.data.targetName, standardization: session.standardization)
                let raw = try Dataset(table: table, target: session.data.targetName, inputs: session.data.inputNames)
                try PictureOptions.write(try model.figure(data: raw), to: plotPath, console: &console)
            }
            if let lossPlotPath { try PictureOptions.write(try result.lossFigure(), to: lossPlotPath, console: &console) }
        } catch let error as CommandError {
            throw error
        } catch {
            throw .failure("\(error)")
        }
    }
}
