import Foundation
import Testing
@testable import SymCLI

/// `--define`: user-defined functions on the command line and in files,
/// the same derivatives as the bodies written inline, rules used as given,
/// and bad definitions as input errors that point at the problem.
@Suite("CLI --define")
struct CLIDefineTests {
    static let p3 = "P3(u) = 0.5*(5*u^3 - 3*u)"
    static let stableLSE = "lse(a, b) = max(a, b) + log(exp(a - max(a, b)) + exp(b - max(a, b))); "
        + "d/da = exp(a - lse(a, b)); d/db = exp(b - lse(a, b))"

    @Test func everyExpressionCommandAcceptsDefinitions() {
        let define = ["--define", Self.p3]
        expectOutput(["diff", "P3(x)"] + define, "d/dx = 7.5*x^2 - 1.5\n")
        expectOutput(["eval", "P3(x)", "--at", "x=2"] + define, "17\n")
        expectOutput(["print", "P3(x)^2 + P3(y)"] + define, "P3(x)^2 + P3(y)\n")
        expectOutput(["print", "P3(x)", "--format", "latex"] + define, "\\operatorname{P3}\\left(x\\right)\n")
        expectOutput(["grad", "P3(x)*y", "--at", "x=1,y=2"] + define, "d/dx = y*(7.5*x^2 - 1.5) = 12\nd/dy = P3(x) = 1\n")
        expectOutput(["diff", "P3(x)", "--order", "3"] + define, "d^3/dx^3 = 15.0\n")
        expectOutput(["simplify", "P3(x) - P3(x) + y"] + define, "y\n")
        for command in ["hessian", "jacobian", "compile", "codegen", "trace", "graph", "plot", "minimize"] {
            let result = runSym([command, "--help"])
            #expect(result.stdout.contains("--define <definition>"), "\(command)")
        }
        let compiled = runSym(["compile", "P3(x)", "--wrt", "x"] + define)
        #expect(compiled.status == 0 && compiled.stderr.isEmpty)
        let trace = runSym(["trace", "P3(x)*y", "--at", "x=2,y=3"] + define)
        #expect(trace.status == 0 && trace.stdout.contains("P3(v-1)"), "\(trace)")
        let code = runSym(["codegen", "P3(x)", "--gradient", "--lang", "python"] + define)
        #expect(code.status == 0 && !code.stdout.contains("P3"), "\(code)")
    }

    @Test func aUserRuleIsUsedAsGiven() {
        expectOutput(["grad", "lse(x, y)", "--define", Self.stableLSE],
                     "d/dx = exp(x - lse(x, y))\nd/dy = exp(y - lse(x, y))\n")
        expectOutput(["grad", "lse(x, y)", "--at", "x=1000,y=1000", "--define", Self.stableLSE],
                     "d/dx = exp(x - lse(x, y)) = 0.5000000000000275\nd/dy = exp(y - lse(x, y)) = 0.5000000000000275\n")
        // A different, deliberately simple rule wins over the body's derivative.
        expectOutput(["diff", "twice(x^2)", "--define", "twice(u) = 2*u; d/du = 7"], "d/dx = 14*x\n")
    }

    @Test func definitionFilesAndRepeatedOptions() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("define-\(UUID().uuidString).txt").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try """
            # Legendre polynomials, each from the one before (any order works)
            P3(u) = ((5*u)*P2(u) - 2*P1(u))/3
            P2(u) = (3*u*P1(u) - 1)/2   # Bonnet's recursion, n = 1
            P1(u) = u

            """.write(toFile: path, atomically: true, encoding: .utf8)
        // P3'(1/2) = 7.5/4 - 1.5, through the rules of P2 and P1.
        let derivative = runSym(["diff", "P3(x)", "--at", "x=0.5", "--define", "@\(path)"])
        #expect(derivative.status == 0 && derivative.stdout.hasSuffix(" = 0.375\n"), "\(derivative)")
        expectOutput(["eval", "Q(0.5)", "--define", "@\(path)", "--define", "Q(t) = P3(t) + P1(t)"], "0.0625\n")
        let bad = path + ".bad"
        try "P1(u) = u\n\nP2(u) = P1(u) + w\n".write(toFile: bad, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: bad) }
        expectFailure(["diff", "P2(x)", "--define", "@\(bad)"], status: 1, """
            error: in \(bad), line 3: the body of 'P2' uses 'w', which is not a parameter at column 17; \
            add it to the parameters of 'P2'
              P2(u) = P1(u) + w
                              ^

            """)
        expectFailure(["diff", "x", "--define", "@/nonexistent/defs.txt"], status: 1,
                      "error: cannot read '/nonexistent/defs.txt': no such file\n")
    }

    @Test func badDefinitionsAreInputErrors() {
        expectFailure(["diff", "f(x)", "--define", "f(u) = g(u)", "--define", "g(u) = 2*f(u)"], status: 1, """
            error: in --define: recursive definitions: f -> g -> f at column 8; a body cannot call a function whose body calls it back
              f(u) = g(u)
                     ^

            """)
        expectFailure(["diff", "f(x)", "--define", "f(u) = f(u/2)"], status: 1, """
            error: in --define: the body of 'f' calls 'f' itself at column 8; a body cannot be recursive; define the function by other functions
              f(u) = f(u/2)
                     ^

            """)
        expectFailure(["eval", "exp(1)", "--define", "exp(u) = 1 + u"], status: 1, """
            error: in --define: cannot redefine the built-in function 'exp' at column 1; choose another name
              exp(u) = 1 + u
              ^~~

            """)
        expectFailure(["eval", "f(1)", "--define", "f(pi) = 2*pi"], status: 1, """
            error: in --define: parameter 'pi' of 'f' would hide the constant pi at column 3; choose another name
              f(pi) = 2*pi
                ^~

            """)
        expectFailure(["eval", "f(1, 2)", "--define", "f(a, a) = a"], status: 1, """
            error: in --define: parameter 'a' of 'f' is listed twice at column 6; give each parameter a different name
              f(a, a) = a
                   ^

            """)
        expectFailure(["eval", "g(1)", "--define", "f(u) = 2*u", "--define", "g(u) = fx(u)"], status: 1, """
            error: in --define: unknown function 'fx' at column 8; did you mean 'f'?
              g(u) = fx(u)
                     ^~

            """)
        expectFailure(["eval", "P3(1, 2)", "--define", Self.p3], status: 1, """
            error: wrong number of arguments at column 1; P3 takes 1 argument but 2 were given
              P3(1, 2)
              ^~~~~~~~

            """)
        expectFailure(["eval", "P4(1)", "--define", Self.p3], status: 1, """
            error: unknown function 'P4' at column 1; did you mean 'P3'?
              P4(1)
              ^~

            """)
        let missing = runSym(["eval", "1", "--define"])
        #expect(missing.status == 64 && missing.stderr.hasPrefix("error: missing value for '--define <definition>'"))
    }

    @Test func fitModelsMayCallDefinedFunctions() {
        let data = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/nist/BoxBOD.csv").path
        let start = ["--data", data, "--start", "b1=100,b2=0.75"]
        let defined = runSym(["fit", "sat(x, b1, b2)"] + start + ["--define", "sat(t, a, k) = a*(1 - exp(-k*t))"])
        let inline = runSym(["fit", "b1*(1 - exp(-b2*x))"] + start)
        #expect(defined.status == 0 && defined == inline, "\(defined)")
        #expect(defined.stdout.contains("b1         213.8094088903"), "NIST certified b1 = 213.80940889")
    }
}
