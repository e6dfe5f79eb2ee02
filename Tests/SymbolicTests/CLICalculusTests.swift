import Testing
@testable import SymCLI

@Suite("sym diff, grad, hessian, jacobian")
struct CLICalculusTests {
    // MARK: diff

    @Test func readmeExample() {
        expectOutput(["diff", "x^2*y+y+2"], "d/dx = 2*x*y\nd/dy = x^2 + 1\n")
    }

    @Test func diffAllVariablesWithValues() {
        expectOutput(["diff", "x^2*y+y+2", "--at", "x=3,y=4"], "d/dx = 2*x*y = 24\nd/dy = x^2 + 1 = 10\n")
    }

    @Test func diffOneVariable() {
        expectOutput(["diff", "x^2*y+y+2", "--wrt", "x"], "2*x*y\n")
        expectOutput(["diff", "x^2*y+y+2", "--wrt", "x", "--at", "x=3,y=4"], "2*x*y\n24\n")
        expectOutput(["diff", "x*y", "--wrt", "z"], "0\n")
    }

    @Test func diffHigherOrder() {
        expectOutput(["diff", "sin(x)*y", "--wrt", "x", "--order", "2", "--at", "x=0.5,y=2"], "-y*sin(x)\n-0.958851077208406\n")
        expectOutput(["diff", "x^3*y", "--order", "2"], "d^2/dx^2 = 6*x*y\nd^2/dy^2 = 0\n")
    }

    @Test func diffJSON() {
        expectOutput(["diff", "x^2*y+y+2", "--wrt", "x", "--order", "2", "--at", "x=3,y=4", "--format", "json"],
                     "{\"variable\": \"x\", \"order\": 2, \"expression\": \"2*y\", \"value\": 8}\n")
        expectOutput(["diff", "x^2*y+y+2", "--wrt", "x", "--format", "json"],
                     "{\"variable\": \"x\", \"order\": 1, \"expression\": \"2*x*y\"}\n")
        expectOutput(["diff", "x^2*y+y+2", "--at", "x=3,y=4", "--format", "json"],
                     "{\"variables\": [\"x\", \"y\"], \"order\": 1, \"expressions\": [\"2*x*y\", \"x^2 + 1\"], \"values\": [24, 10]}\n")
    }

    @Test func diffLaTeX() {
        expectOutput(["diff", "x^2*y+y+2", "--format", "latex", "--at", "x=3,y=4"], """
            \\frac{\\partial f}{\\partial x} = 2 x y = 24
            \\frac{\\partial f}{\\partial y} = x^{2} + 1 = 10

            """)
        expectOutput(["diff", "x^3", "--format", "latex", "--order", "2"], "\\frac{\\partial^{2} f}{\\partial x^{2}} = 6 x\n")
        expectOutput(["diff", "x^3", "--wrt", "x", "--format", "latex", "--at", "x=1e-9"], "3 x^{2}\n3.0000000000000002 \\times 10^{-18}\n")
    }

    @Test func diffOfConstantNeedsVariable() {
        expectFailure(["diff", "3"], status: 1, "error: the expression has no variables to differentiate by; name one with --wrt\n")
        expectOutput(["diff", "3", "--wrt", "x"], "0\n")
    }

    @Test func diffUnboundVariableAtPoint() {
        expectFailure(["diff", "x*y", "--wrt", "x", "--at", "x=1"], status: 1,
                      "error: no value given for variable 'y'; add it to --at, e.g. --at y=1\n")
    }

    // MARK: grad

    @Test func gradJSON() {
        expectOutput(["grad", "a*b^2 + c*sin(a)", "--wrt", "a,b,c", "--at", "a=1.5,b=-2,c=0.25", "--format", "json"],
                     "{\"variables\": [\"a\", \"b\", \"c\"], \"expressions\": [\"b^2 + c*cos(a)\", \"2*a*b\", \"sin(a)\"], "
                     + "\"values\": [4.017684300416926, -6, 0.9974949866040544]}\n")
        expectOutput(["grad", "a*b^2 + c*sin(a)", "--format", "json"],
                     "{\"variables\": [\"a\", \"b\", \"c\"], \"expressions\": [\"b^2 + c*cos(a)\", \"2*a*b\", \"sin(a)\"]}\n")
    }

    @Test func gradVariableOrderFollowsWrt() {
        expectOutput(["grad", "x^2*y", "--wrt", "y,x,z"], "d/dy = x^2\nd/dx = 2*x*y\nd/dz = 0\n")
    }

    @Test func gradTextAndLaTeX() {
        expectOutput(["grad", "x^2*y", "--at", "x=1,y=0.5"], "d/dx = 2*x*y = 1\nd/dy = x^2 = 1\n")
        expectOutput(["grad", "x^2*y", "--format", "latex", "--at", "x=1,y=0.5"],
                     "\\begin{pmatrix} 2 x y \\\\ x^{2} \\end{pmatrix}\n\\begin{pmatrix} 1 \\\\ 1 \\end{pmatrix}\n")
    }

    @Test func gradNonFiniteValuesAreNullInJSON() {
        expectOutput(["grad", "log(x)", "--at", "x=0", "--format", "json"],
                     "{\"variables\": [\"x\"], \"expressions\": [\"1/x\"], \"values\": [null]}\n")
    }

    @Test func gradOfConstant() {
        expectFailure(["grad", "3", "--format", "json"], status: 1,
                      "error: the expression has no variables to differentiate by; name them with --wrt\n")
    }

    // MARK: hessian

    @Test func hessianJSON() {
        expectOutput(["hessian", "x^2*y + y^3", "--wrt", "x,y", "--at", "x=1,y=2", "--format", "json"],
                     "{\"variables\": [\"x\", \"y\"], \"expressions\": [[\"2*y\", \"2*x\"], [\"2*x\", \"6*y\"]], \"values\": [[4, 2], [2, 12]]}\n")
    }

    @Test func hessianText() {
        expectOutput(["hessian", "x^2*y + y^3", "--wrt", "x,y", "--at", "x=1,y=2"], """
            d^2/dx^2 = 2*y = 4
            d^2/dx dy = 2*x = 2
            d^2/dy dx = 2*x = 2
            d^2/dy^2 = 6*y = 12

            """)
    }

    @Test func hessianLaTeX() {
        expectOutput(["hessian", "x^2*y + y^3", "--wrt", "x,y", "--format", "latex"],
                     "\\begin{pmatrix} 2 y & 2 x \\\\ 2 x & 6 y \\end{pmatrix}\n")
    }

    // MARK: jacobian

    @Test func jacobianJSON() {
        expectOutput(["jacobian", "x*y; x + y^2", "--at", "x=1,y=2", "--format", "json"],
                     "{\"variables\": [\"x\", \"y\"], \"expressions\": [[\"y\", \"x\"], [\"1\", \"2*y\"]], \"values\": [[2, 1], [1, 4]]}\n")
    }

    @Test func jacobianText() {
        expectOutput(["jacobian", "x*y; x + y^2", "--wrt", "y,x"], "df1/dy = x\ndf1/dx = y\ndf2/dy = 2*y\ndf2/dx = 1\n")
    }

    @Test func jacobianVariablesInOrderOfFirstAppearanceAcrossOutputs() {
        expectOutput(["jacobian", "x; y*z", "--format", "json"],
                     "{\"variables\": [\"x\", \"y\", \"z\"], \"expressions\": [[\"1\", \"0\", \"0\"], [\"0\", \"z\", \"y\"]]}\n")
    }

    @Test func jacobianLaTeX() {
        expectOutput(["jacobian", "x*y; x + y^2", "--format", "latex"], "\\begin{pmatrix} y & x \\\\ 1 & 2 y \\end{pmatrix}\n")
    }

    // MARK: print and simplify

    @Test func printFormats() {
        expectOutput(["print", "y*x + 2*x*y"], "3*x*y\n")
        expectOutput(["print", "x^2/2", "--format", "latex"], "\\frac{x^{2}}{2}\n")
        expectOutput(["print", "x^2/2", "--format", "json"], "{\"expression\": \"x^2/2\"}\n")
    }

    @Test func simplifyFormats() {
        expectOutput(["simplify", "sin(x)^2 + cos(x)^2"], "1\n")
        expectOutput(["simplify", "exp(log(x))", "--format", "json"], "{\"expression\": \"x\"}\n")
        expectOutput(["simplify", "exp(log(x))*y", "--format", "latex"], "x y\n")
    }

    @Test("every printed expression parses back", arguments: [
        ["diff", "x^2*y+y+2"], ["grad", "exp(-x^2)*sin(y)/(1+x)"], ["hessian", "log(x)*y^-2 + sqrt(x*y)"],
    ])
    func printedExpressionsReparse(arguments: [String]) throws {
        let result = runSym(arguments)
        #expect(result.status == 0)
        for line in result.stdout.split(separator: "\n") {
            let text = String(line.split(separator: "=", maxSplits: 1)[1].dropFirst())
            let again = runSym(["print", text])
            #expect(again == CLIResult(status: 0, stdout: text + "\n", stderr: ""), "\(text)")
        }
    }
}

@Suite("sym expand, factor, collect, cancel")
struct CLIAlgebraTests {
    @Test func classicResults() {
        expectOutput(["expand", "(x + 1)^3*(y - 2)"], "x^3*y - 2*x^3 + 3*x^2*y - 6*x^2 + 3*x*y - 6*x + y - 2\n")
        expectOutput(["factor", "x^4 - 1"], "(x - 1)*(x + 1)*(x^2 + 1)\n")
        expectOutput(["collect", "x^2*y + x^2 + x*y + x*z + 2", "--in", "x"], "x^2*(y + 1) + x*(y + z) + 2\n")
        expectOutput(["cancel", "(x^2 - 1)/(x^2 + 2*x + 1)"], "(x - 1)/(x + 1)\n")
        expectOutput(["simplify", "x*(x + 1) - x^2"], "x\n")
        expectOutput(["factor", "x^2 - 1", "--format", "latex"], "\\left(x - 1\\right) \\left(x + 1\\right)\n")
    }

    @Test func collectNeedsVariables() {
        let missing = runSym(["collect", "x + 1"])
        #expect(missing.status == 64)
        #expect(missing.stderr.hasPrefix("error: "))
        let invalid = runSym(["collect", "x + 1", "--in", "1x"])
        #expect(invalid.status == 64)
    }
}
