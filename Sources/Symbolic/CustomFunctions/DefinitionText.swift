/// The text of one definition, `name(p1, p2) = body; d/dp1 = rule; ...`,
/// split into its parts with their columns, so that every error points at
/// the text it is about.
struct DefinitionText {
    /// A piece of the definition and the 1-based column of its first character.
    struct Piece {
        let text: String
        let column: Int
    }

    /// One explicit rule `d/dparameter = expression`.
    struct Rule {
        let parameter: String
        let parameterColumn: Int
        let expression: Piece
    }

    let name: String
    let nameColumn: Int
    let parameters: [String]
    let parameterColumns: [Int]
    let body: Piece
    let rules: [Rule]

    /// Splits and checks `text` (name and parameters; the body and rules
    /// are parsed by ``build(in:)`` and ``installRules(on:in:)``).
    init(_ text: String) throws(DefinitionError) {
        let segments = DefinitionText.segments(of: text)
        let head = segments[0]
        guard let equals = head.text.firstIndex(of: "=") else {
            throw DefinitionError(.malformed("write a definition as name(parameters) = body, e.g. f(x) = x^2"),
                                  column: 1, length: text.count)
        }
        let left = Piece(text: String(head.text[..<equals]), column: head.column)
        let bodyColumn = head.column + head.text.distance(from: head.text.startIndex, to: equals) + 1
        body = Piece(text: String(head.text[head.text.index(after: equals)...]), column: bodyColumn)
        let tokens = try DefinitionText.tokens(of: left)
        guard let first = tokens.first, case .identifier(let name) = first.token.kind else {
            throw DefinitionError(.malformed("a definition starts with the function's name, e.g. f(x) = x^2"),
                                  column: tokens.first?.column ?? left.column, length: tokens.first?.token.length ?? 1)
        }
        self.name = name
        nameColumn = first.column
        guard tokens.count >= 3, tokens[1].token.kind == .leftParenthesis, tokens.last?.token.kind == .rightParenthesis else {
            throw DefinitionError(.malformed("write the parameters in parentheses after the name, e.g. \(name)(x) = x^2"),
                                  column: first.column, length: left.text.count)
        }
        var parameters: [String] = [], columns: [Int] = []
        let inside = tokens[2..<(tokens.count - 1)]
        for (k, item) in inside.enumerated() {
            if k % 2 == 1 {
                guard item.token.kind == .comma else {
                    throw DefinitionError(.malformed("separate the parameters with ','"), column: item.column, length: item.token.length)
                }
                continue
            }
            guard case .identifier(let parameter) = item.token.kind else {
                throw DefinitionError(.invalidParameter(function: name, parameter: item.token.text),
                                      column: item.column, length: item.token.length)
            }
            parameters.append(parameter)
            columns.append(item.column)
        }
        if let last = inside.last, last.token.kind == .comma {
            throw DefinitionError(.malformed("a parameter is missing after ','"), column: last.column)
        }
        self.parameters = parameters
        parameterColumns = columns
        do {
            try CustomFunction.validate(name: name, parameters: parameters)
        } catch {
            switch error.kind {
            case .duplicateParameter(_, let p):
                let second = parameters.indices.filter { parameters[$0] == p }.dropFirst().first ?? 0
                throw error.located(at: columns[second], length: p.count)
            case .constantParameter(_, let p), .invalidParameter(_, let p):
                let k = parameters.firstIndex(of: p) ?? 0
                throw error.located(at: columns[k], length: p.count)
            default:
                throw error.located(at: nameColumn, length: name.count)
            }
        }
        var rules: [Rule] = []
        for segment in segments.dropFirst() where !segment.text.allSatisfy(\.isWhitespace) {
            rules.append(try DefinitionText.rule(segment))
        }
        self.rules = rules
    }

    /// `d/dp = expression`.
    private static func rule(_ segment: Piece) throws(DefinitionError) -> Rule {
        let form = DefinitionError.Kind.malformed("write a derivative rule as d/dPARAMETER = expression, e.g. d/dx = 2*x")
        guard let equals = segment.text.firstIndex(of: "=") else {
            throw DefinitionError(form, column: segment.column, length: segment.text.count)
        }
        let left = Piece(text: String(segment.text[..<equals]), column: segment.column)
        let tokens = try tokens(of: left)
        guard tokens.count == 3, tokens[0].token.kind == .identifier("d"), tokens[1].token.kind == .slash,
              case .identifier(let dp) = tokens[2].token.kind, dp.count >= 2, dp.hasPrefix("d") else {
            throw DefinitionError(form, column: tokens.first?.column ?? segment.column, length: max(1, left.text.count))
        }
        let column = segment.column + segment.text.distance(from: segment.text.startIndex, to: equals) + 1
        return Rule(parameter: String(dp.dropFirst()), parameterColumn: tokens[2].column + 1,
                    expression: Piece(text: String(segment.text[segment.text.index(after: equals)...]), column: column))
    }

    /// The definition's function, its body parsed with `registry`.
    func build(in registry: FunctionRegistry) throws(DefinitionError) -> CustomFunction {
        let body = try DefinitionText.parse(self.body, in: registry, what: "body")
        do {
            return try CustomFunction(name: name, parameters: parameters, body: body)
        } catch {
            throw DefinitionText.locate(error, in: self.body)
        }
    }

    /// Parses the explicit rules (which may call any function of
    /// `registry`, `function` included) and installs them.
    func installRules(on function: CustomFunction, in registry: FunctionRegistry) throws(DefinitionError) {
        var given = [Expression?](repeating: nil, count: parameters.count)
        for rule in rules {
            guard let k = parameters.firstIndex(of: rule.parameter) else {
                throw DefinitionError(.unknownRuleParameter(function: name, parameter: rule.parameter,
                                                            suggestion: CustomFunction.plausibleMatch(for: rule.parameter, among: parameters)),
                                      column: rule.parameterColumn, length: rule.parameter.count)
            }
            guard given[k] == nil else {
                throw DefinitionError(.duplicateRule(function: name, parameter: rule.parameter),
                                      column: rule.parameterColumn, length: rule.parameter.count)
            }
            let expression = try DefinitionText.parse(rule.expression, in: registry, what: "rule for d/d\(rule.parameter)")
            var one = [Expression?](repeating: nil, count: parameters.count)
            one[k] = expression
            do {
                try function.setRules(one)
            } catch {
                throw DefinitionText.locate(error, in: rule.expression)
            }
            given[k] = expression
        }
    }

    /// Parses a body or rule, moving parse errors to the definition's columns.
    private static func parse(_ piece: Piece, in registry: FunctionRegistry, what: String) throws(DefinitionError) -> Expression {
        guard !piece.text.allSatisfy(\.isWhitespace) else {
            throw DefinitionError(.malformed("the \(what) after '=' is empty"), column: piece.column)
        }
        do {
            return try Expression(parsing: piece.text, functions: registry)
        } catch {
            throw DefinitionError(.syntax(error.kind), column: piece.column - 1 + error.column, length: error.length)
        }
    }

    /// Puts an unknown-variable error at the variable's first use in `piece`.
    private static func locate(_ error: DefinitionError, in piece: Piece) -> DefinitionError {
        guard case .unknownVariable(_, let variable, _, _) = error.kind,
              let use = (try? tokens(of: piece, stoppingAtErrors: true))?.enumerated().first(where: { k, item in
                  item.token.kind == .identifier(variable)
              }) else { return error.located(at: piece.column, length: piece.text.count) }
        return error.located(at: use.element.column, length: variable.count)
    }

    /// The calls `name(` in `piece`, with their columns.
    static func calls(in piece: Piece) -> [(name: String, column: Int)] {
        let tokens = (try? self.tokens(of: piece, stoppingAtErrors: true)) ?? []
        var result: [(name: String, column: Int)] = []
        for (k, item) in tokens.enumerated() where k + 1 < tokens.count && tokens[k + 1].token.kind == .leftParenthesis {
            if case .identifier(let name) = item.token.kind { result.append((name, item.column)) }
        }
        return result
    }

    /// The tokens of `piece` with their columns in the whole definition.
    private static func tokens(of piece: Piece, stoppingAtErrors: Bool = false) throws(DefinitionError) -> [(token: Token, column: Int)] {
        var lexer = Lexer(piece.text)
        var result: [(token: Token, column: Int)] = []
        while true {
            let token: Token
            do {
                token = try lexer.next()
            } catch {
                if stoppingAtErrors { return result }
                throw DefinitionError(.syntax(error.kind), column: piece.column - 1 + error.column, length: error.length)
            }
            if token.kind == .end { return result }
            result.append((token, piece.column - 1 + lexer.column(ofByte: token.offset)))
        }
    }

    /// `text` split at the `;`s outside parentheses.
    private static func segments(of text: String) -> [Piece] {
        var pieces: [Piece] = []
        var current = "", start = 1, column = 1, depth = 0
        for character in text {
            if character == "(" { depth += 1 } else if character == ")" { depth = max(0, depth - 1) }
            if character == ";" && depth == 0 {
                pieces.append(Piece(text: current, column: start))
                current = ""
                start = column + 1
            } else {
                current.append(character)
            }
            column += 1
        }
        pieces.append(Piece(text: current, column: start))
        return pieces
    }
}

extension DefinitionText {
    /// Runs `body`, marking a ``DefinitionError`` it throws as coming from
    /// definition `index`.
    static func at<T>(_ index: Int, _ body: () throws(DefinitionError) -> T) throws(DefinitionError) -> T {
        do {
            return try body()
        } catch {
            var marked = error
            if marked.definitionIndex == nil { marked.definitionIndex = index }
            throw marked
        }
    }

    /// The order to build `definitions` in: every definition after the ones
    /// its body calls, otherwise in the given order.
    ///
    /// Depth-first with an explicit stack (no recursion). A body that calls
    /// back into a definition still being visited closes a cycle, reported
    /// as ``DefinitionError/Kind/recursive(_:)`` at the call that starts it.
    ///
    /// - Parameter index: The position of each definition by name.
    static func dependencyOrder(_ definitions: [DefinitionText], index: [String: Int]) throws(DefinitionError) -> [Int] {
        // The batch's functions each body calls, with the call's column.
        let calls: [[(target: Int, column: Int)]] = definitions.map { definition in
            DefinitionText.calls(in: definition.body).compactMap { call in
                index[call.name].map { (target: $0, column: call.column) }
            }
        }
        enum State { case unvisited, visiting, done }
        var state = [State](repeating: .unvisited, count: definitions.count)
        var order: [Int] = []
        for root in definitions.indices where state[root] == .unvisited {
            var stack: [(node: Int, next: Int)] = [(root, 0)]
            state[root] = .visiting
            while let (node, next) = stack.last {
                guard next < calls[node].count else {
                    stack.removeLast()
                    state[node] = .done
                    order.append(node)
                    continue
                }
                stack[stack.count - 1].next = next + 1
                let target = calls[node][next].target
                switch state[target] {
                case .done:
                    continue
                case .unvisited:
                    state[target] = .visiting
                    stack.append((target, 0))
                case .visiting:
                    // The cycle runs from `target` on the stack to `node`, then back.
                    let start = stack.firstIndex { $0.node == target }!
                    let cycle = stack[start...].map(\.node) + [target]
                    let first = stack[start]
                    let call = calls[first.node][first.next - 1]
                    let name = definitions[cycle[1]].name
                    throw DefinitionError(.recursive(cycle.map { definitions[$0].name }), column: call.column,
                                          length: name.count, definitionIndex: first.node)
                }
            }
        }
        return order
    }
}
