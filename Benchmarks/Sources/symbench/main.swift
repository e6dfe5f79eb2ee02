import Foundation
import Symbolic

let h = Int(CommandLine.arguments.last!) ?? 50
let mlp = MLPWorkload(hidden: h)
let (loss, tb, _) = timeOnce { mlp.sampleLoss() }
let (grad, tg, _) = timeOnce { loss.gradient(withRespectTo: mlp.variables) }
let (f, tc, _) = timeOnce { try! Expression.compile([loss] + grad, variables: mlp.variables, parameters: MLPWorkload.parameters) }
let batch = f.batched(over: .parameters)
print("build", tb * 1e3, "grad", tg * 1e3, "compile", tc * 1e3, "point instrs", batch.pointInstructionCount, "shared", batch.sharedInstructionCount)
print(f.statistics)
let columns = try! batch.columns(mlp.sampleRows)
var ws = batch.makeWorkspace()
var sums = [Double](repeating: 0, count: batch.outputCount)
let x = mlp.start
let t = timeCall {
    columns.withUnsafeBufferPointer { c in x.withUnsafeBufferPointer { s in sums.withUnsafeMutableBufferPointer { o in
        batch.sum(columns: c, pointCount: mlp.samples.count, shared: s, into: o, workspace: &ws)
    } } }
    sink += sums[0]
}
let ref = mlp.handValueAndGradient(x)
let reg = try! Expression.compile([mlp.regularizer()] + mlp.regularizer().gradient(withRespectTo: mlp.variables), variables: mlp.variables)
let r = reg(x)
let n = Double(mlp.samples.count)
let value = (sums[0] + r[0]) / n
let g = (1...x.count).map { (sums[$0] + r[$0]) / n }
print("eval fg", t.best * 1e6, "value", value, ref.0, "max grad err", zip(g, ref.1).map { abs($0 - $1) }.max()!)
let th = timeCall { sink += mlp.handValueAndGradient(x).0 }
print("hand", th.best * 1e6)
