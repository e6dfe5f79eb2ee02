import Foundation
import Symbolic

/// `symbench --codegen [N]`: generated C for R(N) value+gradient against the
/// hand-written Swift loop of the peer benchmark (bench/peers/swift,
/// `rosenValueGrad`, copied below).
///
/// Times `Expression.generateCode` (one run: the gradient is built first
/// and not timed), compiles the C with `cc -O2 -shared -fPIC`, loads it
/// with `dlopen`, and times one call of each with ``timeCall``. Prints the
/// ratio generated/hand (the issue 11 target is ≤ 1.5) and the worst
/// relative difference of the two gradients.
func benchmarkCodegen(_ n: Int) {
    let (f, variables) = Workloads.rosenbrock(n)
    _ = f.gradient(withRespectTo: variables)   // build the derivative graph outside the timing, as the peers do
    var t0 = now()
    let code = try! Expression.generateCode(for: [f], variables: variables, language: .c, name: "rosen", derivatives: .gradient)
    let generateSeconds = now() - t0
    t0 = now()
    _ = try! Expression.generateCode(for: [f], variables: variables, language: .c, name: "rosen", derivatives: .gradient)
    print("  generate C again:  \(Reporter.format(now() - t0))")
    t0 = now()
    _ = try! CompiledFunction([f] + f.gradient(withRespectTo: variables), variables: variables)
    print("  (VM compile f+g:   \(Reporter.format(now() - t0)))")
    if ProcessInfo.processInfo.environment["SYMBENCH_GENERATE_ONLY"] != nil {
        print("  generate C:        \(Reporter.format(generateSeconds))  (\(code.temporaryCount) temporaries)")
        return
    }

    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("symbench-codegen-\(getpid())")
    try! FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let source = dir.appendingPathComponent("rosen.c").path, library = dir.appendingPathComponent("librosen.so").path
    try! code.source.write(toFile: source, atomically: true, encoding: .utf8)
    let cc = ProcessInfo.processInfo.environment["CC"] ?? "/usr/bin/cc"
    var wall = timespec()
    clock_gettime(CLOCK_MONOTONIC, &wall)   // the compiler is another process: wall time, whatever SYMBENCH_CPU says
    let compileStart = Double(wall.tv_sec) + Double(wall.tv_nsec) * 1e-9
    let process = Process()
    process.executableURL = URL(fileURLWithPath: cc)
    process.arguments = ["-std=c99", "-O2", "-shared", "-fPIC", source, "-o", library, "-lm"]
    try! process.run()
    process.waitUntilExit()
    clock_gettime(CLOCK_MONOTONIC, &wall)
    let compileSeconds = Double(wall.tv_sec) + Double(wall.tv_nsec) * 1e-9 - compileStart
    guard process.terminationStatus == 0, let handle = dlopen(library, RTLD_NOW), let symbol = dlsym(handle, "rosen") else {
        print("could not compile or load the generated C")
        return
    }
    typealias Generated = @convention(c) (UnsafePointer<Double>, UnsafeMutablePointer<Double>) -> Void
    let generated = unsafeBitCast(symbol, to: Generated.self)

    let x = Workloads.rosenbrockStart(n)
    var out = [Double](repeating: 0, count: n + 1)
    var g = [Double](repeating: 0, count: n)
    let timeGenerated = timeCall { x.withUnsafeBufferPointer { xp in out.withUnsafeMutableBufferPointer { generated(xp.baseAddress!, $0.baseAddress!) } }; sink += out[0] }
    let timeHand = timeCall { sink += handRosenValueGrad(x, &g) }
    let f0 = handRosenValueGrad(x, &g)
    var worst = abs(out[0] - f0) / abs(f0)
    let scale = g.map(abs).max()!
    for i in 0..<n { worst = max(worst, abs(out[i + 1] - g[i]) / scale) }
    print("R(\(n)) value+gradient, generated C vs hand-written Swift")
    print("  generate C:        \(Reporter.format(generateSeconds))  (\(code.loopCount) loops, \(code.temporaryCount) temporaries, \(code.source.utf8.count) bytes)")
    print("  cc -O2 (wall):     \(Reporter.format(compileSeconds))")
    print("  generated C call:  \(Reporter.format(timeGenerated.best)) best, \(Reporter.format(timeGenerated.median)) median")
    print("  hand Swift call:   \(Reporter.format(timeHand.best)) best, \(Reporter.format(timeHand.median)) median")
    print("  ratio (best):      \(String(format: "%.2f", timeGenerated.best / timeHand.best))  (target <= 1.5)")
    print("  max rel diff:      \(worst)")
    dlclose(handle)
}

/// The hand-written loop of bench/peers/swift/lib/Hand.swift.
@inline(never)
func handRosenValueGrad(_ x: [Double], _ g: inout [Double]) -> Double {
    let n = x.count
    return x.withUnsafeBufferPointer { x in
        g.withUnsafeMutableBufferPointer { g in
            for i in 0..<n { g[i] = 0 }
            var f = 0.0
            for i in 0..<(n - 1) {
                let xi = x[i]
                let a = x[i + 1] - xi * xi
                let b = 1 - xi
                f += 100 * a * a + b * b
                g[i] += -400 * xi * a - 2 * b
                g[i + 1] += 200 * a
            }
            return f
        }
    }
}
