import Foundation

/// How a first-order method's learning rate changes with the iteration
/// (or, for stochastic runs, with the update step) t = 0, 1, 2, ….
///
///     let schedule = LearningRateSchedule.stepDecay(factor: 0.5, every: 100)
///     print(schedule.rate(base: 0.1, step: 250))   // Prints "0.025"
public enum LearningRateSchedule: Sendable, Hashable {
    /// η_t = η.
    case constant
    /// η_t = η · factor^⌊t / every⌋.
    case stepDecay(factor: Double, every: Int)
    /// η_t = η · decay^t.
    case exponential(decay: Double)
    /// Cosine annealing from η down to `minimum` over `period` steps, then
    /// held at `minimum`: η_t = min + (η − min)(1 + cos(π t / period)) / 2.
    case cosine(period: Int, minimum: Double)

    /// The learning rate at step `step` for base rate `base`.
    public func rate(base: Double, step: Int) -> Double {
        switch self {
        case .constant:
            return base
        case .stepDecay(let factor, let every):
            return base * Foundation.pow(factor, Double(step / Swift.max(every, 1)))
        case .exponential(let decay):
            return base * Foundation.pow(decay, Double(step))
        case .cosine(let period, let minimum):
            let t = Double(Swift.min(step, Swift.max(period, 1))) / Double(Swift.max(period, 1))
            return minimum + (base - minimum) * (1 + Foundation.cos(Double.pi * t)) / 2
        }
    }

    /// Why the schedule's parameters are invalid, or `nil` when they are fine.
    var invalidReason: String? {
        switch self {
        case .constant: return nil
        case .stepDecay(let factor, let every):
            if !(factor > 0 && factor <= 1) { return "step decay factor must be in (0, 1]" }
            if every < 1 { return "step decay interval must be at least 1" }
        case .exponential(let decay):
            if !(decay > 0 && decay <= 1) { return "exponential decay must be in (0, 1]" }
        case .cosine(let period, let minimum):
            if period < 1 { return "cosine period must be at least 1" }
            if !(minimum >= 0 && minimum.isFinite) { return "cosine minimum rate must be finite and non-negative" }
        }
        return nil
    }
}

/// Limits applied to the gradient before a first-order update.
public enum GradientClipping: Sendable, Hashable {
    /// The gradient is used as is.
    case none
    /// Each component is clamped to [−limit, limit].
    case byValue(Double)
    /// The gradient is rescaled so that its Euclidean norm is at most `limit`.
    case byNorm(Double)

    /// Clips `gradient` in place.
    func apply(to gradient: UnsafeMutableBufferPointer<Double>) {
        switch self {
        case .none:
            return
        case .byValue(let limit):
            for i in gradient.indices {
                gradient[i] = Swift.min(Swift.max(gradient[i], -limit), limit)
            }
        case .byNorm(let limit):
            let norm = OptimizationVectors.norm(UnsafeBufferPointer(gradient))
            if norm > limit {
                OptimizationVectors.scale(gradient, by: limit / norm)
            }
        }
    }

    var invalidReason: String? {
        switch self {
        case .none: return nil
        case .byValue(let limit), .byNorm(let limit):
            return limit > 0 && !limit.isNaN ? nil : "gradient clipping limit must be positive"
        }
    }
}
