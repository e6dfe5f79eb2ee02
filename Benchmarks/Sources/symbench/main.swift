import Foundation
import Symbolic

/// symbench: Symbolic's side of the peer benchmark (bench/peers).
///
///     swift run -c release --package-path Benchmarks symbench [--json] [--quick]
///         [--only rosen|mlp] [--threads]
///     swift run -c release --package-path Benchmarks symbench --experiments
///     … symbench --profile-compile | --profile-compile-grad [N [REPS]] | --profile-gradient | --profile-mlp
///     … symbench --softmax [C D N]    (softmax regression, see SoftmaxBench.swift)
///     … symbench --codegen [N]        (generated C for R(N) against a hand-written loop)
///     … symbench --tower [DEPTHS…] | --order [K…] | --rosen-build [N [REPS]] | --memory [ROUNDS]   (core engine, see CoreBench.swift)
///
/// Without --json it prints a readable table; with --json one JSON object
/// per line in the peers' record format (ops build, grad, hess, compile_f,
/// compile_grad, compile_fg, compile_hess, eval_f, eval_grad, eval_fg,
/// eval_hess). `--threads` adds 2-thread MLP rows; `--experiments` measures
/// the design alternatives of docs/Compilation.md; the `--profile-*` modes
/// repeat one phase for a profiler. `SYMBENCH_CPU=1` times with the thread's
/// CPU clock instead of the wall clock.
let arguments = CommandLine.arguments.dropFirst()
let report = Reporter(json: arguments.contains("--json"))
let only = arguments.firstIndex(of: "--only").map { arguments[$0 + 1] }

if arguments.contains("--profile-compile") {
    // For profilers: compile R(10000) value+gradient repeatedly.
    let (f, variables) = Workloads.rosenbrock(10000)
    let outputs = [f] + f.gradient(withRespectTo: variables)
    let t0 = now()
    for _ in 0..<20 { sink += Double(try! CompiledFunction(outputs, variables: variables).outputCount) }
    print("compile R(10000) f+g:", Reporter.format((now() - t0) / 20))
    exit(0)
}
if let i = arguments.firstIndex(of: "--profile-compile-grad") {
    // For profilers: compile R(N)'s gradient (the --rosen-build compile) REPS times: --profile-compile-grad [N [REPS]]
    let rest = arguments[(i + 1)...].compactMap { Int($0) }
    let n = rest.first ?? 10_000, reps = rest.count > 1 ? rest[1] : 50
    let names = (0..<n).map { "p_\($0)" }
    let xs = names.map(Expression.variable)
    let f = Expression.sum((0..<(n - 1)).map { 100 * (xs[$0 + 1] - xs[$0] ** 2) ** 2 + (1 - xs[$0]) ** 2 })
    let gradient = f.gradient(withRespectTo: names)
    var times: [Double] = []
    var statistics = ""
    // --rosen-build compiles a gradient built before the Hessian: out of
    // the cache. Sweeping a buffer larger than the last-level cache before
    // each compile reproduces that.
    var evict = [UInt8](repeating: 1, count: 24 << 20)
    for _ in 0..<reps {
        evict.withUnsafeMutableBufferPointer { b in for i in stride(from: 0, to: b.count, by: 64) { b[i] &+= 1 } }
        let t0 = now()
        let compiled = try! CompiledFunction(gradient, variables: names)
        times.append(now() - t0)
        statistics = compiled.statistics.description
    }
    times.sort()
    print("compile R(\(n)) gradient: best \(Reporter.format(times[0])), median \(Reporter.format(times[times.count / 2]))")
    print(statistics)
    exit(0)
}
if arguments.contains("--profile-gradient") {
    // For profilers: the symbolic gradient and Hessian of R(10000) (the core's calculus).
    let (f, variables) = Workloads.rosenbrock(10000)
    var t0 = now()
    let g = f.gradient(withRespectTo: variables)
    print("gradient R(10000):", Reporter.format(now() - t0), g.count)
    t0 = now()
    let h = f.hessianEntries(withRespectTo: variables)
    print("hessian entries R(10000):", Reporter.format(now() - t0), h.count)
    exit(0)
}
if arguments.contains("--profile-mlp") {
    // For profilers: MLP(50) value+gradient over the 200 samples, repeatedly.
    let mlp = MLPWorkload(hidden: 50)
    let loss = mlp.sampleLoss()
    let batch = try! CompiledFunction([loss] + loss.gradient(withRespectTo: mlp.variables), variables: mlp.variables,
                                      parameters: MLPWorkload.parameters).batched(over: .parameters)
    let columns = try! batch.columns(mlp.sampleRows)
    var ws = batch.makeWorkspace()
    var sums = [Double](repeating: 0, count: batch.outputCount)
    let t0 = now()
    for _ in 0..<5000 {
        columns.withUnsafeBufferPointer { c in mlp.start.withUnsafeBufferPointer { s in sums.withUnsafeMutableBufferPointer { o in
            batch.sum(columns: c, pointCount: 200, shared: s, into: o, workspace: &ws)
        } } }
    }
    print("MLP(50) f+g:", Reporter.format((now() - t0) / 5000))
    exit(0)
}
if let i = arguments.firstIndex(of: "--train") {
    // The reference training run through the Trainer: --train H [EPOCHS]
    let rest = Array(arguments[(i + 1)...])
    benchmarkTraining(hidden: Int(rest.first ?? "3") ?? 3, epochs: rest.count > 1 ? Int(rest[1]) ?? 20_000 : 20_000,
                      threads: Int(ProcessInfo.processInfo.environment["SYMBENCH_THREADS"] ?? "1") ?? 1)
    exit(0)
}
if let i = arguments.firstIndex(of: "--pictures") {
    // Progress-meter overhead and decision-region drawing: --pictures [H EPOCHS REPEATS]
    let rest = arguments[(i + 1)...].compactMap { Int($0) }
    benchmarkPictures(hidden: rest.first ?? 3, epochs: rest.count > 1 ? rest[1] : 20_000, repeats: rest.count > 2 ? rest[2] : 3)
    exit(0)
}
if let i = arguments.firstIndex(of: "--build-network") {
    // The scale target: --build-network H [INPUTS OUTPUTS] (default 500, 2, 2)
    let rest = arguments[(i + 1)...].compactMap { Int($0) }
    benchmarkNetworkBuild(hidden: rest.first ?? 500, inputs: rest.count > 1 ? rest[1] : 2, outputs: rest.count > 2 ? rest[2] : 2)
    exit(0)
}
if let i = arguments.firstIndex(of: "--softmax") {
    // Softmax regression: --softmax [C D N] (default 10 classes, 20 features, 10,000 samples)
    let rest = arguments[(i + 1)...].compactMap { Int($0) }
    benchmarkSoftmax(classes: rest.first ?? 10, features: rest.count > 1 ? rest[1] : 20, samples: rest.count > 2 ? rest[2] : 10_000)
    exit(0)
}
if let i = arguments.firstIndex(of: "--codegen") {
    // Generated C for R(N) value+gradient against the hand-written loop: --codegen [N] (default 10,000)
    benchmarkCodegen(arguments[(i + 1)...].compactMap { Int($0) }.first ?? 10_000)
    exit(0)
}
if let i = arguments.firstIndex(of: "--rosen-build") {
    // R(N) gradient / sparse Hessian build and gradient compile, cold (see casadi_build.sh)
    let rest = arguments[(i + 1)...].compactMap { Int($0) }
    benchmarkRosenbrockBuild(rest.first ?? 10_000, repetitions: rest.count > 1 ? rest[1] : 5)
    exit(0)
}
if let i = arguments.firstIndex(of: "--memory") {
    // RSS after building and dropping fresh R(1000) gradients (see CoreBench.swift)
    benchmarkMemory(rounds: arguments[(i + 1)...].first.flatMap { Int($0) } ?? 200)
    exit(0)
}
if let i = arguments.firstIndex(of: "--tower") {
    // Gradient of x^x^…^x: linear in the depth (see CoreBench.swift)
    let depths = arguments[(i + 1)...].compactMap { Int($0) }
    benchmarkTowers(depths.isEmpty ? [1000, 10_000, 100_000] : depths)
    exit(0)
}
if let i = arguments.firstIndex(of: "--order") {
    // k-th derivatives of sin(x)*exp(x^2)/(1+x^2) (see CoreBench.swift)
    let orders = arguments[(i + 1)...].compactMap { Int($0) }
    benchmarkHigherOrder(orders.isEmpty ? [5, 10, 15, 20, 25, 30] : orders)
    exit(0)
}
if arguments.contains("--simplify") {
    // Normalise and simplify every corpus Hessian entry and third derivative (see SimplifyBench.swift)
    benchmarkSimplify()
    exit(0)
}
if arguments.contains("--experiments") {
    runExperiments()
    exit(0)
}
if only == nil || only == "rosen" {
    for n in arguments.contains("--quick") ? [10, 1000] : [10, 100, 1000, 10000] { benchmarkRosenbrock(n, report) }
}
if only == nil || only == "mlp" {
    for h in [3, 50] { benchmarkMLP(h, report, threads: arguments.contains("--threads") ? [1, 2] : [1]) }
}
report.printSummary()
