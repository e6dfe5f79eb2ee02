import Foundation
import Testing
@testable import Symbolic

/// Random expressions that combine the variadic and classification
/// functions with the smooth ones of ``RandomExpressions``; `k` is an
/// integer-valued variable used as a class label.
struct ClassificationExpressions {
    var random: RandomExpressions
    static let variables = ["x", "y", "z"]

    init(seed: UInt64) { random = RandomExpressions(seed: seed) }

    mutating func expression(depth: Int) -> Expr {
        let count = Int.random(in: 2...4, using: &random.generator)
        let arguments = (0..<count).map { _ in random.expression(depth: depth) }
        let label = Expr.variable("k")
        switch Int.random(in: 0..<8, using: &random.generator) {
        case 0: return logsumexp(arguments)
        case 1: return max(arguments) * arguments[0]
        case 2: return min(arguments) + sin(arguments[1])
        case 3: return select(label, from: arguments) * logsumexp(arguments)
        case 4: return leakyRelu(arguments[0], slope: sigmoid(arguments[1]))
        case 5: return softmaxCrossEntropy(logits: arguments, label: label)
        case 6: return .sum(zip(softmax(arguments), arguments).map { $0 * $1 })
        default: return logSoftmax(arguments)[0] * leakyRelu(arguments[1]) + kroneckerDelta(label, 1) * arguments[0]
        }
    }

    /// x, y, z in [-1.5, 1.5] and a label k in 0…1 (every generated select has ≥ 2 choices).
    mutating func point() -> [String: Double] {
        var p = random.point()
        p["k"] = Double(Int.random(in: 0...1, using: &random.generator))
        return p
    }
}

@Suite("Classification function properties")
struct ClassificationPropertyTests {
    static let variables = ClassificationExpressions.variables

    static func dualGradient(_ f: Expr, at point: [String: Double]) throws -> [Double] {
        try variables.map { v in
            var seeded = point.mapValues { Dual($0) }
            seeded[v] = Dual(point[v]!, derivative: 1)
            return try f.evaluate(at: seeded).derivative
        }
    }

    /// Gradients agree with dual numbers everywhere and with central
    /// differences wherever the function is smooth near the point (away
    /// from kinks, which random points avoid with probability one).
    @Test(arguments: 0..<3)
    func gradientsAgreeWithDualsAndFiniteDifferences(batch: UInt64) throws {
        var random = ClassificationExpressions(seed: 7000 + batch)
        for _ in 0..<40 {
            let f = random.expression(depth: 2)
            let point = random.point()
            let gradient = f.gradient(withRespectTo: Self.variables)
            let symbolic = try gradient.map { try $0.evaluate(at: point) }
            let dual = try Self.dualGradient(f, at: point)
            for i in 0..<3 { expectClose(symbolic[i], dual[i], relativeTolerance: 1e-9, "∂/∂\(Self.variables[i]) of \(f)") }
            let numeric = try f.numericalGradient(withRespectTo: Self.variables, at: point, richardson: true)
            for i in 0..<3 {
                expectClose(symbolic[i], numeric[i], relativeTolerance: 1e-5, "∂/∂\(Self.variables[i]) of \(f) (differences)")
            }
        }
    }

    /// Hessian entries agree with dual numbers on the gradient, and the
    /// third derivative along x with dual numbers on the second.
    @Test func hessiansAndThirdDerivativesAgreeWithDuals() throws {
        var random = ClassificationExpressions(seed: 7100)
        for _ in 0..<25 {
            let f = random.expression(depth: 1)
            let point = random.point()
            let gradient = f.gradient(withRespectTo: Self.variables)
            let hessian = f.hessian(withRespectTo: Self.variables)
            for i in 0..<3 {
                let fromDuals = try Self.dualGradient(gradient[i], at: point)
                for j in 0..<3 {
                    expectClose(try hessian[i][j].evaluate(at: point), fromDuals[j], relativeTolerance: 1e-9, "H[\(i)][\(j)] of \(f)")
                }
            }
            let second = f.derivative(withRespectTo: "x", order: 2)
            let third = second.derivative(withRespectTo: "x")
            expectClose(try third.evaluate(at: point), try Self.dualGradient(second, at: point)[0], relativeTolerance: 1e-9)
        }
    }

    /// The compiled scalar and batched programs give the tree evaluator's
    /// values and gradients bit for bit (up to the sign of a zero, as
    /// ``CompilationPropertyTests``), also at extreme and non-finite
    /// inputs and at integer labels. (The compilation generator exercises
    /// every lowering path but not `tanh`, whose compiled form differs by ulps.)
    @Test func compiledProgramsMatchTheEvaluatorBitForBit() throws {
        let inputs = ["x", "y", "k"]
        for seed in 0..<40 {
            var generator = CompilationExpressionGenerator(seed: UInt64(7200 + seed), inputs: inputs)
            let arguments = (0..<3).map { _ in generator.expression(depth: 2) }
            let label = Expr.variable("k")
            let f: Expr
            switch seed % 4 {
            case 0: f = softmaxCrossEntropy(logits: arguments, label: label)
            case 1: f = max(arguments) - min(arguments) + logsumexp(arguments)
            case 2: f = .sum(zip(softmax(arguments), arguments).map { $0 * $1 }) + leakyRelu(arguments[0], slope: arguments[1])
            default: f = select(label, from: arguments) * kroneckerDelta(label, 1)
            }
            let outputs = [f] + f.gradient(withRespectTo: inputs)
            let compiled = try CompiledFunction(outputs, variables: inputs)
            var rows = (0..<8).map { _ in generator.values(2) + [Double(Int.random(in: 0...2, using: &generator.random))] }
            rows += [[1000, -1000, 1], [-1000, -1000, 0], [.infinity, 1, 2], [-.infinity, .nan, 0], [0.5, 0.5, 1.5]]
            let batched = try compiled.batched(over: .variables, chunkSize: [1, 4, 64][seed % 3]).evaluate(points: rows, shared: [])
            for (row, batchRow) in zip(rows, batched) {
                let expected = compilationTreeValues(outputs, inputs, row)
                let scalar = compiled(row)
                for k in outputs.indices {
                    #expect(compilationSame(scalar[k], expected[k]), "output \(k) of \(f) at \(row)")
                    #expect(compilationIdentical(batchRow[k], scalar[k]), "batched output \(k) of \(f) at \(row)")
                }
            }
        }
    }

    /// Printing reads back to the same expression.
    @Test func printedTextParsesBack() throws {
        var random = ClassificationExpressions(seed: 7300)
        for _ in 0..<60 {
            let f = random.expression(depth: 2)
            #expect(try Expr(parsing: f.description) == f, "\(f)")
            let g = f.derivative(withRespectTo: "x")
            #expect(try Expr(parsing: g.description) == g, "\(g)")
        }
    }
}
