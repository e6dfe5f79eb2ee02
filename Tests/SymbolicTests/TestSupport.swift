import Testing

/// A deterministic random number generator (SplitMix64) for reproducible
/// property tests: the same seed always gives the same sequence.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    /// Creates a generator whose sequence is determined by `seed`.
    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Expects `actual` to be within tolerance of `expected`:
/// `|actual - expected| <= max(absoluteTolerance, relativeTolerance * max(|actual|, |expected|))`.
///
/// Two NaNs count as close, and so do two equal infinities; a NaN or an
/// infinity is never close to a finite value.
func expectClose(
    _ actual: Double,
    _ expected: Double,
    relativeTolerance: Double = 1e-12,
    absoluteTolerance: Double = 0,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let close: Bool
    if actual.isNaN || expected.isNaN {
        close = actual.isNaN && expected.isNaN
    } else if actual.isInfinite || expected.isInfinite {
        close = actual == expected
    } else {
        let scale = max(abs(actual), abs(expected))
        close = abs(actual - expected) <= max(absoluteTolerance, relativeTolerance * scale)
    }
    #expect(close, "\(actual) is not within tolerance of \(expected)", sourceLocation: sourceLocation)
}
