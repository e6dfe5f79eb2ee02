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
