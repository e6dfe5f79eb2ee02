import Foundation
import Testing
@testable import Symbolic

@Suite("Derivatives")
struct DerivativeTests {
    let f = x * x * y + y + 2
    let x1 = Expr.variable("x1"), x2 = Expr.variable("x2")

    @Test func courseNotesGoldenValues() throws {
        #expect(f.derivative(withRespectTo: "x").description == "2*x*y")
        #expect(f.derivative(withRespectTo: "y").description == "x^2 + 1")
        let point: [String: Double] = ["x": 3, "y": 4]
        #expect(try f.gradient().map { try $0.evaluate(at: point) } == [24, 10])
        #expect(try f.hessian().map { try $0.map { try $0.evaluate(at: point) } } == [[8, 6], [6, 0]])

        let g = log(x1) + x1 * x2 - sin(x2)
        let values = try g.gradient(withRespectTo: ["x1", "x2"]).map { try $0.evaluate(at: ["x1": 2, "x2": 5]) }
        #expect(values[0] == 5.5)
        expectClose(values[1], 1.7163378145367738, relativeTolerance: 1e-15)
    }

    @Test func smallCanonicalResults() {
        #expect(pow(sin(x), 2).derivative(withRespectTo: "x").description == "2*cos(x)*sin(x)")
        #expect(f.derivative(withRespectTo: "z") == 0)
        #expect(x.derivative(withRespectTo: "x") == 1)
        #expect(pow(x, 5).derivative(withRespectTo: "x", order: 3).description == "60*x^2")
        #expect(f.derivative(withRespectTo: "x", order: 0) == f)
        #expect(pow(x, 2).derivative(withRespectTo: "x", order: 7) == 0)
    }

    struct RuleCase: CustomTestStringConvertible, Sendable {
        let function: Expr
        let derivative: String
        var testDescription: String { "d/dx \(function)" }
    }

    static let rules: [RuleCase] = [
        RuleCase(function: sin(x), derivative: "cos(x)"),
        RuleCase(function: cos(x), derivative: "-sin(x)"),
        RuleCase(function: tan(x), derivative: "tan(x)^2 + 1"),
        RuleCase(function: asin(x), derivative: "1/sqrt(1 - x^2)"),
        RuleCase(function: acos(x), derivative: "-1/sqrt(1 - x^2)"),
        RuleCase(function: atan(x), derivative: "1/(x^2 + 1)"),
        RuleCase(function: atan2(y, x), derivative: "-y/(x^2 + y^2)"),
        RuleCase(function: atan2(x, y), derivative: "y/(x^2 + y^2)"),
        RuleCase(function: sinh(x), derivative: "cosh(x)"),
        RuleCase(function: cosh(x), derivative: "sinh(x)"),
        RuleCase(function: tanh(x), derivative: "1 - tanh(x)^2"),
        RuleCase(function: exp(x), derivative: "exp(x)"),
        RuleCase(function: log(x), derivative: "1/x"),
        RuleCase(function: log(x, 2), derivative: "1/(x*log(2))"),
        RuleCase(function: log(2, x), derivative: "-log(2)/(x*log(x)^2)"),
        RuleCase(function: log1p(x), derivative: "1/(x + 1)"),
        RuleCase(function: expm1(x), derivative: "exp(x)"),
        RuleCase(function: sqrt(x), derivative: "1/(2*sqrt(x))"),
        RuleCase(function: abs(x), derivative: "sign(x)"),
        RuleCase(function: sign(x), derivative: "0"),
        RuleCase(function: step(x), derivative: "0"),
        RuleCase(function: sigmoid(x), derivative: "sigmoid(x)*(1 - sigmoid(x))"),
        RuleCase(function: relu(x), derivative: "step(x)"),
        RuleCase(function: softplus(x), derivative: "sigmoid(x)"),
        RuleCase(function: max(x, y), derivative: "(sign(x - y) + 1)/2"),
        RuleCase(function: min(x, y), derivative: "(1 - sign(x - y))/2"),
        RuleCase(function: pow(x, y), derivative: "x^(y - 1)*y"),
        RuleCase(function: pow(y, x), derivative: "y^x*log(y)"),
        RuleCase(function: pow(x, x), derivative: "x^x*log(x) + x^x"),
        RuleCase(function: Expr.e ** x, derivative: "e^x"),
        RuleCase(function: x / y, derivative: "1/y"),
        RuleCase(function: y / x, derivative: "-y/x^2"),
        RuleCase(function: x * sin(x), derivative: "x*cos(x) + sin(x)"),
        RuleCase(function: sin(cos(exp(x))), derivative: "-cos(cos(exp(x)))*exp(x)*sin(exp(x))"),
        RuleCase(function: exp(sin(x * x)), derivative: "2*x*cos(x^2)*exp(sin(x^2))"),
        RuleCase(function: 1 / (1 + exp(-x)), derivative: "exp(-x)/(exp(-x) + 1)^2"),
    ]

    @Test(arguments: rules) func ruleTable(_ rule: RuleCase) throws {
        let d = rule.function.derivative(withRespectTo: "x")
        #expect(d.description == rule.derivative)
        // And the value agrees with forward-mode dual numbers at a generic point.
        let point = ["x": 0.37, "y": 1.41]
        let dual = try rule.function.evaluate(at: ["x": Dual(0.37, derivative: 1), "y": Dual(1.41)])
        expectClose(try d.evaluate(at: point), dual.derivative, relativeTolerance: 1e-13)
    }

    @Test func nonSmoothConventions() throws {
        func slope(_ e: Expr, at v: Double) throws -> Double {
            try e.derivative(withRespectTo: "x").evaluate(at: ["x": v, "y": v])
        }
        #expect(try slope(abs(x), at: 0) == 0)
        #expect(try slope(abs(x), at: -2) == -1)
        #expect(try slope(relu(x), at: 0) == 0)
        #expect(try slope(relu(x), at: 1e-300) == 1)
        #expect(try slope(sign(x), at: 0) == 0)
        #expect(try slope(max(x, y), at: 1) == 0.5)
        #expect(try slope(min(x, y), at: 1) == 0.5)
        // max + min = x + y, for derivatives too, at ties and away from them.
        for (a, b) in [(1.0, 1.0), (2.0, -3.0), (-3.0, 2.0)] {
            let p = ["x": a, "y": b]
            let dMax = try max(x, y).derivative(withRespectTo: "x").evaluate(at: p)
            let dMin = try min(x, y).derivative(withRespectTo: "x").evaluate(at: p)
            #expect(dMax + dMin == 1)
        }
    }

    @Test func stablePrimitivesHaveStableDerivatives() throws {
        #expect(try softplus(x).derivative(withRespectTo: "x").evaluate(at: ["x": 1000]) == 1)
        #expect(try softplus(x).derivative(withRespectTo: "x").evaluate(at: ["x": -1000]) == 0)
        #expect(try sigmoid(x).derivative(withRespectTo: "x").evaluate(at: ["x": -1000]) == 0)
        #expect(try sigmoid(x).derivative(withRespectTo: "x").evaluate(at: ["x": 1000]) == 0)
        #expect(try softplus(x).derivative(withRespectTo: "x", order: 2).evaluate(at: ["x": 1000]) == 0)
    }

    @Test func jacobianSkipsAbsentVariables() throws {
        let j = Expr.jacobian(of: [x * y, sin(x), z + 1], withRespectTo: ["x", "y", "z"])
        #expect(j.map { $0.map(\.description) } == [["y", "x", "0"], ["cos(x)", "0", "0"], ["0", "0", "1"]])
    }

    @Test func hessianIsSymmetricByConstructionAndSparse() {
        let h = (x * y * z + sin(x) * cos(y)).hessian(withRespectTo: ["x", "y", "z", "w"])
        for i in 0..<4 {
            for j in 0..<4 { #expect(h[i][j] == h[j][i]) }
        }
        #expect(h[3] == [0, 0, 0, 0])
        #expect(h[2][2] == 0)
        let entries = (x * y * z).hessianEntries(withRespectTo: ["x", "y", "z"])
        #expect(entries.map { [$0.row, $0.column] } == [[1, 0], [2, 0], [2, 1]])
    }

    @Test func hessianVectorProductAndDirectionalDerivative() throws {
        let v: [Expr] = [2, -1]
        let hv = f.hessianVectorProduct(withRespectTo: ["x", "y"], direction: v)
        let point: [String: Double] = ["x": 3, "y": 4]
        #expect(try hv.map { try $0.evaluate(at: point) } == [8 * 2 + 6 * -1, 6 * 2])
        let dd = f.directionalDerivative(withRespectTo: ["x", "y"], along: v)
        #expect(try dd.evaluate(at: point) == 24 * 2 - 10)
        let dual = try f.evaluate(at: ["x": Dual(3, derivative: 2), "y": Dual(4, derivative: -1)])
        #expect(dual.derivative == 38)
    }

    /// The power tower x^x^…^x: each level's adjoint merges like factors
    /// `x^a * x^b`, whose exponents are themselves towers. Comparing them
    /// must not walk the tower level by level (that made the gradient
    /// quadratic in the depth). The derivative's graph stays a small
    /// constant number of nodes per level, and its value at 1 is 1.
    @Test func powerTowerDerivativeIsLinearInTheDepth() throws {
        let x = Expr.variable("x")
        var tower = x
        for _ in 1..<3000 { tower = .power(x, tower) }
        let d = tower.derivative(withRespectTo: "x")
        #expect(d.topologicallySortedNodes().count <= 7 * 3000)
        #expect(try d.evaluate(at: ["x": 1]) == 1)
        // Equal-base powers order by the exponent's height before its structure.
        let (t2, t3) = (Expr.power(x, x), Expr.power(x, Expr.power(x, x)))
        #expect(CanonicalOrder.compare(.power(x, t3), .power(x, t2)) == 1)
    }
}
