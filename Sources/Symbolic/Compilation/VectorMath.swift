import SymbolicKernels

/// The elementary functions that Symbolic computes with its own vectorised
/// code (the `SymbolicKernels` C target) instead of the C library: `tanh`,
/// `exp`, `log` and `sigmoid`, in compiled programs and in the tree
/// evaluator alike.
///
/// Why: a neural-network loss calls `tanh` once per hidden unit per sample
/// and `exp`/`log` in every softmax, and the C library's scalar calls then
/// dominate the whole evaluation. The kernels run 2, 4 or 8 lanes at a
/// time (SSE2/NEON, AVX2, AVX-512F, chosen at run time) with the same bits
/// at every width and on every machine, and these one-value versions are
/// lane 0 of the same code, so tree, one-point and batched evaluation agree
/// bit for bit. Accuracy against the correctly rounded result: `tanh` within
/// 2 ulp, `exp` and `log` within 1 ulp (`CompilationVectorMathTests`).
@usableFromInline
enum VectorMath {
    /// tanh(x); exact for ±0, ±inf, NaN and |x| < 2⁻²⁸, ±1 for |x| > 22.
    @usableFromInline
    static func tanh(_ x: Double) -> Double { sk_tanh(x) }

    /// eˣ; +inf above 709.78, 0 below −745.13.
    @usableFromInline
    static func exp(_ x: Double) -> Double { sk_exp(x) }

    /// The natural logarithm; −inf at ±0, NaN below 0.
    @usableFromInline
    static func log(_ x: Double) -> Double { sk_log(x) }

    /// 1/(1 + e⁻ˣ) for x ≥ 0 and eˣ/(1 + eˣ) below, with ``exp(_:)``.
    @usableFromInline
    static func sigmoid(_ x: Double) -> Double { sk_sigmoid(x) }

    /// `d[i] = tanh(a[i])` for `i < count`, vectorised.
    @inline(__always)
    static func tanh(_ a: UnsafePointer<Double>, into d: UnsafeMutablePointer<Double>, count: Int) {
        sk_tanh_array(a, d, Int64(count))
    }

    /// The instruction set the kernels use: 0 baseline (SSE2 on x86-64,
    /// NEON on arm64), 1 AVX2, 2 AVX-512F.
    static var simdLevel: Int { Int(sk_simd_level()) }

    /// Caps the instruction set (tests and benchmarks; results do not
    /// change) and returns the level now in use. The environment variable
    /// `SYMBOLIC_SIMD_LEVEL=0|1|2` caps it for a whole process.
    @discardableResult
    static func limitSIMDLevel(_ level: Int) -> Int { Int(sk_limit_simd_level(Int32(level))) }
}
