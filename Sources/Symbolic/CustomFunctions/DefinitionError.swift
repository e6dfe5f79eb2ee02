/// Why a user-defined function (``CustomFunction``, ``FunctionRegistry``)
/// could not be defined.
///
///     do {
///         var functions = FunctionRegistry()
///         try functions.define("sin(x) = x")
///     } catch {
///         print("error: \(error)")
///     }
///     // Prints "error: cannot redefine the built-in function 'sin' at column 1; choose another name"
///
/// Errors found in the text of a definition carry the column of the
/// offending text (see ``caretDiagnostic(for:)``); errors of definitions
/// built in Swift have no column.
public struct DefinitionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What is wrong with the definition.
    public enum Kind: Equatable, Sendable {
        /// The function's name is not an identifier.
        case invalidName(String)
        /// The name of a built-in function or alias (`sin`, `ln`, `pow`).
        case builtInName(String)
        /// The name of a constant (`pi`, `e`).
        case constantName(String)
        /// A parameter that is not an identifier.
        case invalidParameter(function: String, parameter: String)
        /// A parameter listed twice, as in `f(x, x)`.
        case duplicateParameter(function: String, parameter: String)
        /// A parameter named like a constant, as in `f(e) = e^2`.
        case constantParameter(function: String, parameter: String)
        /// A variable in the body or a rule that is not a parameter; `place`
        /// is `body` or `rule for d/dx`.
        case unknownVariable(function: String, variable: String, place: String, suggestion: String?)
        /// A rule list whose length is not the number of parameters.
        case ruleCount(function: String, expected: Int, given: Int)
        /// A rule `d/dz = ...` for a name that is not a parameter.
        case unknownRuleParameter(function: String, parameter: String, suggestion: String?)
        /// Two rules for the same parameter.
        case duplicateRule(function: String, parameter: String)
        /// Bodies that call each other in a cycle, listed from the first
        /// definition back to it: `["f", "g", "f"]`; `["f", "f"]` for a body
        /// that calls its own function.
        case recursive([String])
        /// A second definition of a name already defined.
        case duplicateDefinition(String)
        /// The text is not of the form `name(parameters) = body`.
        case malformed(String)
        /// The body or a rule does not parse; the error's own column is
        /// replaced by the column in the whole definition.
        case syntax(ParseError.Kind)
    }

    /// What is wrong.
    public let kind: Kind
    /// The 1-based column in the definition's text, or `nil` for a
    /// definition built in Swift.
    public let column: Int?
    /// The number of characters the problem spans (at least 1 with a column).
    public let length: Int
    /// For ``FunctionRegistry/define(_:)-([String])``: the 0-based index of
    /// the definition at fault.
    public internal(set) var definitionIndex: Int?

    /// Creates an error of `kind`, optionally located in the definition text.
    public init(_ kind: Kind, column: Int? = nil, length: Int = 1, definitionIndex: Int? = nil) {
        self.kind = kind
        self.column = column
        self.length = max(1, length)
        self.definitionIndex = definitionIndex
    }

    /// The same error located at `column` (unless it already has a column).
    func located(at column: Int, length: Int) -> DefinitionError {
        guard self.column == nil else { return self }
        return DefinitionError(kind, column: column, length: length, definitionIndex: definitionIndex)
    }

    /// The problem and how to fix it, without a position.
    public var message: String {
        let (problem, hint) = parts
        return hint.map { "\(problem); \($0)" } ?? problem
    }

    /// The problem with its column, written to follow `error: `.
    public var description: String {
        if case .syntax(let parseKind) = kind, let column {
            return ParseError(parseKind, column: column, length: length).description
        }
        let (problem, hint) = parts
        let located = column.map { "\(problem) at column \($0)" } ?? problem
        return hint.map { "\(located); \($0)" } ?? located
    }

    /// The definition's text with a caret under the problem (as
    /// ``ParseError/caretDiagnostic(for:)``), or `nil` without a column.
    public func caretDiagnostic(for text: String) -> String? {
        column.map { ParseError(.emptyInput, column: $0, length: length).caretDiagnostic(for: text) }
    }

    private var parts: (problem: String, hint: String?) {
        func q(_ s: String) -> String { ParseError.quoted(s) }
        switch kind {
        case .invalidName(let name):
            return ("\(q(name)) is not a valid function name", "use letters, digits and '_', starting with a letter")
        case .builtInName(let name):
            return ("cannot redefine the built-in function \(q(name))", "choose another name")
        case .constantName(let name):
            return ("cannot define \(q(name)), which is a constant", "choose another name")
        case .invalidParameter(let function, let parameter):
            return ("\(q(parameter)) is not a valid parameter name of \(q(function))", "parameters are names such as x or u1")
        case .duplicateParameter(let function, let parameter):
            return ("parameter \(q(parameter)) of \(q(function)) is listed twice", "give each parameter a different name")
        case .constantParameter(let function, let parameter):
            return ("parameter \(q(parameter)) of \(q(function)) would hide the constant \(parameter)",
                    "choose another name")
        case .unknownVariable(let function, let variable, let place, let suggestion):
            let problem = "the \(place) of \(q(function)) uses \(q(variable)), which is not a parameter"
            if let suggestion { return (problem, "did you mean \(q(suggestion))?") }
            return (problem, "add it to the parameters of \(q(function))")
        case .ruleCount(let function, let expected, let given):
            return ("\(q(function)) has \(expected) parameter\(expected == 1 ? "" : "s") but \(given) derivative rule\(given == 1 ? " was" : "s were") given",
                    "give one rule per parameter")
        case .unknownRuleParameter(let function, let parameter, let suggestion):
            let problem = "\(q(parameter)) is not a parameter of \(q(function))"
            if let suggestion { return (problem, "did you mean 'd/d\(suggestion)'?") }
            return (problem, "write the rules as d/dPARAMETER = expression")
        case .duplicateRule(let function, let parameter):
            return ("\(q(function)) has two rules for d/d\(parameter)", "give one rule per parameter")
        case .recursive(let cycle):
            if cycle.count <= 2 {
                return ("the body of \(q(cycle.first ?? "")) calls \(q(cycle.first ?? "")) itself",
                        "a body cannot be recursive; define the function by other functions")
            }
            return ("recursive definitions: \(cycle.joined(separator: " -> "))",
                    "a body cannot call a function whose body calls it back")
        case .duplicateDefinition(let name):
            return ("\(q(name)) is defined twice", "give each function one definition")
        case .malformed(let reason):
            return ("malformed definition", reason)
        case .syntax(let parseKind):
            let message = ParseError(parseKind, column: column ?? 1).message
            return (message, nil)
        }
    }
}

extension CustomFunction {
    /// Checks the name and parameters of a definition.
    static func validate(name: String, parameters: [String]) throws(DefinitionError) {
        guard isIdentifier(name) else { throw DefinitionError(.invalidName(name)) }
        guard FunctionTable.namedConstant(name) == nil else { throw DefinitionError(.constantName(name)) }
        guard FunctionTable.callee(named: name) == nil else { throw DefinitionError(.builtInName(name)) }
        var seen: Set<String> = []
        for parameter in parameters {
            guard isIdentifier(parameter) else {
                throw DefinitionError(.invalidParameter(function: name, parameter: parameter))
            }
            guard FunctionTable.namedConstant(parameter) == nil else {
                throw DefinitionError(.constantParameter(function: name, parameter: parameter))
            }
            guard seen.insert(parameter).inserted else {
                throw DefinitionError(.duplicateParameter(function: name, parameter: parameter))
            }
        }
    }

    /// Fails on a variable of `expression` that is not a parameter.
    static func checkVariables(of expression: Expression, in name: String, parameters: [String],
                               what place: String) throws(DefinitionError) {
        for variable in expression.variables where !parameters.contains(variable) {
            throw DefinitionError(.unknownVariable(function: name, variable: variable, place: place,
                                                   suggestion: plausibleMatch(for: variable, among: parameters)))
        }
    }

    /// The closest of `candidates` to `word`, unless reaching it would mean
    /// rewriting the word entirely (so `x` does not suggest `u`).
    static func plausibleMatch(for word: String, among candidates: [String]) -> String? {
        guard let match = closestMatch(to: word, in: candidates) else { return nil }
        return editDistance(word.lowercased(), match.lowercased()) < min(word.count, match.count)
            ? match : nil
    }

    /// A letter or `_`, then ASCII letters, digits or `_` (the lexer's names).
    static func isIdentifier(_ name: String) -> Bool {
        guard let first = name.utf8.first, first == UInt8(ascii: "_") || (first | 0x20) >= 97 && (first | 0x20) <= 122
        else { return false }
        return name.utf8.allSatisfy { c in
            c == UInt8(ascii: "_") || (c >= 48 && c <= 57) || ((c | 0x20) >= 97 && (c | 0x20) <= 122)
        }
    }
}
