import Foundation
import Testing
@testable import Symbolic

/// The variadic and classification functions (`logsumexp`, variadic
/// `max`/`min`, `select`, `delta`, `leaky_relu`) and the library's softmax
/// helpers: exact values at extreme logits, derivative conventions, and
/// seeded property tests against dual numbers, finite differences and the
/// compiled programs.
@Suite("Classification functions")
struct ClassificationFunctionTests {
    static let logits = (0..<3).map { Expr.variable("z\($0)") }
    static let label = Expr.variable("y")

    // MARK: - Values

    @Test func logsumexpIsExactAtExtremeLogits() throws {
        #expect(Function.logsumexp.evaluate([1000, 1000]) == 1000 + log(2.0))
        #expect(Function.logsumexp.evaluate([-1000, -1000]) == -1000 + log(2.0))
        #expect(Function.logsumexp.evaluate([-1000, 1000]) == 1000)
        #expect(Function.logsumexp.evaluate([1000, 1000, 1000]) == 1000 + log(3.0))
        #expect(Function.logsumexp.evaluate([0, 0]) == log(2.0))
        #expect(Function.logsumexp.evaluate([-.infinity, -.infinity]) == -.infinity)
        #expect(Function.logsumexp.evaluate([-.infinity, 3]) == 3)
        #expect(Function.logsumexp.evaluate([.infinity, 3]) == .infinity)
        #expect(Function.logsumexp.evaluate([.nan, 3]).isNaN)
        #expect(Function.logsumexp.evaluate([2, .nan]).isNaN)
    }

    /// No overflow, no NaN; within rounding of the logits' magnitude (the
    /// value is `logsumexp - z_y`, so at |z| = 1000 its absolute error is
    /// an ulp of 1000, about 1e-13; the slopes are softmax − one-hot).
    @Test func crossEntropyIsStableAtPlusMinus1000() throws {
        let loss = softmaxCrossEntropy(logits: Array(Self.logits.prefix(2)), label: Self.label)
        let gradient = loss.gradient(withRespectTo: ["z0", "z1"])
        let f = try CompiledFunction([loss] + gradient, variables: ["z0", "z1", "y"])
        let cases: [(logits: [Double], y: Double, value: Double, slope: [Double])] = [
            ([1000, -1000], 0, 0, [0, 0]), ([1000, -1000], 1, 2000, [1, -1]),
            ([-1000, 1000], 0, 2000, [-1, 1]), ([1000, 1000], 1, log(2.0), [0.5, -0.5]),
        ]
        for (logits, y, value, slope) in cases {
            let point = ["z0": logits[0], "z1": logits[1], "y": y]
            let values = try ([loss] + gradient).map { try $0.evaluate(at: point) }
            for (actual, expected) in zip(values, [value] + slope) {
                expectClose(actual, expected, absoluteTolerance: 2.3e-13)
            }
            #expect(f(logits + [y]) == values)
        }
    }

    @Test func selectPicksByAnIntegerIndexAndIsNaNOtherwise() throws {
        let e = select(Self.label, from: Self.logits)
        let cases: [(index: Double, expected: Double)] = [(0, 10), (1, 11), (2, 12), (-0.0, 10), (3, .nan), (-1, .nan),
                                                          (0.5, .nan), (.nan, .nan), (.infinity, .nan)]
        for (index, expected) in cases {
            let point = ["y": index, "z0": 10, "z1": 11, "z2": 12]
            let value = try e.evaluate(at: point)
            #expect(compilationSame(value, expected), "select(\(index), …)")
            let compiled = try e.compile(variables: ["y", "z0", "z1", "z2"])([index, 10, 11, 12])[0]
            #expect(compilationSame(compiled, expected))
        }
        // A constant index picks at construction; an out-of-range one stays.
        #expect(select(1, from: Self.logits) == Self.logits[1])
        #expect(select(3, from: Self.logits).description == "select(3, z0, z1, z2)")
    }

    @Test func deltaAndLeakyRelu() throws {
        #expect(Function.delta.evaluate(2, 2) == 1)
        #expect(Function.delta.evaluate(2, 3) == 0)
        #expect(Function.delta.evaluate(0, -0.0) == 1)
        #expect(Function.delta.evaluate(.nan, 1).isNaN)
        #expect(kroneckerDelta(x, x) == 1)
        #expect(kroneckerDelta(2, 3) == 0)
        #expect(Function.leakyRelu.evaluate(-2, 0.01) == -0.02)
        #expect(Function.leakyRelu.evaluate(3, 0.01) == 3)
        #expect(Function.leakyRelu.evaluate(.nan, 0.01).isNaN)
        #expect(leakyRelu(-2) == .constant(.rational(Rational(-1, 50)!)))
        #expect(try leakyRelu(x).evaluate(at: ["x": -3]) == -0.03)
    }

    @Test func oneArgumentCallsAreTheirArgument() throws {
        #expect(max([x]) == x)
        #expect(min([x]) == x)
        #expect(logsumexp([x]) == x)
        #expect(max([1, 3, Expr(Rational(7, 2)!.doubleValue)]) == Expr(3.5))
        #expect(min([1, 3, .constant(.rational(Rational(1, 2)!))]) == .constant(.rational(Rational(1, 2)!)))
    }

    // MARK: - Text, LaTeX, JSON

    @Test(arguments: [
        ("logsumexp(z0, z1, z2)", "\\operatorname{logsumexp}\\left(z_{0}, z_{1}, z_{2}\\right)"),
        ("select(y, z0, z1)", "\\operatorname{select}\\left(y, z_{0}, z_{1}\\right)"),
        ("delta(y, 2)", "\\left[y = 2\\right]"),
        ("leaky_relu(x)", "\\operatorname{leaky\\_relu}\\left(x\\right)"),
        ("leaky_relu(x, a)", "\\operatorname{leaky\\_relu}\\left(x, a\\right)"),
        ("max(x, y, z)", "\\max\\left(x, y, z\\right)"),
        ("min(x, y, 0)", "\\min\\left(x, y, 0\\right)"),
    ])
    func printsAndParsesBack(text: String, latex: String) throws {
        let e = try Expr(parsing: text)
        #expect(e.description == text)
        #expect(e.latex == latex)
        #expect(try Expr(parsing: e.description) == e)
        #expect(try JSONDecoder().decode(Expr.self, from: JSONEncoder().encode(e)) == e)
    }

    @Test func leakyReluSpellings() throws {
        #expect(try Expr(parsing: "leaky_relu(x, 1/100)") == Expr(parsing: "leaky_relu(x)"))
        #expect(try Expr(parsing: "leaky_relu(x, 0.01)").description == "leaky_relu(x, 0.01)")
        #expect(leakyRelu(x, slope: 0.2).description == "leaky_relu(x, 0.2)")
    }

    // MARK: - Derivative rules and conventions

    @Test func derivativeRules() throws {
        let lse = logsumexp(Self.logits)
        #expect(lse.derivative(withRespectTo: "z1") == exp(Self.logits[1] - lse))
        let ce = softmaxCrossEntropy(logits: Self.logits, label: Self.label)
        #expect(ce.description == "logsumexp(z0, z1, z2) - select(y, z0, z1, z2)")
        #expect(ce.derivative(withRespectTo: "z2").description == "exp(z2 - logsumexp(z0, z1, z2)) - delta(y, 2)")
        #expect(ce.derivative(withRespectTo: "y") == 0)
        let a = Expr.variable("a")
        #expect(leakyRelu(x, slope: a).derivative(withRespectTo: "x") == a + (1 - a) * step(x))
        #expect(leakyRelu(x, slope: a).derivative(withRespectTo: "a") == x - relu(x))
        #expect(leakyRelu(x).derivative(withRespectTo: "x").description == "99*step(x)/100 + 1/100")
        #expect(kroneckerDelta(x, y).derivative(withRespectTo: "x") == 0)
    }

    /// At a tie, the arguments attaining the extremum share the derivative
    /// equally (½/½ for two, as before; ⅓ each for three).
    @Test func tiesShareTheDerivativeEqually() throws {
        let f = max([x, y, z]), g = min([x, y, z])
        let cases: [(point: [Double], maxSlopes: [Double], minSlopes: [Double])] = [
            ([1.0, 1, 1], [1.0 / 3, 1.0 / 3, 1.0 / 3], [1.0 / 3, 1.0 / 3, 1.0 / 3]),
            ([2, 2, 1], [0.5, 0.5, 0], [0, 0, 1]),
            ([0, 3, -1], [0, 1, 0], [0, 0, 1]),
        ]
        for (point, maxSlopes, minSlopes) in cases {
            let p = ["x": point[0], "y": point[1], "z": point[2]]
            let symbolicMax = try f.gradient(withRespectTo: ["x", "y", "z"]).map { try $0.evaluate(at: p) }
            let symbolicMin = try g.gradient(withRespectTo: ["x", "y", "z"]).map { try $0.evaluate(at: p) }
            #expect(symbolicMax == maxSlopes)
            #expect(symbolicMin == minSlopes)
            for (k, v) in ["x", "y", "z"].enumerated() {
                var seeded: [String: Dual] = [:]
                for w in ["x", "y", "z"] { seeded[w] = Dual(p[w]!, derivative: w == v ? 1 : 0) }
                #expect(try f.evaluate(at: seeded).derivative == maxSlopes[k])
                #expect(try g.evaluate(at: seeded).derivative == minSlopes[k])
            }
        }
        // Two arguments keep their rule: (1 ± sign(a - b))/2.
        #expect(max(x, y).derivative(withRespectTo: "x").description == "(sign(x - y) + 1)/2")
    }

    @Test func leakyReluSlopeAtZeroIsTheSlope() throws {
        let a = Expr.variable("a")
        let f = leakyRelu(x, slope: a)
        let point = ["x": 0.0, "a": 0.2]
        #expect(try f.derivative(withRespectTo: "x").evaluate(at: point) == 0.2)
        #expect(try f.evaluate(at: ["x": Dual(0, derivative: 1), "a": Dual(0.2)]).derivative == 0.2)
        #expect(try f.evaluate(at: ["x": Dual(-3), "a": Dual(0.2, derivative: 1)]).derivative == -3)
    }

    /// log(eˣ + eʸ): f' = p, f'' = p(1 − p), f''' = p(1 − p)(1 − 2p) with p = sigmoid(x − y).
    @Test func higherOrderDerivativesOfLogsumexp() throws {
        let f = logsumexp([x, y])
        for (a, b) in [(0.3, -0.2), (1000.0, 999.0), (-1000, -1001.5)] {
            let p = 1 / (1 + exp(b - a))
            let point = ["x": a, "y": b]
            expectClose(try f.derivative(withRespectTo: "x", order: 1).evaluate(at: point), p, relativeTolerance: 1e-13)
            expectClose(try f.derivative(withRespectTo: "x", order: 2).evaluate(at: point), p * (1 - p), relativeTolerance: 1e-12)
            expectClose(try f.derivative(withRespectTo: "x", order: 3).evaluate(at: point), p * (1 - p) * (1 - 2 * p),
                        relativeTolerance: 1e-11)
        }
    }

    @Test func hessianOfLogsumexpIsDiagPMinusPPTransposed() throws {
        let h = logsumexp(Self.logits).hessian(withRespectTo: ["z0", "z1", "z2"])
        let logits = [0.5, -1.25, 1000.0 - 999.0]
        let point = ["z0": logits[0], "z1": logits[1], "z2": logits[2]]
        let total = logits.map(exp).reduce(0, +)
        let p = logits.map { exp($0) / total }
        for i in 0..<3 {
            for j in 0..<3 {
                expectClose(try h[i][j].evaluate(at: point), (i == j ? p[i] : 0) - p[i] * p[j], absoluteTolerance: 1e-15)
            }
        }
    }

    /// The gradient of a C-class cross-entropy has O(C) distinct nodes.
    @Test func gradientGraphsStayLinearInTheNumberOfClasses() throws {
        for classes in [10, 100] {
            let logits = (0..<classes).map { Expr.variable("z\($0)") }
            let loss = softmaxCrossEntropy(logits: logits, label: Self.label)
            let gradient = loss.gradient(withRespectTo: logits.map(\.description))
            let nodes = Expr.sum(gradient.enumerated().map { Expr.variable("g\($0.offset)") * $0.element }).nodeCount
            #expect(nodes < 12 * classes, "\(nodes) nodes for \(classes) classes")
        }
    }

    // MARK: - Library helpers

    @Test func softmaxHelpers() throws {
        let logits = [Expr.variable("a"), .variable("b"), .variable("c")]
        let point = ["a": 1000.0, "b": 999.0, "c": -1000.0]
        let probabilities = try softmax(logits).map { try $0.evaluate(at: point) }
        expectClose(probabilities.reduce(0, +), 1, relativeTolerance: 1e-13)
        expectClose(probabilities[0], 1 / (1 + exp(-1.0)), relativeTolerance: 1e-13)
        #expect(probabilities[2] == 0)
        let logs = try logSoftmax(logits).map { try $0.evaluate(at: point) }
        expectClose(logs[2], -2000 - log1p(exp(-1.0)), relativeTolerance: 1e-15)
        let hard = softmaxCrossEntropy(logits: logits, label: 1)
        let soft = softmaxCrossEntropy(logits: logits, probabilities: [0, 1, 0])
        expectClose(try soft.evaluate(at: point), try hard.evaluate(at: point), relativeTolerance: 1e-15)
        expectClose(try hard.evaluate(at: point), 1 + log1p(exp(-1.0)), absoluteTolerance: 2.3e-13)
    }
}
