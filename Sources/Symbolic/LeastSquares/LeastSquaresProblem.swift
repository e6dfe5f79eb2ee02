/// A nonlinear least-squares problem: find x minimising ‖r(x)‖², where
/// r maps `parameterCount` values to `residualCount` residuals, given as
/// allocation-free closures.
///
///     // Fit y = a·exp(b·t) to three points: r_i = a·exp(b·t_i) − y_i
///     let t = [0.0, 1, 2], y = [2.0, 5.4, 14.8]
///     let problem = LeastSquaresProblem(parameterCount: 2, residualCount: 3) { x, r in
///         for i in 0..<3 { r[i] = x[0] * exp(x[1] * t[i]) - y[i] }
///     } jacobian: { x, j in
///         // Column-major: j[i + k·3] = ∂r_i/∂x_k
///         for i in 0..<3 {
///             j[i] = exp(x[1] * t[i])
///             j[i + 3] = x[0] * t[i] * exp(x[1] * t[i])
///         }
///     }
///     let result = try solveLeastSquares(problem, from: [1, 1])
///     print(result.point)   // Prints approximately "[2.0, 1.0]"
public struct LeastSquaresProblem: Sendable {
    /// The number of unknowns n.
    public let parameterCount: Int
    /// The number of residuals m (at least n).
    public let residualCount: Int
    /// Writes r(x) (m values).
    public let residuals: @Sendable (UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> Void
    /// Writes the Jacobian ∂r/∂x column-major: entry (i, k) at `i + k·m`.
    public let jacobian: @Sendable (UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> Void

    /// Creates a problem from its closures.
    ///
    /// - Precondition: `parameterCount >= 1` and `residualCount >= 1`.
    public init(parameterCount: Int, residualCount: Int,
                residuals: @escaping @Sendable (UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> Void,
                jacobian: @escaping @Sendable (UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> Void) {
        precondition(parameterCount >= 1 && residualCount >= 1, "a least-squares problem needs unknowns and residuals")
        self.parameterCount = parameterCount
        self.residualCount = residualCount
        self.residuals = residuals
        self.jacobian = jacobian
    }
}

/// Settings of ``solveLeastSquares(_:from:options:observer:)``, after MINPACK's
/// `lmder` (names spelled out). Every property has a documented default.
///
///     var options = LeastSquaresOptions()
///     options.maxEvaluations = 500
public struct LeastSquaresOptions: Sendable, Hashable {
    /// Stop when both the actual and the predicted relative reduction of
    /// ‖r‖² in a step are at most this (MINPACK `ftol`). Default 1e-15: the
    /// fit runs to the precision of the arithmetic.
    public var reductionTolerance: Double = 1e-15
    /// Stop when the trust region has shrunk to this fraction of the scaled
    /// parameter vector's norm, ‖D·x‖ (MINPACK `xtol`). Default 1e-15.
    public var stepTolerance: Double = 1e-15
    /// Stop when the cosine of the angle between r and every column of J is
    /// at most this (MINPACK `gtol`; r is then orthogonal to J's range).
    /// Default 1e-15.
    public var orthogonalityTolerance: Double = 1e-15
    /// Maximum number of residual evaluations; `nil` means 1,000·(n + 1).
    public var maxEvaluations: Int? = nil
    /// Maximum number of accepted steps; `nil` means no limit besides
    /// ``maxEvaluations``.
    public var maxIterations: Int? = nil
    /// The initial trust-region radius as a multiple of ‖D·x₀‖ (MINPACK
    /// `factor`). Default 100.
    public var initialStepBound: Double = 100
    /// Whether D follows the running maximum of J's column norms, which
    /// makes the method invariant to the scale of each parameter (MINPACK
    /// `mode` 1). Default `true`; `false` uses D = I.
    public var scalesParameters = true
    /// Whether ``LeastSquaresResult/history`` records ‖r‖² after each step.
    /// Default `true`.
    public var recordsHistory = true

    /// Creates the default options.
    public init() {}

    func validate() -> LeastSquaresError? {
        for (name, value) in [("reductionTolerance", reductionTolerance), ("stepTolerance", stepTolerance),
                              ("orthogonalityTolerance", orthogonalityTolerance)] where !(value >= 0 && value.isFinite) {
            return .invalidOption(option: name, reason: "must be finite and non-negative")
        }
        if !(initialStepBound > 0 && initialStepBound.isFinite) {
            return .invalidOption(option: "initialStepBound", reason: "must be positive and finite")
        }
        if let maxEvaluations, maxEvaluations < 1 { return .invalidOption(option: "maxEvaluations", reason: "must be at least 1") }
        if let maxIterations, maxIterations < 0 { return .invalidOption(option: "maxIterations", reason: "must be non-negative") }
        return nil
    }
}

/// Why the least-squares solver stopped; the raw value is a stable
/// snake_case name (the `"reason"` of `sym fit --format json`).
public enum LeastSquaresStopReason: String, Sendable, Hashable, CaseIterable, Codable, CustomStringConvertible {
    /// Actual and predicted relative reductions of ‖r‖² fell below
    /// ``LeastSquaresOptions/reductionTolerance``.
    case relativeReduction = "relative_reduction"
    /// The trust region fell below ``LeastSquaresOptions/stepTolerance``.
    case relativeStep = "relative_step"
    /// r became orthogonal to the columns of J (the gradient vanished).
    case orthogonality = "orthogonality"
    /// The residuals are exactly zero: a perfect fit.
    case zeroResidual = "zero_residual"
    /// No step can reduce ‖r‖² or move x measurably in floating point: the
    /// fit is at the limit of double precision.
    case precisionLimit = "precision_limit"
    /// The iteration limit was reached.
    case maxIterations = "max_iterations"
    /// The evaluation limit was reached.
    case maxEvaluations = "max_evaluations"
    /// r or J is NaN or infinite at the start or at an accepted point.
    case nonFiniteValue = "non_finite_value"
    /// The observer asked to stop.
    case observerStopped = "observer_stopped"

    /// Whether the reason means the solver converged.
    public var isConvergence: Bool {
        switch self {
        case .relativeReduction, .relativeStep, .orthogonality, .zeroResidual, .precisionLimit: return true
        case .maxIterations, .maxEvaluations, .nonFiniteValue, .observerStopped: return false
        }
    }

    /// The snake_case name.
    public var description: String { rawValue }

    /// A phrase for people.
    public var explanation: String {
        switch self {
        case .relativeReduction: return "relative reduction of the sum of squares below tolerance"
        case .relativeStep: return "relative step below tolerance"
        case .orthogonality: return "residuals orthogonal to the Jacobian (gradient zero)"
        case .zeroResidual: return "residuals are exactly zero"
        case .precisionLimit: return "no further improvement possible in double precision"
        case .maxIterations: return "iteration limit reached"
        case .maxEvaluations: return "evaluation limit reached"
        case .nonFiniteValue: return "residuals or Jacobian not finite"
        case .observerStopped: return "stopped by observer"
        }
    }
}

/// The outcome of ``solveLeastSquares(_:from:options:observer:)``.
public struct LeastSquaresResult: Sendable, Hashable {
    /// The final point.
    public var point: [Double]
    /// ‖r‖² at ``point``.
    public var sumOfSquares: Double
    /// Accepted steps.
    public var iterations: Int
    /// Residual evaluations (trial points included).
    public var residualEvaluations: Int
    /// Jacobian evaluations.
    public var jacobianEvaluations: Int
    /// Why the solver stopped.
    public var stopReason: LeastSquaresStopReason
    /// ‖r‖² at the start and after every accepted step.
    public var history: [Double]

    /// Whether the solver converged.
    public var converged: Bool { stopReason.isConvergence }
}

/// What an observer of the solver sees after each accepted step.
public struct LeastSquaresProgress: Sendable, Hashable {
    /// Accepted steps so far (0 at the start).
    public var iteration: Int
    /// The current point.
    public var point: [Double]
    /// ‖r‖² at the current point.
    public var sumOfSquares: Double
    /// Residual evaluations so far.
    public var residualEvaluations: Int
}

/// A problem with the arguments of ``solveLeastSquares(_:from:options:observer:)``.
public enum LeastSquaresError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The start has the wrong number of values.
    case dimensionMismatch(expected: Int, actual: Int)
    /// Fewer residuals than unknowns.
    case tooFewResiduals(residuals: Int, parameters: Int)
    /// A start value is NaN or infinite.
    case nonFiniteStart(index: Int)
    /// An option is out of range.
    case invalidOption(option: String, reason: String)

    /// A fragment that reads well after "error: ".
    public var description: String {
        switch self {
        case .dimensionMismatch(let expected, let actual):
            return "the start has \(actual) values but the problem has \(expected) unknowns"
        case .tooFewResiduals(let residuals, let parameters):
            return "\(parameters) parameters cannot be determined from \(residuals) residuals; "
                + "least squares needs at least as many samples as free parameters"
        case .nonFiniteStart(let index):
            return "start value number \(index + 1) is not a finite number"
        case .invalidOption(let option, let reason):
            return "invalid option \(option): \(reason)"
        }
    }
}
