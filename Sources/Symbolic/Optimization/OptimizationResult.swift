import Foundation

/// Why an optimiser stopped. The raw value is a stable snake_case name (used
/// as `"reason"` in `sym minimize --format json`).
public enum StopReason: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// ‖∇f‖ fell to ``OptimizationOptions/gradientTolerance``.
    case gradientTolerance = "gradient_tolerance"
    /// The step fell below ``OptimizationOptions/stepTolerance``.
    case stepTolerance = "step_tolerance"
    /// The change in f fell below ``OptimizationOptions/valueTolerance``.
    case valueTolerance = "value_tolerance"
    /// The iteration limit was reached.
    case maxIterations = "max_iterations"
    /// The evaluation limit was reached.
    case maxEvaluations = "max_evaluations"
    /// The line search found no acceptable step along a descent direction,
    /// usually because rounding errors dominate near a minimum.
    case lineSearchFailed = "line_search_failed"
    /// The line search found no step that lowers f, at a point whose
    /// gradient is at the rounding level of f: the relative gradient
    /// maxᵢ |∂f/∂xᵢ|·max(|xᵢ|, √ε) / max(|f|, 1) is at most ε^(1/3) ≈ 6e-6
    /// (Dennis & Schnabel's stopping test). The point is stationary to working
    /// precision, so this counts as convergence.
    case stationaryPoint = "stationary_point"
    /// f fell to ``OptimizationOptions/valueLowerBound``: the objective looks
    /// unbounded below.
    case unboundedBelow = "unbounded_below"
    /// f or ∇f became NaN or infinite and no finite step could be found.
    case nonFiniteValue = "non_finite_value"
    /// f rose above 10¹⁰·max(1, |f(x₀)|): a fixed-step method is diverging,
    /// usually because the learning rate is too large for the curvature.
    case diverged = "diverged"
    /// The observer asked to stop.
    case observerStopped = "observer_stopped"

    /// Whether the reason means that a convergence test was met (always at
    /// a point where f and ∇f are finite: the optimisers test that first).
    public var isConvergence: Bool {
        switch self {
        case .gradientTolerance, .stepTolerance, .valueTolerance, .stationaryPoint: return true
        case .maxIterations, .maxEvaluations, .lineSearchFailed, .unboundedBelow, .nonFiniteValue, .diverged,
             .observerStopped:
            return false
        }
    }

    /// The snake_case name, as in ``rawValue``.
    public var description: String { rawValue }

    /// A sentence for people, e.g. "gradient norm below tolerance".
    public var explanation: String {
        switch self {
        case .gradientTolerance: return "gradient norm below tolerance"
        case .stepTolerance: return "step below tolerance"
        case .valueTolerance: return "change in value below tolerance"
        case .maxIterations: return "iteration limit reached"
        case .maxEvaluations: return "evaluation limit reached"
        case .lineSearchFailed: return "line search found no acceptable step, and the gradient is not small"
        case .stationaryPoint: return "no step lowers f and the gradient is at rounding level (stationary point)"
        case .unboundedBelow: return "objective appears unbounded below"
        case .nonFiniteValue: return "objective or gradient is not finite"
        case .diverged: return "objective grew without bound (learning rate too large?)"
        case .observerStopped: return "stopped by observer"
        }
    }
}

/// The outcome of a minimisation.
public struct OptimizationResult: Sendable, Hashable {
    /// The method that ran.
    public var method: OptimizationMethod
    /// The final point (the best point found for line-search methods).
    public var point: [Double]
    /// f at ``point``.
    public var value: Double
    /// ‖∇f‖₂ at ``point``.
    public var gradientNorm: Double
    /// Completed iterations (for stochastic runs: epochs).
    public var iterations: Int
    /// Number of evaluations of f (value-and-gradient calls included).
    public var valueEvaluations: Int
    /// Number of gradient evaluations.
    public var gradientEvaluations: Int
    /// Number of Hessian evaluations.
    public var hessianEvaluations: Int
    /// Why the run stopped.
    public var stopReason: StopReason
    /// f at the start and after every iteration (empty when
    /// ``OptimizationOptions/recordsHistory`` is off).
    public var valueHistory: [Double]

    /// Whether a convergence test was met (see ``StopReason/isConvergence``).
    public var converged: Bool { stopReason.isConvergence }
}

/// What the observer sees after each iteration.
///
///     print(progress)   // Prints e.g. "iteration 120: f = 0.0123457, ‖∇f‖ = 0.000314"
public struct OptimizationProgress: Sendable, Hashable, CustomStringConvertible {
    /// The iteration just completed (1-based; 0 for the starting point).
    public var iteration: Int
    /// f at the current point.
    public var value: Double
    /// ‖∇f‖₂ at the current point.
    public var gradientNorm: Double
    /// ‖x_new − x_old‖₂ of the iteration (0 at the start).
    public var stepNorm: Double
    /// Evaluations of f so far.
    public var valueEvaluations: Int

    /// A one-line progress report with six significant digits.
    public var description: String {
        "iteration \(iteration): f = \(String(format: "%.6g", value)), ‖∇f‖ = \(String(format: "%.6g", gradientNorm))"
    }
}

/// An observer's answer: go on or stop the run.
public enum ObserverDecision: Sendable, Hashable {
    /// Go on iterating.
    case proceed
    /// Stop now with ``StopReason/observerStopped``.
    case stop
}

/// A problem with the arguments of ``minimize(_:from:method:options:observer:)``.
public enum OptimizationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The starting point has a NaN or infinite component.
    case nonFiniteStart(index: Int)
    /// The starting point has the wrong number of components.
    case dimensionMismatch(expected: Int, actual: Int)
    /// The method needs a Hessian and the objective has none.
    case hessianUnavailable(OptimizationMethod)
    /// An option is out of range.
    case invalidOption(option: String, reason: String)
    /// The method cannot run on a stochastic (sum-of-samples) objective.
    case unsupportedStochasticMethod(OptimizationMethod)
    /// A variable of the objective has no starting value (the empty name
    /// when the starting point is empty).
    case missingStartValue(String)
    /// A variable is given two starting values.
    case duplicateStartValue(String)
    /// The named variable's starting value is NaN or infinite.
    case nonFiniteStartValue(String)

    /// A fragment that reads well after "error: ".
    public var description: String {
        switch self {
        case .nonFiniteStart(let index):
            return "starting value number \(index + 1) is not a finite number"
        case .dimensionMismatch(let expected, let actual):
            return "starting point has \(actual) values but the objective has \(expected) variables"
        case .hessianUnavailable(let method):
            return "method '\(method.rawValue)' needs a Hessian, which this objective does not provide"
        case .invalidOption(let option, let reason):
            return "invalid option \(option): \(reason)"
        case .missingStartValue(let name):
            return name.isEmpty ? "the starting point has no variables"
                : "the starting point gives no value for variable '\(name)'"
        case .duplicateStartValue(let name):
            return "the starting point gives variable '\(name)' twice"
        case .nonFiniteStartValue(let name):
            return "the starting value of '\(name)' is not a finite number"
        case .unsupportedStochasticMethod(let method):
            return "method '\(method.rawValue)' cannot run on mini-batches; "
                + "use gd, momentum, nesterov, adagrad, rmsprop or adam"
        }
    }
}
