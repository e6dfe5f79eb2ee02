import Foundation
import Testing
@testable import Symbolic

/// The common functions of issue 13 (log10, log2, asinh, acosh, atanh, cbrt,
/// hypot, erf, erfc, floor, ceil): values, exact folding, derivative rules
/// against dual numbers and finite differences, compiled programs, LaTeX,
/// the function catalog and the unknown-function hints.
@Suite("Common functions")
struct CommonFunctionTests {
    static let unary: [Function] = [.log10, .log2, .asinh, .acosh, .atanh, .cbrt, .erf, .erfc, .floor, .ceil]

    /// A point inside each function's domain, away from jumps.
    static func inside(_ f: Function) -> Double {
        switch f {
        case .acosh: return 1.75
        case .atanh: return -0.4
        case .log10, .log2: return 3.3
        case .floor, .ceil: return 2.4
        default: return -0.7
        }
    }

    @Test func valuesAreTheCLibrary() throws {
        for f in Self.unary {
            for v in [-2.5, -1, -0.3, 0, 0.5, 1, 1.5, 8, 1000, .infinity, .nan] {
                let expected: Double
                switch f {
                case .log10: expected = Foundation.log10(v)
                case .log2: expected = Foundation.log2(v)
                case .asinh: expected = Foundation.asinh(v)
                case .acosh: expected = Foundation.acosh(v)
                case .atanh: expected = Foundation.atanh(v)
                case .cbrt: expected = Foundation.cbrt(v)
                case .erf: expected = Foundation.erf(v)
                case .erfc: expected = Foundation.erfc(v)
                case .floor: expected = Foundation.floor(v)
                default: expected = Foundation.ceil(v)
                }
                #expect(compilationIdentical(try Expr.call(f, [x]).evaluate(at: ["x": v]), expected), "\(f)(\(v))")
            }
        }
        #expect(Function.hypot.evaluate(3, 4) == 5)
        #expect(Function.hypot.evaluate(1e300, 1e300) == 1e300 * 2.0.squareRoot())
    }

    @Test func exactFolding() throws {
        let cases: [(String, String)] = [
            ("log10(1000)", "3"), ("log10(1/100)", "-2"), ("log2(8)", "3"), ("log2(1/8)", "-3"), ("log2(1)", "0"),
            ("log(8, 2)", "3"), ("log(27, 3)", "3"), ("log(8, 4)", "3/2"), ("log(1/9, 3)", "-2"), ("log(2, 8)", "1/3"),
            ("log(7, 2)", "log2(7)"), ("log(x, 10)", "log10(x)"), ("log(x, 3)", "log(x)/log(3)"), ("log(x, e)", "log(x)"),
            ("cbrt(27/8)", "3/2"), ("cbrt(-8)", "-2"), ("cbrt(2)", "cbrt(2)"), ("hypot(3, 4)", "5"), ("hypot(1, 1)", "hypot(1, 1)"),
            ("floor(7/2)", "3"), ("floor(-7/2)", "-4"), ("ceil(7/2)", "4"), ("ceil(-7/2)", "-3"), ("floor(-3)", "-3"),
            ("asinh(0)", "0"), ("atanh(0)", "0"), ("acosh(1)", "0"), ("erf(0)", "0"), ("erfc(0)", "1"),
            ("floor(2.5)", "2.0"), ("log10(100.0)", "2.0"),
        ]
        for (input, printed) in cases {
            #expect(try Expr(parsing: input).description == printed, "\(input)")
        }
        #expect(try Expr(parsing: "log(x, 2)").evaluate(at: ["x": 8]) == 3)
        #expect(try Expr(parsing: "log(x, 10)").evaluate(at: ["x": 1e-300]) == -300)
    }

    @Test func derivativeRules() throws {
        let expected: [(Function, String)] = [
            (.log10, "1/(x*log(10))"), (.log2, "1/(x*log(2))"), (.asinh, "1/sqrt(x^2 + 1)"),
            (.acosh, "1/sqrt(x^2 - 1)"), (.atanh, "1/(1 - x^2)"), (.cbrt, "1/(3*cbrt(x)^2)"),
            (.erf, "2*exp(-x^2)/sqrt(pi)"), (.erfc, "-2*exp(-x^2)/sqrt(pi)"), (.floor, "0"), (.ceil, "0"),
        ]
        for (f, text) in expected {
            #expect(Expr.call(f, [x]).derivative(withRespectTo: "x").description == text, "\(f)")
        }
        #expect(hypotDerivative().description == "x/hypot(x, y)")
        // floor and ceil: 0 also at the jumps, in every evaluator.
        #expect(try Expr.call(.floor, [x]).evaluate(at: ["x": Dual(2, derivative: 1)]).derivative == 0)
    }

    private func hypotDerivative() -> Expr { Expr.call(.hypot, [x, y]).derivative(withRespectTo: "x") }

    /// Each function inside a chain: symbolic derivatives up to the third
    /// order against dual numbers, the first also against central differences.
    @Test(arguments: unary + [.hypot])
    func derivativesAgreeWithDualsAndDifferences(function: Function) throws {
        let u = x * Expr(0.5) + y * y * Expr(0.25)
        let f: Expr = function == .hypot ? .call(.hypot, [u, x - y]) * sin(y) : .call(function, [u]) * sin(y)
        var point = ["x": 2 * Self.inside(function), "y": 0.3]
        point["x"]! -= 2 * 0.25 * 0.09   // so that u is the inside point
        var order = f
        for _ in 0..<3 {
            let next = order.derivative(withRespectTo: "x")
            let dual = try order.evaluate(at: ["x": Dual(point["x"]!, derivative: 1), "y": Dual(point["y"]!)]).derivative
            expectClose(try next.evaluate(at: point), dual, relativeTolerance: 1e-9, "\(next)")
            order = next
        }
        let numeric = try f.numericalGradient(withRespectTo: ["x", "y"], at: point, richardson: true)
        let symbolic = try f.gradient(withRespectTo: ["x", "y"]).map { try $0.evaluate(at: point) }
        for i in 0..<2 { expectClose(symbolic[i], numeric[i], relativeTolerance: 1e-6) }
    }

    @Test func compiledProgramsMatchTheEvaluator() throws {
        let f = Expr.sum(Self.unary.map { Expr.call($0, [x]) * y }) + .call(.hypot, [x, y])
        let outputs = [f] + f.gradient(withRespectTo: ["x", "y"])
        let compiled = try CompiledFunction(outputs, variables: ["x", "y"])
        let rows: [[Double]] = [[0.5, 2], [-0.5, 1], [1.5, -3], [3, 0.25], [0, 0], [.infinity, 1], [.nan, 2]]
        let batched = try compiled.batched(over: .variables, chunkSize: 4).evaluate(points: rows, shared: [])
        for (row, batchRow) in zip(rows, batched) {
            let expected = compilationTreeValues(outputs, ["x", "y"], row)
            let scalar = compiled(row)
            for k in outputs.indices {
                #expect(compilationSame(scalar[k], expected[k]), "output \(k) at \(row)")
                #expect(compilationIdentical(batchRow[k], scalar[k]), "batched output \(k) at \(row)")
            }
        }
    }

    @Test func oddFunctionsSimplify() throws {
        #expect(try Expr(parsing: "erf(-x) + cbrt(-2*y) + asinh(-x) + atanh(-y)").simplified().description
                == "-asinh(x) - atanh(y) - cbrt(2*y) - erf(x)")
    }

    @Test func latexAndRoundTrips() throws {
        let cases: [(String, String)] = [
            ("log10(x)", "\\log_{10}\\left(x\\right)"), ("log2(x)", "\\log_{2}\\left(x\\right)"),
            ("asinh(x)", "\\operatorname{arsinh}\\left(x\\right)"), ("acosh(x)", "\\operatorname{arcosh}\\left(x\\right)"),
            ("atanh(x)", "\\operatorname{artanh}\\left(x\\right)"), ("cbrt(x)", "\\sqrt[3]{x}"),
            ("floor(x)", "\\left\\lfloor x\\right\\rfloor"), ("ceil(x)", "\\left\\lceil x\\right\\rceil"),
            ("erf(x)", "\\operatorname{erf}\\left(x\\right)"), ("erfc(x)", "\\operatorname{erfc}\\left(x\\right)"),
            ("hypot(x, y)", "\\operatorname{hypot}\\left(x, y\\right)"),
        ]
        for (text, latex) in cases {
            let e = try Expr(parsing: text)
            #expect(e.description == text)
            #expect(e.latex == latex)
            #expect(try JSONDecoder().decode(Expr.self, from: JSONEncoder().encode(e)) == e)
        }
    }

    /// `sym help functions` lists every function; the hint tables never
    /// shadow or point at a missing function.
    @Test func catalogAndHintTablesAreConsistent() throws {
        let listed = Set(Function.catalog.compactMap(\.function))
        #expect(listed == Set(Function.allCases))
        for signature in Function.catalog {
            let name = String(signature.usage.prefix { $0 != "(" })
            #expect(FunctionTable.callee(named: name) != nil, "\(signature.usage)")
            #expect(signature.summary.count <= 54, "\(signature.usage): summary wider than the help column")
        }
        for (alias, target) in UnknownFunctions.aliases {
            #expect(FunctionTable.callee(named: alias) == nil && FunctionTable.callee(named: target) != nil, "\(alias)")
        }
        for name in UnknownFunctions.rewrites.keys { #expect(FunctionTable.callee(named: name) == nil, "\(name)") }
    }
}
