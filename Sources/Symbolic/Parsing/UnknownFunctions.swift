/// What to tell a user who calls a function the language does not have.
///
/// Edit distance alone suggests the wrong function for many names people
/// reach for (`sgn` is one letter from `sin`, `cot` from `cos`, `gelu` from
/// `relu`). These tables come first: other spellings of functions we have
/// get a "did you mean", and well-known functions we do not have get an
/// honest "unknown function" with the way to write them, never a hint to
/// multiply.
enum UnknownFunctions {
    /// Other names of functions the language has (lowercased), and the
    /// language's name.
    static let aliases: [String: String] = [
        "sgn": "sign", "signum": "sign", "fabs": "abs", "heaviside": "step",
        "arcsin": "asin", "arccos": "acos", "arctan": "atan", "arctan2": "atan2",
        "arsinh": "asinh", "arcsinh": "asinh", "arcosh": "acosh", "arccosh": "acosh",
        "artanh": "atanh", "arctanh": "atanh", "cuberoot": "cbrt", "power": "pow",
        "lg": "log10", "lb": "log2", "logistic": "sigmoid", "expit": "sigmoid",
        "lse": "logsumexp", "logaddexp": "logsumexp", "leakyrelu": "leaky_relu", "prelu": "leaky_relu",
        "kronecker": "delta", "kroneckerdelta": "delta", "choose": "select", "pick": "select",
        "maximum": "max", "minimum": "min", "amax": "max", "amin": "min",
    ]

    /// Functions the language does not have (lowercased), with how to write them.
    static let rewrites: [String: String] = [
        "sec": "write 1/cos(...) for the secant",
        "csc": "write 1/sin(...) for the cosecant",
        "cosec": "write 1/sin(...) for the cosecant",
        "cot": "write 1/tan(...) for the cotangent",
        "cotan": "write 1/tan(...) for the cotangent",
        "sech": "write 1/cosh(...)",
        "csch": "write 1/sinh(...)",
        "coth": "write 1/tanh(...)",
        "asec": "write acos(1/(...))", "arcsec": "write acos(1/(...))",
        "acsc": "write asin(1/(...))", "arccsc": "write asin(1/(...))",
        "acot": "write atan(1/(...))", "arccot": "write atan(1/(...))",
        "exp2": "write 2^(...)",
        "exp10": "write 10^(...)", "pow10": "write 10^(...)",
        "round": "write floor(... + 1/2) to round half up",
        "trunc": "write sign(x)*floor(abs(x)) to truncate",
        "mod": "write x - y*floor(x/y) for the remainder",
        "fmod": "write x - y*floor(x/y) for the remainder",
        "sinc": "write sin(x)/x",
        "softmax": "softmax is a vector: write exp(z1 - logsumexp(z1, z2, ...)) for its first entry",
        "gelu": "write x*(1 + erf(x/sqrt(2)))/2 for GELU",
        "silu": "write x*sigmoid(x) for SiLU (swish)",
        "swish": "write x*sigmoid(x) for swish",
        "mish": "write x*tanh(softplus(x)) for mish",
        "elu": "write relu(x) + min(expm1(x), 0) for ELU",
        "softsign": "write x/(1 + abs(x)) for softsign",
        "hardtanh": "write max(-1, min(x, 1)) for hardtanh",
        "clip": "write max(lo, min(x, hi)) to clip",
        "clamp": "write max(lo, min(x, hi)) to clamp",
        "gamma": "the gamma function is not available (the special functions are erf and erfc)",
        "tgamma": "the gamma function is not available (the special functions are erf and erfc)",
        "lgamma": "the log-gamma function is not available (the special functions are erf and erfc)",
        "loggamma": "the log-gamma function is not available (the special functions are erf and erfc)",
        "digamma": "the digamma function is not available (the special functions are erf and erfc)",
        "beta": "the beta function is not available (the special functions are erf and erfc)",
        "zeta": "the zeta function is not available (the special functions are erf and erfc)",
        "erfinv": "the inverse error function is not available",
        "factorial": "factorials are not available",
    ]

    /// The language's name for another spelling of one of its functions.
    static func alias(for name: String) -> String? { aliases[name.lowercased()] }

    /// How to write a well-known function the language does not have.
    static func rewrite(for name: String) -> String? { rewrites[name.lowercased()] }
}
