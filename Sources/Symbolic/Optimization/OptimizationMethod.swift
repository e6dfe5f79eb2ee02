/// The optimisation algorithms, named as on the command line
/// (`sym minimize --method NAME`).
///
/// First-order methods use only gradients; `newton` also needs the Hessian;
/// `bfgs` and `lbfgs` build a curvature model from successive gradients.
/// ``automatic(dimension:hasHessian:)`` picks the default.
public enum OptimizationMethod: String, CaseIterable, Sendable, Codable {
    /// Gradient descent, x ← x − η∇f, with a backtracking Armijo line search
    /// that starts each iteration at step η (set
    /// ``OptimizationOptions/backtracking`` to `false` for a fixed step).
    case gd
    /// Heavy-ball momentum: v ← γv + η∇f(x); x ← x − v.
    case momentum
    /// Nesterov accelerated gradient: the gradient is taken at the
    /// look-ahead point x − γv.
    case nesterov
    /// Adagrad: per-coordinate steps η/√(Σ g²).
    case adagrad
    /// RMSProp: per-coordinate steps η/√(running mean of g²).
    case rmsprop
    /// Adam (Kingma & Ba 2015) with bias correction; AdamW-style decoupled
    /// weight decay through ``OptimizationOptions/weightDecay``.
    case adam
    /// Newton's method with the exact Hessian, made robust by adding a
    /// multiple of the identity until the Hessian factors (Levenberg–Marquardt
    /// style damping), plus a Moré–Thuente line search.
    case newton
    /// BFGS: dense inverse-Hessian approximation, Moré–Thuente line search.
    case bfgs
    /// Limited-memory BFGS (two-loop recursion), for large problems.
    case lbfgs

    /// Whether the method uses only the gradient and a learning rate.
    public var isFirstOrder: Bool {
        switch self {
        case .gd, .momentum, .nesterov, .adagrad, .rmsprop, .adam: return true
        case .newton, .bfgs, .lbfgs: return false
        }
    }

    /// Whether the method needs ``Objective/hessian``.
    public var requiresHessian: Bool { self == .newton }

    /// The learning rate used when ``OptimizationOptions/learningRate`` is
    /// `nil`, or `nil` for methods without one (Newton, BFGS, L-BFGS).
    ///
    /// | method   | default η | other defaults                         |
    /// |----------|-----------|----------------------------------------|
    /// | gd       | 1 (first trial step of the line search; 0.01 for SGD) | Armijo c₁ = 1e-4, halving |
    /// | momentum | 0.001     | γ = 0.9                                |
    /// | nesterov | 0.001     | γ = 0.9                                |
    /// | adagrad  | 0.1       | ε = 1e-10                              |
    /// | rmsprop  | 0.01      | ρ = 0.99, ε = 1e-8                     |
    /// | adam     | 0.001     | β₁ = 0.9, β₂ = 0.999, ε = 1e-8         |
    public var defaultLearningRate: Double? {
        switch self {
        case .gd: return 1
        case .momentum, .nesterov: return 0.001
        case .rmsprop: return 0.01
        case .adagrad: return 0.1
        case .adam: return 0.001
        case .newton, .bfgs, .lbfgs: return nil
        }
    }

    /// The default method: Newton when the Hessian is available and the
    /// problem is small (n ≤ 50, where factoring an n×n matrix each iteration
    /// is cheap and quadratic convergence pays off), BFGS up to n ≤ 1,000
    /// (its dense n×n model costs O(n²) per iteration), and L-BFGS beyond.
    ///
    /// - Parameters:
    ///   - dimension: The number of variables.
    ///   - hasHessian: Whether the objective provides a Hessian.
    public static func automatic(dimension: Int, hasHessian: Bool) -> OptimizationMethod {
        if hasHessian && dimension <= 50 { return .newton }
        return dimension <= 1_000 ? .bfgs : .lbfgs
    }
}
