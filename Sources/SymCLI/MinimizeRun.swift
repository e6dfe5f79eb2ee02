import Symbolic

/// One run of `sym minimize`, with its progress meter and, for `--plot`,
/// the record of the path.
struct MinimizeRun {
    var expression: Expression
    var variables: [String]
    var start: [Double]
    var method: OptimizationMethod?
    var options: OptimizationOptions
    /// Whether to record the iterates (two variables and `--plot`).
    var drawsPath: Bool
    let recorder = OptimizationPathRecorder()

    /// Minimises, showing progress as `progress` asks.
    func run(progress: ProgressOptions, console: inout Console) throws(CommandError) -> OptimizationResult {
        var seen = Set<String>()
        for name in expression.variables where !variables.contains(name) && seen.insert(name).inserted {
            throw .failure("the starting point gives no value for variable '\(name)'; add it to --from, e.g. --from \(name)=0")
        }
        let session = progress.session(console, total: options.maxIterations, unit: "iteration")
        defer { session.end(&console) }
        let observer = session?.meter.optimizationObserver()
        do {
            if drawsPath {
                let objective: Objective
                do {
                    objective = try Objective(expression: expression, variables: variables)
                } catch {
                    throw CommandError.failure(error.description)
                }
                return try minimize(recorder.recording(objective), from: start, method: method, options: options,
                                    observer: recorder.observer(then: observer))
            }
            return try minimize(expression, from: Array(zip(variables, start)), method: method, options: options,
                                observer: observer)
        } catch let error as CommandError {
            throw error
        } catch {
            throw .failure("\(error)")
        }
    }

    /// The `--plot` picture of `result`.
    func figure(_ result: OptimizationResult) throws(CommandError) -> Figure {
        var picture = OptimizationFigure(values: result.valueHistory)
        if drawsPath {
            picture.contours = (expression, variables)
            picture.path = recorder.points
        }
        do {
            return try picture.figure()
        } catch {
            throw .failure(error.description)
        }
    }
}
