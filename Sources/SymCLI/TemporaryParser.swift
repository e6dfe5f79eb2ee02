import Symbolic

// TEMPORARY: a minimal operator-precedence parser so the CLI can be built and
// tested before `Expression(parsing:)` lands on main. Delete this file when
// switching `ExpressionReader` to the library parser.

struct TemporaryParseError: Error {
    var message: String
    var column: Int
    var length: Int = 1
}

enum TemporaryParser {
    private enum Token { case number(Double, exact: Int?), name(String), symbol(Character), power, end }

    private enum Pending { case binary(Character), negate, open(function: String?, arguments: Int, column: Int) }

    static func parse(_ text: String) throws(TemporaryParseError) -> Expression {
        let chars = Array(text)
        var tokens: [(Token, Int)] = []
        var i = 0
        while i < chars.count {
            let c = chars[i], column = i + 1
            if c == " " || c == "\t" || c == "\n" { i += 1; continue }
            if c.isNumber || c == "." {
                var j = i
                while j < chars.count, chars[j].isNumber || chars[j] == "." { j += 1 }
                if j < chars.count, chars[j] == "e" || chars[j] == "E" {
                    j += 1
                    if j < chars.count, chars[j] == "+" || chars[j] == "-" { j += 1 }
                    while j < chars.count, chars[j].isNumber { j += 1 }
                }
                let s = String(chars[i..<j])
                guard let d = Double(s) else { throw TemporaryParseError(message: "invalid number '\(s)' at column \(column)", column: column, length: j - i) }
                tokens.append((.number(d, exact: s.allSatisfy(\.isNumber) ? Int(s) : nil), column))
                i = j
            } else if c.isLetter || c == "_" {
                var j = i
                while j < chars.count, chars[j].isLetter || chars[j].isNumber || chars[j] == "_" { j += 1 }
                tokens.append((.name(String(chars[i..<j])), column))
                i = j
            } else if c == "*" && i + 1 < chars.count && chars[i + 1] == "*" {
                tokens.append((.power, column)); i += 2
            } else if "+-*/^(),".contains(c) {
                tokens.append((c == "^" ? .power : .symbol(c), column)); i += 1
            } else {
                throw TemporaryParseError(message: "unexpected '\(c)' at column \(column)", column: column)
            }
        }
        tokens.append((.end, chars.count + 1))

        var values: [Expression] = []
        var pending: [Pending] = []
        var expectOperand = true
        func precedence(_ p: Pending) -> Int {
            switch p {
            case .binary("+"), .binary("-"): return 1
            case .binary("^"): return 4
            case .binary: return 2
            case .negate: return 3
            case .open: return 0
            }
        }
        func reduce() {
            switch pending.removeLast() {
            case .negate: values.append(-values.removeLast())
            case .binary(let op):
                let b = values.removeLast(), a = values.removeLast()
                switch op {
                case "+": values.append(a + b)
                case "-": values.append(a - b)
                case "*": values.append(a * b)
                case "/": values.append(a / b)
                default: values.append(.power(a, b))
                }
            case .open: break
            }
        }
        var t = 0
        while true {
            let (token, column) = tokens[t]
            t += 1
            func unexpected() -> TemporaryParseError {
                if case .end = token { return TemporaryParseError(message: "unexpected end of input at column \(column)", column: column) }
                let shown = String(text.dropFirst(column - 1).prefix(1))
                return TemporaryParseError(message: "unexpected '\(shown)' at column \(column)", column: column)
            }
            if expectOperand {
                switch token {
                case .number(let d, let exact):
                    values.append(exact.map { Expression.constant(.integer($0)) } ?? .constant(.real(d)))
                    expectOperand = false
                case .name(let name):
                    if case (.symbol("("), _) = tokens[t] {
                        t += 1
                        pending.append(.open(function: name, arguments: 1, column: column))
                    } else if name == "pi" { values.append(.pi); expectOperand = false }
                    else if name == "e" { values.append(.e); expectOperand = false }
                    else { values.append(.variable(name)); expectOperand = false }
                case .symbol("-"): pending.append(.negate)
                case .symbol("+"): break
                case .symbol("("): pending.append(.open(function: nil, arguments: 1, column: column))
                default: throw unexpected()
                }
                continue
            }
            switch token {
            case .symbol("+"), .symbol("-"), .symbol("*"), .symbol("/"), .power:
                let op: Character = { if case .symbol(let c) = token { return c }; return "^" }()
                let p = precedence(.binary(op))
                while let top = pending.last, precedence(top) > 0,
                      precedence(top) > p || (precedence(top) == p && op != "^") { reduce() }
                pending.append(.binary(op))
                expectOperand = true
            case .symbol(","), .symbol(")"), .end:
                while let top = pending.last, precedence(top) > 0 { reduce() }
                if case .end = token {
                    if let last = pending.last, case .open(_, _, let c) = last {
                        throw TemporaryParseError(message: "unclosed '(' at column \(c)", column: c)
                    }
                    return values.removeLast()
                }
                guard case .open(let function, let count, let c)? = pending.popLast() else { throw unexpected() }
                if case .symbol(",") = token {
                    guard function != nil else { throw unexpected() }
                    pending.append(.open(function: function, arguments: count + 1, column: c))
                    expectOperand = true
                    continue
                }
                if let function {
                    let arguments = Array(values.suffix(count))
                    values.removeLast(count)
                    guard let f = Function(rawValue: function == "ln" ? "log" : function), f.arity == count else {
                        throw TemporaryParseError(message: "unknown function '\(function)' at column \(c)", column: c, length: function.count)
                    }
                    values.append(.call(f, arguments))
                }
            default:
                throw unexpected()
            }
        }
    }
}
