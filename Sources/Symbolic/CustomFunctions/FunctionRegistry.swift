/// A set of user-defined functions (``CustomFunction``) by name: what the
/// parser calls when it meets a name that is not a built-in function.
///
///     var functions = FunctionRegistry()
///     try functions.define("P3(u) = 0.5*(5*u^3 - 3*u)")
///     let f = try Expression(parsing: "P3(cos(t))", functions: functions)
///     print(f.derivative(withRespectTo: "t"))
///     // Prints "-sin(t)*(7.5*cos(t)^2 - 1.5)"
///
/// Definitions are written `name(parameters) = body`, optionally followed by
/// explicit derivative rules `; d/dparameter = rule` (see ``define(_:)``).
/// A registry is a value: defining in a copy leaves the original as it was,
/// and a failed definition leaves the registry unchanged.
public struct FunctionRegistry: Sendable {
    private var table: [String: CustomFunction] = [:]
    /// The functions in the order they were defined.
    public private(set) var functions: [CustomFunction] = []

    /// An empty registry.
    public init() {}

    /// A registry of `functions`.
    ///
    ///     let functions = try FunctionRegistry([p3, lse])
    ///
    /// - Throws: ``DefinitionError/Kind/duplicateDefinition(_:)`` when two
    ///   functions share a name.
    public init(_ functions: [CustomFunction]) throws(DefinitionError) {
        for f in functions { try add(f) }
    }

    /// The function called `name`, if defined.
    ///
    ///     functions["P3"]?.arity   // 1
    public subscript(name: String) -> CustomFunction? { table[name] }

    /// The names of the functions, in definition order.
    public var names: [String] { functions.map(\.name) }

    /// Whether no function is defined.
    public var isEmpty: Bool { functions.isEmpty }

    /// Adds a function built in Swift.
    ///
    ///     try functions.add(p3)
    ///
    /// - Throws: ``DefinitionError/Kind/duplicateDefinition(_:)`` when the
    ///   name is taken.
    public mutating func add(_ function: CustomFunction) throws(DefinitionError) {
        guard table[function.name] == nil else { throw DefinitionError(.duplicateDefinition(function.name)) }
        table[function.name] = function
        functions.append(function)
    }

    /// Defines one function from its text, which may call the functions
    /// already defined (and, in its rules, itself).
    ///
    ///     try functions.define("lse(a, b) = log(exp(a) + exp(b)); d/da = exp(a - lse(a, b)); d/db = exp(b - lse(a, b))")
    ///
    /// The text is `name(p1, p2, ...) = body`, then optionally `;` and a
    /// rule `d/dp = expression` for any of the parameters; a parameter
    /// without a rule gets the derivative of the body. Rules are used as
    /// given: `d/dx lse(x, y)` is `exp(x - lse(x, y))`, not the body's
    /// derivative.
    ///
    /// - Returns: The new function.
    /// - Throws: ``DefinitionError`` with the column of the problem: a name
    ///   that is built in or taken, a bad or repeated parameter, a body that
    ///   calls its own function, a variable that is not a parameter, a body
    ///   or rule that does not parse.
    @discardableResult
    public mutating func define(_ text: String) throws(DefinitionError) -> CustomFunction {
        try define([text])[0]
    }

    /// Defines several functions at once, in any order: a body may call any
    /// of them (they are built callees first), and a rule may call any of
    /// them, so two functions can be each other's derivatives.
    ///
    ///     try functions.define(["s(x) = sin(x); d/dx = c(x)", "c(x) = cos(x); d/dx = -s(x)"])
    ///
    /// - Returns: The new functions, in the order of `texts`.
    /// - Throws: ``DefinitionError`` for the first bad definition, with
    ///   ``DefinitionError/definitionIndex`` saying which one; bodies that
    ///   call each other in a cycle are a
    ///   ``DefinitionError/Kind/recursive(_:)`` error. Nothing is defined
    ///   when any definition fails.
    @discardableResult
    public mutating func define(_ texts: [String]) throws(DefinitionError) -> [CustomFunction] {
        var parsed: [DefinitionText] = []
        var index: [String: Int] = [:]
        for (i, text) in texts.enumerated() {
            let definition = try DefinitionText.at(i) { () throws(DefinitionError) in try DefinitionText(text) }
            if table[definition.name] != nil || index[definition.name] != nil {
                throw DefinitionError(.duplicateDefinition(definition.name), column: definition.nameColumn,
                                      length: definition.name.count, definitionIndex: i)
            }
            index[definition.name] = i
            parsed.append(definition)
        }
        let order = try DefinitionText.dependencyOrder(parsed, index: index)
        var registry = self
        var built = [CustomFunction?](repeating: nil, count: parsed.count)
        for i in order {
            let function = try DefinitionText.at(i) { () throws(DefinitionError) in try parsed[i].build(in: registry) }
            built[i] = function
            try registry.add(function)
        }
        for (i, definition) in parsed.enumerated() {
            try DefinitionText.at(i) { () throws(DefinitionError) in try definition.installRules(on: built[i]!, in: registry) }
        }
        self = registry
        return built.map { $0! }
    }

    /// The definitions of a file: one per line, `#` starts a comment, blank
    /// lines are skipped, and a line ending in `\` continues on the next.
    ///
    ///     FunctionRegistry.definitionLines(in: "# Legendre\nP2(u) = (3*u^2 - 1)/2\n")
    ///     // [(line: 2, text: "P2(u) = (3*u^2 - 1)/2")]
    ///
    /// - Returns: Each definition with the 1-based line it starts on.
    public static func definitionLines(in text: String) -> [(line: Int, text: String)] {
        var result: [(line: Int, text: String)] = []
        var pending: (line: Int, text: String)?
        for (k, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = Substring(rawLine)
            if let hash = line.firstIndex(of: "#") { line = line[..<hash] }
            var content = String(line).strippingCharacters(in: " \t\r")
            let continues = content.hasSuffix("\\")
            if continues { content.removeLast() }
            if var open = pending {
                open.text += " " + content
                pending = open
            } else if !content.isEmpty || continues {
                pending = (k + 1, content)
            }
            if !continues, let done = pending {
                if !done.text.strippingCharacters(in: " \t").isEmpty { result.append(done) }
                pending = nil
            }
        }
        if let done = pending, !done.text.strippingCharacters(in: " \t").isEmpty { result.append(done) }
        return result
    }
}

extension String {
    /// The text without leading and trailing characters from `set`.
    func strippingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let c = s.first, set.contains(c) { s.removeFirst() }
        while let c = s.last, set.contains(c) { s.removeLast() }
        return String(s)
    }
}

extension Expression {
    /// Parses `text` as ``init(parsing:maximumNesting:)`` does, where a call
    /// may also name a function of `functions`.
    ///
    ///     var functions = FunctionRegistry()
    ///     try functions.define("P3(u) = 0.5*(5*u^3 - 3*u)")
    ///     let f = try Expression(parsing: "P3(x) + 1", functions: functions)
    ///     print(f, try f.evaluate(at: ["x": 2]))
    ///     // Prints "P3(x) + 1 18.0"
    ///
    /// The printed text of an expression reads back to the same expression
    /// with the same registry (calls are equal when they call the same
    /// definition object). A call with the wrong number of arguments is a
    /// ``ParseError/Kind/wrongArgumentCount(function:expected:given:)``
    /// error, and a misspelt name suggests defined names too.
    ///
    /// - Throws: A ``ParseError`` with the column of the first problem.
    public init(parsing text: String, functions: FunctionRegistry, maximumNesting: Int = 1_000_000) throws(ParseError) {
        var parser = Parser(text, mode: .single, nestingLimit: maximumNesting)
        parser.functions = functions
        self = try parser.parse()[0]
    }

    /// Parses a `;`-separated list as ``parseList(_:maximumNesting:)`` does,
    /// where calls may also name functions of `functions`.
    ///
    ///     let rows = try Expression.parseList("P3(x); P3(y)", functions: functions)
    ///
    /// - Throws: A ``ParseError`` with the column of the first problem.
    public static func parseList(_ text: String, functions: FunctionRegistry,
                                 maximumNesting: Int = 1_000_000) throws(ParseError) -> [Expression] {
        var parser = Parser(text, mode: .list, nestingLimit: maximumNesting)
        parser.functions = functions
        return try parser.parse()
    }

    /// Parses `text` as ``init(parsing:writtenOrder:)`` does (keeping the
    /// written operand order for traces), with the functions of `functions`.
    ///
    ///     var order = WrittenOrder()
    ///     let f = try Expression(parsing: "P3(x) + x", functions: functions, writtenOrder: &order)
    ///
    /// - Throws: A ``ParseError`` with the column of the first problem.
    public init(parsing text: String, functions: FunctionRegistry, writtenOrder: inout WrittenOrder) throws(ParseError) {
        var parser = Parser(text, mode: .single, nestingLimit: 1_000_000)
        parser.functions = functions
        let recorder = WrittenOrder.Recorder()
        parser.writtenOrder = recorder
        self = try parser.parse()[0]
        writtenOrder.written.merge(recorder.written) { old, _ in old }
    }
}
