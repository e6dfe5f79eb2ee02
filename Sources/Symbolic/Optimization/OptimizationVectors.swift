/// Small BLAS-like kernels over buffers. Plain loops: the compiler
/// vectorises them, and keeping them here keeps the optimisers readable.
enum OptimizationVectors {
    @inline(__always)
    static func dot(_ a: UnsafeBufferPointer<Double>, _ b: UnsafeBufferPointer<Double>) -> Double {
        var s = 0.0
        for i in 0..<a.count { s += a[i] * b[i] }
        return s
    }

    /// Euclidean norm, scaled so that huge or tiny components neither
    /// overflow nor underflow. NaN when any component is NaN (never 0: a NaN
    /// gradient must not pass a gradient test).
    static func norm(_ a: UnsafeBufferPointer<Double>) -> Double {
        var largest = 0.0
        for v in a {
            if v.isNaN { return .nan }
            largest = Swift.max(largest, Swift.abs(v))
        }
        guard largest > 0, largest.isFinite else { return largest }
        if largest > 1e-150 && largest < 1e150 {
            var s = 0.0
            for v in a { s += v * v }
            return s.squareRoot()
        }
        var s = 0.0
        for v in a { let t = v / largest; s += t * t }
        return largest * s.squareRoot()
    }

    /// Euclidean distance ‖a − b‖.
    static func distance(_ a: UnsafeBufferPointer<Double>, _ b: UnsafeBufferPointer<Double>) -> Double {
        var s = 0.0
        for i in 0..<a.count { let d = a[i] - b[i]; s += d * d }
        return s.squareRoot()
    }

    /// y ← y + αx.
    @inline(__always)
    static func axpy(_ alpha: Double, _ x: UnsafeBufferPointer<Double>, _ y: UnsafeMutableBufferPointer<Double>) {
        for i in 0..<x.count { y[i] += alpha * x[i] }
    }

    /// z ← x + αd.
    @inline(__always)
    static func step(from x: UnsafeBufferPointer<Double>, along d: UnsafeBufferPointer<Double>, by alpha: Double,
                     into z: UnsafeMutableBufferPointer<Double>) {
        for i in 0..<x.count { z[i] = x[i] + alpha * d[i] }
    }

    static func scale(_ x: UnsafeMutableBufferPointer<Double>, by alpha: Double) {
        for i in x.indices { x[i] *= alpha }
    }

    static func copy(_ x: UnsafeBufferPointer<Double>, into y: UnsafeMutableBufferPointer<Double>) {
        for i in 0..<x.count { y[i] = x[i] }
    }

    static func allFinite(_ x: UnsafeBufferPointer<Double>) -> Bool {
        var s = 0.0
        for v in x { s += v * 0 }   // NaN if any component is NaN or infinite
        return s == 0
    }
}
