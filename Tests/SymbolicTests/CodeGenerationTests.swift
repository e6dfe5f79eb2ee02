import Foundation
import Testing
@testable import Symbolic

/// Generated source: layout, text, errors, and size linear in the graph.
@Suite struct CodeGenerationTests {
    @Test func cFunctionForTheNotesExample() throws {
        let f = try Expr(parsing: "ln(x1) + x1*x2 - sin(x2)")
        let code = try Expr.generateCode(for: [f], variables: ["x1", "x2"], language: .c, name: "f", derivatives: .gradient)
        #expect(code.outputLabels == ["f", "df/dx1", "df/dx2"])
        #expect(code.source.contains("#include <math.h>"))
        #expect(code.source.contains("void f(const double *restrict in, double *restrict out)\n{"))
        #expect(code.source.contains(" = log(in[0]);"))
        #expect(code.source.contains("out[2] = "))
        #expect(!code.source.contains("M_PI"))
    }

    @Test func layoutOfHessians() throws {
        let f = try Expr(parsing: "x^2*y + z")
        let dense = try Expr.generateCode(for: [f], variables: ["x", "y", "z"], language: .python, derivatives: .hessian(sparse: false))
        #expect(dense.outputCount == 1 + 3 + 6)
        #expect(dense.hessianRows == [0, 1, 1, 2, 2, 2] && dense.hessianColumns == [0, 0, 1, 0, 1, 2])
        let sparse = try Expr.generateCode(for: [f], variables: ["x", "y", "z"], language: .c, derivatives: .hessian(sparse: true))
        #expect(sparse.hessianRows == [0, 1] && sparse.hessianColumns == [0, 0])
        #expect(sparse.source.contains("const int f_hessian_rows[2] = {0, 1};"))
        #expect(sparse.outputLabels.suffix(2) == ["d2f/dx^2", "d2f/dydx"])
    }

    @Test func severalExpressionsGiveTheJacobian() throws {
        let outputs = [x * y, x + y * y]
        let code = try Expr.generateCode(for: outputs, variables: ["x", "y"], language: .swift, name: "g", derivatives: .gradient)
        #expect(code.outputLabels == ["f1", "f2", "df1/dx", "df1/dy", "df2/dx", "df2/dy"])
        #expect(code.source.contains("func g(_ input: [Double]) -> [Double] {"))
    }

    @Test func sharedSubexpressionsAreTemporariesOnce() throws {
        // The tree doubles at every step; the graph grows by a few nodes.
        var e = x
        for _ in 0..<40 { e = sin(e) * e + e }
        #expect(e.treeSize > 1 << 40)
        let code = try Expr.generateCode(for: [e], variables: ["x"], language: .c, derivatives: .gradient)
        #expect(code.temporaryCount < 400)
        #expect(code.source.count < 40_000)
    }

    @Test func constantsAreExactAndNeverMacros() throws {
        let f = try Expr(parsing: "pi*x + 1e-300*x - 2.5")
        let c = try Expr.generateCode(for: [f], variables: ["x"], language: .c).source
        #expect(c.contains("3.141592653589793") && c.contains("1e-300") && !c.contains("M_PI"))
        let py = try Expr.generateCode(for: [f], variables: ["x"], language: .python).source
        #expect(py.contains("import math") && py.contains("def f(inp):"))
    }

    @Test func errors() throws {
        let f = try Expr(parsing: "x*y")
        #expect(throws: CodeGenerationError.unknownVariable("y")) {
            try Expr.generateCode(for: [f], variables: ["x"], language: .c)
        }
        #expect(throws: CodeGenerationError.invalidName("double")) {
            try Expr.generateCode(for: [f], variables: ["x", "y"], language: .c, name: "double")
        }
        #expect(throws: CodeGenerationError.invalidName("2f")) {
            try Expr.generateCode(for: [f], variables: ["x", "y"], language: .numpy, name: "2f")
        }
        #expect(throws: CodeGenerationError.hessianOfSeveralExpressions(2)) {
            try Expr.generateCode(for: [f, f], variables: ["x", "y"], language: .c, derivatives: .hessian(sparse: false))
        }
        #expect(throws: CodeGenerationError.duplicateVariable("x")) {
            try Expr.generateCode(for: [f], variables: ["x", "x", "y"], language: .c)
        }
    }
}
