/// An error found while parsing the text of an expression.
///
/// Every error carries the position of the offending text, so that a tool can
/// point at it (see ``caretDiagnostic(for:)``):
///
///     do {
///         _ = try Expression(parsing: "2*(x+)")
///     } catch {
///         print("error: \(error)")
///         print(error.caretDiagnostic(for: "2*(x+)"))
///     }
///     // Prints:
///     // error: unexpected ')' at column 6
///     //   2*(x+)
///     //        ^
///
/// Columns count `Character`s (user-perceived characters), starting at 1, so
/// they stay correct for non-ASCII input such as `x + é`.
public struct ParseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: Equatable, Sendable {
        /// The input is empty or only whitespace.
        case emptyInput
        /// An item of a `;`-separated list is empty (as in `x;;y` or `x;`).
        case emptyListItem
        /// A character that is not part of the expression language.
        case unexpectedCharacter(Character)
        /// A token (operator, parenthesis, comma, semicolon) where it cannot
        /// appear; the associated value is the token's text.
        case unexpectedToken(String)
        /// The input ends where an operand is still needed; the associated
        /// value is the text of the last token.
        case unexpectedEnd(after: String)
        /// A parenthesis without a partner: `"("` for one that is never
        /// closed, `")"` for one that closes nothing.
        case unbalancedParenthesis(Character)
        /// A call of a name that is not a function, with the closest function
        /// name when there is a plausible one.
        case unknownFunction(String, suggestion: String?)
        /// A call of a well-known function the language does not have, as in
        /// `sec(x)`, with how to write it (`write 1/cos(...) for the secant`).
        case unavailableFunction(String, hint: String)
        /// A call of a named constant, as in `pi(2)`.
        case notAFunction(String)
        /// A call with the wrong number of arguments.
        case wrongArgumentCount(function: String, expected: ClosedRange<Int>, given: Int)
        /// Two operands next to each other, as in `2x` or `(x)(y)`; the
        /// associated values are the texts of the two tokens.
        case implicitMultiplication(left: String, right: String)
        /// A number literal too large for a `Double`, as in `1e999`.
        case numberOutOfRange(String)
        /// More nested parentheses and calls than the parser's limit.
        case nestedTooDeeply(limit: Int)
        /// `let NAME` somewhere other than the start of an expression.
        case misplacedLet
        /// Something other than a name where a `let` binding's name belongs;
        /// the associated value is the text found.
        case expectedBindingName(found: String)
        /// A `let` binding's name not followed by `=`.
        case expectedEquals(after: String)
        /// `pi`, `e`, `let` or `in` as the name of a binding.
        case reservedBindingName(String)
        /// A name bound twice in one `let`.
        case duplicateBinding(String)
        /// A name used as a variable in a `let` before it is bound, as in
        /// `let t1 = t2, t2 = x in t1` (bindings may use only earlier ones).
        case bindingUsedAsVariable(String)
        /// A `let` binding that neither a later binding nor the body uses.
        case unusedBinding(String)
        /// The input or item ends while `let` bindings are read: no `in`;
        /// the associated value is the name of the last binding.
        case missingIn(after: String)
    }

    /// What went wrong.
    public let kind: Kind
    /// The 1-based position, in `Character`s, of the start of the offending
    /// text; one past the last character for errors at the end of the input.
    public let column: Int
    /// The number of `Character`s of the offending text (0 for a position
    /// between characters, such as the end of the input).
    public let length: Int

    /// Creates an error of `kind` at `column` spanning `length` characters.
    public init(_ kind: Kind, column: Int, length: Int = 1) {
        self.kind = kind
        self.column = column
        self.length = length
    }

    /// The error without its position, such as
    /// `unknown function 'sine'; did you mean 'sin'?`.
    public var message: String {
        let (problem, hint) = parts
        return hint.map { "\(problem); \($0)" } ?? problem
    }

    /// The error with its position, written to follow `error: `, such as
    /// `unexpected ')' at column 6`.
    public var description: String {
        let (problem, hint) = parts
        let located = kind == .emptyInput ? problem : "\(problem) at column \(column)"
        return hint.map { "\(located); \($0)" } ?? located
    }

    /// The statement of the problem and, where there is one, how to fix it.
    private var parts: (problem: String, hint: String?) {
        switch kind {
        case .emptyInput:
            return ("empty input", "expected an expression")
        case .emptyListItem:
            return ("empty expression", "write an expression between the ';' separators")
        case .unexpectedCharacter(let character):
            return ("unexpected character \(ParseError.quoted(character))", ParseError.lookalikeHint(character))
        case .unexpectedToken(let token):
            switch token {
            case ",": return ("unexpected ','", "',' only separates the arguments of a function call")
            case ";": return ("unexpected ';'", "';' only separates the expressions of a list")
            case "=": return ("unexpected '='", "'=' only binds a name in 'let NAME = ... in ...'")
            default: return ("unexpected \(ParseError.quoted(token))", nil)
            }
        case .unexpectedEnd(let last):
            return ("unexpected end of input", "expected an operand after \(ParseError.quoted(last))")
        case .unbalancedParenthesis(let parenthesis):
            if parenthesis == "(" { return ("unclosed '('", "add a matching ')'") }
            return ("unmatched ')'", "remove it or add a matching '(' before it")
        case .unknownFunction(let name, let suggestion):
            let problem = "unknown function \(ParseError.quoted(name))"
            if let suggestion { return (problem, "did you mean \(ParseError.quoted(suggestion))?") }
            return (problem, "to multiply, write \(ParseError.shortened(name))*(...)")
        case .unavailableFunction(let name, let hint):
            return ("unknown function \(ParseError.quoted(name))", hint)
        case .notAFunction(let name):
            return ("cannot call the constant \(ParseError.quoted(name))", "to multiply, write \(name)*(...)")
        case .wrongArgumentCount(let function, let expected, let given):
            let takes: String
            switch expected.count {
            case _ where expected.upperBound == Int.max:
                takes = "at least \(ParseError.counted(expected.lowerBound, "argument"))"
            case 1: takes = ParseError.counted(expected.lowerBound, "argument")
            case 2: takes = "\(expected.lowerBound) or \(ParseError.counted(expected.upperBound, "argument"))"
            default: takes = "\(expected.lowerBound) to \(ParseError.counted(expected.upperBound, "argument"))"
            }
            let were = given == 1 ? "was" : "were"
            return ("wrong number of arguments",
                    "\(ParseError.shortened(function)) takes \(takes) but \(given) \(were) given")
        case .implicitMultiplication(let left, let right):
            return ("implicit multiplication is not supported",
                    ParseError.multiplicationHint(left: left, right: right))
        case .numberOutOfRange(let text):
            return ("number \(ParseError.shortened(text)) is too large",
                    "the largest finite number is about 1.8e308")
        case .nestedTooDeeply(let limit):
            return ("expression nested too deeply",
                    "at most \(limit) levels of parentheses and function calls are allowed")
        case .misplacedLet:
            return ("'let' can only begin an expression", "write 'let NAME = ... in ...' at the start")
        case .expectedBindingName(let found):
            let problem = found.isEmpty ? "expected a name to bind" : "expected a name to bind, found \(ParseError.quoted(found))"
            return (problem, "write 'let NAME = ... in ...'")
        case .expectedEquals(let name):
            return ("expected '=' after \(ParseError.quoted(name))", "write 'let NAME = ... in ...'")
        case .reservedBindingName(let name):
            return ("cannot bind \(ParseError.quoted(name))", "'pi', 'e', 'let' and 'in' are reserved; choose another name")
        case .duplicateBinding(let name):
            return ("\(ParseError.quoted(name)) is bound twice", "give each binding its own name")
        case .bindingUsedAsVariable(let name):
            return ("\(ParseError.quoted(name)) is used before its binding",
                    "a binding may use only earlier bindings, and a bound name cannot also be a variable")
        case .unusedBinding(let name):
            return ("\(ParseError.quoted(name)) is bound but never used", "remove the binding")
        case .missingIn(let name):
            return ("expected ',' or 'in' after the binding of \(ParseError.quoted(name))",
                    "end the bindings with 'in' and the expression")
        }
    }

    /// How to write the product the user probably meant.
    private static func multiplicationHint(left: String, right: String) -> String {
        let leftIsOperand = left != ")", rightIsOperand = right != "("
        guard leftIsOperand && rightIsOperand else { return "insert '*' before \(quoted(right))" }
        if FunctionTable.callee(named: left) != nil {
            return "write \(shortened(left))(\(shortened(right))) to call the function"
        }
        return "write \(shortened(left))*\(shortened(right))"
    }

    /// Common non-ASCII characters people paste from formatted text.
    private static func lookalikeHint(_ character: Character) -> String? {
        switch character {
        case "×", "·", "⋅", "∗", "✕": return "write '*' for multiplication"
        case "÷", "∕", "⁄": return "write '/' for division"
        case "−", "–", "—", "‐": return "write '-' for subtraction"
        case "²": return "write ^2 for a square"
        case "³": return "write ^3 for a cube"
        case "π": return "write pi"
        case "√": return "write sqrt(...)"
        default: return nil
        }
    }

    /// `'text'`, shortened when very long so that messages stay one line.
    static func quoted(_ text: String) -> String { "'\(shortened(text))'" }

    /// A character in quotes; control characters as `U+XXXX` so they show.
    static func quoted(_ character: Character) -> String {
        if let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1,
           scalar.value < 0x20 || scalar.value == 0x7F {
            let hex = String(scalar.value, radix: 16, uppercase: true)
            return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        }
        return "'\(character)'"
    }

    /// `text`, or its first 40 characters followed by `...`.
    static func shortened(_ text: String) -> String {
        text.count <= 40 ? text : text.prefix(40) + "..."
    }

    /// `1 argument`, `2 arguments`.
    private static func counted(_ count: Int, _ noun: String) -> String {
        count == 1 ? "1 \(noun)" : "\(count) \(noun)s"
    }
}
