import Foundation
import Symbolic

/// optimbench: the Swift side of the optimisation comparison with SciPy.
///
///     optimbench mgh [--json]            counts on the MGH problems (symbolic objectives)
///     optimbench rosenbrock N [--json]   extended Rosenbrock, n = N: BFGS, L-BFGS, Newton
///     optimbench firstorder [--json]     first-order methods with default settings on the MGH problems
let arguments = CommandLine.arguments.dropFirst()
let json = arguments.contains("--json")
let positional = arguments.filter { $0 != "--json" }

struct Run: Codable {
    var objective: String
    var method: String
    var iterations: Int
    var nfev: Int
    var nhev: Int
    var value: Double
    var gradientNorm: Double
    var reason: String
    var seconds: Double
    var setupSeconds: Double
}

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func measure(_ objective: Objective, _ label: String, _ method: OptimizationMethod, from start: [Double],
             setup: Double, options: OptimizationOptions = OptimizationOptions(), repeats: Int) throws -> Run {
    var best = Double.infinity
    var result: OptimizationResult!
    for _ in 0..<repeats {
        best = min(best, try seconds { result = try minimize(objective, from: start, method: method, options: options) })
    }
    return Run(objective: label, method: method.rawValue, iterations: result.iterations, nfev: result.valueEvaluations,
               nhev: result.hessianEvaluations, value: result.value, gradientNorm: result.gradientNorm,
               reason: result.stopReason.rawValue, seconds: best, setupSeconds: setup)
}

func emit(_ runs: [Run]) throws {
    if json {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        print(String(decoding: try encoder.encode(runs), as: UTF8.self))
        return
    }
    for r in runs {
        let time = String(format: "%.1f ms", r.seconds * 1000)
        print("\(r.objective.padding(toLength: 28, withPad: " ", startingAt: 0)) \(r.method.padding(toLength: 7, withPad: " ", startingAt: 0)) it=\(r.iterations) nfev=\(r.nfev) nhev=\(r.nhev) f=\(r.value) |g|=\(r.gradientNorm) \(r.reason) \(time)")
    }
}

switch positional.first {
case "mgh", nil:
    var runs: [Run] = []
    for problem in MGH.all {
        var objective: Objective!
        let setup = try seconds { objective = try Objective(expression: problem.expression, variables: problem.variables) }
        for method in [OptimizationMethod.newton, .bfgs, .lbfgs] where method != .lbfgs || problem.dimension >= 10 {
            runs.append(try measure(objective, problem.name, method, from: problem.start, setup: setup, repeats: 1))
        }
    }
    try emit(runs)
case "firstorder":
    // Every first-order method with its defaults on the MGH problems.
    var runs: [Run] = []
    for problem in MGH.small {
        let objective = try Objective(expression: problem.expression, variables: problem.variables)
        for method in OptimizationMethod.allCases where method.isFirstOrder {
            runs.append(try measure(objective, problem.name, method, from: problem.start, setup: 0, repeats: 1))
        }
    }
    try emit(runs)
case "rosenbrock":
    let n = positional.dropFirst().first.flatMap { Int($0) } ?? 1000
    let problem = MGH.extendedRosenbrock(n)
    var symbolic: Objective!
    let setup = try seconds { symbolic = try Objective(expression: problem.expression, variables: problem.variables) }
    let hand = handWrittenExtendedRosenbrock(n)
    var runs: [Run] = []
    for method in [OptimizationMethod.bfgs, .lbfgs, .newton] {
        runs.append(try measure(symbolic, "symbolic", method, from: problem.start, setup: setup, repeats: 3))
        runs.append(try measure(hand, "hand-written", method, from: problem.start, setup: 0, repeats: 3))
    }
    try emit(runs)
default:
    FileHandle.standardError.write("usage: optimbench mgh|firstorder|rosenbrock N [--json]\n".data(using: .utf8)!)
    exit(64)
}
