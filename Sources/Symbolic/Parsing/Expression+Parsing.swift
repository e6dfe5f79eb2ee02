extension Expression {
    /// Creates an expression by parsing its text in the expression language.
    ///
    ///     let f = try Expression(parsing: "x^2*y + y + 2")
    ///     print(try f.evaluate(at: ["x": 3, "y": 4]))
    ///     // Prints "42.0"
    ///
    /// The language (see `docs/Language.md`) has numbers, variables, the
    /// constants `pi` and `e`, `+ - * /`, power `^` or `**` (right-associative
    /// and tighter than unary minus: `-x^2` is `-(x^2)`, `2^-x` is `2^(-x)`),
    /// parentheses, and calls of every ``Function`` by name plus the aliases
    /// `ln(x)`, `pow(a, b)` and `log(x, b)` (logarithm base `b`). The result
    /// is built with the canonicalising constructors, so it equals the same
    /// expression built in Swift: parsing `"x*x*y + y + 2"` gives `x*x*y + y + 2`.
    ///
    /// Numbers: digits only give an exact integer (`.constant(.integer(n))`);
    /// a literal with `.` or an exponent (`1.5`, `.5`, `1e-3`, `2.5E+4`) gives
    /// a `Double` (`.constant(.real(d))`). An integer literal too large for
    /// `Int` becomes the nearest `Double`, and a literal too small for a
    /// `Double` rounds to 0 (`1e-999`), but a literal too large for a
    /// `Double` (`1e999`) is an error rather than infinity.
    ///
    /// Names: `pi` and `e` always mean the constants, so they cannot be used
    /// as variables or called; a name followed by `(` is a call, any other
    /// name is a variable. Function names without `(` are variables too.
    ///
    /// There is no implicit multiplication: `2x`, `x y` and `(x)(y)` are
    /// errors that say where to put the `*`.
    ///
    /// - Parameters:
    ///   - text: The expression, such as `"ln(x1) + x1*x2 - sin(x2)"`.
    ///   - maximumNesting: The deepest nesting of parentheses and calls
    ///     accepted; deeper input is a
    ///     ``ParseError/Kind/nestedTooDeeply(limit:)`` error. The parser
    ///     uses no recursion, so the default of 1,000,000 is limited by
    ///     memory (about 100 bytes per level), not by the call stack; lower
    ///     it to bound the memory spent on untrusted input.
    /// - Throws: A ``ParseError`` with the column of the first problem.
    /// - Complexity: O(n log n) time and O(n) memory for n characters.
    public init(parsing text: String, maximumNesting: Int = 1_000_000) throws(ParseError) {
        var parser = Parser(text, mode: .single, nestingLimit: maximumNesting)
        self = try parser.parse()[0]
    }

    /// Parses a list of expressions separated by semicolons.
    ///
    ///     let rows = try Expression.parseList("x*y; x + y; sin(x)")
    ///     print(rows.count)
    ///     // Prints "3"
    ///
    /// Every item must be an expression: an empty item (`"x;;y"`, a trailing
    /// `"x;"`) is an ``ParseError/Kind/emptyListItem`` error at the column of
    /// the `;` or the end that closes it, and a `;` inside parentheses is an
    /// unclosed-parenthesis error. Columns count from the start of `text`.
    ///
    /// - Parameters:
    ///   - text: The items, such as `"x^2 + y; x*y"`.
    ///   - maximumNesting: As for ``init(parsing:maximumNesting:)``.
    /// - Returns: One expression per item, in order.
    /// - Throws: A ``ParseError`` with the column of the first problem.
    /// - Complexity: As for ``init(parsing:maximumNesting:)``.
    public static func parseList(_ text: String, maximumNesting: Int = 1_000_000) throws(ParseError) -> [Expression] {
        var parser = Parser(text, mode: .list, nestingLimit: maximumNesting)
        return try parser.parse()
    }
}
