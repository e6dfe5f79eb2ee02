import Foundation
import Symbolic

/// The core engine's targets (issue 12): derivative construction linear in
/// the graph, memory returned when expressions are dropped.
///
///     symbench --tower [DEPTHS...]     (default 1000 10000 100000)
///     symbench --order [K...]          (default 5 10 15 20 25 30)
///
/// `--tower` builds x^x^…^x of each depth, its derivative, and the value at
/// x = 1 (which is 1 for every depth), and prints the seconds per level so
/// linear growth shows as a flat column.
func benchmarkTowers(_ depths: [Int]) {
    print("depth     build_s   grad_s    eval_s    grad_us_per_level  nodes(f)  nodes(f')")
    for depth in depths {
        let x = Expression.variable("x")
        var t0 = now()
        var f = x
        for _ in 1..<depth { f = .power(x, f) }
        let build = now() - t0
        t0 = now()
        let g = f.derivative(withRespectTo: "x")
        let grad = now() - t0
        t0 = now()
        let value = (try? g.evaluate(at: ["x": 1])) ?? .nan
        let eval = now() - t0
        let fNodes = f.topologicallySortedNodes().count, gNodes = g.topologicallySortedNodes().count
        print(String(format: "%-9d %-9.3f %-9.3f %-9.3f %-18.2f %-9d %d   (f'(1) = %g)", depth, build, grad, eval,
                     grad / Double(depth) * 1e6, fNodes, gNodes, value))
    }
}

/// `--order`: the k-th derivative of sin(x)*exp(x^2)/(1+x^2), as `sym diff
/// --order k` computes it: time, distinct nodes and printed size.
func benchmarkHigherOrder(_ orders: [Int]) {
    let f = try! Expression(parsing: "sin(x)*exp(x^2)/(1+x^2)")
    print("k    seconds   distinct_nodes  printed_bytes")
    for k in orders {
        let t0 = now()
        let d = f.derivative(withRespectTo: "x", order: k)
        let text = d.description
        let seconds = now() - t0
        print(String(format: "%-4d %-9.3f %-15d %d", k, seconds, d.topologicallySortedNodes().count, text.utf8.count))
    }
}

/// `--rosen-build N [REPS]`: R(N)'s symbolic gradient and sparse Hessian
/// build and the gradient's compilation, as JSON lines in the peers' format.
/// `Benchmarks/casadi_build.sh` runs it next to CasADi's peer.
///
/// Each repetition (default 5, like the peers' `time_once`) builds R(N) in
/// fresh variables (`r<k>_<i>`), so no node of an earlier repetition is
/// reused: every build is cold for the intern table, as CasADi's repeated
/// `ca.gradient` builds new nodes each time. The best time of each
/// operation is reported (`"stat": "best"`), with the nodes the last
/// repetition's gradient and Hessian interned (`new_nodes`). For profiling,
/// `SYMBENCH_ONLY=grad` skips the Hessian and the compile, and
/// `SYMBENCH_VERBOSE=1` prints each repetition's gradient time to stderr
/// (the slow ones are those in which the intern table collected garbage).
/// `SYMBENCH_DUMP=path` writes the last repetition's printed gradient and
/// Hessian entries to `path`, to compare the results of two builds.
func benchmarkRosenbrockBuild(_ n: Int, repetitions: Int = 5) {
    var best = (grad: Double.infinity, hess: Double.infinity, compile: Double.infinity)
    var nnz = 0, instructions = 0
    // Nodes interned by the last repetition's builds (negative if a collection ran meanwhile).
    var newNodes = (grad: 0, hess: 0)
    for rep in 0..<max(1, repetitions) {
        let names = (0..<n).map { "r\(rep)_\($0)" }
        let xs = names.map(Expression.variable)
        var terms: [Expression] = []
        terms.reserveCapacity(n - 1)
        for i in 0..<(n - 1) { terms.append(100 * (xs[i + 1] - xs[i] ** 2) ** 2 + (1 - xs[i]) ** 2) }
        let f = Expression.sum(terms)
        var nodes0 = Expression.internedNodeCount
        var t0 = now()
        let gradient = f.gradient(withRespectTo: names)
        best.grad = min(best.grad, now() - t0)
        if ProcessInfo.processInfo.environment["SYMBENCH_VERBOSE"] != nil {
            FileHandle.standardError.write("rep \(rep): grad \(now() - t0) s\n".data(using: .utf8)!)
        }
        newNodes.grad = Expression.internedNodeCount - nodes0
        nodes0 = Expression.internedNodeCount
        if ProcessInfo.processInfo.environment["SYMBENCH_ONLY"] == "grad" { continue }
        t0 = now()
        let entries = f.hessianEntries(withRespectTo: names)
        best.hess = min(best.hess, now() - t0)
        newNodes.hess = Expression.internedNodeCount - nodes0
        t0 = now()
        let compiled = try! CompiledFunction(gradient, variables: names)
        best.compile = min(best.compile, now() - t0)
        nnz = 2 * entries.count - n
        if let path = ProcessInfo.processInfo.environment["SYMBENCH_DUMP"], rep == repetitions - 1 {
            // The printed gradient and Hessian entries, to check that an optimisation changes no result.
            let text = gradient.map(\.description).joined(separator: "\n") + "\n"
                + entries.map { "\($0.row) \($0.column) \($0.expression)" }.joined(separator: "\n") + "\n"
            try! text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        instructions = compiled.statistics.instructionCount
    }
    let stat = "\"reps\": \(max(1, repetitions)), \"stat\": \"best\""
    for (op, seconds, extra) in [("grad", best.grad, ", \"new_nodes\": \(newNodes.grad)"),
                                 ("hess", best.hess, ", \"nnz\": \(nnz), \"new_nodes\": \(newNodes.hess)"),
                                 ("compile_grad", best.compile, ", \"n_instructions\": \(instructions)")] {
        print("{\"peer\": \"symbolic\", \"workload\": \"rosen\", \"size\": \(n), \"op\": \"\(op)\", \"time_s\": \(seconds), \(stat)\(extra)}")
    }
}

/// `--memory [ROUNDS]`: builds and drops `ROUNDS` (default 200) fresh
/// R(1000) gradients (new variable names each round, so no node is
/// reused) and prints the resident set after 20 rounds and at the end,
/// the nodes in the intern table at the end (garbage included: the table
/// collects when it doubles) and after an explicit
/// `Expression.collectUnusedNodes()`. The target of issue 12 is a final
/// RSS ≤ 1.3× the one after 20 rounds.
func benchmarkMemory(rounds: Int) {
    func residentMB() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kB = Double(line.split(separator: " ").dropFirst().first ?? "") else { return .nan }
        return kB / 1024
    }
    var after20 = Double.nan
    let t0 = now()
    for round in 1...rounds {
        do {
            let names = (0..<1000).map { "r\(round)_\($0)" }
            let xs = names.map(Expression.variable)
            var terms: [Expression] = []
            for i in 0..<999 { terms.append(100 * (xs[i + 1] - xs[i] ** 2) ** 2 + (1 - xs[i]) ** 2) }
            let gradient = Expression.sum(terms).gradient(withRespectTo: names)
            sink += Double(gradient.count)
        }
        if round == 20 { after20 = residentMB() }
    }
    let final = residentMB()
    let seconds = now() - t0
    let inTable = Expression.internedNodeCount
    Expression.collectUnusedNodes()
    print(String(format: "rounds %d  rss_after_20 %.1f MB  rss_final %.1f MB  ratio %.2f  interned_nodes %d  after_collect %d  seconds %.2f",
                 rounds, after20, final, final / after20, inTable, Expression.internedNodeCount, seconds))
}
