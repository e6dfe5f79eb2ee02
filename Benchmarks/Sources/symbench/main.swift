import Foundation
import Symbolic

let n = Int(CommandLine.arguments.last!) ?? 10000
let build = Workloads.rosenbrock(n)
let f = try! build.function.compile(variables: build.variables)
let x = Workloads.rosenbrockStart(n)
var ws = f.makeWorkspace()
var out = [0.0]
print(f.statistics)
var best = [1.0, 1.0]
for _ in 0..<5 {
    let t = timeCall(minBatch: 0.02, batches: 3) { f.evaluate(x, into: &out, workspace: &ws); sink += out[0] }
    let t3 = timeCall(minBatch: 0.02, batches: 3) { sink += Workloads.rosenbrockValueAndGradient(x).0 }
    best = [min(best[0], t.best), min(best[1], t3.best)]
}
print("levels", best[0] * 1e6, "hand f+g", best[1] * 1e6)
let t0 = now()
for _ in 0..<10 { let f = try! build.function.compile(variables: build.variables); sink += Double(f.outputCount) }
print("compile", (now() - t0) / 10)
