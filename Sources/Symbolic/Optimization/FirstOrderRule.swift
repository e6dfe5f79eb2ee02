/// The update rules of the first-order methods, applied in place to a point
/// given a (possibly clipped, possibly mini-batch) gradient and the current
/// learning rate. Used by both the full-gradient and the stochastic drivers.
///
/// State vectors are allocated once per run; `apply` allocates nothing.
struct FirstOrderRule {
    let method: OptimizationMethod
    let n: Int
    let momentum: Double
    let rmspropDecay: Double
    let beta1: Double
    let beta2: Double
    let epsilon: Double
    let weightDecay: Double
    /// Velocity (momentum, Nesterov), squared-gradient accumulator
    /// (Adagrad, RMSProp) or first moment (Adam).
    let first: UnsafeMutableBufferPointer<Double>
    /// Adam's second moment.
    let second: UnsafeMutableBufferPointer<Double>
    /// β₁ᵗ and β₂ᵗ for Adam's bias correction, kept as running products so
    /// that runs are reproducible bit for bit without calling `pow`.
    private var beta1Power = 1.0
    private var beta2Power = 1.0

    init(method: OptimizationMethod, options: OptimizationOptions, dimension: Int, scratch: OptimizationScratch) {
        precondition(method.isFirstOrder, "\(method) is not a first-order method")
        self.method = method
        n = dimension
        momentum = options.momentum
        rmspropDecay = options.rmspropDecay
        beta1 = options.beta1
        beta2 = options.beta2
        epsilon = options.epsilon ?? (method == .adagrad ? 1e-10 : 1e-8)
        weightDecay = options.weightDecay
        first = scratch.vector(dimension)
        second = scratch.vector(method == .adam ? dimension : 0)
    }

    /// Moves `x` by one step of the method for gradient `g` and rate `rate`.
    ///
    /// For Nesterov the iterate is the look-ahead point u = w − γv (the form
    /// of Sutskever et al. 2013 used by PyTorch): with g = ∇f(u),
    /// v ← γv + ηg and u ← u − (γv + ηg). This is the same sequence as
    /// "v ← γv + η∇f(w − γv); w ← w − v", and f and ∇f are always known at
    /// the reported point.
    mutating func apply(to x: UnsafeMutableBufferPointer<Double>, gradient g: UnsafeBufferPointer<Double>,
                        rate eta: Double) {
        switch method {
        case .gd:
            for i in 0..<n { x[i] -= eta * g[i] }
        case .momentum:
            for i in 0..<n {
                first[i] = momentum * first[i] + eta * g[i]
                x[i] -= first[i]
            }
        case .nesterov:
            for i in 0..<n {
                first[i] = momentum * first[i] + eta * g[i]
                x[i] -= momentum * first[i] + eta * g[i]
            }
        case .adagrad:
            for i in 0..<n {
                first[i] += g[i] * g[i]
                x[i] -= eta * g[i] / (first[i].squareRoot() + epsilon)
            }
        case .rmsprop:
            for i in 0..<n {
                first[i] = rmspropDecay * first[i] + (1 - rmspropDecay) * g[i] * g[i]
                x[i] -= eta * g[i] / (first[i].squareRoot() + epsilon)
            }
        case .adam:
            beta1Power *= beta1
            beta2Power *= beta2
            let c1 = 1 / (1 - beta1Power)
            let c2 = 1 / (1 - beta2Power)
            for i in 0..<n {
                first[i] = beta1 * first[i] + (1 - beta1) * g[i]
                second[i] = beta2 * second[i] + (1 - beta2) * g[i] * g[i]
                let mHat = first[i] * c1
                let vHat = second[i] * c2
                x[i] -= eta * (mHat / (vHat.squareRoot() + epsilon) + weightDecay * x[i])
            }
        case .newton, .bfgs, .lbfgs:
            preconditionFailure("not a first-order method")
        }
    }
}
