import Testing
@testable import SymCLI
import Symbolic

@Suite("sym help and version")
struct CLIHelpTests {
    static let rootHelp = """
        OVERVIEW: Differentiate, evaluate and print symbolic expressions.

        Expressions use + - * / and ^ (or **), parentheses, the constants pi and e, and
        functions such as sin, exp, log, sqrt, max and sigmoid.

          sym diff "x^2*y + y + 2"
          sym eval "x^2*y" --at x=3,y=4

        USAGE: sym <subcommand>

        OPTIONS:
          --version               Show the version.
          -h, --help              Show help information.

        SUBCOMMANDS:
          eval                    Evaluate an expression at a point.
          print                   Print an expression in canonical form.
          simplify                Simplify an expression with the standard rules.
          expand                  Expand products and integer powers of sums.
          factor                  Factor a polynomial over the rationals.
          collect                 Expand and group terms by powers of variables.
          cancel                  Write a rational function in lowest terms.
          diff                    Differentiate an expression.
          grad                    Compute the gradient of an expression.
          hessian                 Compute the Hessian matrix of an expression.
          jacobian                Compute the Jacobian matrix of several expressions.
          compile                 Show the compiled program of an expression.
          minimize                Minimize an expression from a starting point.
          fit                     Fit a formula model or train a neural network on data.
          predict                 Predict with a model saved by sym fit --save.
          plot                    Draw functions and derivatives as an SVG picture.
          codegen                 Generate C, Swift or Python code with derivatives.
          trace                   Show the evaluation trace and the adjoint sweep.
          graph                   Draw the computation graph and adjoints as DOT or SVG.
          help                    Show subcommand help information.

          See 'sym help <subcommand>' for detailed help and
          'sym help functions' for the functions expressions can call.

        """

    @Test("root help", arguments: [[], ["--help"], ["-h"], ["help"], ["help", "help"]])
    func rootHelp(arguments: [String]) {
        expectOutput(arguments, CLIHelpTests.rootHelp)
    }

    @Test func version() {
        expectOutput(["--version"], "0.1.0\n")
        #expect(SymTool.version == "0.1.0")
    }

    @Test func evalHelpIsExact() {
        expectOutput(["help", "eval"], """
            OVERVIEW: Evaluate an expression at a point.

            Prints the value in the shortest form that reads back exactly (42, 0.1,
            1.7163378145367738, 1e-07). Arithmetic follows IEEE 754, so log(-1) is nan and
            1/0 is inf; JSON writes such values as null.

              sym eval "x^2*y + y + 2" --at x=3,y=4    # 42
              sym eval "sin(pi/6)" --format json       # {"value": 0.49999999999999994}
              sym eval "x*y" --points points.csv       # a 'value' header, a row per point

            USAGE: sym eval <expression> [--at <assignments> ...] [--points <file>] [--progress] [--quiet] [--file <path>] [--define <definition> ...] [--format <format>]

            ARGUMENTS:
              <expression>            The expression, e.g. 'x^2*y + y + 2'. '-' reads it
                                      from standard input.

            OPTIONS:
              --at <assignments>      Values for the variables, e.g. x=3,y=-0.5,z=1e-3 or
                                      x=pi/4; may be repeated (--at x=3 --at y=4); @FILE
                                      reads them from a file.
              --points <file>         Evaluate at every row of a CSV file whose header names
                                      the variables ('-' reads standard input); prints one
                                      result row per point.
              --progress              Show progress on standard error even when it is not a
                                      terminal (plain lines, about one a second).
              -q, --quiet             Show no progress.
              --file <path>           Read the expression from a file instead of the
                                      argument; '-' reads standard input.
              --define <definition>   Define a function, e.g. 'sq(u) = u^2' or, with its
                                      derivative rule, 'sq(u) = u^2; d/du = 2*u'; '@FILE'
                                      reads one definition per line. Repeatable.
              --format <format>       Output format: text, json or latex. (default: text)
              -h, --help              Show help information.

            """)
    }

    @Test("sym <command> --help equals sym help <command>",
          arguments: SymTool.subcommands.map { $0.configuration.name })
    func subcommandHelp(name: String) {
        let viaHelp = runSym(["help", name])
        #expect(viaHelp.status == 0)
        #expect(viaHelp.stderr == "")
        #expect(viaHelp.stdout.hasPrefix("OVERVIEW: "))
        #expect(viaHelp.stdout.contains("USAGE: sym \(name) "))
        #expect(runSym([name, "--help"]) == viaHelp)
        #expect(runSym([name, "-h"]) == viaHelp)
        // Help wins over other mistakes on the same line.
        #expect(runSym([name, "--bogus", "--help"]) == viaHelp)
    }

    @Test func everyHelpLineFitsEightyColumnsExceptUsage() {
        for command in SymTool.subcommands {
            for line in HelpFormatter.help(for: command.configuration).split(separator: "\n")
            where !line.hasPrefix("USAGE:") {
                #expect(line.count <= 80, "\(command.configuration.name): \(line)")
            }
        }
    }

    @Test func helpForUnknownSubcommandSuggests() {
        expectFailure(["help", "hesian"], status: 64, rootUsageError("unknown subcommand 'hesian'. Did you mean 'hessian'?"))
    }

    /// One line per call form, every function listed (docs/CLI.md shows the
    /// full text and CLIDocumentationTests checks it).
    @Test func helpFunctionsListsEveryFunction() {
        let result = runSym(["help", "functions"])
        #expect(result.status == 0 && result.stderr.isEmpty)
        #expect(result.stdout.hasPrefix("OVERVIEW: The functions expressions can call.\n"))
        for signature in Function.catalog {
            #expect(result.stdout.contains("\n  \(signature.usage)" + String(repeating: " ", count: 24 - signature.usage.count)
                                           + signature.summary + "\n"), "\(signature.usage)")
        }
        expectFailure(["help", "functoins"], status: 64, rootUsageError("unknown subcommand 'functoins'. Did you mean 'functions'?"))
        expectFailure(["help", "functions", "sin"], status: 64, rootUsageError("unexpected argument 'sin'"))
    }

    @Test func helpWithTooManyArguments() {
        expectFailure(["help", "diff", "grad"], status: 64, rootUsageError("unexpected argument 'grad'"))
    }

    @Test func longLabelsMoveHelpToTheNextLine() {
        #expect(HelpFormatter.entry(label: "--a-very-long-option <value>", help: "Help.")
            == "  --a-very-long-option <value>\n                          Help.\n")
    }

    @Test func wrapKeepsIndentedExampleLines() {
        #expect(HelpFormatter.wrapParagraphs("one\ntwo\n\n  sym x\nthree") == "one two\n\n  sym x\nthree")
    }
}
