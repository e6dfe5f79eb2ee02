import Foundation
import Symbolic

/// MLP(H): the per-sample loss compiled once and evaluated batched over the
/// 200 samples with sums, plus the L2 term once, scaled by 1/N, exactly the
/// peers' mean loss.
func benchmarkMLP(_ h: Int, _ report: Reporter, threads: [Int] = [1]) {
    let mlp = MLPWorkload(hidden: h)
    func once<T>(_ op: String, cold: Bool = false, fields: (T) -> [(String, Record.JSONValue)] = { _ in [] },
                 _ body: () throws -> T) rethrows -> T {
        let (result, seconds, reps) = try timeOnce(maxReps: cold ? 1 : 5, body)
        report.add(Record(workload: "mlp", size: h, op: op, variant: cold ? nil : "compiled", seconds: seconds,
                          fields: [("reps", .integer(reps)), ("stat", .string(reps == 1 ? "single" : "best"))] + fields(result)))
        return result
    }
    let variables = mlp.variables, parameters = MLPWorkload.parameters
    let (loss, regularizer) = once("build", cold: true) { (mlp.sampleLoss(), mlp.regularizer()) }
    let (gradient, regularizerGradient) = once("grad", cold: true) {
        (loss.gradient(withRespectTo: variables), regularizer.gradient(withRespectTo: variables))
    }
    let n = variables.count
    func hessianSize(_ e: ([SymmetricMatrixEntry], [SymmetricMatrixEntry])) -> [(String, Record.JSONValue)] {
        let diagonal = e.0.filter { $0.row == $0.column }.count
        return [("nnz", .integer(2 * e.0.count - diagonal)), ("dense", .integer(n * n))]
    }
    let (entries, regularizerEntries) = once("hess", cold: true, fields: hessianSize) {
        (loss.hessianEntries(withRespectTo: variables), regularizer.hessianEntries(withRespectTo: variables))
    }

    /// A per-sample program plus a program for the L2 term, over the same outputs.
    struct Compiled {
        let batch: BatchedFunction
        let regularizer: CompiledFunction
    }
    func compile(_ op: String, _ sample: [Expression], _ l2: [Expression]) -> Compiled {
        try! once(op, fields: { c in
            [("n_instructions", .integer(c.batch.pointInstructionCount + c.batch.sharedInstructionCount)),
             ("program_bytes", .integer(c.batch.function.statistics.programBytes))]
        }) {
            Compiled(batch: try CompiledFunction(sample, variables: variables, parameters: parameters).batched(over: .parameters),
                     regularizer: try CompiledFunction(l2, variables: variables))
        }
    }
    let f = compile("compile_f", [loss], [regularizer])
    _ = compile("compile_grad", gradient, regularizerGradient)
    let fg = compile("compile_fg", [loss] + gradient, [regularizer] + regularizerGradient)
    // Hessian entries: the union of both patterns, per-sample part first.
    var position: [Int: Int] = [:]
    var pattern: [(Int, Int)] = []
    for e in entries + regularizerEntries where position[e.row * n + e.column] == nil {
        position[e.row * n + e.column] = pattern.count
        pattern.append((e.row, e.column))
    }
    let zero = Expression.zero
    var sampleH = [Expression](repeating: zero, count: pattern.count), l2H = sampleH
    for e in entries { sampleH[position[e.row * n + e.column]!] = e.expression }
    for e in regularizerEntries { l2H[position[e.row * n + e.column]!] = e.expression }
    let hess = compile("compile_hess", sampleH, l2H)

    // Evaluation: allocation-free calls with preallocated buffers.
    let columns = try! f.batch.columns(mlp.sampleRows)
    let samples = mlp.samples.count, scale = 1 / Double(samples)
    let x = mlp.start
    func evaluator(_ c: Compiled, threads: Int) -> () -> [Double] {
        let state = EvaluationState(c.batch, c.regularizer)
        return {
            columns.withUnsafeBufferPointer { col in
                x.withUnsafeBufferPointer { shared in
                    state.sums.withUnsafeMutableBufferPointer { o in
                        c.batch.sum(columns: col, pointCount: samples, shared: shared, into: o,
                                    workspace: &state.workspace, threads: threads)
                    }
                    state.l2.withUnsafeMutableBufferPointer { o in
                        c.regularizer.evaluate(shared, into: o, workspace: &state.regularizerWorkspace)
                    }
                }
            }
            for k in state.sums.indices { state.sums[k] = (state.sums[k] + state.l2[k]) * scale }
            return state.sums
        }
    }
    let (fRef, gRef) = mlp.handValueAndGradient(x)
    for t in threads {
        let variant = t == 1 ? "compiled" : "compiled, \(t) threads"
        func call(_ op: String, _ run: @escaping () -> [Double], check: ([Double]) -> [(String, Record.JSONValue)]) {
            let result = run()
            let timing = timeCall { sink += run()[0] }
            report.add(Record(workload: "mlp", size: h, op: op, variant: variant, seconds: timing.best,
                              fields: [("median_s", .number(timing.median)), ("calls", .integer(timing.calls)),
                                       ("stat", .string("best")), ("check", .object(check(result)))]))
        }
        func valueCheck(_ r: [Double]) -> [(String, Record.JSONValue)] {
            [("f", .number(r[0])), ("f_relerr", .number(abs(r[0] - fRef) / fRef))]
        }
        call("eval_f", evaluator(f, threads: t), check: valueCheck)
        call("eval_fg", evaluator(fg, threads: t)) { r in
            let g = r[1...]
            let norm = g.reduce(0) { $0 + $1 * $1 }.squareRoot()
            let err = zip(g, gRef).map { abs($0 - $1) }.max()! / gRef.map(abs).max()!
            return valueCheck(r) + [("g_norm", .number(norm)), ("g_maxrelerr", .number(err))]
        }
        call("eval_hess", evaluator(hess, threads: t)) { r in
            var fro = 0.0
            for (k, (i, j)) in pattern.enumerated() { fro += (i == j ? 1 : 2) * r[k] * r[k] }
            return [("h_fro", .number(fro.squareRoot())), ("h_sym_err", .number(0))]
        }
    }
}

/// Preallocated buffers of one evaluator (a class, so that the timed
/// closure captures one reference).
final class EvaluationState {
    var workspace: BatchedFunction.Workspace
    var regularizerWorkspace: CompiledFunction.Workspace
    var sums: [Double]
    var l2: [Double]

    init(_ batch: BatchedFunction, _ regularizer: CompiledFunction) {
        workspace = batch.makeWorkspace()
        regularizerWorkspace = regularizer.makeWorkspace()
        sums = [Double](repeating: 0, count: batch.outputCount)
        l2 = sums
    }
}
