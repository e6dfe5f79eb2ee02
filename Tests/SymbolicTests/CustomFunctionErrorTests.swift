import Testing
@testable import Symbolic

/// Bad definitions are errors that name the problem and point at it.
@Suite("Custom function errors")
struct CustomFunctionErrorTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let definitions: [String]
        let kind: DefinitionError.Kind
        let column: Int?
        let index: Int
        var testDescription: String { definitions.joined(separator: " | ") }

        init(_ definitions: [String], _ kind: DefinitionError.Kind, column: Int?, index: Int = 0) {
            self.definitions = definitions
            self.kind = kind
            self.column = column
            self.index = index
        }
    }

    static let cases: [Case] = [
        Case(["sin(x) = x"], .builtInName("sin"), column: 1),
        Case(["ln(x) = x"], .builtInName("ln"), column: 1),
        Case(["pow(a, b) = a*b"], .builtInName("pow"), column: 1),
        Case(["pi(x) = x"], .constantName("pi"), column: 1),
        Case(["f(x, x) = x"], .duplicateParameter(function: "f", parameter: "x"), column: 6),
        Case(["f(e) = e^2"], .constantParameter(function: "f", parameter: "e"), column: 3),
        Case(["f(2) = 3"], .invalidParameter(function: "f", parameter: "2"), column: 3),
        Case(["f(x) = f(x) + 1"], .recursive(["f", "f"]), column: 8),
        Case(["f(x) = g(x) + 1", "g(y) = 2*f(y)"], .recursive(["f", "g", "f"]), column: 8),
        Case(["a(x) = b(x)", "b(x) = c(x)", "c(x) = a(x)^2"], .recursive(["a", "b", "c", "a"]), column: 8),
        Case(["f(x) = x + y"], .unknownVariable(function: "f", variable: "y", place: "body", suggestion: nil), column: 12),
        Case(["f(rate) = rte^2"], .unknownVariable(function: "f", variable: "rte", place: "body", suggestion: "rate"), column: 11),
        Case(["P3(u) = u^3", "f(u) = P4(u)"], .syntax(.unknownFunction("P4", suggestion: "P3")), column: 8, index: 1),
        Case(["f(x) = x; d/dy = 1"], .unknownRuleParameter(function: "f", parameter: "y", suggestion: nil), column: 14),
        Case(["f(x) = x; d/dx = 1; d/dx = 2"], .duplicateRule(function: "f", parameter: "x"), column: 24),
        Case(["f(x) = x; d/dx = y"], .unknownVariable(function: "f", variable: "y", place: "rule for d/dx", suggestion: nil),
             column: 18),
        Case(["f(x) = x", "f(y) = y"], .duplicateDefinition("f"), column: 1, index: 1),
        Case(["f(x) = 2*(x"], .syntax(.unbalancedParenthesis("(")), column: 10),
        Case(["f(x) = P3(x, x)", "P3(u) = u^3"], .syntax(.wrongArgumentCount(function: "P3", expected: 1...1, given: 2)),
             column: 8),
    ]

    @Test(arguments: cases)
    func badDefinitionsAreLocatedErrors(_ example: Case) {
        var functions = FunctionRegistry()
        do {
            try functions.define(example.definitions)
            Issue.record("no error for \(example.definitions)")
        } catch {
            #expect(error.kind == example.kind)
            #expect(error.column == example.column)
            #expect(error.definitionIndex == example.index)
        }
        #expect(functions.isEmpty, "a failed definition defines nothing")
    }

    @Test func malformedDefinitionsSayHowToWriteThem() {
        for text in ["f(x)", "f x = 1", "= x", "f(x) = ", "f(x,) = x", "f(x) = x; dx = 1"] {
            var functions = FunctionRegistry()
            #expect(throws: DefinitionError.self, "\(text)") { try functions.define(text) }
        }
        var functions = FunctionRegistry()
        do {
            try functions.define("f(x) = x; dx = 1")
        } catch {
            #expect(error.description == "malformed definition at column 11; write a derivative rule as d/dPARAMETER = expression, e.g. d/dx = 2*x")
        }
    }

    @Test func messagesNameTheProblemAndTheFix() throws {
        var functions = FunctionRegistry()
        do {
            try functions.define(["f(x) = g(x)", "g(x) = f(x)"])
        } catch {
            #expect(error.message == "recursive definitions: f -> g -> f; a body cannot call a function whose body calls it back")
            #expect(error.caretDiagnostic(for: "f(x) = g(x)") == "  f(x) = g(x)\n         ^")
        }
        do {
            try functions.define("sin(x) = x")
        } catch {
            #expect(error.description == "cannot redefine the built-in function 'sin' at column 1; choose another name")
        }
        try functions.define("P3(u) = u^3")
        #expect(throws: ParseError(.wrongArgumentCount(function: "P3", expected: 1...1, given: 2), column: 1, length: 8)) {
            try Expression(parsing: "P3(x, y)", functions: functions)
        }
        #expect(throws: ParseError(.unknownFunction("P4", suggestion: "P3"), column: 1, length: 2)) {
            try Expression(parsing: "P4(x)", functions: functions)
        }
    }

    @Test func swiftDefinitionsAreCheckedToo() {
        let u = Expression.variable("u")
        #expect(throws: DefinitionError(.builtInName("exp"))) {
            try CustomFunction(name: "exp", parameters: ["u"], body: u)
        }
        #expect(throws: DefinitionError(.ruleCount(function: "f", expected: 1, given: 2))) {
            try CustomFunction(name: "f", parameters: ["u"], evaluate: { $0[0] }) { _ in [u, u] }
        }
        #expect(throws: DefinitionError(.invalidName("2f"))) {
            try CustomFunction(name: "2f", parameters: ["u"], body: u)
        }
    }
}
