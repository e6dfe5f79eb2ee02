/// Formulas compiled once into a batched program whose per-point inputs
/// are data columns and whose shared inputs are parameters, with a
/// workspace behind a lock so that `Sendable` closures can call it without
/// allocating.
///
/// Every point's results equal the one-point compiled program's bit for
/// bit, whatever the thread count (see ``BatchedFunction``).
final class ModelEvaluator: Sendable {
    let program: BatchedFunction
    private let workspace: LockedWorkspace<BatchedFunction.Workspace>

    /// Compiles `outputs` with `variables` shared by all points and
    /// `pointInputs` varying per point.
    init(outputs: [Expression], variables: [String], pointInputs: [String]) throws(FitError) {
        do {
            program = try Expression.compile(outputs, variables: variables, parameters: pointInputs)
                .batched(over: .parameters)
        } catch {
            throw .compilation(error)
        }
        workspace = LockedWorkspace(program.makeWorkspace())
    }

    var outputCount: Int { program.outputCount }

    /// Every output at every point: `outputs[k·pointCount + i]`.
    func evaluate(columns: UnsafeBufferPointer<Double>, pointCount: Int, shared: UnsafeBufferPointer<Double>,
                  into outputs: UnsafeMutableBufferPointer<Double>, threads: Int) {
        workspace.with { ws in
            program.evaluate(columns: columns, pointCount: pointCount, shared: shared, into: outputs,
                             workspace: &ws, threads: threads)
        }
    }

    /// Every output's sum over the points.
    func sum(columns: UnsafeBufferPointer<Double>, pointCount: Int, shared: UnsafeBufferPointer<Double>,
             into sums: UnsafeMutableBufferPointer<Double>, threads: Int) {
        workspace.with { ws in
            program.sum(columns: columns, pointCount: pointCount, shared: shared, into: sums, workspace: &ws,
                        threads: threads)
        }
    }

    /// Array convenience for ``evaluate(columns:pointCount:shared:into:threads:)``.
    func evaluate(columns: [Double], pointCount: Int, shared: [Double], threads: Int) -> [Double] {
        var outputs = [Double](repeating: 0, count: outputCount * pointCount)
        columns.withUnsafeBufferPointer { c in
            shared.withUnsafeBufferPointer { s in
                outputs.withUnsafeMutableBufferPointer { o in
                    evaluate(columns: c, pointCount: pointCount, shared: s, into: o, threads: threads)
                }
            }
        }
        return outputs
    }
}
