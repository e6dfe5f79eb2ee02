/// The local derivative rules: for each kind of node, the partial derivative
/// of the node with respect to each of its operands, written with the
/// canonicalising constructors so the results stay small.
///
/// Conventions for the non-smooth functions (see `docs/Calculus.md`):
/// - `abs'(u) = sign(u)`, so 0 at 0 (as SymPy for real symbols, CasADi, autograd);
/// - `relu'(u) = step(u)`, so 0 at 0 (as PyTorch);
/// - `sign' = step' = 0` everywhere (the distributional spike at 0 is dropped);
/// - `max(a, b)` and `min(a, b)` split ½/½ at a tie (as JAX and CasADi), via
///   `(1 ± sign(a - b))/2`, so `max + min = a + b` holds for derivatives too.
enum PartialDerivatives {
    /// ∂node/∂(operand at `index`).
    static func partial(of node: Expression, withRespectTo index: Int) -> Expression {
        switch node.kind {
        case .constant, .namedConstant, .variable:
            return .zero
        case .sum:
            return .one
        case .product(let factors):
            var others = factors
            others.remove(at: index)
            return .product(others)
        case .power(let base, let exponent):
            if index == 0 {
                // d/db b^e = e * b^(e-1)
                return .product([exponent, .power(base, .sum([exponent, .minusOne]))])
            }
            // d/de b^e = b^e * log(b)
            return .product([node, .call(.log, [base])])
        case .call(let function, let arguments):
            return callPartial(function, arguments, node: node, index: index)
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
        case .sinh: return cosh(u)
        case .cosh: return sinh(u)
        case .tanh: return 1 - node ** 2
        case .exp: return node
        case .log: return 1 / u
        case .log1p: return 1 / (1 + u)
        case .expm1: return exp(u)
        case .sqrt: return half / node
        case .abs: return sign(u)
        case .sign, .step: return .zero
        case .sigmoid: return node * (1 - node)
        case .relu: return step(u)
        case .softplus: return sigmoid(u)
        case .max, .min:
            let s = sign(args[0] - args[1])
            let towardsFirst = (f == .max) == (index == 0)
            return half * (1 + (towardsFirst ? s : -s))
        }
    }
}
