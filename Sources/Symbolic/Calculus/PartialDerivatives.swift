/// The local derivative rules: for each kind of node, the partial derivative
/// of the node with respect to each of its operands, written with the
/// canonicalising constructors so the results stay small.
///
/// Conventions for the non-smooth functions (see `docs/Calculus.md`):
/// - `abs'(u) = sign(u)`, so 0 at 0 (as SymPy for real symbols, CasADi, autograd);
/// - `relu'(u) = step(u)`, so 0 at 0 (as PyTorch);
/// - `sign' = step' = floor' = ceil' = 0` everywhere, also at the jumps (the
///   distributional spikes are dropped);
/// - `max(a, b)` and `min(a, b)` split ½/½ at a tie (as JAX and CasADi), via
///   `(1 ± sign(a - b))/2`, so `max + min = a + b` holds for derivatives too;
///   with more arguments, the arguments that attain the extremum share it
///   equally: `delta(zᵢ, m) / Σⱼ delta(zⱼ, m)` for `m = max(z…)`;
/// - `leaky_relu'(x) = a + (1 - a)*step(x)`, so the slope `a` at 0 (as PyTorch);
/// - `select` and `delta` are piecewise constant in their index arguments
///   (derivative 0); `∂select(i, z…)/∂z_k = delta(i, k)`.
enum PartialDerivatives {
    /// ∂node/∂(operand at `index`).
    static func partial(of node: Expression, withRespectTo index: Int) -> Expression {
        contribution(of: node, withRespectTo: index, adjoint: .one)
    }

    /// `adjoint * ∂node/∂(operand at index)`, built with one canonical
    /// product instead of two (the reverse sweep's hot path).
    ///
    /// The common shapes go through ``Expression/quickProduct(_:_:coefficient:)``;
    /// debug builds check that it gives the general constructor's node.
    static func contribution(of node: Expression, withRespectTo index: Int, adjoint: Expression) -> Expression {
        guard let fast = quickContribution(of: node, withRespectTo: index, adjoint: adjoint) else {
            return generalContribution(of: node, withRespectTo: index, adjoint: adjoint)
        }
        #if DEBUG
        let general = generalContribution(of: node, withRespectTo: index, adjoint: adjoint)
        assert(fast == general, "quickProduct gave \(fast), the general constructor \(general)")
        #endif
        return fast
    }

    /// The contribution through ``Expression/quickProduct(_:_:coefficient:)``
    /// for a binary product, `c·u·v`, a constant power and a call, or `nil`.
    private static func quickContribution(of node: Expression, withRespectTo index: Int, adjoint: Expression) -> Expression? {
        switch node.kind {
        case .product(let factors):
            if factors.count == 2 {
                return .quickProduct(adjoint, factors[1 - index], coefficient: Rational(1))
            }
            if factors.count == 3, index > 0, case .constant(.rational(let c)) = factors[0].kind {
                return .quickProduct(adjoint, factors[3 - index], coefficient: c)
            }
            return nil
        case .power(let base, let exponent):
            // d/db b^n = n * b^(n-1) for a number n.
            guard index == 0, case .constant(.rational(let n)) = exponent.kind,
                  let n1 = n.adding(Rational(-1)) else { return nil }
            return .quickProduct(adjoint, .power(base, .constant(.rational(n1))), coefficient: n)
        case .call(let function, let arguments):
            let rule = callPartial(function, arguments, node: node, index: index)
            return adjoint == .one ? rule : .quickProduct(adjoint, rule, coefficient: Rational(1))
        default:
            return nil
        }
    }

    /// `∂node/∂(operand at index)` as `coefficient · factor` for the shapes
    /// ``quickContribution(of:withRespectTo:adjoint:)`` handles (a binary
    /// product, `c·u·v`, a constant power, a call), or `nil`: the reverse
    /// sweep multiplies its pending adjoint products by these directly.
    static func quickPartial(of node: Expression, withRespectTo index: Int) -> (factor: Expression, coefficient: Rational)? {
        switch node.kind {
        case .product(let factors):
            if factors.count == 2 { return (factors[1 - index], Rational(1)) }
            if factors.count == 3, index > 0, case .constant(.rational(let c)) = factors[0].kind {
                return (factors[3 - index], c)
            }
            return nil
        case .power(let base, let exponent):
            guard index == 0, case .constant(.rational(let n)) = exponent.kind else { return nil }
            return quickPowerPartial(base, n)
        case .call(let function, let arguments):
            return (callPartial(function, arguments, node: node, index: index), Rational(1))
        default:
            return nil
        }
    }

    /// `∂(base^n)/∂base = n · base^(n-1)` as `(base^(n-1), n)`, or `nil` on
    /// overflow. The square, the most common power, skips building the
    /// constant 1 and the power of it (`base^1` is `base`).
    @inline(__always)
    static func quickPowerPartial(_ base: Expression, _ n: Rational) -> (factor: Expression, coefficient: Rational)? {
        if n.numerator == 2 && n.denominator == 1 { return (base, n) }
        guard let n1 = n.adding(Rational(-1)) else { return nil }
        return (.power(base, .constant(.rational(n1))), n)
    }

    private static func generalContribution(of node: Expression, withRespectTo index: Int, adjoint: Expression) -> Expression {
        switch node.kind {
        case .constant, .namedConstant, .variable:
            return .zero
        case .sum:
            return adjoint
        case .product(let factors):
            var others = factors
            others[index] = adjoint
            return .product(others)
        case .power(let base, let exponent):
            if index == 0 {
                // d/db b^e = e * b^(e-1)
                return .product([adjoint, exponent, .power(base, .sum([exponent, .minusOne]))])
            }
            // d/de b^e = b^e * log(b)
            return .product([adjoint, node, .call(.log, [base])])
        case .call(let function, let arguments):
            let rule = callPartial(function, arguments, node: node, index: index)
            return adjoint == .one ? rule : .product([adjoint, rule])
        case .custom(let function, let arguments):
            // The user's rule for this parameter, at the call's arguments.
            let rule = function.partial(index, at: arguments)
            return adjoint == .one ? rule : .product([adjoint, rule])
        }
    }

    private static func callPartial(_ f: Function, _ args: [Expression], node: Expression, index: Int) -> Expression {
        let u = args[0]
        let half = Expression.constant(.rational(Rational(1, 2)!))
        switch f {
        case .sin: return cos(u)
        case .cos: return -sin(u)
        case .tan: return 1 + node ** 2
        case .asin: return 1 / sqrt(1 - u ** 2)
        case .acos: return -1 / sqrt(1 - u ** 2)
        case .atan: return 1 / (1 + u ** 2)
        case .atan2:
            // atan2(y, x): ∂y = x/(x²+y²), ∂x = -y/(x²+y²)
            let (y, x) = (args[0], args[1])
            let r2 = x ** 2 + y ** 2
            return index == 0 ? x / r2 : -y / r2
        case .hypot: return args[index] / node
        case .sinh: return cosh(u)
        case .cosh: return sinh(u)
        case .tanh: return 1 - node ** 2
        case .asinh: return 1 / sqrt(u ** 2 + 1)
        case .acosh: return 1 / sqrt(u ** 2 - 1)
        case .atanh: return 1 / (1 - u ** 2)
        case .exp: return node
        case .log: return 1 / u
        case .log10: return 1 / (u * log(Expression(10)))
        case .log2: return 1 / (u * log(Expression(2)))
        case .log1p: return 1 / (1 + u)
        case .expm1: return exp(u)
        case .sqrt: return half / node
        case .cbrt: return 1 / (3 * node ** 2)
        case .erf: return 2 * exp(-(u ** 2)) / sqrt(.pi)
        case .erfc: return -2 * exp(-(u ** 2)) / sqrt(.pi)
        case .abs: return sign(u)
        case .sign, .step, .floor, .ceil, .delta: return .zero
        case .sigmoid: return node * (1 - node)
        case .relu: return step(u)
        case .softplus: return sigmoid(u)
        case .max where args.count > 2, .min where args.count > 2:
            // The arguments equal to the extremum share its derivative.
            let ties = Expression.sum(args.map { kroneckerDelta($0, node) })
            return kroneckerDelta(args[index], node) / ties
        case .max, .min:
            let s = sign(args[0] - args[1])
            let towardsFirst = (f == .max) == (index == 0)
            return half * (1 + (towardsFirst ? s : -s))
        case .logsumexp:
            // softmax: every exponent is ≤ 0, so the derivative never overflows.
            return exp(args[index] - node)
        case .select:
            return index == 0 ? .zero : kroneckerDelta(args[0], Expression(index - 1))
        case .leakyRelu:
            let (x, slope) = (args[0], args[1])
            return index == 0 ? slope + (1 - slope) * step(x) : x - relu(x)
        }
    }
}
