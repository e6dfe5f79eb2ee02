/// Settings shared by all optimisers. Every property has a documented
/// default, so `OptimizationOptions()` is a good start.
///
///     var options = OptimizationOptions()
///     options.learningRate = 0.05
///     options.schedule = .cosine(period: 1_000, minimum: 0)
///     options.gradientTolerance = 1e-6
public struct OptimizationOptions: Sendable, Hashable {
    // MARK: Stopping

    /// Stop (converged) when ‖∇f(x)‖₂ ≤ this. Default 1e-8.
    public var gradientTolerance: Double = 1e-8
    /// Stop (converged) also when ‖∇f(x)‖₂ ≤ this · ‖∇f(x₀)‖₂, the gradient
    /// norm at the start: a test that scales with the objective. For an
    /// objective flatter than ``gradientTolerance`` (`1e-10*(x-3)^2`), set
    /// that to 0 and this to, say, 1e-8:
    ///
    ///     var options = OptimizationOptions()
    ///     options.gradientTolerance = 0
    ///     options.relativeGradientTolerance = 1e-8
    ///
    /// Must be in [0, 1). Default 0 (off).
    public var relativeGradientTolerance: Double = 0
    /// Stop (converged) when an iteration moves x by at most
    /// `stepTolerance · (1 + ‖x‖₂)`. Default 0 (off).
    public var stepTolerance: Double = 0
    /// Stop (converged) when an iteration changes f by at most
    /// `valueTolerance · max(1, |f|)`. Default 0 (off).
    public var valueTolerance: Double = 0
    /// Maximum number of iterations; `nil` means 100,000 for first-order
    /// methods and max(1,000, 200·n) for Newton, BFGS and L-BFGS.
    public var maxIterations: Int? = nil
    /// Maximum number of evaluations of f (each value-and-gradient call
    /// counts once); `nil` means no limit besides the iteration limit.
    public var maxEvaluations: Int? = nil
    /// Stop with ``StopReason/unboundedBelow`` when f drops to or below this
    /// value. Default −1e20: an objective that reaches it is treated as
    /// unbounded below rather than followed towards −∞ forever.
    public var valueLowerBound: Double = -1e20

    // MARK: First-order methods

    /// The base learning rate η; `nil` uses
    /// ``OptimizationMethod/defaultLearningRate``.
    public var learningRate: Double? = nil
    /// How η changes with the iteration. Default constant.
    public var schedule: LearningRateSchedule = .constant
    /// Clipping applied to the gradient before each first-order update.
    public var clipping: GradientClipping = .none
    /// Whether `gd` backtracks (halving the step until the Armijo condition
    /// f(x − α∇f) ≤ f(x) − c₁α‖∇f‖² holds, c₁ = 1e-4) or takes the fixed step
    /// η. Default `true`.
    public var backtracking: Bool = true
    /// Momentum coefficient γ for `momentum` and `nesterov`. Default 0.9.
    public var momentum: Double = 0.9
    /// Decay ρ of RMSProp's running mean of squared gradients. Default 0.99.
    public var rmspropDecay: Double = 0.99
    /// Adam's β₁. Default 0.9.
    public var beta1: Double = 0.9
    /// Adam's β₂. Default 0.999.
    public var beta2: Double = 0.999
    /// The ε added to denominators by Adagrad, RMSProp and Adam; `nil` means
    /// 1e-10 for Adagrad and 1e-8 for RMSProp and Adam (PyTorch's defaults).
    public var epsilon: Double? = nil
    /// AdamW-style decoupled weight decay λ for `adam`: each step also
    /// subtracts ηλx (Loshchilov & Hutter 2019). Default 0. With λ > 0 the
    /// method minimises f plus an implicit penalty, not f itself.
    public var weightDecay: Double = 0

    // MARK: Quasi-Newton

    /// The number of correction pairs L-BFGS keeps. Default 10 (as SciPy's
    /// L-BFGS-B).
    public var memory: Int = 10

    // MARK: Output

    /// Whether ``OptimizationResult/valueHistory`` records f at every
    /// iterate. Default `true`.
    public var recordsHistory: Bool = true

    /// Creates the default options.
    public init() {}

    /// The iteration limit for `method` in dimension `n`.
    func iterationLimit(for method: OptimizationMethod, dimension n: Int) -> Int {
        if let maxIterations { return Swift.max(maxIterations, 0) }
        return method.isFirstOrder ? 100_000 : Swift.max(1_000, 200 * n)
    }

    /// The first problem with these options, or `nil` when they are valid.
    func validate() -> OptimizationError? {
        func bad(_ option: String, _ reason: String) -> OptimizationError {
            .invalidOption(option: option, reason: reason)
        }
        if !(gradientTolerance >= 0) { return bad("gradientTolerance", "must be non-negative") }
        if !(relativeGradientTolerance >= 0 && relativeGradientTolerance < 1) {
            return bad("relativeGradientTolerance", "must be in [0, 1)")
        }
        if !(stepTolerance >= 0) { return bad("stepTolerance", "must be non-negative") }
        if !(valueTolerance >= 0) { return bad("valueTolerance", "must be non-negative") }
        if let maxIterations, maxIterations < 0 { return bad("maxIterations", "must be non-negative") }
        if let maxEvaluations, maxEvaluations < 1 { return bad("maxEvaluations", "must be at least 1") }
        if valueLowerBound.isNaN { return bad("valueLowerBound", "must not be NaN") }
        if let learningRate, !(learningRate > 0 && learningRate.isFinite) {
            return bad("learningRate", "must be positive and finite")
        }
        if let reason = schedule.invalidReason { return bad("schedule", reason) }
        if let reason = clipping.invalidReason { return bad("clipping", reason) }
        if !(momentum >= 0 && momentum < 1) { return bad("momentum", "must be in [0, 1)") }
        if !(rmspropDecay >= 0 && rmspropDecay < 1) { return bad("rmspropDecay", "must be in [0, 1)") }
        if !(beta1 >= 0 && beta1 < 1) { return bad("beta1", "must be in [0, 1)") }
        if !(beta2 >= 0 && beta2 < 1) { return bad("beta2", "must be in [0, 1)") }
        if let epsilon, !(epsilon >= 0 && epsilon.isFinite) { return bad("epsilon", "must be finite and non-negative") }
        if !(weightDecay >= 0 && weightDecay.isFinite) { return bad("weightDecay", "must be finite and non-negative") }
        if memory < 1 { return bad("memory", "must be at least 1") }
        return nil
    }
}
