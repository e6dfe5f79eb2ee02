import Foundation
import Symbolic

/// symbench: Symbolic's side of the peer benchmark (bench/peers).
///
///     swift run -c release --package-path Benchmarks symbench [--json] [--quick]
///         [--only rosen|mlp] [--threads] [--experiments]
///
/// Without --json it prints a readable table; with --json one JSON object
/// per line in the peers' record format.
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
