import Dispatch
import SymbolicKernels

extension BatchedFunction {
    /// Reusable scratch memory for one caller's batched calls: rows for
    /// each thread, the shared values, per-chunk partial sums. It grows on
    /// first use for a given size and thread count; later calls of the same
    /// size do not allocate.
    public struct Workspace: Sendable {
        var sharedWork: [Double]
        var inputs: [Double]
        var rows: [Double] = []
        var partials: [Double] = []
        let identity: UInt64
    }

    /// Scratch memory for the allocation-free methods.
    public func makeWorkspace() -> Workspace {
        Workspace(sharedWork: program.shared.makeWork(),
                  inputs: [Double](repeating: 0, count: function.inputCount),
                  identity: identity)
    }

    /// Evaluates every output at every point, without allocating.
    ///
    /// - Parameters:
    ///   - columns: `pointInputs.count * pointCount` values;
    ///     `columns[j * pointCount + i]` is input `j` at point `i`.
    ///   - pointCount: The number of points.
    ///   - shared: One value per ``sharedInputs`` entry.
    ///   - outputs: Receives `outputCount * pointCount` values;
    ///     `outputs[k * pointCount + i]` is output `k` at point `i`.
    ///   - workspace: From ``makeWorkspace()``; one per concurrent caller.
    ///   - threads: Threads to split the chunks of points across.
    /// - Precondition: Buffer sizes match.
    public func evaluate(columns: UnsafeBufferPointer<Double>, pointCount: Int, shared: UnsafeBufferPointer<Double>,
                         into outputs: UnsafeMutableBufferPointer<Double>, workspace: inout Workspace, threads: Int = 1) {
        precondition(outputs.count == outputCount * pointCount, "expected room for \(outputCount * pointCount) outputs")
        let matrix = outputs.baseAddress
        run(columns: columns, pointCount: pointCount, shared: shared, workspace: &workspace, threads: threads,
            destination: { _, start in SKOutputs(partials: nil, matrix: matrix, pointCount: Int64(pointCount), start: Int64(start)) }
        ) { chunk, start, count, rows, sharedWork in
            guard let out = matrix else { return }
            for (k, o) in program.outputs.enumerated() where o != -1 {
                let target = out + k * pointCount + start
                if o & BatchProgram.sharedBit != 0 {
                    target.update(repeating: sharedWork[Int(o & BatchProgram.indexMask)], count: count)
                } else {
                    target.update(from: rows + Int(o) * rowStride, count: count)
                }
            }
        }
    }

    /// Sums every output over the points, without allocating.
    ///
    /// The summation order is fixed by ``chunkSize`` alone, so the result
    /// is the same for every thread count: the points are cut into chunks
    /// of `chunkSize`; within a chunk, point `i` goes to lane `i % 8`, each
    /// lane adds its points in order, and the lanes are combined as
    /// `((l0+l1)+(l2+l3))+((l4+l5)+(l6+l7))`; the chunk totals are then
    /// added in chunk order.
    ///
    /// - Parameters: As for ``evaluate(columns:pointCount:shared:into:workspace:threads:)``,
    ///   with `sums` receiving ``outputCount`` values.
    public func sum(columns: UnsafeBufferPointer<Double>, pointCount: Int, shared: UnsafeBufferPointer<Double>,
                    into sums: UnsafeMutableBufferPointer<Double>, workspace: inout Workspace, threads: Int = 1) {
        precondition(sums.count == outputCount, "expected room for \(outputCount) sums")
        let k = outputCount
        let chunks = (pointCount + chunkSize - 1) / chunkSize
        // Taken out of the workspace (no copy) while `run` uses the rest.
        var partialStorage = workspace.partials
        workspace.partials = []
        defer { workspace.partials = partialStorage }
        if partialStorage.count < chunks * k { partialStorage = [Double](repeating: 0, count: chunks * k) }
        partialStorage.withUnsafeMutableBufferPointer { partialBuffer in
            let partials = partialBuffer.baseAddress!
            run(columns: columns, pointCount: pointCount, shared: shared, workspace: &workspace, threads: threads,
                destination: { chunk, _ in SKOutputs(partials: partials + chunk * k, matrix: nil, pointCount: 0, start: 0) }
            ) { chunk, _, count, rows, sharedWork in
                for (j, o) in program.outputs.enumerated() where o != -1 {
                    let p = partials + chunk * k + j
                    if o & BatchProgram.sharedBit != 0 {
                        p.pointee = BatchedFunction.laneSum(repeating: sharedWork[Int(o & BatchProgram.indexMask)], count: count)
                    } else {
                        p.pointee = BatchedFunction.laneSum(rows + Int(o) * rowStride, count: count)
                    }
                }
            }
            for j in 0..<k {
                var total = 0.0
                for chunk in 0..<chunks { total += partials[chunk * k + j] }
                sums[j] = total
            }
        }
    }

    /// Runs the shared program once, then every chunk of points (on
    /// `threads` threads); `output` instructions deliver to the chunk's
    /// `destination`, and `finish` runs for each chunk (for the other
    /// outputs) while its rows are still in the thread's scratch memory.
    private func run(columns: UnsafeBufferPointer<Double>, pointCount: Int, shared: UnsafeBufferPointer<Double>,
                     workspace: inout Workspace, threads: Int,
                     destination: (_ chunk: Int, _ start: Int) -> SKOutputs,
                     finish: (_ chunk: Int, _ start: Int, _ count: Int,
                              _ rows: UnsafeMutablePointer<Double>, _ sharedWork: UnsafePointer<Double>) -> Void) {
        precondition(workspace.identity == identity, "the workspace belongs to another function")
        precondition(columns.count == pointInputs.count * pointCount,
                     "expected \(pointInputs.count * pointCount) column values, got \(columns.count)")
        precondition(shared.count == sharedInputs.count, "expected \(sharedInputs.count) shared values, got \(shared.count)")
        precondition(threads >= 1, "the thread count must be at least 1")
        for (j, index) in sharedInputIndices.enumerated() { workspace.inputs[index] = shared[j] }
        let rowStride = self.rowStride, rowSize = program.rowCount * rowStride
        let chunks = (pointCount + chunkSize - 1) / chunkSize
        let threadCount = Swift.max(1, Swift.min(threads, chunks))
        if workspace.rows.count < threadCount * rowSize {
            workspace.rows = [Double](repeating: 0, count: threadCount * rowSize)
        }
        let program = self.program, kernels = self.kernels, chunkSize = self.chunkSize, pointInputCount = pointInputs.count
        workspace.inputs.withUnsafeBufferPointer { inputs in
            workspace.sharedWork.withUnsafeMutableBufferPointer { sharedWork in
                program.shared.run(inputs: inputs.baseAddress!, work: sharedWork.baseAddress!)
                let sharedValues = UnsafePointer(sharedWork.baseAddress!)
                workspace.rows.withUnsafeMutableBufferPointer { rowBuffer in
                    program.instructions.withUnsafeBufferPointer { instructions in
                        kernels.code.withUnsafeBufferPointer { code in
                        program.sumOperands.withUnsafeBufferPointer { sums in
                            // Chunk `c` goes to thread `c % threadCount`: which
                            // thread runs a chunk never changes its results.
                            func work(_ thread: Int) {
                                let rows = rowBuffer.baseAddress! + thread * rowSize
                                var chunk = thread
                                while chunk < chunks {
                                    let start = chunk * chunkSize
                                    let count = Swift.min(chunkSize, pointCount - start)
                                    let padded = (count + 7) & ~7
                                    for j in 0..<pointInputCount {
                                        let row = rows + j * rowStride
                                        row.update(from: columns.baseAddress! + j * pointCount + start, count: count)
                                        (row + count).update(repeating: 0, count: padded - count)
                                    }
                                    var outputs = destination(chunk, start)
                                    kernels.execute(program, code: code, instructions: instructions, sumOperands: sums,
                                                    rows: rows, stride: rowStride, count: count, shared: sharedValues,
                                                    outputs: &outputs)
                                    finish(chunk, start, count, rows, sharedValues)
                                    chunk += threadCount
                                }
                            }
                            if threadCount == 1 {
                                work(0)
                            } else {
                                // Threads write disjoint rows, outputs and partial
                                // sums, and only read everything else.
                                withoutActuallyEscaping(work) { work in
                                    let body = UncheckedSendable(work)
                                    DispatchQueue.concurrentPerform(iterations: threadCount) { body.value($0) }
                                }
                            }
                        }
                        }
                    }
                }
            }
        }
    }

    /// The sum of `count` values in the documented lane order.
    @inline(__always)
    static func laneSum(_ values: UnsafePointer<Double>, count: Int) -> Double {
        var lanes = SIMD8<Double>(repeating: 0)
        var i = 0
        while i + 8 <= count {
            lanes += UnsafeRawPointer(values + i).loadUnaligned(as: SIMD8<Double>.self)
            i += 8
        }
        while i < count {
            lanes[i & 7] += values[i]
            i += 1
        }
        return ((lanes[0] + lanes[1]) + (lanes[2] + lanes[3])) + ((lanes[4] + lanes[5]) + (lanes[6] + lanes[7]))
    }

    /// ``laneSum(_:count:)`` of `count` copies of `value`.
    static func laneSum(repeating value: Double, count: Int) -> Double {
        var lanes = SIMD8<Double>(repeating: 0)
        for i in 0..<count { lanes[i & 7] += value }
        return ((lanes[0] + lanes[1]) + (lanes[2] + lanes[3])) + ((lanes[4] + lanes[5]) + (lanes[6] + lanes[7]))
    }
}

/// A value handed to other threads where the compiler cannot prove that
/// this is safe; every use says why it is.
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
