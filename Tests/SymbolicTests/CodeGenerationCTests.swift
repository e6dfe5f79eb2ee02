import Foundation
import Testing
@testable import Symbolic

/// Generated C compiled with the system's C compiler (`cc -std=c99`,
/// warnings as errors) reproduces values, gradients and Hessians of a
/// corpus. Skipped when the machine has no C compiler.
@Suite struct CodeGenerationCTests {
    static let corpus = [
        "abs(x) + relu(y)*x", "max(x, y) - min(x, y, z)", "sigmoid(x*y) + softplus(z - x)",
        "atan2(y, x) * z", "logsumexp(x, y, z)", "hypot(x, y) + x^2.5 - sqrt(z^2 + 1)",
        "exp(x)*sin(y) + cos(x*z)/(1 + y^2)", "leaky_relu(x - y)^2 + step(z)*x", "tanh(x) * sign(y) + erf(z)",
        "log(1 + x^2) * cbrt(y) + log1p(z^2)", "softplus(1000*x) + sigmoid(-1000*y)", "(x - y)^3 * abs(z - 0.25)",
        "asinh(x) + atan(y) + expm1(z)/3", "x^y + 2^z", "max(x, 0)^2 + pi*y",
    ]
    static let points: [[Double]] = [
        [0.7, -1.3, 0.4], [-0.45, 0.9, 1.6], [1.2, 2.1, -0.8], [0, 0.5, 0.25], [0.3, 0.3, 2],
    ]

    static func compiler() -> String? {
        if let cc = ProcessInfo.processInfo.environment["CC"], FileManager.default.isExecutableFile(atPath: cc) { return cc }
        return ["/usr/bin/cc", "/usr/bin/gcc", "/usr/bin/clang", "/usr/local/bin/cc"].first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
    }

    /// Compiles `files` with a `main` printing every output at every point, runs it, and returns the numbers.
    static func run(_ sources: [(name: String, code: GeneratedCode)], points: [[Double]], cc: String) throws -> [Double] {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("symcodegen-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var main = "#include <stdio.h>\n"
        for s in sources { main += "void \(s.name)(const double *in, double *out);\n" }
        let flat = points.flatMap { $0 }.map { "\($0)" }.joined(separator: ", ")
        let width = points[0].count
        main += "static const double points[] = {\(flat)};\nint main(void)\n{\n    double out[4096];\n    int p, k;\n"
        for s in sources {
            main += "    for (p = 0; p < \(points.count); ++p) {\n        \(s.name)(points + \(width) * p, out);\n"
            main += "        for (k = 0; k < \(s.code.outputCount); ++k) printf(\"%.17g\\n\", out[k]);\n    }\n"
        }
        main += "    return 0;\n}\n"
        var paths = [dir.appendingPathComponent("main.c").path]
        try main.write(toFile: paths[0], atomically: true, encoding: .utf8)
        for s in sources {
            let path = dir.appendingPathComponent("\(s.name).c").path
            try s.code.source.write(toFile: path, atomically: true, encoding: .utf8)
            paths.append(path)
        }
        let binary = dir.appendingPathComponent("run").path
        let build = try shell(cc, ["-std=c99", "-pedantic", "-Wall", "-Wextra", "-Werror", "-O1"] + paths + ["-lm", "-o", binary])
        #expect(build.status == 0, "cc failed: \(build.output)")
        guard build.status == 0 else { return [] }
        let result = try shell(binary, [])
        return result.output.split(separator: "\n").map { Double(String($0))! }
    }

    static func shell(_ tool: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// The library's own values of the generated layout: value, gradient, dense Hessian lower triangle.
    static func expected(_ f: Expr, at point: [Double], variables: [String]) throws -> [Double] {
        let bindings = Dictionary(uniqueKeysWithValues: zip(variables, point))
        let h = f.hessian(withRespectTo: variables, form: .raw)
        var outputs = [f] + f.gradient(withRespectTo: variables)
        for i in variables.indices { for j in 0...i { outputs.append(h[i][j]) } }
        return try outputs.map { try $0.evaluate(at: bindings) }
    }

    @Test func corpusValuesGradientsAndHessians() throws {
        guard let cc = CodeGenerationCTests.compiler() else { return }   // no C compiler: nothing to check
        let variables = ["x", "y", "z"]
        var sources: [(name: String, code: GeneratedCode)] = []
        var expected: [Double] = []
        var generator = RandomExpressions(seed: 11)
        var expressions = try CodeGenerationCTests.corpus.map { try Expr(parsing: $0) }
        for _ in 0..<10 { expressions.append(generator.expression(depth: 4)) }
        for (i, f) in expressions.enumerated() {
            let name = "f\(i)"
            sources.append((name, try Expr.generateCode(for: [f], variables: variables, language: .c, name: name,
                                                         derivatives: .hessian(sparse: false))))
            for p in CodeGenerationCTests.points { expected += try CodeGenerationCTests.expected(f, at: p, variables: variables) }
        }
        let actual = try CodeGenerationCTests.run(sources, points: CodeGenerationCTests.points, cc: cc)
        try #require(actual.count == expected.count)
        for k in actual.indices {
            expectClose(actual[k], expected[k], relativeTolerance: 1e-8, "output \(k)")
        }
    }

    @Test func jacobianAndSparseHessian() throws {
        guard let cc = CodeGenerationCTests.compiler() else { return }
        let variables = ["x", "y", "z"]
        let outputs = [try Expr(parsing: "x*y*sigmoid(z)"), try Expr(parsing: "atan2(x, z) + max(y, 0.5)")]
        let jacobian = try Expr.generateCode(for: outputs, variables: variables, language: .c, name: "jac", derivatives: .gradient)
        let f = try Expr(parsing: "(x - y)^2 + softplus(y*z)")
        let sparse = try Expr.generateCode(for: [f], variables: variables, language: .c, name: "hs", derivatives: .hessian(sparse: true))
        let points = CodeGenerationCTests.points
        let actual = try CodeGenerationCTests.run([("jac", jacobian), ("hs", sparse)], points: points, cc: cc)
        var expected: [Double] = []
        let j = Expr.jacobian(of: outputs, withRespectTo: variables)
        let h = f.hessian(withRespectTo: variables, form: .raw)
        for p in points {
            let b = Dictionary(uniqueKeysWithValues: zip(variables, p))
            expected += try (outputs + j.flatMap { $0 }).map { try $0.evaluate(at: b) }
        }
        for p in points {
            let b = Dictionary(uniqueKeysWithValues: zip(variables, p))
            expected += try ([f] + f.gradient(withRespectTo: variables)).map { try $0.evaluate(at: b) }
            expected += try zip(sparse.hessianRows, sparse.hessianColumns).map { try h[$0][$1].evaluate(at: b) }
        }
        try #require(actual.count == expected.count)
        for k in actual.indices { expectClose(actual[k], expected[k], relativeTolerance: 1e-8, "output \(k)") }
    }
}
