import Foundation

/// Wall-clock seconds from a monotonic clock.
func now() -> Double {
    var ts = timespec()
    clock_gettime(useCPUClock ? CLOCK_THREAD_CPUTIME_ID : CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

/// A sink that keeps results alive so the optimiser cannot drop the work.
nonisolated(unsafe) var sink = 0.0

/// Times a one-off operation like the peers' `time_once`: if the first run
/// takes under `cheapBelow` seconds, repeat (up to `maxReps` runs within
/// about `budget` seconds) and report the best.
func timeOnce<T>(cheapBelow: Double = 1, maxReps: Int = 5, budget: Double = 3, _ body: () throws -> T) rethrows -> (result: T, seconds: Double, reps: Int) {
    var t0 = now()
    var result = try body()
    var best = now() - t0
    var reps = 1
    var spent = best
    if best < cheapBelow {
        while reps < maxReps && spent + best < budget {
            t0 = now()
            result = try body()
            let dt = now() - t0
            best = min(best, dt)
            spent += dt
            reps += 1
        }
    }
    return (result, best, reps)
}

/// Per-call time of a repeated evaluation like the peers' `time_call`:
/// calibrate a batch of k calls to about `minBatch` seconds, run `batches`
/// batches and report the best and the median per call.
func timeCall(minBatch: Double = 0.05, batches: Int = 7, maxTotal: Double = 6, _ body: () -> Void) -> (best: Double, median: Double, calls: Int) {
    var t0 = now()
    body()
    let first = now() - t0
    if first > 0.5 {
        var ts: [Double] = []
        var spent = first
        while ts.count < 3 && (spent + first < maxTotal || ts.isEmpty) {
            t0 = now()
            body()
            let dt = now() - t0
            ts.append(dt)
            spent += dt
        }
        ts.sort()
        return (ts[0], ts[ts.count / 2], ts.count)
    }
    var k = 1
    while true {
        t0 = now()
        for _ in 0..<k { body() }
        let dt = now() - t0
        if dt >= minBatch || k >= 1 << 22 { break }
        k = max(k * 2, Int(Double(k) * minBatch / max(dt, 1e-9) * 1.2))
    }
    var per: [Double] = []
    var spent = 0.0
    for _ in 0..<batches {
        t0 = now()
        for _ in 0..<k { body() }
        let dt = now() - t0
        per.append(dt / Double(k))
        spent += dt
        if spent > maxTotal { break }
    }
    let sorted = per.sorted()
    return (sorted[0], sorted[sorted.count / 2], k * per.count)
}

/// `SYMBENCH_CPU=1` measures this thread's CPU time instead of wall time:
/// steadier on a shared machine, but blind to waiting and to other threads.
let useCPUClock = ProcessInfo.processInfo.environment["SYMBENCH_CPU"] == "1"
