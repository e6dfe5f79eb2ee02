import Foundation
@_spi(Experiments) import Symbolic

/// The design measurements quoted in docs/Compilation.md.
func runExperiments() {
    print("Evaluation loop designs, R(10000) value+gradient, one point (best per call):")
    let (f, variables) = Workloads.rosenbrock(10000)
    let outputs = [f] + f.gradient(withRespectTo: variables)
    let x = Workloads.rosenbrockStart(10000)
    var out: [Double] = []
    for (name, experiment) in [("flat program, level schedule, same-opcode runs (shipped)", CompilationExperiment.standard),
                               ("flat program, depth-first, one switch per instruction", .depthFirst),
                               ("flat program, sums as binary-add chains", .binarySums)] {
        let c = try! CompiledFunction(outputs, variables: variables, experiment: experiment)
        var ws = c.makeWorkspace()
        let t = timeCall { c.evaluate(x, into: &out, workspace: &ws); sink += out[0] }
        print("  \(name): \(Reporter.format(t.best)) (\(c.statistics.instructionCount) instructions, \(c.statistics.workSlotCount) slots)")
    }
    for (name, experiment) in [("closure per instruction over the level schedule", CompilationExperiment.standard),
                               ("closure per instruction over the depth-first schedule", .depthFirst)] {
        let closures = try! CompiledFunction(outputs, variables: variables, experiment: experiment).closureEvaluator()
        var work: [Double] = []
        let t = timeCall { closures(x, &out, &work); sink += out[0] }
        print("  \(name): \(Reporter.format(t.best))")
    }
    let hand = timeCall { sink += Workloads.rosenbrockValueAndGradient(x).0 }
    print("  hand-written Swift loop (for scale): \(Reporter.format(hand.best))")

    print("\nBatch chunk size, MLP(50) value+gradient over 200 samples:")
    let mlp = MLPWorkload(hidden: 50)
    let loss = mlp.sampleLoss()
    let fg = try! CompiledFunction([loss] + loss.gradient(withRespectTo: mlp.variables), variables: mlp.variables,
                                   parameters: MLPWorkload.parameters)
    for chunk in [8, 16, 32, 64, 128, 200, 256] {
        let batch = fg.batched(over: .parameters, chunkSize: chunk)
        let columns = try! batch.columns(mlp.sampleRows)
        var ws = batch.makeWorkspace()
        var sums = [Double](repeating: 0, count: batch.outputCount)
        let t = timeCall {
            columns.withUnsafeBufferPointer { c in mlp.start.withUnsafeBufferPointer { s in sums.withUnsafeMutableBufferPointer { o in
                batch.sum(columns: c, pointCount: 200, shared: s, into: o, workspace: &ws)
            } } }
            sink += sums[0]
        }
        print("  chunk \(chunk): \(Reporter.format(t.best))")
    }
    let handMLP = timeCall { sink += mlp.handValueAndGradient(mlp.start).0 }
    print("  hand-written Swift backprop (for scale): \(Reporter.format(handMLP.best))")
}
