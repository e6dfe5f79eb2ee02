import Foundation
import Testing
@testable import SymCLI

/// Seeded property test of `--define`: on random expressions that call
/// defined functions, `sym grad`, `sym hessian` and `sym diff --order 3`
/// print the same values as on the same expressions with the bodies
/// written inline.
@Suite("CLI --define properties")
struct CLIDefinePropertyTests {
    /// Each definition, and its body as a template with `{k}` for argument k.
    static let definitions: [(name: String, text: String, inline: String, arity: Int)] = [
        ("P3", "P3(u) = 0.5*(5*u^3 - 3*u)", "0.5*(5*({0})^3 - 3*({0}))", 1),
        ("lse", "lse(a, b) = log(exp(a) + exp(b))", "log(exp({0}) + exp({1}))", 2),
        ("g", "g(u, v) = sin(u)*v + u^2/(1 + v^2)", "sin({0})*({1}) + ({0})^2/(1 + ({1})^2)", 2),
        ("h", "h(w) = g(w, P3(w)) + sqrt(1 + w^2)",
         "sin({0})*(0.5*(5*({0})^3 - 3*({0}))) + ({0})^2/(1 + (0.5*(5*({0})^3 - 3*({0})))^2) + sqrt(1 + ({0})^2)", 1),
        ("sg", "sg(t) = 1/(1 + exp(-t)); d/dt = sg(t)*(1 - sg(t))", "1/(1 + exp(-({0})))", 1),
    ]
    static let atoms = ["x", "y", "x*y", "sin(x)", "x - y/3", "cos(y)", "1/2", "2*x + 1"]

    struct Generator {
        var random: SeededGenerator

        mutating func pair(depth: Int) -> (custom: String, inline: String) {
            if depth == 0 || Int.random(in: 0..<4, using: &random) == 0 {
                let atom = atoms.randomElement(using: &random)!
                return ("(\(atom))", "(\(atom))")
            }
            switch Int.random(in: 0..<5, using: &random) {
            case 0:
                let (a, b) = (pair(depth: depth - 1), pair(depth: depth - 1))
                return ("\(a.custom)*\(b.custom)", "\(a.inline)*\(b.inline)")
            case 1:
                let (a, b) = (pair(depth: depth - 1), pair(depth: depth - 1))
                return ("\(a.custom) - \(b.custom)", "\(a.inline) - \(b.inline)")
            default:
                let d = definitions.randomElement(using: &random)!
                let arguments = (0..<d.arity).map { _ in pair(depth: depth - 1) }
                var inline = d.inline
                for (k, a) in arguments.enumerated() { inline = inline.replacingOccurrences(of: "{\(k)}", with: a.inline) }
                return ("\(d.name)(\(arguments.map(\.custom).joined(separator: ", ")))", "(\(inline))")
            }
        }
    }

    /// The numbers under "values" in `sym ... --format json` output, flattened.
    static func values(_ arguments: [String]) throws -> [Double] {
        let result = runSym(arguments + ["--format", "json"])
        try #require(result.status == 0, "\(arguments): \(result)")
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
        func flatten(_ v: Any) -> [Double] {
            if let list = v as? [Any] { return list.flatMap(flatten) }
            return [(v as? NSNumber)?.doubleValue ?? .nan]
        }
        return flatten(object["values"] ?? object["value"]!)
    }

    @Test(arguments: 0..<2)
    func definedFunctionsDifferentiateLikeTheirInlineBodies(batch: UInt64) throws {
        var generator = Generator(random: SeededGenerator(seed: 9100 + batch))
        let defines = Self.definitions.flatMap { ["--define", $0.text] }
        for _ in 0..<15 {
            let (custom, inline) = generator.pair(depth: 2)
            let x = Double.random(in: -1...1, using: &generator.random), y = Double.random(in: -1...1, using: &generator.random)
            let at = ["--at", "x=\(x),y=\(y)", "--wrt", "x,y"]
            for command in [["grad"], ["hessian", "--raw"], ["diff", "--order", "3", "--raw"]] {
                let wrt = command[0] == "diff" ? ["--at", "x=\(x),y=\(y)", "--wrt", "x"] : at
                let a = try Self.values(command + [custom] + wrt + defines)
                let b = try Self.values(command + [inline] + wrt)
                try #require(a.count == b.count)
                for (u, v) in zip(a, b) {
                    #expect(abs(u - v) <= 1e-8 * max(1, abs(v)), "\(command[0]) \(custom) vs \(inline): \(u) vs \(v)")
                }
            }
        }
    }
}
