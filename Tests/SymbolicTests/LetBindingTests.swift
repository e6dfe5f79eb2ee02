import Foundation
import Testing
@testable import Symbolic
@testable import SymCLI

/// The `let NAME = … in …` form: how the parser reads it, its errors, and
/// the round trip of expressions printed with shared temporaries.
@Suite struct LetBindingTests {
    struct ErrorCase: CustomTestStringConvertible, Sendable {
        let text: String
        let kind: ParseError.Kind
        let column: Int
        var testDescription: String { text }
    }

    @Test func bindingsStandForTheirNodes() throws {
        let e = try Expression(parsing: "let t1 = sin(x), t2 = t1*x in t1 + t2")
        #expect(e == (try Expression(parsing: "sin(x) + x*sin(x)")))
        // Spread over lines, as the printer writes it.
        let f = try Expression(parsing: "let a = x + 1,\n    b = a^2\nin b*a - b")
        #expect(f == (try Expression(parsing: "(x + 1)^3 - (x + 1)^2")))
    }

    @Test func letAndInAreOrdinaryNamesElsewhere() throws {
        #expect(try Expression(parsing: "let + in") == .variable("let") + .variable("in"))
        #expect(try Expression(parsing: "let*2 + in^2").variables == ["in", "let"])
        #expect(try Expression(parsing: "let t = in in t*in") == .variable("in") * .variable("in"))
    }

    @Test func listItemsHaveTheirOwnBindings() throws {
        let items = try Expression.parseList("let t = x + 1 in t^2; t; let t = y in t")
        #expect(items == [try Expression(parsing: "(x + 1)^2"), .variable("t"), .variable("y")])
        #expect(throws: ParseError(.missingIn(after: "t"), column: 10, length: 1)) {
            try Expression.parseList("let t = x; t")
        }
    }

    static let errorCases: [ErrorCase] = [
        ErrorCase(text: "let t1 = x, t1 = y in t1", kind: .duplicateBinding("t1"), column: 13),
        ErrorCase(text: "let t1 = t2, t2 = x in t1", kind: .bindingUsedAsVariable("t2"), column: 10),
        ErrorCase(text: "let t = t + 1 in t", kind: .bindingUsedAsVariable("t"), column: 9),
        ErrorCase(text: "let t1 = x, t2 = y in t2", kind: .unusedBinding("t1"), column: 5),
        ErrorCase(text: "let pi = x in pi", kind: .reservedBindingName("pi"), column: 5),
        ErrorCase(text: "let in = x in in", kind: .reservedBindingName("in"), column: 5),
        ErrorCase(text: "let t1 = x", kind: .missingIn(after: "t1"), column: 11),
        ErrorCase(text: "2*let t = x in t", kind: .misplacedLet, column: 3),
        ErrorCase(text: "(let t = x in t)", kind: .misplacedLet, column: 2),
        ErrorCase(text: "let t1 x in t1", kind: .expectedEquals(after: "t1"), column: 8),
        ErrorCase(text: "let t1 = x, 3 = y in t1", kind: .expectedBindingName(found: "3"), column: 13),
        ErrorCase(text: "let t1 = x,", kind: .expectedBindingName(found: ""), column: 12),
        ErrorCase(text: "x = 3", kind: .unexpectedToken("="), column: 3),
        ErrorCase(text: "let t = (x in y) in t", kind: .implicitMultiplication(left: "x", right: "in"), column: 12),
    ]

    @Test(arguments: errorCases)
    func errorsPointAtTheProblem(_ c: ErrorCase) {
        do {
            _ = try Expression(parsing: c.text)
            Issue.record("parsed \(c.text)")
        } catch {
            #expect(error.kind == c.kind)
            #expect(error.column == c.column)
        }
    }

    @Test func errorMessagesSayHowToFixThem() {
        #expect(ParseError(.unusedBinding("t1"), column: 5, length: 2).description
                == "'t1' is bound but never used at column 5; remove the binding")
        #expect(ParseError(.bindingUsedAsVariable("t2"), column: 10, length: 2).description
                == "'t2' is used before its binding at column 10; a binding may use only earlier bindings, "
                + "and a bound name cannot also be a variable")
        #expect(ParseError(.missingIn(after: "t1"), column: 11, length: 0).description
                == "expected ',' or 'in' after the binding of 't1' at column 11; end the bindings with 'in' and the expression")
    }

    @Test func longBindingListsParseWithoutRecursion() throws {
        let count = 50_000
        var text = "let t1 = sin(x)"
        for k in 2...count { text += ", t\(k) = sin(t\(k - 1))" }
        text += " in t\(count)*t1"
        let e = try Expression(parsing: text)
        #expect(e.nodeCount == count + 2)
    }

    @Test func hugeTreesRoundTripThroughTheirText() throws {
        var e = Expression.variable("x") * .variable("t1")
        for _ in 0..<40 { e = e * e + e + .variable("y") }
        #expect(e.treeSize > 1 << 40)
        #expect(e.printsWithSharing)
        #expect(e.description.hasPrefix("let u1 = "))
        #expect(try Expression(parsing: e.description) == e)
    }

    @Test func twentyFifthDerivativesRoundTrip() throws {
        for (text, form) in [("x^x", DerivativeForm.normalized), ("exp(sin(x))", .raw), ("sin(x)/(1 + x^2)", .normalized)] {
            let d = try Expression(parsing: text).derivative(withRespectTo: "x", order: 25, form: form)
            #expect(d.printsWithSharing, "\(text)")
            #expect(d.description.hasPrefix("let t1 = "), "\(text)")
            #expect(try Expression(parsing: d.description) == d, "\(text)")
        }
    }

    @Test func sharedDescriptionBindsEachSharedNodeOnce() {
        let x = Expression.variable("x"), y = Expression.variable("y")
        let u = sin(x) + 1
        let f = u * u * y + exp(u)
        #expect(f.sharedDescription == "let t1 = sin(x) + 1\nin y*t1^2 + exp(t1)")
        #expect(x.sharedDescription == "x")
    }

    @Test func temporaryNamesAvoidTheVariables() {
        #expect(Expression.temporaryPrefix(avoiding: ["x", "t", "tx", "t1a"]) == "t")
        #expect(Expression.temporaryPrefix(avoiding: ["t1"]) == "u")
        #expect(Expression.temporaryPrefix(avoiding: ["t_2", "u10", "w3", "s_1"]) == "tt")
        #expect(Expression.temporaryPrefix(avoiding: ["t_2", "u10", "w3", "s_1", "tt1", "ttt_4"]) == "tttt")
    }

    // MARK: - The CLI's output reads back

    @Test func diffOutputWithTemporariesReadsBack() throws {
        let expected = try Expression(parsing: "x^x").derivative(withRespectTo: "x", order: 25)
        let plain = runSym(["diff", "x^x", "--wrt", "x", "--order", "25"])
        #expect(plain.status == 0)
        #expect(try Expression(parsing: plain.stdout) == expected)
        // Labelled: the continuation lines align under the `let`.
        let labelled = runSym(["diff", "x^x*y", "--order", "25", "--raw"])
        let lines = labelled.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "d^25/dx^25 = let t1 = log(x),")
        #expect(lines[1] == "                 t2 = x^x,")
        let end = try #require(lines.firstIndex { $0.hasPrefix("d^25/dy^25 = ") })
        #expect(lines[end - 1].hasPrefix("             in "))
        let text = lines[0..<end].joined(separator: "\n").dropFirst("d^25/dx^25 = ".count)
        let raw = try Expression(parsing: "x^x*y").derivative(withRespectTo: "x", order: 25, form: .raw)
        #expect(try Expression(parsing: String(text)) == raw)
    }

    @Test func gradientOfAHugeInputReadsBack() throws {
        var text = "let t1 = x^2 + y"
        for k in 2...18 { text += ", t\(k) = t\(k - 1)^2 + t\(k - 1)" }
        text += " in t18^2 + y*t18"
        let f = try Expression(parsing: text)
        #expect(f.treeSize > 100_000)
        let result = runSym(["grad", "-", "--format", "json"], stdin: text)
        #expect(result.status == 0)
        struct Output: Decodable { let expressions: [String] }
        let output = try JSONDecoder().decode(Output.self, from: Data(result.stdout.utf8))
        let gradient = f.gradient(withRespectTo: ["x", "y"]).map { $0.normalized() }
        #expect(output.expressions.count == 2)
        #expect(output.expressions.allSatisfy { $0.hasPrefix("let ") })
        #expect(try output.expressions.map { try Expression(parsing: $0) } == gradient)
    }

    @Test func multiLineListInputKeepsALetTogether() throws {
        let derivative = runSym(["diff", "x^x", "--wrt", "x", "--order", "25"]).stdout
        let result = runSym(["jacobian", "-", "--format", "json"], stdin: derivative + "x^2*y\n")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("{\"variables\": [\"x\", \"y\"]"))
    }
}
