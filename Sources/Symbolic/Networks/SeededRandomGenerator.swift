/// A seeded random number generator whose output depends only on the seed:
/// the same seed gives the same numbers on every platform and Swift version
/// (unlike `SystemRandomNumberGenerator`). Weight initialisation, data
/// generators, shuffling and dropout masks all draw from it, so a training
/// run is reproducible bit for bit.
///
/// xoshiro256** (Blackman & Vigna 2018), its state filled by SplitMix64 from
/// the seed. Normal deviates use Marsaglia's polar method with the library's
/// own `log` and IEEE square roots, so they too are the same everywhere.
///
///     var random = SeededRandomGenerator(seed: 42)
///     let u = random.nextUniform()          // in [0, 1)
///     let z = random.nextNormal()           // mean 0, standard deviation 1
///     let k = Int.random(in: 0..<10, using: &random)
public struct SeededRandomGenerator: RandomNumberGenerator, Sendable, Hashable {
    private var s0, s1, s2, s3: UInt64
    /// The second deviate of the last polar-method pair, if unused.
    private var spareNormal: Double?

    /// A generator seeded with `seed`.
    ///
    ///     var random = SeededRandomGenerator(seed: 0)
    public init(seed: UInt64) {
        var x = seed
        func splitMix() -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = splitMix(); s1 = splitMix(); s2 = splitMix(); s3 = splitMix()
    }

    /// The next 64 random bits.
    ///
    ///     let bits = random.next()
    public mutating func next() -> UInt64 {
        let result = rotate(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotate(s3, 45)
        return result
    }

    private func rotate(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// A uniform double in [0, 1) with 53 random bits.
    ///
    ///     let u = random.nextUniform()
    public mutating func nextUniform() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// A uniform double in `range` (`lower + (upper − lower)·u`).
    ///
    ///     let w = random.nextUniform(in: -0.5...0.5)
    public mutating func nextUniform(in range: ClosedRange<Double>) -> Double {
        range.lowerBound + (range.upperBound - range.lowerBound) * nextUniform()
    }

    /// A standard normal deviate (Marsaglia's polar method: pairs of
    /// deviates from points drawn uniformly in the unit disc).
    ///
    ///     let z = random.nextNormal()
    public mutating func nextNormal() -> Double {
        if let spare = spareNormal {
            spareNormal = nil
            return spare
        }
        while true {
            let u = 2 * nextUniform() - 1, v = 2 * nextUniform() - 1
            let s = u * u + v * v
            if s > 0 && s < 1 {
                let factor = (-2 * VectorMath.log(s) / s).squareRoot()
                spareNormal = v * factor
                return u * factor
            }
        }
    }

    /// A normal deviate with mean `mean` and standard deviation `deviation`.
    ///
    ///     let noise = random.nextNormal(mean: 0, deviation: 0.2)
    public mutating func nextNormal(mean: Double, deviation: Double) -> Double { mean + deviation * nextNormal() }

    /// A uniform integer in `0..<bound` without modulo bias.
    ///
    ///     let i = random.nextInteger(below: 10)
    /// - Precondition: `bound > 0`.
    public mutating func nextInteger(below bound: Int) -> Int {
        precondition(bound > 0, "the bound must be positive")
        let b = UInt64(bound)
        let threshold = (0 &- b) % b
        while true {
            let r = next()
            if r >= threshold { return Int(r % b) }
        }
    }

    /// Fisher–Yates shuffle in place.
    ///
    ///     var order = Array(0..<10)
    ///     random.shuffle(&order)
    public mutating func shuffle<C: MutableCollection & RandomAccessCollection>(_ values: inout C) where C.Index == Int {
        var i = values.count - 1
        while i > 0 {
            values.swapAt(values.startIndex + i, values.startIndex + nextInteger(below: i + 1))
            i -= 1
        }
    }
}
