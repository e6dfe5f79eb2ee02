/// The source of each ``CodeHelper`` in each language. Each one computes
/// exactly what the library's evaluator computes (see `FunctionEvaluation.swift`).
extension CodeSyntax {
    /// The definition of helper `h`.
    func definition(_ h: CodeHelper) -> String {
        let n = helperName(h)
        switch language {
        case .c: return CodeSyntax.cDefinition(h, n)
        case .swift: return CodeSyntax.swiftDefinition(h, n)
        case .python: return CodeSyntax.pythonDefinition(h, n)
        case .numpy: return CodeSyntax.numpyDefinition(h, n)
        }
    }

    private static func cDefinition(_ h: CodeHelper, _ n: String) -> String {
        switch h {
        case .sign: return "static double \(n)(double x) { return x > 0 ? 1.0 : (x < 0 ? -1.0 : (x == 0 ? 0.0 : x)); }"
        case .step: return "static double \(n)(double x) { return x > 0 ? 1.0 : (x <= 0 ? 0.0 : x); }"
        case .relu: return "static double \(n)(double x) { return x > 0 ? x : (x <= 0 ? 0.0 : x); }"
        case .max: return "static double \(n)(double a, double b) { return (a != a || b != b) ? NAN : (b >= a ? b : a); }"
        case .min: return "static double \(n)(double a, double b) { return (a != a || b != b) ? NAN : (b < a ? b : a); }"
        case .sigmoid:
            return """
                static double \(n)(double x)
                {
                    double z;
                    if (x >= 0) return 1.0 / (1.0 + exp(-x));
                    z = exp(x);
                    return z / (1.0 + z);
                }
                """
        case .softplus: return "static double \(n)(double x) { return x != x ? x : fmax(x, 0.0) + log1p(exp(-fabs(x))); }"
        case .finiteOrZero: return "static double \(n)(double x) { return isfinite(x) ? x : 0.0; }"
        case .delta: return "static double \(n)(double a, double b) { return a == b ? 1.0 : ((a != a || b != b) ? NAN : 0.0); }"
        case .leakyRelu: return "static double \(n)(double x, double a) { return x > 0 ? x : (x <= 0 ? a * x : x); }"
        case .select:
            return """
                static double \(n)(double i, int count, const double *z)
                {
                    if (!(i >= 0 && i < count) || trunc(i) != i) return NAN;
                    return z[(int)i];
                }
                """
        case .cbrt, .erf, .erfc: return ""   // in <math.h>
        }
    }

    private static func swiftDefinition(_ h: CodeHelper, _ n: String) -> String {
        switch h {
        case .sign: return "private func \(n)(_ x: Double) -> Double { x > 0 ? 1 : (x < 0 ? -1 : (x == 0 ? 0 : x)) }"
        case .step: return "private func \(n)(_ x: Double) -> Double { x > 0 ? 1 : (x <= 0 ? 0 : x) }"
        case .relu: return "private func \(n)(_ x: Double) -> Double { x > 0 ? x : (x <= 0 ? 0 : x) }"
        case .max: return "private func \(n)(_ a: Double, _ b: Double) -> Double { a.isNaN || b.isNaN ? .nan : Swift.max(a, b) }"
        case .min: return "private func \(n)(_ a: Double, _ b: Double) -> Double { a.isNaN || b.isNaN ? .nan : Swift.min(a, b) }"
        case .sigmoid:
            return """
                private func \(n)(_ x: Double) -> Double {
                    if x >= 0 { return 1 / (1 + exp(-x)) }
                    let z = exp(x)
                    return z / (1 + z)
                }
                """
        case .softplus:
            return "private func \(n)(_ x: Double) -> Double { x.isNaN ? x : Swift.max(x, 0) + log1p(exp(-Swift.abs(x))) }"
        case .finiteOrZero: return "private func \(n)(_ x: Double) -> Double { x.isFinite ? x : 0 }"
        case .delta: return "private func \(n)(_ a: Double, _ b: Double) -> Double { a == b ? 1 : (a.isNaN || b.isNaN ? .nan : 0) }"
        case .leakyRelu: return "private func \(n)(_ x: Double, _ a: Double) -> Double { x > 0 ? x : (x <= 0 ? a * x : x) }"
        case .select:
            return """
                private func \(n)(_ i: Double, _ z: [Double]) -> Double {
                    guard i >= 0, i < Double(z.count), i.rounded(.towardZero) == i else { return .nan }
                    return z[Int(i)]
                }
                """
        case .cbrt, .erf, .erfc: return ""   // in Foundation
        }
    }

    private static func pythonDefinition(_ h: CodeHelper, _ n: String) -> String {
        switch h {
        case .sign: return "def \(n)(x):\n    return 1.0 if x > 0 else (-1.0 if x < 0 else (0.0 if x == 0 else x))"
        case .step: return "def \(n)(x):\n    return 1.0 if x > 0 else (0.0 if x <= 0 else x)"
        case .relu: return "def \(n)(x):\n    return x if x > 0 else (0.0 if x <= 0 else x)"
        case .max: return "def \(n)(a, b):\n    return math.nan if a != a or b != b else (b if b >= a else a)"
        case .min: return "def \(n)(a, b):\n    return math.nan if a != a or b != b else (b if b < a else a)"
        case .sigmoid:
            return "def \(n)(x):\n    if x >= 0:\n        return 1.0 / (1.0 + math.exp(-x))\n    z = math.exp(x)\n    return z / (1.0 + z)"
        case .softplus: return "def \(n)(x):\n    return x if x != x else max(x, 0.0) + math.log1p(math.exp(-abs(x)))"
        case .finiteOrZero: return "def \(n)(x):\n    return x if math.isfinite(x) else 0.0"
        case .delta: return "def \(n)(a, b):\n    return 1.0 if a == b else (math.nan if a != a or b != b else 0.0)"
        case .leakyRelu: return "def \(n)(x, a):\n    return x if x > 0 else (a * x if x <= 0 else x)"
        case .select:
            return "def \(n)(i, *z):\n    if not (0 <= i < len(z)) or int(i) != i:\n        return math.nan\n    return z[int(i)]"
        case .cbrt: return "def \(n)(x):\n    return math.copysign(abs(x) ** (1.0 / 3.0), x)"
        case .erf, .erfc: return ""   // in math
        }
    }

    private static func numpyDefinition(_ h: CodeHelper, _ n: String) -> String {
        switch h {
        case .sign, .max, .min: return ""   // np.sign, np.maximum, np.minimum
        case .step: return "def \(n)(x):\n    return np.where(x > 0, 1.0, np.where(x <= 0, 0.0, x))"
        case .relu: return "def \(n)(x):\n    return np.where(x > 0, x, np.where(x <= 0, 0.0, x))"
        case .sigmoid:
            return "def \(n)(x):\n    z = np.exp(-np.abs(x))\n    return np.where(x >= 0, 1.0 / (1.0 + z), z / (1.0 + z))"
        case .softplus: return "def \(n)(x):\n    return np.maximum(x, 0.0) + np.log1p(np.exp(-np.abs(x)))"
        case .finiteOrZero: return "def \(n)(x):\n    return np.where(np.isfinite(x), x, 0.0)"
        case .delta:
            return "def \(n)(a, b):\n    return np.where(a == b, 1.0, np.where(np.isnan(a) | np.isnan(b), np.nan, 0.0))"
        case .leakyRelu: return "def \(n)(x, a):\n    return np.where(x > 0, x, np.where(x <= 0, a * x, x))"
        case .select:
            return """
                def \(n)(i, *z):
                    r = np.full(np.broadcast(i, *z).shape, np.nan)
                    for k, zk in enumerate(z):
                        r = np.where(i == k, zk, r)
                    return r
                """
        case .cbrt: return ""   // np.cbrt
        case .erf: return "\(n) = np.vectorize(math.erf, otypes=[float])"
        case .erfc: return "\(n) = np.vectorize(math.erfc, otypes=[float])"
        }
    }
}
