import Foundation

/// The change of variable that keeps a bounded parameter inside its bounds
/// while the optimiser moves freely (MINUIT's transformations, as lmfit
/// uses them): the optimiser sees θ, the model sees x(θ).
///
/// | bounds       | x(θ)                          |
/// |--------------|-------------------------------|
/// | none         | θ                             |
/// | [l, u]       | l + (u − l)·(1 + sin θ)/2     |
/// | [l, ∞)       | l − 1 + √(θ² + 1)             |
/// | (−∞, u]      | u + 1 − √(θ² + 1)             |
enum ParameterTransform: Sendable, Hashable {
    case identity
    case twoSided(lower: Double, upper: Double)
    case lower(Double)
    case upper(Double)

    init(_ bounds: ParameterBounds?) {
        guard let bounds else { self = .identity; return }
        switch (bounds.lower.isFinite, bounds.upper.isFinite) {
        case (true, true): self = .twoSided(lower: bounds.lower, upper: bounds.upper)
        case (true, false): self = .lower(bounds.lower)
        case (false, true): self = .upper(bounds.upper)
        case (false, false): self = .identity
        }
    }

    /// x(θ).
    @inline(__always)
    func value(_ theta: Double) -> Double {
        switch self {
        case .identity: return theta
        case .twoSided(let l, let u): return l + (u - l) * (1 + sin(theta)) / 2
        case .lower(let l): return l - 1 + (theta * theta + 1).squareRoot()
        case .upper(let u): return u + 1 - (theta * theta + 1).squareRoot()
        }
    }

    /// dx/dθ.
    @inline(__always)
    func derivative(_ theta: Double) -> Double {
        switch self {
        case .identity: return 1
        case .twoSided(let l, let u): return (u - l) / 2 * cos(theta)
        case .lower: return theta / (theta * theta + 1).squareRoot()
        case .upper: return -theta / (theta * theta + 1).squareRoot()
        }
    }

    /// d²x/dθ².
    @inline(__always)
    func secondDerivative(_ theta: Double) -> Double {
        switch self {
        case .identity: return 0
        case .twoSided(let l, let u): return -(u - l) / 2 * sin(theta)
        case .lower: return 1 / pow(theta * theta + 1, 1.5)
        case .upper: return -1 / pow(theta * theta + 1, 1.5)
        }
    }

    /// θ for a value inside the bounds. A value on a bound is first moved
    /// inward by a relative 1e-8: there dx/dθ = 0, and the optimiser could
    /// never leave it.
    func inverse(_ x: Double) -> Double {
        switch self {
        case .identity:
            return x
        case .twoSided(let l, let u):
            let margin = 1e-8 * (u - l)
            let inside = Swift.min(Swift.max(x, l + margin), u - margin)
            return asin(Swift.min(1, Swift.max(-1, 2 * (inside - l) / (u - l) - 1)))
        case .lower(let l):
            let inside = Swift.max(x, l + 1e-8 * Swift.max(1, Swift.abs(l)))
            let s = inside - l + 1
            return (s * s - 1).squareRoot()
        case .upper(let u):
            let inside = Swift.min(x, u - 1e-8 * Swift.max(1, Swift.abs(u)))
            let s = u - inside + 1
            return (s * s - 1).squareRoot()
        }
    }
}
