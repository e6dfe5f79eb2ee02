import Synchronization

/// A function defined by the user: a name, parameters, a way to evaluate it,
/// and a derivative rule per parameter written as an expression of the
/// parameters — the library's counterpart of autograd's `@primitive` with
/// `defvjp`, or a PyTorch `Function` with `forward` and `backward`.
///
/// A definition either has a *body*, an expression of its parameters that
/// gives both its value and (by differentiating it) its derivative rules,
/// or only an evaluation closure and explicit rules:
///
///     let u = Expression.variable("u")
///     let p3 = try CustomFunction(name: "P3", parameters: ["u"], body: 0.5 * (5 * u ** 3 - 3 * u))
///     let x = Expression.variable("x")
///     print(p3(x).derivative(withRespectTo: "x"))
///     // Prints "7.5*x^2 - 1.5"
///
///     // A closure with a hand-written rule that calls the function itself:
///     let softexp = try CustomFunction(name: "softexp", parameters: ["u"],
///                                      evaluate: { Foundation.exp($0[0]) }) { f in [f(.variable("u"))] }
///     print(softexp(x).derivative(withRespectTo: "x", order: 3))
///     // Prints "softexp(x)"
///
/// Calls are ``Expression/Kind/custom(_:_:)`` nodes. They print by name
/// (`P3(x)`) and parse back through a ``FunctionRegistry``; two calls are the
/// same node only when they call the same definition object, so two
/// definitions that happen to share a name never compare equal.
/// A rule may call any function, this one included, so calls can be
/// differentiated to any order. Calls are never folded to numbers, even
/// with constant arguments: `P3(1)` stays `P3(1)` until evaluated.
///
/// Evaluation (``Expression/evaluate(at:)``, dual numbers, traces) uses the
/// body or the closure; compilation and code generation replace each call
/// by its body (``Expression/expandingCustomFunctions()``), so a function
/// defined only by a closure evaluates and differentiates but does not
/// compile (``CompilationError/functionWithoutBody(_:)``).
public final class CustomFunction: Sendable, Hashable, CustomStringConvertible {
    /// The name calls are written and printed with, such as `P3`.
    public let name: String
    /// The parameter names, such as `["a", "b"]`; the rules and the body are
    /// expressions of these variables.
    public let parameters: [String]
    /// The expression of ``parameters`` the function stands for, or `nil`
    /// for a function defined by a closure.
    public let body: Expression?
    /// A process-wide number that orders definitions of the same name.
    let serial: Int
    private let evaluator: @Sendable ([Double]) -> Double
    /// The rule for each parameter: given explicitly, or `nil` until worked
    /// out from the body (then cached here).
    private let rules: ThreadLock<[Expression?]>
    /// Which rules were given explicitly (printed by ``definition``).
    private let explicit: ThreadLock<[Bool]>

    private static let nextSerial = Atomic<Int>(0)

    /// The number of arguments a call takes.
    ///
    ///     try CustomFunction(name: "lse", parameters: ["a", "b"], body: .variable("a")).arity   // 2
    public var arity: Int { parameters.count }

    /// Defines a function by its body; the derivative rules come from
    /// differentiating the body, unless `derivatives` gives some of them.
    ///
    ///     let (a, b) = (Expression.variable("a"), Expression.variable("b"))
    ///     // logsumexp of two values with its stable rule exp(a - lse(a, b)):
    ///     let lse = try CustomFunction(name: "lse", parameters: ["a", "b"], body: log(exp(a) + exp(b))) { f in
    ///         [exp(a - f(a, b)), exp(b - f(a, b))]
    ///     }
    ///
    /// - Parameters:
    ///   - name: An identifier that is not a built-in function or constant.
    ///   - parameters: Distinct identifiers other than `pi` and `e`.
    ///   - body: An expression whose only variables are `parameters`.
    ///   - derivatives: Called once with the new function (so rules can call
    ///     it); returns one rule per parameter, `nil` for "differentiate
    ///     the body". Omit it to differentiate the body for every parameter.
    /// - Throws: ``DefinitionError`` for a bad name, parameter, body or rule.
    public init(name: String, parameters: [String], body: Expression,
                derivatives: ((CustomFunction) -> [Expression?])? = nil) throws(DefinitionError) {
        try CustomFunction.validate(name: name, parameters: parameters)
        try CustomFunction.checkVariables(of: body, in: name, parameters: parameters, what: "body")
        self.name = name
        self.parameters = parameters
        self.body = body
        serial = CustomFunction.nextSerial.wrappingAdd(1, ordering: .relaxed).newValue
        let variables = parameters
        evaluator = { arguments in
            (try? body.evaluate(at: Dictionary(uniqueKeysWithValues: zip(variables, arguments)))) ?? .nan
        }
        rules = ThreadLock(Array(repeating: nil, count: parameters.count))
        explicit = ThreadLock(Array(repeating: false, count: parameters.count))
        if let derivatives { try setRules(derivatives(self)) }
    }

    /// Defines a function by an evaluation closure and one derivative rule
    /// per parameter.
    ///
    ///     let u = Expression.variable("u")
    ///     let gauss = try CustomFunction(name: "gauss", parameters: ["u"],
    ///                                    evaluate: { Foundation.exp(-$0[0] * $0[0]) }) { f in
    ///         [-2 * u * f(u)]
    ///     }
    ///     print(try gauss(.variable("x")).evaluate(at: ["x": 0]))   // Prints "1.0"
    ///
    /// - Parameters:
    ///   - name: An identifier that is not a built-in function or constant.
    ///   - parameters: Distinct identifiers other than `pi` and `e`.
    ///   - evaluate: The value for the arguments (one per parameter, in
    ///     order). It must be safe to call from any thread.
    ///   - derivatives: Called once with the new function (so rules can call
    ///     it); returns one rule per parameter, expressions of `parameters`.
    /// - Throws: ``DefinitionError`` for a bad name, parameter or rule.
    public init(name: String, parameters: [String], evaluate: @escaping @Sendable ([Double]) -> Double,
                derivatives: (CustomFunction) -> [Expression]) throws(DefinitionError) {
        try CustomFunction.validate(name: name, parameters: parameters)
        self.name = name
        self.parameters = parameters
        body = nil
        serial = CustomFunction.nextSerial.wrappingAdd(1, ordering: .relaxed).newValue
        evaluator = evaluate
        rules = ThreadLock(Array(repeating: nil, count: parameters.count))
        explicit = ThreadLock(Array(repeating: false, count: parameters.count))
        let given = derivatives(self)
        guard given.count == parameters.count else {
            throw DefinitionError(.ruleCount(function: name, expected: parameters.count, given: given.count))
        }
        try setRules(given)
    }

    /// Installs explicit rules (`nil` keeps "differentiate the body").
    /// Called while the definition is being built, before any use.
    func setRules(_ given: [Expression?]) throws(DefinitionError) {
        guard given.count == parameters.count else {
            throw DefinitionError(.ruleCount(function: name, expected: parameters.count, given: given.count))
        }
        for (k, rule) in given.enumerated() {
            guard let rule else { continue }
            try CustomFunction.checkVariables(of: rule, in: name, parameters: parameters,
                                              what: "rule for d/d\(parameters[k])")
        }
        rules.withLock { stored in
            for (k, rule) in given.enumerated() where rule != nil { stored[k] = rule }
        }
        explicit.withLock { flags in
            for (k, rule) in given.enumerated() where rule != nil { flags[k] = true }
        }
    }

    /// The call `name(arguments...)`.
    ///
    ///     print(p3(.variable("x")))   // Prints "P3(x)"
    ///
    /// - Precondition: `arguments.count == arity`.
    public func callAsFunction(_ arguments: Expression...) -> Expression { call(arguments) }

    /// The call `name(arguments...)` with an array of arguments.
    ///
    /// - Precondition: `arguments.count == arity`.
    public func call(_ arguments: [Expression]) -> Expression {
        precondition(arguments.count == arity, "\(name) takes \(arity) argument(s), not \(arguments.count)")
        return Expression.intern(.custom(self, arguments))
    }

    /// The function's value at `arguments` (one per parameter).
    ///
    ///     p3.evaluate([2])   // 17.0
    ///
    /// - Precondition: `arguments.count == arity`.
    public func evaluate(_ arguments: [Double]) -> Double {
        precondition(arguments.count == arity, "\(name) takes \(arity) argument(s), not \(arguments.count)")
        return evaluator(arguments)
    }

    /// The derivative rule ∂f/∂(parameter `index`), an expression of the
    /// ``parameters``: the explicit rule, or the body's derivative.
    ///
    ///     print(p3.derivative(withRespectToParameter: 0))   // Prints "7.5*u^2 - 1.5"
    ///
    /// - Precondition: `index` is a parameter index.
    public func derivative(withRespectToParameter index: Int) -> Expression {
        if let rule = rules.withLock({ $0[index] }) { return rule }
        // A closure function always has its rules; a body is differentiated
        // outside the lock (the body may call other functions' rules).
        let derived = body!.derivative(withRespectTo: parameters[index])
        return rules.withLock { stored in
            if let raced = stored[index] { return raced }
            stored[index] = derived
            return derived
        }
    }

    /// The rule for parameter `index` applied to `arguments`: the chain
    /// rule's factor for a call `f(arguments...)`.
    func partial(_ index: Int, at arguments: [Expression]) -> Expression {
        let rule = derivative(withRespectToParameter: index)
        guard rule.containsVariables else { return rule }
        return rule.substituting(Dictionary(uniqueKeysWithValues: zip(parameters, arguments)))
    }

    /// Whether the rule for parameter `index` was given explicitly rather
    /// than worked out from the body.
    public func hasExplicitRule(forParameter index: Int) -> Bool { explicit.withLock { $0[index] } }

    /// The definition in the language of `sym --define`, which
    /// ``FunctionRegistry/define(_:)`` reads back: `P3(u) = 0.5*(5*u^3 - 3*u)`,
    /// followed by `; d/du = ...` for each explicit rule. A function without a
    /// body writes its rules after `name(parameters)` alone.
    public var definition: String {
        var text = "\(name)(\(parameters.joined(separator: ", ")))"
        if let body { text += " = \(body)" }
        for (k, parameter) in parameters.enumerated() where hasExplicitRule(forParameter: k) {
            text += "; d/d\(parameter) = \(derivative(withRespectToParameter: k))"
        }
        return text
    }

    /// `name(parameters)`, such as `P3(u)`.
    public var description: String { "\(name)(\(parameters.joined(separator: ", ")))" }

    public static func == (lhs: CustomFunction, rhs: CustomFunction) -> Bool { lhs === rhs }

    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
}

extension CustomFunction {
    /// The value of the rule ∂f/∂(parameter `index`) at `arguments`: the
    /// local slope forward mode and traces multiply by.
    ///
    ///     p3.partialValue(0, at: [2])   // 28.5 (= 7.5*2^2 - 1.5)
    ///
    /// - Precondition: `arguments.count == arity` and `index` is a
    ///   parameter index.
    public func partialValue(_ index: Int, at arguments: [Double]) -> Double {
        precondition(arguments.count == arity, "\(name) takes \(arity) argument(s), not \(arguments.count)")
        let rule = derivative(withRespectToParameter: index)
        if let n = rule.numberValue { return n.doubleValue }
        return (try? rule.evaluate(at: Dictionary(uniqueKeysWithValues: zip(parameters, arguments)))) ?? .nan
    }
}

extension Dual {
    /// A user-defined function on dual numbers: the value from its body or
    /// closure, the derivative part by the chain rule through its rules.
    ///
    ///     let y = Dual.apply(p3, [Dual(2, derivative: 1)])
    ///     print(y.value, y.derivative)   // Prints "17.0 28.5"
    ///
    /// - Precondition: `arguments.count == function.arity`.
    public static func apply(_ function: CustomFunction, _ arguments: [Dual]) -> Dual {
        let values = arguments.map(\.value)
        var derivative = 0.0
        for (k, a) in arguments.enumerated() where a.derivative != 0 {
            derivative += function.partialValue(k, at: values) * a.derivative
        }
        return Dual(function.evaluate(values), derivative: derivative)
    }
}
