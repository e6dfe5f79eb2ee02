import Foundation

/// The algorithms a fit can use, named as on the command line
/// (`sym fit --method NAME`).
public enum FitMethod: String, CaseIterable, Sendable, Hashable, Codable {
    /// Levenberg–Marquardt on the residuals (squared loss only); see
    /// ``solveLeastSquares(_:from:options:observer:)``.
    case lm
    /// Newton's method with the exact Hessian of the data objective.
    case newton
    /// BFGS.
    case bfgs
    /// L-BFGS.
    case lbfgs
    /// Gradient descent.
    case gd
    /// Heavy-ball momentum.
    case momentum
    /// Nesterov momentum.
    case nesterov
    /// Adagrad.
    case adagrad
    /// RMSProp.
    case rmsprop
    /// Adam.
    case adam

    /// The optimiser behind the method, or `nil` for ``lm``.
    public var optimizationMethod: OptimizationMethod? { OptimizationMethod(rawValue: rawValue) }

    /// The default for `loss` with `count` free parameters: Levenberg–Marquardt
    /// for the squared loss, otherwise Newton up to 50 parameters, BFGS up to
    /// 1,000 and L-BFGS beyond (as ``OptimizationMethod/automatic(dimension:hasHessian:)``).
    /// The hinge loss is piecewise linear — its Hessian is zero wherever it
    /// exists, so Newton has nothing to work with — and gets BFGS up to
    /// 1,000 parameters, L-BFGS beyond.
    ///
    ///     print(FitMethod.automatic(loss: .logistic, parameterCount: 3))   // Prints "newton"
    ///     print(FitMethod.automatic(loss: .hinge, parameterCount: 3))      // Prints "bfgs"
    public static func automatic(loss: FitLoss, parameterCount count: Int) -> FitMethod {
        if loss == .squared { return .lm }
        return FitMethod(rawValue: OptimizationMethod.automatic(dimension: count, hasHessian: loss != .hinge).rawValue)!
    }
}

/// Simple bounds on one parameter: lower ≤ value ≤ upper (either may be
/// infinite).
///
///     let positive = ParameterBounds(lower: 0)
public struct ParameterBounds: Sendable, Hashable, Codable {
    /// The lower bound, −∞ for none.
    public var lower: Double
    /// The upper bound, +∞ for none.
    public var upper: Double

    /// Creates bounds.
    public init(lower: Double = -.infinity, upper: Double = .infinity) {
        self.lower = lower
        self.upper = upper
    }

    /// Whether `value` satisfies the bounds.
    public func contains(_ value: Double) -> Bool { value >= lower && value <= upper }
}

/// Settings of ``fit(_:to:target:loss:method:options:observer:)``. Every
/// property has a documented default.
///
///     var options = FitOptions()
///     options.start = ["b1": 500, "b2": 1e-4]
///     options.fixed = ["b3"]
///     options.bounds = ["b2": ParameterBounds(lower: 0)]
public struct FitOptions: Sendable {
    /// Starting values by parameter name; parameters not listed start at
    /// ``defaultStart`` (moved inside their bounds when it lies outside).
    public var start: [String: Double] = [:]
    /// The starting value of parameters without one in ``start``. Default 1
    /// (as SciPy's `curve_fit`).
    public var defaultStart = 1.0
    /// Parameters held at their starting value.
    public var fixed: Set<String> = []
    /// Bounds by parameter name. A bounded parameter is fitted through a
    /// smooth change of variable (as MINUIT and lmfit do): x = l + (u − l)(1 + sin θ)/2
    /// for two bounds, x = l − 1 + √(θ² + 1) for a lower bound alone.
    public var bounds: [String: ParameterBounds] = [:]
    /// The L2 penalty weight λ: the objective gains (λ/2)·Σp² over
    /// ``penalizedParameters``, once (not per sample). Default 0.
    public var l2 = 0.0
    /// The parameters the L2 penalty applies to; `nil` means every free parameter.
    public var penalizedParameters: [String]? = nil
    /// Settings of Levenberg–Marquardt.
    public var leastSquares = LeastSquaresOptions()
    /// Settings of the other methods (tolerances, limits, learning rate).
    public var optimization = OptimizationOptions()
    /// Mini-batch settings for first-order methods; `nil` runs full-batch.
    public var stochastic: StochasticOptions? = nil
    /// Threads for evaluating the model over the data; `nil` uses one
    /// thread below 50,000 samples and every core above.
    public var threads: Int? = nil

    /// Creates the default options.
    public init() {}

    /// The thread count for `samples` rows.
    func threadCount(samples: Int) -> Int {
        if let threads { return Swift.max(1, threads) }
        return samples >= 50_000 ? Swift.max(1, ProcessInfo.processInfo.activeProcessorCount) : 1
    }
}
