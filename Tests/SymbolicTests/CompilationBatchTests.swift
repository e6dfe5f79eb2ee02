import Testing
@testable import Symbolic

/// Batched evaluation equals one-point evaluation bit for bit, whatever the
/// chunking and the thread count.
@Suite struct CompilationBatchTests {
    /// Random programs over variables x, y and parameters p, q; batched over
    /// either group, at point counts around the chunk boundaries.
    @Test(arguments: [CompiledFunction.BatchedInputs.variables, .parameters])
    func batchedEqualsPerPoint(over varying: CompiledFunction.BatchedInputs) throws {
        let variables = ["x", "y"], parameters = ["p", "q"]
        for seed in 0..<60 {
            var generator = CompilationExpressionGenerator(seed: UInt64(5000 + seed), inputs: variables + parameters)
            let outputs = (0..<3).map { _ in generator.expression(depth: 3) } + [Symbolic.Expression.variable("x") * 2]
            let f = try CompiledFunction(outputs, variables: variables, parameters: parameters)
            let batch = f.batched(over: varying, chunkSize: [1, 3, 8, 64][seed % 4])
            let pointCount = [0, 1, 7, 8, 9, 64, 65, 130][seed % 8]
            let points = (0..<pointCount).map { _ in generator.values(2) }
            let shared = generator.values(2)
            let rows = try batch.evaluate(points: points, shared: shared)
            #expect(rows.count == pointCount)
            for (i, point) in points.enumerated() {
                let one = varying == .variables ? f(point, parameters: shared) : f(shared, parameters: point)
                for k in outputs.indices {
                    #expect(compilationIdentical(rows[i][k], one[k]), "seed \(seed) point \(i) output \(k)")
                }
            }
            for threads in [2, 3] {
                let threaded = try batch.evaluate(points: points, shared: shared, threads: threads)
                #expect(zip(threaded, rows).allSatisfy { zip($0, $1).allSatisfy(compilationIdentical) })
            }
            // Sums in the documented order, from the per-point values.
            let sums = try batch.sum(points: points, shared: shared)
            for k in outputs.indices {
                let reference = laneOrderSum(rows.map { $0[k] }, chunkSize: batch.chunkSize)
                #expect(compilationIdentical(sums[k], reference), "seed \(seed) sum \(k)")
            }
            for threads in [2, 5] {
                let threaded = try batch.sum(points: points, shared: shared, threads: threads)
                #expect(zip(threaded, sums).allSatisfy(compilationIdentical), "seed \(seed), \(threads) threads")
            }
        }
    }

    /// The documented summation order, written out plainly.
    func laneOrderSum(_ values: [Double], chunkSize: Int) -> Double {
        var total = 0.0
        var start = 0
        while start < values.count {
            let chunk = values[start..<Swift.min(values.count, start + chunkSize)]
            var lanes = [Double](repeating: 0, count: 8)
            for (i, v) in chunk.enumerated() { lanes[i % 8] += v }
            total += ((lanes[0] + lanes[1]) + (lanes[2] + lanes[3])) + ((lanes[4] + lanes[5]) + (lanes[6] + lanes[7]))
            start += chunkSize
        }
        return total
    }

    @Test func sharedValuesAreComputedOncePerCall() throws {
        let w = Symbolic.Expression.variable("w"), d = Symbolic.Expression.variable("d")
        // sin(exp(w)) does not depend on the data d: it is a shared value.
        let f = try CompiledFunction([d * sin(exp(w)) + d * d], variables: ["w"], parameters: ["d"])
        let batch = f.batched(over: .parameters)
        #expect(batch.sharedInstructionCount == 2)   // exp, sin
        #expect(batch.pointInstructionCount == 2)    // square, then d·sin(exp(w)) + d² as one dot sum
        #expect(batch.pointInputs == ["d"] && batch.sharedInputs == ["w"])
        let sums = try batch.sum(points: [[1], [2], [3]], shared: [0.5])
        let perPoint = [1.0, 2, 3].map { f([0.5], parameters: [$0])[0] }
        #expect(sums == [laneOrderSum(perPoint, chunkSize: 64)])
    }

    @Test func shapeErrorsAreReported() throws {
        let f = try (Symbolic.Expression.variable("x") * .variable("p")).compile(variables: ["x"], parameters: ["p"])
        let batch = f.batched(over: .variables)
        #expect(throws: CompilationError.rowLength(row: 1, expected: 1, found: 2)) {
            try batch.evaluate(points: [[1], [2, 3]], shared: [1])
        }
        #expect(throws: CompilationError.sharedInputCount(expected: 1, found: 0)) {
            try batch.sum(points: [[1]], shared: [])
        }
    }

    /// Many tasks share one compiled function and one batched function.
    @Test func concurrentCallsGiveCorrectResults() async throws {
        var generator = CompilationExpressionGenerator(seed: 77, inputs: ["x", "y"])
        let outputs = (0..<4).map { _ in generator.expression(depth: 4) }
        let f = try CompiledFunction(outputs, variables: ["x", "y"])
        let batch = f.batched(over: .variables, chunkSize: 16)
        let points = (0..<100).map { _ in generator.values(2) }
        let expected = points.map { f($0) }
        let expectedRows = try batch.evaluate(points: points)
        let failures = await withTaskGroup(of: Int.self) { group in
            for task in 0..<32 {
                group.addTask {
                    var failures = 0
                    var workspace = f.makeWorkspace()
                    var out: [Double] = []
                    for round in 0..<20 {
                        let i = (task * 7 + round * 13) % points.count
                        f.evaluate(points[i], into: &out, workspace: &workspace)
                        if !zip(out, expected[i]).allSatisfy(compilationIdentical) { failures += 1 }
                        if !zip(f(points[i]), expected[i]).allSatisfy(compilationIdentical) { failures += 1 }
                    }
                    let rows = (try? batch.evaluate(points: points, threads: 1 + task % 3)) ?? []
                    if !zip(rows, expectedRows).allSatisfy({ zip($0, $1).allSatisfy(compilationIdentical) }) { failures += 1 }
                    return failures
                }
            }
            return await group.reduce(0, +)
        }
        #expect(failures == 0)
    }

    @Test func allocationFreeCallsReuseTheWorkspace() throws {
        let x = Symbolic.Expression.variable("x"), p = Symbolic.Expression.variable("p")
        let f = try CompiledFunction([x * p, x + p], variables: ["x"], parameters: ["p"])
        let batch = f.batched(over: .variables, chunkSize: 4)
        let columns = try batch.columns([[1], [2], [3], [4], [5]])
        #expect(columns == [1, 2, 3, 4, 5])
        var workspace = batch.makeWorkspace()
        var out = [Double](repeating: 0, count: 10)
        var sums = [Double](repeating: 0, count: 2)
        for p in [10.0, 20] {
            columns.withUnsafeBufferPointer { c in
                [p].withUnsafeBufferPointer { s in
                    out.withUnsafeMutableBufferPointer { o in
                        batch.evaluate(columns: c, pointCount: 5, shared: s, into: o, workspace: &workspace, threads: 2)
                    }
                    sums.withUnsafeMutableBufferPointer { o in
                        batch.sum(columns: c, pointCount: 5, shared: s, into: o, workspace: &workspace)
                    }
                }
            }
            #expect(out == [1, 2, 3, 4, 5].map { $0 * p } + [1, 2, 3, 4, 5].map { $0 + p })
            #expect(sums == [15 * p, 15 + 5 * p])
        }
    }
}
