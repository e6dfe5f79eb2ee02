import Foundation
import Testing
@testable import Symbolic
@testable import SymCLI

/// The course notes' trace of ln(x1) + x1*x2 - sin(x2) at (2, 5).
@Suite struct EvaluationTraceTests {
    static func notesTrace(tangent: String? = nil) throws -> EvaluationTrace {
        var order = WrittenOrder()
        let f = try Expr(parsing: "ln(x1) + x1*x2 - sin(x2)", writtenOrder: &order)
        return try f.evaluationTrace(at: ["x1": 2, "x2": 5], variables: ["x1", "x2"], tangentVariable: tangent, writtenOrder: order)
    }

    @Test func forwardRowsAreTheNotes() throws {
        let trace = try EvaluationTraceTests.notesTrace()
        #expect(trace.rows.map(\.name) == ["v-1", "v0", "v1", "v2", "v3", "v4", "v5"])
        #expect(trace.rows.map(\.definition) == ["x1", "x2", "ln(v-1)", "v-1 * v0", "sin(v0)", "v1 + v2", "v4 - v3"])
        #expect(trace.rows.map { EvaluationTrace.number($0.value) } == ["2", "5", "0.693", "10", "-0.959", "10.693", "11.652"])
        expectClose(trace.value, log(2) + 10 - sin(5), relativeTolerance: 1e-15)
    }

    @Test func reverseSweepEndsInTheGradient() throws {
        let trace = try EvaluationTraceTests.notesTrace()
        #expect(trace.adjoints.map { trace.rows[$0.row].name } == ["v5", "v4", "v3", "v2", "v1", "v0", "v-1"])
        expectClose(trace.gradient[0], 5.5, relativeTolerance: 1e-15)
        expectClose(trace.gradient[1], 2 - cos(5), relativeTolerance: 1e-15)
        #expect(EvaluationTrace.number(trace.gradient[1]) == "1.716")
        // v̄-1 = v̄1 ∂v1/∂v-1 + v̄2 ∂v2/∂v-1 = 1 * 0.5 + 1 * 5
        let first = trace.adjoints.last!
        #expect(first.contributions.map { trace.rows[$0.from].name } == ["v2", "v1"])
        #expect(first.contributions.map(\.partial) == [5, 0.5])
    }

    @Test func forwardTangentIsTheDerivative() throws {
        let trace = try EvaluationTraceTests.notesTrace(tangent: "x1")
        #expect(trace.rows.last!.tangent == 5.5)
        #expect(trace.rows.map { $0.tangent! } == [1, 0, 0.5, 5, 0, 5.5, 5.5])
    }

    @Test func sharedSubexpressionsAreOneRow() throws {
        let f = try Expr(parsing: "sin(x*y) + cos(x*y)*sin(x*y)")
        let trace = try f.evaluationTrace(at: ["x": 1, "y": 2], variables: ["x", "y"])
        #expect(trace.rows.filter { $0.definition == "v-1 * v0" }.count == 1)
        #expect(trace.rows.filter { $0.definition.hasPrefix("sin(") }.count == 1)
        let g = f.gradient(withRespectTo: ["x", "y"])
        expectClose(trace.gradient[0], try g[0].evaluate(at: ["x": 1, "y": 2]), relativeTolerance: 1e-12)
        expectClose(trace.gradient[1], try g[1].evaluate(at: ["x": 1, "y": 2]), relativeTolerance: 1e-12)
    }

    @Test func quotientsPowersAndNegativeCoefficients() throws {
        let f = try Expr(parsing: "-3*x/y^2 + x^3 - exp(-x)")
        let trace = try f.evaluationTrace(at: ["x": 1.5, "y": 0.5], variables: ["x", "y"])
        expectClose(trace.value, try f.evaluate(at: ["x": 1.5, "y": 0.5]), relativeTolerance: 1e-14)
        let g = f.gradient(withRespectTo: ["x", "y"])
        for k in 0..<2 { expectClose(trace.gradient[k], try g[k].evaluate(at: ["x": 1.5, "y": 0.5]), relativeTolerance: 1e-12) }
    }

    @Test func longTracesAreElidedWithACount() throws {
        var e = x
        for k in 1...60 { e = sin(e) + Expr(Double(k)) * x }
        let trace = try e.evaluationTrace(at: ["x": 0.3], variables: ["x"])
        let text = trace.formatted(.text, maximumRows: 20)
        #expect(text.contains("rows omitted"))
        #expect(text.split(separator: "\n").count < 60)
    }

    @Test func cliTextJSONAndErrors() throws {
        let text = runSym(["trace", "ln(x1) + x1*x2 - sin(x2)", "--at", "x1=2,x2=5"])
        #expect(text.status == 0)
        #expect(text.stdout.contains("v1    ln(v-1)     0.693"))
        #expect(text.stdout.contains("Gradient: df/dx1 = 5.5, df/dx2 = 1.716"))
        let json = runSym(["trace", "ln(x1) + x1*x2 - sin(x2)", "--at", "x1=2,x2=5", "--format", "json"])
        #expect(json.stdout.hasPrefix(#"{"forward": [{"node": "v-1", "definition": "x1", "value": 2}"#))
        #expect(json.stdout.contains(#"{"node": "v1", "definition": "ln(v-1)", "value": 0.6931471805599453}"#))
        #expect(json.stdout.contains(#""reverse": [{"node": "v5", "adjoint": 1, "contributions": []}"#))
        #expect(json.stdout.contains(#""gradient": {"x1": 5.5, "x2": 1.7163378145367738}"#))
        let forward = runSym(["trace", "ln(x1) + x1*x2 - sin(x2)", "--at", "x1=2,x2=5", "--mode", "forward", "--format", "json"])
        #expect(forward.stdout.contains(#"{"node": "v5", "definition": "v4 - v3", "value": 11.652071455223084, "tangent": 5.5}"#))
        #expect(!forward.stdout.contains("reverse"))
        let missing = runSym(["trace", "x*y", "--at", "x=1"])
        #expect(missing.status == 1 && missing.stderr.contains("error: no value for 'y'"))
        let badMode = runSym(["trace", "x", "--at", "x=1", "--mode", "sideways"])
        #expect(badMode.status == 64)
    }
}
