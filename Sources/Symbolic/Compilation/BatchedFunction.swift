import Dispatch

extension CompiledFunction {
    /// Which inputs change from point to point in batched evaluation.
    public enum BatchedInputs: Sendable, Hashable {
        /// The variables vary per point; the parameters are shared. Use it
        /// to tabulate a function at many points.
        case variables
        /// The parameters vary per point; the variables are shared. Use it
        /// for a loss over a data set: one per-sample program whose
        /// parameters are the sample's data, the variables the weights.
        case parameters
    }

    /// A version of this function that evaluates many points per call.
    ///
    ///     // The loss of one sample (x, t) with weights w, b:
    ///     let loss = (w * x + b - t) ** 2
    ///     let f = try Expression.compile([loss] + loss.gradient(withRespectTo: ["w", "b"]),
    ///                                    variables: ["w", "b"], parameters: ["x", "t"])
    ///     let batch = f.batched(over: .parameters)
    ///     let totals = try batch.sum(points: [[1, 3], [2, 5]], shared: [2, 1])
    ///     // totals = [Σ loss, Σ ∂loss/∂w, Σ ∂loss/∂b]
    ///
    /// - Parameters:
    ///   - varying: The inputs that vary per point.
    ///   - chunkSize: Points evaluated together by each instruction (a
    ///     tuning knob; it also fixes the order of ``BatchedFunction/sum``).
    /// - Complexity: O(n) in the number of instructions.
    public func batched(over varying: BatchedInputs, chunkSize: Int = 256) -> BatchedFunction {
        BatchedFunction(self, varying: varying, chunkSize: chunkSize)
    }
}

/// A compiled function that evaluates many points per call, laid out
/// struct-of-arrays, with sums over the points and multi-core splitting.
///
/// The per-point inputs (``pointInputs``) come as a matrix with one row per
/// point (``evaluate(points:shared:threads:)``) or, without copying, as
/// columns: `columns[j * pointCount + i]` is input `j` at point `i`.
///
/// Every point's results equal the one-point ``CompiledFunction`` results
/// bit for bit, and every result is identical whatever the thread count.
/// A `BatchedFunction` is an immutable value: share it between threads;
/// each thread calling the allocation-free methods needs its own
/// ``Workspace``.
public struct BatchedFunction: Sendable {
    /// The one-point function.
    public let function: CompiledFunction
    /// The inputs that vary per point, in column order.
    public let pointInputs: [String]
    /// The inputs shared by all points, in order.
    public let sharedInputs: [String]
    /// Points per chunk.
    public let chunkSize: Int
    let program: BatchProgram
    /// The per-point instructions for the SIMD executor.
    let kernels: KernelProgram
    /// Doubles per row: the chunk size rounded up to whole 8-lane vectors.
    var rowStride: Int { (chunkSize + 7) & ~7 }
    let sharedInputIndices: [Int]
    /// Identifies this function's workspaces.
    let identity: UInt64

    init(_ function: CompiledFunction, varying: CompiledFunction.BatchedInputs, chunkSize: Int) {
        precondition(chunkSize > 0, "the chunk size must be positive")
        self.function = function
        self.chunkSize = chunkSize
        let v = function.variables.count, all = function.inputCount
        let isVarying = (0..<all).map { varying == .variables ? $0 < v : $0 >= v }
        let names = function.variables + function.parameters
        pointInputs = names.indices.filter { isVarying[$0] }.map { names[$0] }
        sharedInputIndices = names.indices.filter { !isVarying[$0] }
        sharedInputs = sharedInputIndices.map { names[$0] }
        identity = CompiledFunction.nextIdentity.add(1, ordering: .relaxed).newValue
        program = BatchProgram(LoweredProgram(reconstructing: function.program), inputCount: all, varyingInputs: isVarying)
        kernels = KernelProgram(program)
    }

    /// The number of outputs per point.
    public var outputCount: Int { program.outputs.count }

    /// Per-point instructions (each runs over a whole chunk of points), not
    /// counting the deliveries of outputs.
    public var pointInstructionCount: Int { program.instructions.count { $0.op != .output } }

    /// Rows of work memory per chunk (each `chunkSize` doubles), after
    /// reusing the rows of dead values.
    public var workRowCount: Int { program.rowCount }

    /// Instructions run once per call for values shared by all points.
    public var sharedInstructionCount: Int { program.shared.instructions.count }

    // MARK: Matrix conveniences

    /// Evaluates every output at every point.
    ///
    /// - Parameters:
    ///   - points: One row per point with one value per ``pointInputs`` entry.
    ///   - shared: One value per ``sharedInputs`` entry.
    ///   - threads: Threads to split the points across.
    /// - Returns: One row per point with one value per output.
    /// - Throws: ``CompilationError/rowLength(row:expected:found:)`` or
    ///   ``CompilationError/sharedInputCount(expected:found:)`` when a size
    ///   does not fit.
    public func evaluate(points: [[Double]], shared: [Double] = [], threads: Int = 1) throws(CompilationError) -> [[Double]] {
        let columns = try columns(points, shared: shared)
        let m = points.count, k = outputCount
        var out = [Double](repeating: 0, count: m * k)
        var workspace = makeWorkspace()
        columns.withUnsafeBufferPointer { c in
            shared.withUnsafeBufferPointer { s in
                out.withUnsafeMutableBufferPointer { o in
                    evaluate(columns: c, pointCount: m, shared: s, into: o, workspace: &workspace, threads: threads)
                }
            }
        }
        return (0..<m).map { i in (0..<k).map { out[$0 * m + i] } }
    }

    /// Sums every output over the points: `result[k] = Σ_i output_k(point_i)`.
    ///
    /// - Parameters: As for ``evaluate(points:shared:threads:)``.
    /// - Returns: One sum per output, in the order described at
    ///   ``sum(columns:pointCount:shared:into:workspace:threads:)``.
    /// - Throws: As ``evaluate(points:shared:threads:)`` does.
    public func sum(points: [[Double]], shared: [Double] = [], threads: Int = 1) throws(CompilationError) -> [Double] {
        let columns = try columns(points, shared: shared)
        var out = [Double](repeating: 0, count: outputCount)
        var workspace = makeWorkspace()
        columns.withUnsafeBufferPointer { c in
            shared.withUnsafeBufferPointer { s in
                out.withUnsafeMutableBufferPointer { o in
                    sum(columns: c, pointCount: points.count, shared: s, into: o, workspace: &workspace, threads: threads)
                }
            }
        }
        return out
    }

    /// The column layout of a point matrix: `columns[j * points.count + i] = points[i][j]`.
    ///
    /// - Throws: ``CompilationError/rowLength(row:expected:found:)`` for a
    ///   row with the wrong number of values.
    public func columns(_ points: [[Double]]) throws(CompilationError) -> [Double] {
        let m = points.count, n = pointInputs.count
        var columns = [Double](repeating: 0, count: m * n)
        for (i, row) in points.enumerated() {
            guard row.count == n else { throw .rowLength(row: i, expected: n, found: row.count) }
            for j in 0..<n { columns[j * m + i] = row[j] }
        }
        return columns
    }

    private func columns(_ points: [[Double]], shared: [Double]) throws(CompilationError) -> [Double] {
        guard shared.count == sharedInputs.count else {
            throw .sharedInputCount(expected: sharedInputs.count, found: shared.count)
        }
        return try columns(points)
    }
}
