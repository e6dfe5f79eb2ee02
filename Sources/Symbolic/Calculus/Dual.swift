import Foundation

/// A forward-mode dual number `value + derivative·ε` with `ε² = 0`.
///
/// Evaluating an expression on duals whose derivative parts hold a direction
/// `v` gives the function value and the directional derivative `∇f·v` in one
/// pass, with no symbolic differentiation: an independent reference for the
/// symbolic derivatives (see ``Expression/evaluate(at:)-(Dictionary<String,Dual>)``).
///
///     let x = Dual(3, derivative: 1)      // seed ∂/∂x
///     let y = Dual(4)
///     let f = x * x * y + y + 2
///     print(f.value, f.derivative)
///     // Prints "42.0 24.0"
public struct Dual: Sendable, Hashable, CustomStringConvertible {
    /// The value part.
    public var value: Double
    /// The derivative (tangent) part.
    public var derivative: Double

    /// Creates `value + derivative·ε`.
    public init(_ value: Double, derivative: Double = 0) {
        self.value = value
        self.derivative = derivative
    }

    public var description: String { "\(value) + \(derivative)ε" }

    /// Sum rule.
    public static func + (a: Dual, b: Dual) -> Dual { Dual(a.value + b.value, derivative: a.derivative + b.derivative) }
    /// Difference rule.
    public static func - (a: Dual, b: Dual) -> Dual { Dual(a.value - b.value, derivative: a.derivative - b.derivative) }
    /// Negation.
    public static prefix func - (a: Dual) -> Dual { Dual(-a.value, derivative: -a.derivative) }
    /// Product rule.
    public static func * (a: Dual, b: Dual) -> Dual {
        Dual(a.value * b.value, derivative: a.derivative * b.value + a.value * b.derivative)
    }
    /// Quotient rule.
    public static func / (a: Dual, b: Dual) -> Dual {
        Dual(a.value / b.value, derivative: (a.derivative * b.value - a.value * b.derivative) / (b.value * b.value))
    }

    /// `base^exponent`. The `log(base)` term is only formed when the exponent
    /// varies, so a constant exponent works for negative bases.
    public static func pow(_ base: Dual, _ exponent: Dual) -> Dual {
        let v = Foundation.pow(base.value, exponent.value)
        var d = 0.0
        if base.derivative != 0 {
            d += exponent.value * Foundation.pow(base.value, exponent.value - 1) * base.derivative
        }
        if exponent.derivative != 0 { d += v * Foundation.log(base.value) * exponent.derivative }
        return Dual(v, derivative: d)
    }

    /// Applies an elementary function with its chain rule, using the same
    /// conventions at non-smooth points as the symbolic rules.
    public static func apply(_ f: Function, _ a: Dual, _ b: Dual = Dual(0)) -> Dual {
        let x = a.value, dx = a.derivative
        func chain(_ value: Double, _ slope: Double) -> Dual {
            Dual(value, derivative: dx == 0 ? 0 : slope * dx)
        }
        switch f {
        case .sin: return chain(Foundation.sin(x), Foundation.cos(x))
        case .cos: return chain(Foundation.cos(x), -Foundation.sin(x))
        case .tan: let c = Foundation.cos(x); return chain(Foundation.tan(x), 1 / (c * c))
        case .asin: return chain(Foundation.asin(x), 1 / (1 - x * x).squareRoot())
        case .acos: return chain(Foundation.acos(x), -1 / (1 - x * x).squareRoot())
        case .atan: return chain(Foundation.atan(x), 1 / (1 + x * x))
        case .sinh: return chain(Foundation.sinh(x), Foundation.cosh(x))
        case .cosh: return chain(Foundation.cosh(x), Foundation.sinh(x))
        case .tanh: let c = Foundation.cosh(x); return chain(f.evaluate(x), 1 / (c * c))
        case .asinh: return chain(Foundation.asinh(x), 1 / (x * x + 1).squareRoot())
        case .acosh: return chain(Foundation.acosh(x), 1 / (x * x - 1).squareRoot())
        case .atanh: return chain(Foundation.atanh(x), 1 / (1 - x * x))
        case .log10: return chain(Foundation.log10(x), 1 / (x * Foundation.log(10)))
        case .log2: return chain(Foundation.log2(x), 1 / (x * Foundation.log(2)))
        case .cbrt: let c = Foundation.cbrt(x); return chain(c, 1 / (3 * c * c))
        case .floor, .ceil: return Dual(f.evaluate(x), derivative: 0)
        case .erf: return chain(Foundation.erf(x), 2 / Double.pi.squareRoot() * Foundation.exp(-x * x))
        case .erfc: return chain(Foundation.erfc(x), -2 / Double.pi.squareRoot() * Foundation.exp(-x * x))
        case .hypot:
            let h = Foundation.hypot(x, b.value)
            return Dual(h, derivative: (x * dx + b.value * b.derivative) / h)
        case .exp: let e = Foundation.exp(x); return chain(e, e)
        case .log: return chain(Foundation.log(x), 1 / x)
        case .log1p: return chain(Foundation.log1p(x), 1 / (1 + x))
        case .expm1: return chain(Foundation.expm1(x), Foundation.exp(x))
        case .sqrt: let r = x.squareRoot(); return chain(r, 0.5 / r)
        case .abs: return chain(Swift.abs(x), Function.sign.evaluate(x))
        case .sign, .step: return Dual(f.evaluate(x), derivative: 0)
        case .sigmoid:
            let s = Function.stableSigmoid(x)
            return chain(s, s * (1 - s))
        case .relu: return chain(f.evaluate(x), x > 0 ? 1 : 0)
        case .softplus: return chain(Function.stableSoftplus(x), Function.stableSigmoid(x))
        case .atan2:
            let (y, xx) = (a, b)
            let r2 = xx.value * xx.value + y.value * y.value
            return Dual(Foundation.atan2(y.value, xx.value),
                        derivative: (xx.value * y.derivative - y.value * xx.derivative) / r2)
        case .max, .min:
            let value = f.evaluate(a.value, b.value)
            let firstWeight: Double
            if a.value == b.value { firstWeight = 0.5 } else { firstWeight = (a.value > b.value) == (f == .max) ? 1 : 0 }
            return Dual(value, derivative: firstWeight * a.derivative + (1 - firstWeight) * b.derivative)
        case .delta: return Dual(f.evaluate(a.value, b.value), derivative: 0)
        case .leakyRelu:
            // ∂/∂x: 1 for x > 0, else the slope; ∂/∂slope: min(x, 0).
            let value = f.evaluate(x, b.value)
            let slope = x > 0 ? 1 : b.value
            return Dual(value, derivative: (dx == 0 ? 0 : slope * dx) + (b.derivative == 0 || x > 0 ? 0 : x * b.derivative))
        case .logsumexp, .select: return apply(f, [a, b])
        }
    }

    /// Applies a function to any number of arguments (the variadic ones:
    /// `max`, `min`, `logsumexp`, `select`), with the same conventions as
    /// the symbolic rules: at a tie of `max`/`min` the tied arguments share
    /// the derivative equally; `select` passes on its chosen argument's.
    ///
    ///     let z = [Dual(1, derivative: 1), Dual(1)]
    ///     Dual.apply(.logsumexp, z).derivative   // 0.5: softmax of the first
    public static func apply(_ f: Function, _ arguments: [Dual]) -> Dual {
        let values = arguments.map(\.value)
        let value = f.evaluate(values)
        switch f {
        case .logsumexp:
            var d = 0.0
            for z in arguments where z.derivative != 0 { d += Foundation.exp(z.value - value) * z.derivative }
            return Dual(value, derivative: d)
        case .max, .min:
            var ties = 0.0, d = 0.0
            for z in arguments where z.value == value {
                ties += 1
                d += z.derivative
            }
            return Dual(value, derivative: ties > 0 ? d / ties : .nan)   // no tie: NaN somewhere
        case .select:
            let k = values[0]
            guard k >= 0, k < Double(arguments.count - 1), k.rounded(.towardZero) == k else {
                return Dual(.nan, derivative: .nan)
            }
            return Dual(value, derivative: arguments[1 + Int(k)].derivative)
        default:
            return apply(f, arguments[0], arguments.count > 1 ? arguments[1] : Dual(0))
        }
    }
}

extension Expression {
    /// Evaluates the expression on dual numbers (forward-mode automatic
    /// differentiation): the result's `derivative` is the directional
    /// derivative along the variables' derivative parts.
    ///
    /// - Throws: ``EvaluationError/unboundVariable(_:)`` for a variable
    ///   without a value.
    /// - Complexity: O(n log n) in the number of distinct nodes.
    public func evaluate(at point: [String: Dual]) throws(EvaluationError) -> Dual {
        let nodes = topologicallySortedNodes()
        var slot: [Int: Int] = [:]
        var values = [Dual](repeating: Dual(0), count: nodes.count)
        for (i, e) in nodes.enumerated() {
            slot[e.id] = i
            func value(_ operand: Expression) -> Dual { values[slot[operand.id]!] }
            switch e.kind {
            case .constant(let n): values[i] = Dual(n.doubleValue)
            case .namedConstant(let c): values[i] = Dual(c.value)
            case .variable(let name):
                guard let v = point[name] else { throw .unboundVariable(name) }
                values[i] = v
            case .sum(let terms): values[i] = terms.dropFirst().reduce(value(terms[0])) { $0 + value($1) }
            case .product(let factors): values[i] = factors.dropFirst().reduce(value(factors[0])) { $0 * value($1) }
            case .power(let b, let x): values[i] = Dual.pow(value(b), value(x))
            case .call(let f, let args):
                if f.isVariadic {
                    values[i] = Dual.apply(f, args.map(value))
                } else {
                    values[i] = Dual.apply(f, value(args[0]), args.count > 1 ? value(args[1]) : Dual(0))
                }
            case .custom(let f, let args):
                values[i] = Dual.apply(f, args.map(value))
            }
        }
        return values[nodes.count - 1]
    }
}
