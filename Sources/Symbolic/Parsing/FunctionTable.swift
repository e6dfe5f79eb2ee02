/// What a name followed by `(` calls in the expression language: every
/// ``Function`` by its name, plus the aliases `ln`, `pow`, the
/// two-argument `log(x, b)` and the one-argument `leaky_relu(x)`.
enum Callee: Sendable {
    /// A ``Function`` called with exactly its arity.
    case function(Function)
    /// `pow(a, b)`, which is `a^b`.
    case power
    /// `log(x)`, the natural logarithm, or `log(x, b)`, the logarithm base b.
    case logarithm
    /// `leaky_relu(x)` with the standard slope 0.01, or `leaky_relu(x, a)`.
    case leakyRelu
    /// A user-defined function from the parser's ``FunctionRegistry``.
    case custom(CustomFunction)

    /// The numbers of arguments the callee accepts.
    var arity: ClosedRange<Int> {
        switch self {
        case .function(let f): return f.arity
        case .power: return 2...2
        case .logarithm, .leakyRelu: return 1...2
        case .custom(let f): return f.arity...f.arity
        }
    }

    /// The call's value built with the canonicalising constructors.
    ///
    /// - Precondition: `arity.contains(arguments.count)`.
    func applied(to arguments: [Expression]) -> Expression {
        switch self {
        case .function(let f): return .call(f, arguments)
        case .power: return .power(arguments[0], arguments[1])
        case .logarithm:
            return arguments.count == 1 ? .call(.log, arguments) : Symbolic.log(arguments[0], arguments[1])
        case .leakyRelu:
            return Symbolic.leakyRelu(arguments[0], slope: arguments.count == 2 ? arguments[1] : defaultLeakyReluSlope)
        case .custom(let f): return f.call(arguments)
        }
    }
}

/// The names the parser gives meaning to: callable names and constants.
enum FunctionTable {
    /// Every callable name, functions in ``Function`` order, then aliases.
    static let names: [String] = Function.allCases.map(\.name) + ["ln", "pow"]

    private static let callees: [String: Callee] = {
        var table: [String: Callee] = [:]
        for f in Function.allCases { table[f.name] = .function(f) }
        table["log"] = .logarithm
        table["leaky_relu"] = .leakyRelu
        table["ln"] = .function(.log)
        table["pow"] = .power
        return table
    }()

    /// The callee named `name`, or `nil` when `name` is not a function.
    static func callee(named name: String) -> Callee? { callees[name] }

    /// The constant a name denotes (`pi`, `e`), or `nil` for other names.
    /// These names always mean the constants: they cannot be variables or
    /// be called.
    static func namedConstant(_ name: String) -> Expression? {
        switch name {
        case "pi": return .pi
        case "e": return .e
        default: return nil
        }
    }
}
