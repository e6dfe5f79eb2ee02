/// Why a fit stopped: Levenberg–Marquardt's reasons or the optimisers'.
public enum FitStopReason: Sendable, Hashable, CustomStringConvertible {
    /// A reason of ``solveLeastSquares(_:from:options:observer:)``.
    case leastSquares(LeastSquaresStopReason)
    /// A reason of the optimisers (``minimize(_:from:method:options:observer:)``).
    case optimizer(StopReason)

    /// The stable snake_case name (`"reason"` in `sym fit --format json`).
    public var description: String {
        switch self {
        case .leastSquares(let reason): return reason.rawValue
        case .optimizer(let reason): return reason.rawValue
        }
    }

    /// A phrase for people.
    public var explanation: String {
        switch self {
        case .leastSquares(let reason): return reason.explanation
        case .optimizer(let reason): return reason.explanation
        }
    }

    /// Whether a convergence test was met.
    public var isConvergence: Bool {
        switch self {
        case .leastSquares(let reason): return reason.isConvergence
        case .optimizer(let reason): return reason.isConvergence
        }
    }
}

/// What an observer of a fit sees after each iteration (epoch, for
/// mini-batch runs): enough to draw a loss curve or animate the fitted curve.
public struct FitProgress: Sendable, Hashable {
    /// The iteration just completed (0 for the start).
    public var iteration: Int
    /// The objective: mean loss plus penalty.
    public var loss: Double
    /// Every parameter's current value, in ``FormulaModel/parameters`` order.
    public var parameters: [Double]
    /// Evaluations of the objective or residuals so far.
    public var evaluations: Int
}

/// The outcome of a fit: parameters, uncertainties, statistics and how the
/// method stopped.
///
///     let result = try fit(model, to: table, target: "y")
///     print(result["b1"]!, result.standardError("b1") ?? .nan, result.rSquared)
public struct FitResult: Sendable {
    /// The fitted model.
    public var model: FormulaModel
    /// The target: a column name or an expression of columns.
    public var target: String
    /// The loss minimised.
    public var loss: FitLoss
    /// The method that ran.
    public var method: FitMethod
    /// Every parameter's value, in ``FormulaModel/parameters`` order.
    public var values: [Double]
    /// Standard errors in the same order: √diag(s²·(JᵀJ)⁻¹) with
    /// s² = RSS/(n − p), from the QR factor of J at the solution (squared
    /// loss only). Fixed parameters, and parameters J cannot determine, have NaN.
    public var standardErrors: [Double]?
    /// The covariance matrix s²·(JᵀJ)⁻¹ of the free parameters (row-major,
    /// in the order of ``freeParameters``), for the squared loss.
    public var covariance: [Double]?
    /// The parameters that were fitted (not fixed), in model order.
    public var freeParameters: [String]
    /// The objective at ``values``: mean loss over the samples plus the L2 penalty.
    public var objective: Double
    /// Σ(fᵢ − tᵢ)² over the samples, with labels as given.
    public var rss: Double
    /// s = √(RSS/(n − p)) (NaN when n ≤ p).
    public var residualStandardDeviation: Double
    /// R² = 1 − RSS/Σ(tᵢ − t̄)².
    public var rSquared: Double
    /// The number of samples n.
    public var sampleCount: Int
    /// Iterations (accepted steps for Levenberg–Marquardt; epochs for mini-batches).
    public var iterations: Int
    /// Evaluations of the residuals or the objective.
    public var evaluations: Int
    /// Evaluations of the Jacobian or the gradient.
    public var derivativeEvaluations: Int
    /// Why the method stopped.
    public var stopReason: FitStopReason
    /// The objective at the start and after each iteration.
    public var lossHistory: [Double]

    /// Whether a convergence test was met.
    public var converged: Bool { stopReason.isConvergence }

    /// n − p, the residual degrees of freedom.
    public var degreesOfFreedom: Int { sampleCount - freeParameters.count }

    /// The value of the parameter `name`, or `nil` for another name.
    public subscript(name: String) -> Double? {
        model.parameters.firstIndex(of: name).map { values[$0] }
    }

    /// The standard error of `name`, or `nil` when there is none.
    public func standardError(_ name: String) -> Double? {
        guard let index = model.parameters.firstIndex(of: name), let errors = standardErrors,
              errors[index].isFinite else { return nil }
        return errors[index]
    }
}
