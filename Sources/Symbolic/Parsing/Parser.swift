/// An operator-precedence parser for the expression language that keeps its
/// state in explicit stacks instead of recursing, so the depth of the input
/// costs heap memory, never call-stack frames: 50,000 nested parentheses or
/// calls parse like any other input. See `docs/Language.md` for the grammar.
///
/// It alternates between two states, as a shunting-yard parser does:
/// *expecting an operand* (a number, name, call, `(`, or a unary sign) and
/// *expecting an operator* (a binary operator, `)`, `,`, `;` or the end).
/// Precedence is handled by ``PartialExpression``, which keeps one level's
/// terms, factors and power chain; `(` and calls push a new level.
struct Parser {
    /// Whether `;` separates the items of a list.
    enum Mode {
        case single, list
    }

    private var lexer: Lexer
    private let mode: Mode
    private let nestingLimit: Int
    private var lookahead: Token?
    /// The token consumed before the current one, for error messages.
    private var lastConsumed: Token?
    /// Receives the written operand order of sums and products, when set.
    var writtenOrder: WrittenOrder.Recorder?
    /// The user-defined functions names may call.
    var functions = FunctionRegistry()
    /// The `let` bindings of the current item (see ``LetBindings``).
    private var bindings = LetBindings()

    init(_ text: String, mode: Mode, nestingLimit: Int) {
        lexer = Lexer(text)
        self.mode = mode
        self.nestingLimit = nestingLimit
    }

    /// Parses the whole input: one expression in `.single` mode, one per
    /// `;`-separated item in `.list` mode.
    ///
    /// - Complexity: O(n log n) for n tokens (the log from sorting the
    ///   operands of sums and products); memory O(n).
    mutating func parse() throws(ParseError) -> [Expression] {
        var results: [Expression] = []
        var enclosing: [PartialExpression] = []
        var level = PartialExpression(opener: .input)
        level.writtenOrder = writtenOrder
        var expectsOperand = true
        var itemIsEmpty = true

        while true {
            let preceding = lastConsumed
            let token = try nextToken()
            if expectsOperand {
                switch token.kind {
                case .plus:
                    break
                case .minus:
                    level.negatesOperand.toggle()
                case .number(let value):
                    level.append(operand: .constant(value))
                    expectsOperand = false
                case .identifier(let name):
                    if try peek().kind == .leftParenthesis {
                        let callee = try resolveCallee(token)
                        let parenthesis = try nextToken()
                        try checkNesting(enclosing.count, at: parenthesis)
                        enclosing.append(level)
                        let site = PartialExpression.CallSite(callee: callee, name: name, nameOffset: token.offset,
                                                              parenthesisOffset: parenthesis.offset)
                        level = PartialExpression(opener: .call(site))
                        level.writtenOrder = writtenOrder
                    } else if name == "let", case .identifier = try peek().kind {
                        guard itemIsEmpty && enclosing.isEmpty else { throw error(.misplacedLet, at: token) }
                        bindings.begin()
                        try readBindingHead()
                    } else if bindings.isBeingBound(name) {
                        throw error(.bindingUsedAsVariable(name), at: token)
                    } else {
                        level.append(operand: FunctionTable.namedConstant(name)
                                     ?? bindings.value(of: name, at: token.offset) ?? .variable(name))
                        expectsOperand = false
                    }
                case .leftParenthesis:
                    try checkNesting(enclosing.count, at: token)
                    enclosing.append(level)
                    level = PartialExpression(opener: .parenthesis(offset: token.offset))
                    level.writtenOrder = writtenOrder
                case .rightParenthesis:
                    // `f()`: the only place an empty level is complete.
                    guard case .call(let site) = level.opener, preceding?.kind == .leftParenthesis else {
                        throw error(.unexpectedToken(")"), at: token)
                    }
                    let call = try apply(site, to: [], closedBy: token)
                    level = enclosing.removeLast()
                    level.append(operand: call)
                    expectsOperand = false
                case .semicolon where mode == .list && enclosing.isEmpty && itemIsEmpty:
                    throw error(.emptyListItem, at: token)
                case .end where itemIsEmpty:
                    if mode == .list && !results.isEmpty {
                        throw error(.emptyListItem, at: token)
                    }
                    throw ParseError(.emptyInput, column: 1, length: 0)
                case .end:
                    throw error(.unexpectedEnd(after: preceding?.text ?? ""), at: token)
                case .semicolon where mode == .list && !enclosing.isEmpty:
                    throw unclosed(level)
                case .star, .slash, .power, .comma, .semicolon, .equals:
                    throw error(.unexpectedToken(token.text), at: token)
                }
                itemIsEmpty = false
            } else {
                switch token.kind {
                case .power:
                    expectsOperand = true
                case .star, .slash:
                    level.multiply(dividing: token.kind == .slash)
                    expectsOperand = true
                case .plus, .minus:
                    level.add(subtracting: token.kind == .minus)
                    expectsOperand = true
                case .rightParenthesis:
                    let value = level.finish()
                    switch level.opener {
                    case .input:
                        throw error(.unbalancedParenthesis(")"), at: token)
                    case .parenthesis:
                        level = enclosing.removeLast()
                        level.append(operand: value)
                    case .call(let site):
                        let call = try apply(site, to: level.arguments + [value], closedBy: token)
                        level = enclosing.removeLast()
                        level.append(operand: call)
                    }
                case .comma where enclosing.isEmpty && bindings.phase == .binding:
                    bindings.finishBinding(level.finish())
                    try readBindingHead()
                    expectsOperand = true
                case .identifier("in") where enclosing.isEmpty && bindings.phase == .binding:
                    bindings.finishBinding(level.finish())
                    bindings.beginBody()
                    expectsOperand = true
                case .comma:
                    guard case .call = level.opener else {
                        throw error(.unexpectedToken(","), at: token)
                    }
                    level.arguments.append(level.finish())
                    expectsOperand = true
                case .semicolon:
                    guard mode == .list else {
                        throw error(.unexpectedToken(";"), at: token)
                    }
                    guard enclosing.isEmpty else { throw unclosed(level) }
                    results.append(try finishItem(level.finish(), at: token))
                    expectsOperand = true
                    itemIsEmpty = true
                case .end:
                    guard enclosing.isEmpty else { throw unclosed(level) }
                    results.append(try finishItem(level.finish(), at: token))
                    return results
                case .equals:
                    throw error(.unexpectedToken("="), at: token)
                case .number, .identifier, .leftParenthesis:
                    throw error(.implicitMultiplication(left: preceding?.text ?? "", right: token.text), at: token)
                }
            }
        }
    }

    /// Reads `NAME =` of a `let` binding (after `let` or `,`) and starts
    /// the binding.
    private mutating func readBindingHead() throws(ParseError) {
        let name = try nextToken()
        guard case .identifier(let text) = name.kind else {
            throw error(.expectedBindingName(found: name.text), at: name)
        }
        if let (kind, offset) = bindings.startBinding(text, at: name.offset) {
            throw error(kind, atByte: offset, length: text.utf8.count)
        }
        let equals = try nextToken()
        guard equals.kind == .equals else { throw error(.expectedEquals(after: text), at: equals) }
    }

    /// An item's value once it ends at `token` (`;` or the end): an error
    /// if `let` bindings are still being read or one of them is unused.
    private mutating func finishItem(_ value: Expression, at token: Token) throws(ParseError) -> Expression {
        switch bindings.phase {
        case .none:
            return value
        case .binding:
            throw error(.missingIn(after: bindings.currentName), at: token)
        case .body:
            if let unused = bindings.finish() {
                throw error(.unusedBinding(unused.name), atByte: unused.offset, length: unused.name.utf8.count)
            }
            return value
        }
    }

    private mutating func nextToken() throws(ParseError) -> Token {
        let token: Token
        if let pending = lookahead {
            token = pending
            lookahead = nil
        } else {
            token = try lexer.next()
        }
        lastConsumed = token
        return token
    }

    private mutating func peek() throws(ParseError) -> Token {
        if let pending = lookahead { return pending }
        let token = try lexer.next()
        lookahead = token
        return token
    }

    /// An error of `kind` located at `token` (zero length at the end).
    private func error(_ kind: ParseError.Kind, at token: Token) -> ParseError {
        error(kind, atByte: token.offset, length: token.kind == .end ? 0 : token.length)
    }

    /// An error of `kind` at byte `offset` spanning `length` ASCII characters.
    private func error(_ kind: ParseError.Kind, atByte offset: Int, length: Int = 1) -> ParseError {
        ParseError(kind, column: lexer.column(ofByte: offset), length: length)
    }

    /// The callee of `name(`, or the error for calling a constant or an
    /// unknown name.
    private func resolveCallee(_ name: Token) throws(ParseError) -> Callee {
        if let callee = FunctionTable.callee(named: name.text) { return callee }
        if let custom = functions[name.text] { return .custom(custom) }
        if FunctionTable.namedConstant(name.text) != nil {
            throw error(.notAFunction(name.text), at: name)
        }
        if let rewrite = UnknownFunctions.rewrite(for: name.text) {
            throw error(.unavailableFunction(name.text, hint: rewrite), at: name)
        }
        let suggestion = UnknownFunctions.alias(for: name.text)
            ?? closestMatch(to: name.text, in: FunctionTable.names + functions.names)
        throw error(.unknownFunction(name.text, suggestion: suggestion), at: name)
    }

    private func checkNesting(_ depth: Int, at opening: Token) throws(ParseError) {
        if depth >= nestingLimit {
            throw error(.nestedTooDeeply(limit: nestingLimit), at: opening)
        }
    }

    /// The call's value, or the argument-count error spanning the whole call.
    private func apply(_ site: PartialExpression.CallSite, to arguments: [Expression],
                       closedBy closing: Token) throws(ParseError) -> Expression {
        let arity = site.callee.arity
        guard arity.contains(arguments.count) else {
            let column = lexer.column(ofByte: site.nameOffset)
            throw ParseError(.wrongArgumentCount(function: site.name, expected: arity, given: arguments.count),
                             column: column, length: lexer.column(ofByte: closing.offset) - column + 1)
        }
        return site.callee.applied(to: arguments)
    }

    /// The error for input that ends (or reaches a top-level `;`) inside
    /// `level`: it points at the innermost `(` that is still open.
    private func unclosed(_ level: PartialExpression) -> ParseError {
        switch level.opener {
        case .input:
            preconditionFailure("the input level has no parenthesis")
        case .parenthesis(let offset):
            return error(.unbalancedParenthesis("("), atByte: offset)
        case .call(let site):
            return error(.unbalancedParenthesis("("), atByte: site.parenthesisOffset)
        }
    }
}
