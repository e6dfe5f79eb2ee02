/// BFGS with a dense inverse-Hessian approximation H (Nocedal & Wright,
/// *Numerical Optimization*, 2nd ed., Algorithm 6.1).
///
/// H starts as the identity; before the first update it is rescaled to
/// (sᵀy / yᵀy)·I (N&W eq. 6.20), which usually saves line-search trials. Pairs
/// with sᵀy ≤ ε·yᵀy (no positive curvature, possible only after a fallback
/// step) are skipped so that H stays positive definite.
///
/// - Complexity: O(n²) time per iteration and n² memory.
struct BFGSModel: DescentModel {
    let n: Int
    /// Row-major symmetric n×n inverse-Hessian approximation.
    let h: UnsafeMutableBufferPointer<Double>
    /// H·y, reused by every update.
    let hy: UnsafeMutableBufferPointer<Double>
    private(set) var isFresh = true

    init(dimension: Int, scratch: Scratch) {
        n = dimension
        h = scratch.vector(dimension * dimension)
        hy = scratch.vector(dimension)
        reset()
    }

    mutating func reset() {
        h.update(repeating: 0)
        for i in 0..<n { h[i * n + i] = 1 }
        isFresh = true
    }

    func direction(_ run: OptimizationRun, into p: UnsafeMutableBufferPointer<Double>) -> Double {
        if isFresh { return run.steepestDescent(into: p) }
        let g = run.g
        for i in 0..<n {
            var s = 0.0
            let row = i * n
            for j in 0..<n { s += h[row + j] * g[j] }
            p[i] = -s
        }
        return 1
    }

    mutating func update(_ run: OptimizationRun, s: UnsafeBufferPointer<Double>, y: UnsafeBufferPointer<Double>) {
        let sy = Vector.dot(s, y)
        let yy = Vector.dot(y, y)
        guard sy > 2.2e-16 * yy, yy > 0 else { return }
        if isFresh {
            let scale = sy / yy
            for i in 0..<n { h[i * n + i] = scale }
            isFresh = false
        }
        var yhy = 0.0
        for i in 0..<n {
            var t = 0.0
            let row = i * n
            for j in 0..<n { t += h[row + j] * y[j] }
            hy[i] = t
            yhy += y[i] * t
        }
        // H ← H + ((sᵀy + yᵀHy)/(sᵀy)²) ssᵀ − (Hy sᵀ + s (Hy)ᵀ)/sᵀy
        let rho = 1 / sy
        let c = (sy + yhy) * rho * rho
        for i in 0..<n {
            let row = i * n
            let csi = c * s[i]
            let rsi = rho * s[i]
            let rhyi = rho * hy[i]
            for j in 0..<n {
                h[row + j] += csi * s[j] - rhyi * s[j] - rsi * hy[j]
            }
        }
    }
}

/// Limited-memory BFGS (Nocedal & Wright Algorithm 7.4, the two-loop
/// recursion) keeping the last `memory` pairs (s, y), with H₀ = γI,
/// γ = sᵀy/yᵀy of the newest pair.
///
/// - Complexity: O(m·n) time and memory per iteration for memory m.
struct LBFGSModel: DescentModel {
    let n: Int
    let m: Int
    let sHistory: UnsafeMutableBufferPointer<Double>
    let yHistory: UnsafeMutableBufferPointer<Double>
    let rho: UnsafeMutableBufferPointer<Double>
    let alpha: UnsafeMutableBufferPointer<Double>
    /// Number of stored pairs and the slot of the newest.
    private(set) var count = 0
    private var newest = -1
    private var gamma = 1.0

    var isFresh: Bool { count == 0 }

    init(dimension: Int, memory: Int, scratch: Scratch) {
        n = dimension
        m = memory
        sHistory = scratch.vector(memory * dimension)
        yHistory = scratch.vector(memory * dimension)
        rho = scratch.vector(memory)
        alpha = scratch.vector(memory)
    }

    mutating func reset() {
        count = 0
        newest = -1
        gamma = 1
    }

    func direction(_ run: OptimizationRun, into q: UnsafeMutableBufferPointer<Double>) -> Double {
        if count == 0 { return run.steepestDescent(into: q) }
        for i in 0..<n { q[i] = -run.g[i] }
        var slot = newest
        for _ in 0..<count {
            let base = slot * n
            var a = 0.0
            for i in 0..<n { a += sHistory[base + i] * q[i] }
            a *= rho[slot]
            alpha[slot] = a
            for i in 0..<n { q[i] -= a * yHistory[base + i] }
            slot = slot == 0 ? m - 1 : slot - 1
        }
        Vector.scale(q, by: gamma)
        slot = (newest - count + 1 + m) % m
        for _ in 0..<count {
            let base = slot * n
            var b = 0.0
            for i in 0..<n { b += yHistory[base + i] * q[i] }
            b *= rho[slot]
            let a = alpha[slot]
            for i in 0..<n { q[i] += (a - b) * sHistory[base + i] }
            slot = slot == m - 1 ? 0 : slot + 1
        }
        return 1
    }

    mutating func update(_ run: OptimizationRun, s: UnsafeBufferPointer<Double>, y: UnsafeBufferPointer<Double>) {
        let sy = Vector.dot(s, y)
        let yy = Vector.dot(y, y)
        guard sy > 2.2e-16 * yy, yy > 0 else { return }
        newest = (newest + 1) % m
        count = Swift.min(count + 1, m)
        let base = newest * n
        for i in 0..<n {
            sHistory[base + i] = s[i]
            yHistory[base + i] = y[i]
        }
        rho[newest] = 1 / sy
        gamma = sy / yy
    }
}
