import Foundation

/// The `Double` semantics of every function. The tree evaluator, the dual
/// numbers (for values) and the compiled programs all call these, so they
/// agree bit for bit. `tanh`, `exp`, `log` and `sigmoid` use the library's
/// own vectorisable versions (within 1 ulp for `exp` and `log`, 3 ulp for
/// `tanh`, of the correctly rounded result) so that evaluated, compiled and
/// batched results agree bit for bit on every machine.
extension Function {
    /// Evaluates the function on `Double` arguments.
    ///
    ///     Function.logsumexp.evaluate([1000, 1000])   // 1000.6931471805599
    ///
    /// - Precondition: `arity.contains(arguments.count)`.
    @inlinable
    public func evaluate(_ arguments: [Double]) -> Double {
        if isVariadic { return arguments.withUnsafeBufferPointer { evaluateVariadic($0) } }
        if arguments.count == 2 { return evaluate(arguments[0], arguments[1]) }
        return evaluate(arguments[0])
    }

    /// Evaluates a one-argument function at `x`.
    ///
    ///     Function.sigmoid.evaluate(0)   // 0.5
    @inlinable
    public func evaluate(_ x: Double) -> Double {
        switch self {
        case .sin: return Foundation.sin(x)
        case .cos: return Foundation.cos(x)
        case .tan: return Foundation.tan(x)
        case .asin: return Foundation.asin(x)
        case .acos: return Foundation.acos(x)
        case .atan: return Foundation.atan(x)
        case .sinh: return Foundation.sinh(x)
        case .cosh: return Foundation.cosh(x)
        case .tanh: return VectorMath.tanh(x)
        case .asinh: return Foundation.asinh(x)
        case .acosh: return Foundation.acosh(x)
        case .atanh: return Foundation.atanh(x)
        case .exp: return VectorMath.exp(x)
        case .log: return VectorMath.log(x)
        case .log10: return Foundation.log10(x)
        case .log2: return Foundation.log2(x)
        case .log1p: return Foundation.log1p(x)
        case .expm1: return Foundation.expm1(x)
        case .sqrt: return x.squareRoot()
        case .cbrt: return Foundation.cbrt(x)
        case .abs: return Swift.abs(x)
        case .sign: return x > 0 ? 1 : (x < 0 ? -1 : (x == 0 ? 0 : x))
        case .step: return x > 0 ? 1 : (x <= 0 ? 0 : x)
        case .floor: return Foundation.floor(x)
        case .ceil: return Foundation.ceil(x)
        case .erf: return Foundation.erf(x)
        case .erfc: return Foundation.erfc(x)
        case .sigmoid: return Function.stableSigmoid(x)
        case .relu: return x > 0 ? x : (x <= 0 ? 0 : x)
        case .softplus: return Function.stableSoftplus(x)
        case .max, .min, .logsumexp: return x          // the one-argument call is its argument
        case .atan2, .hypot, .select, .delta, .leakyRelu: return .nan
        }
    }

    /// Evaluates a function at two arguments.
    ///
    ///     Function.leakyRelu.evaluate(-2, 0.01)   // -0.02
    @inlinable
    public func evaluate(_ a: Double, _ b: Double) -> Double {
        switch self {
        case .atan2: return Foundation.atan2(a, b)
        case .hypot: return Foundation.hypot(a, b)
        case .max: return a.isNaN || b.isNaN ? .nan : Swift.max(a, b)
        case .min: return a.isNaN || b.isNaN ? .nan : Swift.min(a, b)
        case .delta: return Function.kroneckerDelta(a, b)
        case .leakyRelu: return Function.leakyRelu(a, slope: b)
        case .logsumexp, .select:
            return withUnsafeTemporaryAllocation(of: Double.self, capacity: 2) { pair in
                pair[0] = a
                pair[1] = b
                return evaluateVariadic(UnsafeBufferPointer(pair))
            }
        default: return evaluate(a)
        }
    }

    /// Evaluates a variadic function; `max` and `min` fold left to right.
    @inlinable
    func evaluateVariadic(_ z: UnsafeBufferPointer<Double>) -> Double {
        switch self {
        case .logsumexp: return Function.logSumExp(z)
        case .select: return Function.select(z[0], UnsafeBufferPointer(rebasing: z.dropFirst()))
        default:
            var m = z[0]
            for v in z.dropFirst() { m = evaluate(m, v) }
            return m
        }
    }

    /// 1/(1+e⁻ˣ) for x ≥ 0 and eˣ/(1+eˣ) for x < 0: neither form overflows.
    ///
    ///     Function.stableSigmoid(-1000)   // 0.0
    @inlinable
    public static func stableSigmoid(_ x: Double) -> Double {
        if x >= 0 { return 1 / (1 + VectorMath.exp(-x)) }
        let z = VectorMath.exp(x)
        return z / (1 + z)
    }

    /// max(x, 0) + log1p(e^-|x|): exact to rounding and never overflows.
    ///
    ///     Function.stableSoftplus(1000)   // 1000.0
    @inlinable
    public static func stableSoftplus(_ x: Double) -> Double {
        if x.isNaN { return x }
        return Swift.max(x, 0) + Foundation.log1p(Foundation.exp(-Swift.abs(x)))
    }

    /// log Σ e^zᵢ as s + log Σ e^(zᵢ − s), where the shift s is the largest
    /// zᵢ when that is finite and 0 otherwise (as SciPy): every exponent is
    /// then ≤ 0, so nothing overflows, and one term is exactly 1, so the
    /// logarithm's argument is in [1, n] and nothing underflows to log 0.
    /// All −inf gives −inf, any +inf gives +inf, any NaN gives NaN.
    ///
    /// The compiled programs run exactly these operations in this order
    /// (`max` chain, shift, subtract, `exp`, left-to-right sum, `log`, add).
    ///
    ///     [1000.0, 1000].withUnsafeBufferPointer(Function.logSumExp)   // 1000.6931471805599
    @inlinable
    public static func logSumExp(_ z: UnsafeBufferPointer<Double>) -> Double {
        var m = z[0]
        for v in z.dropFirst() { m = Function.max.evaluate(m, v) }
        let shift = finiteOrZero(m)
        var s = VectorMath.exp(z[0] - shift)
        for v in z.dropFirst() { s += VectorMath.exp(v - shift) }
        return shift + VectorMath.log(s)
    }

    /// `x` when finite, else 0: the shift of ``logSumExp(_:)``.
    ///
    ///     Function.finiteOrZero(-.infinity)   // 0.0
    @inlinable
    public static func finiteOrZero(_ x: Double) -> Double { x.isFinite ? x : 0 }

    /// `choices[index]`, or NaN unless `index` is an integer in `0..<choices.count`.
    ///
    ///     [10.0, 11].withUnsafeBufferPointer { Function.select(1, $0) }   // 11.0
    @inlinable
    public static func select(_ index: Double, _ choices: UnsafeBufferPointer<Double>) -> Double {
        guard index >= 0, index < Double(choices.count), index.rounded(.towardZero) == index else { return .nan }
        return choices[Int(index)]
    }

    /// 1 when `a == b`, 0 when not, NaN when either is NaN.
    ///
    ///     Function.kroneckerDelta(2, 2)   // 1.0
    @inlinable
    public static func kroneckerDelta(_ a: Double, _ b: Double) -> Double {
        a == b ? 1 : (a.isNaN || b.isNaN ? .nan : 0)
    }

    /// `x` for x > 0, `slope·x` for x ≤ 0, NaN for NaN.
    ///
    ///     Function.leakyRelu(-2, slope: 0.01)   // -0.02
    @inlinable
    public static func leakyRelu(_ x: Double, slope: Double) -> Double {
        x > 0 ? x : (x <= 0 ? slope * x : x)
    }
}
