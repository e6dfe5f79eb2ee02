import Foundation
import Symbolic

/// The reference training run T of the peers (bench/peers/train.py): the
/// notes' two-moons MLP(H), full-batch gradient descent with rate 2 on the
/// mean loss (0.01 on the summed loss) and L2 λ = 5e-5 (reg 0.01 / N), 20,000
/// epochs, through the library's Trainer.
func benchmarkTraining(hidden h: Int, epochs: Int = 20_000, threads: Int = 1) {
    let mlp = MLPWorkload(hidden: h)
    let t0 = now()
    let network = NeuralNetwork(inputs: 2, hidden: [h], outputs: 2, activation: .tanh)
    var options = TrainingOptions()
    options.method = .gd
    options.optimizer.learningRate = 2
    options.batchSize = nil
    options.l2 = 5e-5
    options.epochs = epochs
    options.threads = threads
    let trainer = try! Trainer(network: network, loss: .crossEntropy, inputs: mlp.samples.map { [$0.0, $0.1] },
                               targets: mlp.samples.map { Double($0.2) }, options: options)
    let t1 = now()
    let result = try! trainer.train(from: mlp.start)
    let t2 = now()
    print("train H=\(h): setup \(Reporter.format(t1 - t0)), \(epochs) epochs \(Reporter.format(t2 - t1)), "
          + "final loss \(result.loss) (\(result.stopReason))")
}

/// The scale target: build, differentiate and compile the per-sample loss
/// (and gradient, batched) of a 2-H-2 tanh MLP with softmax cross-entropy.
func benchmarkNetworkBuild(hidden h: Int, inputs d: Int = 2, outputs c: Int = 2) {
    let t0 = now()
    let network = NeuralNetwork(inputs: d, hidden: [h], outputs: c, activation: .tanh)
    let names = (1...d).map { "x\($0)" }
    let loss = Loss.crossEntropy.sampleLoss(outputs: network.outputs(for: names.map(Expression.variable)),
                                            target: .variable("label"))
    let t1 = now()
    let variables = network.parameters.variableNames
    let gradient = loss.gradient(withRespectTo: variables)
    let t2 = now()
    let compiled = try! CompiledFunction([loss] + gradient, variables: variables, parameters: names + ["label"])
        .batched(over: .parameters)
    let t3 = now()
    print("MLP \(d)-\(h)-\(c) per-sample loss: build \(Reporter.format(t1 - t0)), gradient \(Reporter.format(t2 - t1)), "
          + "compile \(Reporter.format(t3 - t2)), total \(Reporter.format(t3 - t0)) "
          + "(\(variables.count) parameters, \(compiled.pointInstructionCount) instructions)")
}
