/// The small helper functions generated code may need, beyond the
/// language's math library: the library's conventions for the non-smooth
/// and the numerically delicate functions.
enum CodeHelper: String, CaseIterable, Comparable {
    case sign, step, relu, max, min, sigmoid, softplus, finiteOrZero = "finite_or_zero", delta
    case leakyRelu = "leaky_relu", select, cbrt, erf, erfc

    static func < (a: CodeHelper, b: CodeHelper) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// How each language spells literals, inputs and operations.
struct CodeSyntax {
    let language: CodeLanguage

    init(_ language: CodeLanguage) { self.language = language }

    /// Reserved words a function name must avoid, per language.
    private static let keywords: [CodeLanguage: Set<String>] = [
        .c: ["auto", "break", "case", "char", "const", "continue", "default", "do", "double", "else", "enum",
             "extern", "float", "for", "goto", "if", "inline", "int", "long", "register", "restrict", "return",
             "short", "signed", "sizeof", "static", "struct", "switch", "typedef", "union", "unsigned", "void",
             "volatile", "while", "in", "out", "main"],
        .swift: ["func", "let", "var", "if", "else", "return", "for", "in", "while", "import", "class", "struct",
                 "enum", "protocol", "extension", "switch", "case", "default", "self", "Self", "true", "false",
                 "nil", "init", "deinit", "subscript", "static", "public", "private", "internal", "throws",
                 "try", "do", "catch", "guard", "defer", "repeat", "break", "continue", "is", "as", "Any",
                 "operator", "typealias", "inout", "input", "out"],
        .python: ["False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
                  "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
                  "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
                  "with", "yield", "math", "inp", "out"],
    ]

    /// Whether `name` can name the generated function: ASCII letters,
    /// digits and `_`, not starting with a digit, not a keyword, and not
    /// one of the generated code's own names (`t0`, `sym_…`).
    static func isValidName(_ name: String, _ language: CodeLanguage) -> Bool {
        guard let first = name.unicodeScalars.first, first.properties.isAlphabetic || first == "_",
              name.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_") })
        else { return false }
        let reserved = keywords[language == .numpy ? .python : language]!.union(language == .numpy ? ["np", "X"] : [])
        if reserved.contains(name) || name.hasPrefix("sym_") || name.hasPrefix("_sym_") { return false }
        if name.first == "t", name.count > 1, name.dropFirst().allSatisfy(\.isNumber) { return false }
        return true
    }

    /// A double literal that reads back to exactly `x`.
    func literal(_ x: Double) -> String {
        if x.isNaN {
            switch language {
            case .c: return "NAN"
            case .swift: return "Double.nan"
            case .python: return "math.nan"
            case .numpy: return "np.nan"
            }
        }
        if x.isInfinite {
            let inf: String
            switch language {
            case .c: inf = "HUGE_VAL"
            case .swift: inf = "Double.infinity"
            case .python: inf = "math.inf"
            case .numpy: inf = "np.inf"
            }
            return x < 0 ? "(-\(inf))" : inf
        }
        let text = "\(x)"
        return x < 0 || (x == 0 && x.sign == .minus) ? "(\(text))" : text
    }

    /// The value of input `k`.
    func input(_ k: Int) -> String {
        switch language {
        case .c: return "in[\(k)]"
        case .swift: return "input[\(k)]"
        case .python: return "inp[\(k)]"
        case .numpy: return "X[..., \(k)]"
        }
    }

    /// The math library's name for a one-argument opcode, or `nil` when a helper or operator spells it.
    private func libraryName(_ op: Opcode) -> String? {
        let prefix: String
        switch language {
        case .c, .swift: prefix = ""
        case .python: prefix = "math."
        case .numpy: prefix = "np."
        }
        let numpy = language == .numpy
        switch op {
        case .sin, .cos, .tan, .sinh, .cosh, .tanh, .exp, .log, .log1p, .expm1, .log10, .log2, .floor, .ceil:
            return prefix + op.name
        case .asin, .acos, .atan, .asinh, .acosh, .atanh:
            return prefix + (numpy ? "arc" + op.name.dropFirst() : op.name)
        case .squareRoot: return prefix + "sqrt"
        case .abs:
            switch language {
            case .c: return "fabs"
            case .swift, .python: return "abs"
            case .numpy: return "np.abs"
            }
        case .cbrt: return language == .python ? nil : prefix + "cbrt"
        case .erf, .erfc: return numpy ? nil : prefix + op.name
        case .atan2: return prefix + (numpy ? "arctan2" : "atan2")
        case .hypot: return prefix + "hypot"
        case .power: return prefix + (numpy ? "power" : "pow")
        case .sign where numpy: return "np.sign"
        case .max where numpy: return "np.maximum"
        case .min where numpy: return "np.minimum"
        default: return nil
        }
    }

    /// The helper that spells `op`, if any.
    func helper(_ op: Opcode) -> CodeHelper? {
        guard libraryName(op) == nil else { return nil }
        switch op {
        case .sign: return .sign
        case .step: return .step
        case .relu: return .relu
        case .max: return .max
        case .min: return .min
        case .sigmoid: return .sigmoid
        case .softplus: return .softplus
        case .finiteOrZero: return .finiteOrZero
        case .delta: return .delta
        case .leakyRelu: return .leakyRelu
        case .select: return .select
        case .cbrt: return .cbrt
        case .erf: return .erf
        case .erfc: return .erfc
        default: return nil
        }
    }

    /// The helper's name in generated code.
    func helperName(_ h: CodeHelper) -> String {
        language == .python || language == .numpy ? "_sym_" + h.rawValue : "sym_" + h.rawValue
    }

    /// The right-hand side of `op` on operand texts `a` and `b`.
    func render(_ op: Opcode, _ a: String, _ b: String) -> String {
        switch op {
        case .add: return "\(a) + \(b)"
        case .subtract: return "\(a) - \(b)"
        case .multiply: return "\(a) * \(b)"
        case .multiplyReciprocal: return "\(a) / \(b)"
        case .negate: return "-\(a)"
        case .reciprocal: return "1.0 / \(a)"
        case .square: return "\(a) * \(a)"
        default:
            let callee = libraryName(op) ?? helper(op).map(helperName) ?? op.name
            return op.arity == 2 ? "\(callee)(\(a), \(b))" : "\(callee)(\(a))"
        }
    }

    /// `select(index, choices...)`.
    func renderSelect(_ operands: [String]) -> String {
        let name = helperName(.select)
        switch language {
        case .c:
            return "\(name)(\(operands[0]), \(operands.count - 1), (const double[]){\(operands.dropFirst().joined(separator: ", "))})"
        case .swift:
            return "\(name)(\(operands[0]), [\(operands.dropFirst().joined(separator: ", "))])"
        case .python, .numpy:
            return "\(name)(\(operands.joined(separator: ", ")))"
        }
    }
}
