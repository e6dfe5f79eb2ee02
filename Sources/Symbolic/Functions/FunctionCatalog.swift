/// One way of calling a function in the expression language, for listings
/// such as `sym help functions`.
public struct FunctionSignature: Sendable, Hashable {
    /// The call as written, such as `log(x, b)`.
    public let usage: String
    /// A one-line description.
    public let summary: String
    /// The function the call builds, or `nil` for `pow(a, b)` (which is `a^b`).
    public let function: Function?

    /// Creates a signature.
    ///
    ///     FunctionSignature(usage: "sin(x)", summary: "Sine (radians).", function: .sin)
    public init(usage: String, summary: String, function: Function?) {
        self.usage = usage
        self.summary = summary
        self.function = function
    }
}

extension Function {
    /// Every call the expression language accepts, grouped by topic (roots
    /// and powers, exponentials and logarithms, trigonometric, hyperbolic,
    /// rounding and steps, special, machine learning), with aliases such as
    /// `ln(x)` and the two-argument `log(x, b)`. Every ``Function`` appears.
    ///
    ///     Function.catalog.first?.usage   // "sqrt(x)"
    public static let catalog: [FunctionSignature] = [
        FunctionSignature(usage: "sqrt(x)", summary: "Square root; NaN for x < 0.", function: .sqrt),
        FunctionSignature(usage: "cbrt(x)", summary: "Cube root, for every real x: cbrt(-8) = -2.", function: .cbrt),
        FunctionSignature(usage: "pow(a, b)", summary: "a^b (also written a^b or a**b).", function: nil),
        FunctionSignature(usage: "abs(x)", summary: "Absolute value; derivative sign(x), 0 at 0.", function: .abs),
        FunctionSignature(usage: "sign(x)", summary: "-1, 0 or 1; derivative 0.", function: .sign),
        FunctionSignature(usage: "hypot(x, y)", summary: "sqrt(x^2 + y^2) without overflow.", function: .hypot),
        FunctionSignature(usage: "exp(x)", summary: "e^x.", function: .exp),
        FunctionSignature(usage: "expm1(x)", summary: "e^x - 1, accurate near 0.", function: .expm1),
        FunctionSignature(usage: "log(x), ln(x)", summary: "Natural logarithm; NaN for x < 0, -inf at 0.", function: .log),
        FunctionSignature(usage: "log(x, b)", summary: "Logarithm base b; log(8, 2) = 3 exactly.",
                          function: .log),
        FunctionSignature(usage: "log10(x)", summary: "Base-10 logarithm; exact at powers of 10.", function: .log10),
        FunctionSignature(usage: "log2(x)", summary: "Base-2 logarithm; exact at powers of 2.", function: .log2),
        FunctionSignature(usage: "log1p(x)", summary: "log(1 + x), accurate near 0.", function: .log1p),
        FunctionSignature(usage: "sin(x)", summary: "Sine (radians).", function: .sin),
        FunctionSignature(usage: "cos(x)", summary: "Cosine (radians).", function: .cos),
        FunctionSignature(usage: "tan(x)", summary: "Tangent (radians).", function: .tan),
        FunctionSignature(usage: "asin(x)", summary: "Arc sine; NaN outside [-1, 1].", function: .asin),
        FunctionSignature(usage: "acos(x)", summary: "Arc cosine; NaN outside [-1, 1].", function: .acos),
        FunctionSignature(usage: "atan(x)", summary: "Arc tangent, in (-pi/2, pi/2).", function: .atan),
        FunctionSignature(usage: "atan2(y, x)", summary: "Angle of the point (x, y), in [-pi, pi].", function: .atan2),
        FunctionSignature(usage: "sinh(x)", summary: "Hyperbolic sine.", function: .sinh),
        FunctionSignature(usage: "cosh(x)", summary: "Hyperbolic cosine.", function: .cosh),
        FunctionSignature(usage: "tanh(x)", summary: "Hyperbolic tangent.", function: .tanh),
        FunctionSignature(usage: "asinh(x)", summary: "Inverse hyperbolic sine.", function: .asinh),
        FunctionSignature(usage: "acosh(x)", summary: "Inverse hyperbolic cosine; NaN for x < 1.", function: .acosh),
        FunctionSignature(usage: "atanh(x)", summary: "Inverse hyperbolic tangent; NaN outside [-1, 1].", function: .atanh),
        FunctionSignature(usage: "floor(x)", summary: "Largest integer <= x; derivative 0 (also at jumps).",
                          function: .floor),
        FunctionSignature(usage: "ceil(x)", summary: "Smallest integer >= x; derivative 0 (also at jumps).",
                          function: .ceil),
        FunctionSignature(usage: "step(x)", summary: "1 for x > 0, else 0; derivative 0.", function: .step),
        FunctionSignature(usage: "erf(x)", summary: "Error function (GELU is x*(1 + erf(x/sqrt(2)))/2).", function: .erf),
        FunctionSignature(usage: "erfc(x)", summary: "1 - erf(x), accurate where erf(x) is near 1.", function: .erfc),
        FunctionSignature(usage: "sigmoid(x)", summary: "1/(1 + e^-x), never overflows.", function: .sigmoid),
        FunctionSignature(usage: "relu(x)", summary: "max(x, 0); derivative step(x), 0 at 0.", function: .relu),
        FunctionSignature(usage: "leaky_relu(x)", summary: "x for x > 0, else 0.01*x.", function: .leakyRelu),
        FunctionSignature(usage: "leaky_relu(x, a)", summary: "x for x > 0, else a*x.", function: .leakyRelu),
        FunctionSignature(usage: "softplus(x)", summary: "log(1 + e^x), never overflows.", function: .softplus),
        FunctionSignature(usage: "max(z1, z2, ...)", summary: "Largest argument; ties share the derivative.",
                          function: .max),
        FunctionSignature(usage: "min(z1, z2, ...)", summary: "Smallest argument; ties share the derivative.",
                          function: .min),
        FunctionSignature(usage: "logsumexp(z1, ...)", summary: "log(e^z1 + ...), exact at +-1000; derivative softmax.",
                          function: .logsumexp),
        FunctionSignature(usage: "select(i, z0, ...)", summary: "z_i for an integer index i (a class label); else NaN.",
                          function: .select),
        FunctionSignature(usage: "delta(a, b)", summary: "1 if a = b, else 0 (the derivative of select).", function: .delta),
    ]
}
