/// Elementary functions computed four lanes at a time with plain SIMD
/// arithmetic, for the evaluation loops.
///
/// Why: a neural-network loss calls `tanh` once per hidden unit per sample,
/// and the C library's scalar `tanh` then dominates the whole evaluation
/// (10,000 calls per MLP(50) gradient). These versions vectorise. A scalar
/// call runs the same vector code on one lane, so one-point and batched
/// evaluation agree bit for bit.
enum VectorMath {
    typealias Vector = SIMD4<Double>

    /// tanh(x), within 2 ulp of the correctly rounded result (measured
    /// against glibc over 10⁷ points, see `CompilationVectorMathTests`);
    /// exact for 0, ±0, ±inf, NaN and |x| < 2⁻²⁸; ±1 for |x| > 22.
    ///
    /// Method (as fdlibm): for a = |x|, E = expm1(−2a) ∈ (−1, 0] and
    /// tanh(a) = −E / (E + 2), which has no cancellation anywhere.
    @inline(__always)
    static func tanh(_ x: Vector) -> Vector {
        let a = x.replacing(with: -x, where: x .< 0)
        let e = expm1Negative(-2 * a)
        var t = -e / (e + 2)
        t.replace(with: 1, where: a .> 22)
        t.replace(with: a, where: a .< 0x1p-28)          // tanh a = a to within rounding; keeps NaN
        t.replace(with: x, where: .!(x .== x))         // NaN
        return t.replacing(with: -t, where: x .< 0)
    }

    /// tanh of one value: lane 0 of the vector computation.
    @inline(__always)
    static func tanh(_ x: Double) -> Double { tanh(Vector(repeating: x))[0] }

    /// expm1(y) = eʸ − 1 for −45 ≤ y ≤ 0, to about 1 ulp.
    ///
    /// y = k·ln2 + r with |r| ≤ ln2/2 (Cody–Waite, so r is nearly exact);
    /// p = expm1(r) by its Taylor series to r¹³ (truncation below 10⁻¹⁷·|r|);
    /// then eʸ − 1 = 2ᵏ·p + (2ᵏ − 1), where 2ᵏ − 1 is exact for k ≥ −53 and
    /// the scaling is exact, so only the final addition rounds.
    @inline(__always)
    static func expm1Negative(_ y: Vector) -> Vector {
        let ln2Hi = 6.93147180369123816490e-01, ln2Lo = 1.90821492927058770002e-10
        let magic = 6755399441055744.0                      // 1.5·2⁵², rounds to an integer
        let kMagic = y * (1 / 0.6931471805599453) + magic
        let k = kMagic - magic                              // round(y / ln2), in [-65, 0]
        let r = (y - k * ln2Hi) - k * ln2Lo
        // Taylor coefficients 1/n!, n = 2…13, in Horner form.
        var p = Vector(repeating: 1.0 / 6227020800)         // 1/13!
        p = p * r + 1.0 / 479001600
        p = p * r + 1.0 / 39916800
        p = p * r + 1.0 / 3628800
        p = p * r + 1.0 / 362880
        p = p * r + 1.0 / 40320
        p = p * r + 1.0 / 5040
        p = p * r + 1.0 / 720
        p = p * r + 1.0 / 120
        p = p * r + 1.0 / 24
        p = p * r + 1.0 / 6
        p = p * r + 0.5
        p = r + (r * r) * p                                 // expm1(r)
        // 2ᵏ from the integer in kMagic's low bits (k ≥ -65 > -1023).
        let kBits = unsafeBitCast(kMagic, to: SIMD4<UInt64>.self) &- unsafeBitCast(Vector(repeating: magic), to: SIMD4<UInt64>.self)
        let scale = unsafeBitCast((kBits &+ 1023) &<< 52, to: Vector.self)
        // For k < -53, 2ᵏ − 1 rounds to −1 anyway and 2ᵏ·p vanishes beside it.
        return scale * p + (scale - 1)
    }
}
