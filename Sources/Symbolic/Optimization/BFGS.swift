/// BFGS with a dense inverse-Hessian approximation H (Nocedal & Wright,
/// *Numerical Optimization*, 2nd ed., Algorithm 6.1).
///
/// H starts as the identity; before the first update it is rescaled to
/// (sᵀy / yᵀy)·I (N&W eq. 6.20), which usually saves line-search trials. Pairs
/// with sᵀy ≤ ε·yᵀy (no positive curvature, possible only after a fallback
/// step) are skipped so that H stays positive definite.
///
/// Each iteration reads H twice, not three times: H∇f₊ is computed once
/// before the update and gives both Hy = H∇f₊ − H∇f (H∇f is known from the
/// previous direction) and, through the update formula, the next direction
/// H₊∇f₊ in O(n).
///
/// - Complexity: O(n²) time per iteration and n² memory.
struct BFGSModel: DescentModel {
    let n: Int
    /// Row-major symmetric n×n inverse-Hessian approximation.
    let h: UnsafeMutableBufferPointer<Double>
    /// H·y of the current update.
    let hy: UnsafeMutableBufferPointer<Double>
    /// H·∇f at the current iterate, for the current H (valid unless fresh).
    let hg: UnsafeMutableBufferPointer<Double>
    /// H·∇f₊ with the old H, during an update.
    let hgNew: UnsafeMutableBufferPointer<Double>
    private(set) var isFresh = true

    init(dimension: Int, scratch: OptimizationScratch) {
        n = dimension
        h = scratch.vector(dimension * dimension)
        hy = scratch.vector(dimension)
        hg = scratch.vector(dimension)
        hgNew = scratch.vector(dimension)
        reset()
    }

    mutating func reset() {
        h.update(repeating: 0)
        for i in 0..<n { h[i * n + i] = 1 }
        isFresh = true
    }

    func direction(_ run: OptimizationRun, into p: UnsafeMutableBufferPointer<Double>) -> Double {
        if isFresh { return run.steepestDescent(into: p) }
        for i in 0..<n { p[i] = -hg[i] }
        return 1
    }

    mutating func update(_ run: OptimizationRun, s: UnsafeBufferPointer<Double>, y: UnsafeBufferPointer<Double>) {
        let g = UnsafeBufferPointer(run.g)
        let sy = OptimizationVectors.dot(s, y)
        let yy = OptimizationVectors.dot(y, y)
        guard sy > 2.2e-16 * yy, yy > 0 else {
            // Skipped update: H is unchanged, only H∇f₊ is needed.
            if !isFresh { multiply(g, into: hg) }
            return
        }
        if isFresh {
            // H = γI: products are scalings.
            let gamma = sy / yy
            for i in 0..<n {
                h[i * n + i] = gamma
                hgNew[i] = gamma * g[i]
                hy[i] = gamma * y[i]
            }
            isFresh = false
        } else {
            multiply(g, into: hgNew)
            for i in 0..<n { hy[i] = hgNew[i] - hg[i] }
        }
        let yhy = OptimizationVectors.dot(y, UnsafeBufferPointer(hy))
        // H ← H + c·ssᵀ − ρ(Hy sᵀ + s (Hy)ᵀ), c = (sᵀy + yᵀHy)/(sᵀy)², ρ = 1/sᵀy
        let rho = 1 / sy
        let c = (sy + yhy) * rho * rho
        let base = h.baseAddress!
        for i in 0..<n {
            let row = base + i * n
            let a = c * s[i] - rho * hy[i]
            let b = -rho * s[i]
            for j in 0..<n { row[j] += a * s[j] + b * hy[j] }
        }
        // H₊∇f₊ = H∇f₊ + c·s(sᵀ∇f₊) − ρ(Hy (sᵀ∇f₊) + s (Hyᵀ∇f₊))
        let sg = OptimizationVectors.dot(s, g)
        let hyg = OptimizationVectors.dot(UnsafeBufferPointer(hy), g)
        for i in 0..<n { hg[i] = hgNew[i] + (c * sg - rho * hyg) * s[i] - rho * sg * hy[i] }
    }

    /// out = H·v, with four partial sums per row to shorten the dependency
    /// chain (fixed order, so results are reproducible).
    private func multiply(_ v: UnsafeBufferPointer<Double>, into out: UnsafeMutableBufferPointer<Double>) {
        let base = h.baseAddress!
        let x = v.baseAddress!
        let tail = n & ~3
        for i in 0..<n {
            let row = base + i * n
            var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
            var j = 0
            while j < tail {
                s0 += row[j] * x[j]
                s1 += row[j + 1] * x[j + 1]
                s2 += row[j + 2] * x[j + 2]
                s3 += row[j + 3] * x[j + 3]
                j += 4
            }
            while j < n { s0 += row[j] * x[j]; j += 1 }
            out[i] = (s0 + s1) + (s2 + s3)
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

    init(dimension: Int, memory: Int, scratch: OptimizationScratch) {
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
        OptimizationVectors.scale(q, by: gamma)
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
        let sy = OptimizationVectors.dot(s, y)
        let yy = OptimizationVectors.dot(y, y)
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
