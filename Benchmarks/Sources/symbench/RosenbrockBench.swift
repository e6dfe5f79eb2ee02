import Foundation
import Symbolic

/// R(n): build, differentiate, compile and evaluate, as the peers do.
func benchmarkRosenbrock(_ n: Int, _ report: Reporter) {
    func once<T>(_ op: String, cold: Bool = false, fields: (T) -> [(String, Record.JSONValue)] = { _ in [] },
                 _ body: () throws -> T) rethrows -> T {
        // Symbolic construction is timed on its first run only: later runs
        // find every node already interned and would flatter the numbers.
        let (result, seconds, reps) = try timeOnce(maxReps: cold ? 1 : 5, body)
        report.add(Record(workload: "rosen", size: n, op: op, variant: cold ? nil : "compiled", seconds: seconds,
                          fields: [("reps", .integer(reps)), ("stat", .string(reps == 1 ? "single" : "best"))] + fields(result)))
        return result
    }
    func size(_ c: CompiledFunction) -> [(String, Record.JSONValue)] {
        [("n_instructions", .integer(c.statistics.instructionCount)), ("n_vectorized", .integer(c.statistics.vectorizedInstructionCount)),
         ("program_bytes", .integer(c.statistics.programBytes)),
         ("workspace_bytes", .integer(8 * c.statistics.workSlotCount))]
    }
    func call(_ op: String, check: [(String, Record.JSONValue)], _ body: () -> Void) {
        let t = timeCall(body)
        report.add(Record(workload: "rosen", size: n, op: op, seconds: t.best,
                          fields: [("median_s", .number(t.median)), ("calls", .integer(t.calls)), ("stat", .string("best")),
                                   ("check", .object(check))]))
    }

    let (f, variables) = once("build", cold: true) { Workloads.rosenbrock(n) }
    let gradient = once("grad", cold: true) { f.gradient(withRespectTo: variables) }
    let entries = once("hess", cold: true, fields: { [("nnz", .integer(2 * $0.count - n)), ("dense", .integer(n * n))] }) {
        f.hessianEntries(withRespectTo: variables)
    }
    let compiledF = try! once("compile_f", fields: size) { try CompiledFunction([f], variables: variables) }
    let compiledG = try! once("compile_grad", fields: size) { try CompiledFunction(gradient, variables: variables) }
    let compiledFG = try! once("compile_fg", fields: size) { try CompiledFunction([f] + gradient, variables: variables) }
    let compiledH = try! once("compile_hess", fields: size) { try CompiledFunction(entries.map(\.expression), variables: variables) }

    let x = Workloads.rosenbrockStart(n)
    let (fRef, gRef) = Workloads.rosenbrockValueAndGradient(x)
    func gradientCheck(_ g: ArraySlice<Double>) -> [(String, Record.JSONValue)] {
        let norm = g.reduce(0) { $0 + $1 * $1 }.squareRoot()
        let scale = gRef.map(abs).max()!
        let err = zip(g, gRef).map { abs($0 - $1) }.max()! / scale
        return [("g_norm", .number(norm)), ("g_maxrelerr", .number(err))]
    }
    var out = [Double](repeating: 0, count: n + 1)
    var ws = compiledF.makeWorkspace()
    compiledF.evaluate(x, into: &out, workspace: &ws)
    call("eval_f", check: [("f", .number(out[0])), ("f_relerr", .number(abs(out[0] - fRef) / fRef))]) {
        compiledF.evaluate(x, into: &out, workspace: &ws); sink += out[0]
    }
    ws = compiledG.makeWorkspace()
    compiledG.evaluate(x, into: &out, workspace: &ws)
    call("eval_grad", check: gradientCheck(out[0..<n])) { compiledG.evaluate(x, into: &out, workspace: &ws); sink += out[0] }
    ws = compiledFG.makeWorkspace()
    compiledFG.evaluate(x, into: &out, workspace: &ws)
    call("eval_fg", check: [("f", .number(out[0])), ("f_relerr", .number(abs(out[0] - fRef) / fRef))] + gradientCheck(out[1...])) {
        compiledFG.evaluate(x, into: &out, workspace: &ws); sink += out[0]
    }
    ws = compiledH.makeWorkspace()
    var hv = [Double](repeating: 0, count: entries.count)
    compiledH.evaluate(x, into: &hv, workspace: &ws)
    // Against the analytic tridiagonal Hessian (bench/peers/workloads.py rosen_hess_hand).
    var fro = 0.0, worst = 0.0, scale = 0.0
    for (k, e) in entries.enumerated() {
        let (i, j) = (e.row, e.column)
        var exact = 0.0
        if i == j {
            if i < n - 1 { exact += 1200 * x[i] * x[i] - 400 * x[i + 1] + 2 }
            if i > 0 { exact += 200 }
        } else if i == j + 1 {
            exact = -400 * x[j]
        }
        fro += (i == j ? 1 : 2) * hv[k] * hv[k]
        worst = max(worst, abs(hv[k] - exact))
        scale = max(scale, abs(exact))
    }
    call("eval_hess", check: [("h_fro", .number(fro.squareRoot())), ("h_sym_err", .number(0)),
                              ("h_maxrelerr", .number(worst / scale))]) {
        compiledH.evaluate(x, into: &hv, workspace: &ws); sink += hv[0]
    }
}
