import Testing
@testable import SymCLI
import Symbolic

@Suite("sym minimize")
struct CLIMinimizeTests {
    static let rosenbrock = "(1-a)^2 + 100*(b-a^2)^2"

    @Test func rosenbrockWithDefaultMethod() {
        expectOutput(["minimize", CLIMinimizeTests.rosenbrock, "--from", "a=-1.2,b=1"], """
            newton converged after 23 iterations: gradient norm below tolerance
            a = 1
            b = 1
            f = 0
            |grad f| = 0

            """)
    }

    @Test func json() {
        expectOutput(["minimize", CLIMinimizeTests.rosenbrock, "--from", "a=-1.2", "--from", "b=1", "--format", "json"],
                     #"{"method": "newton", "point": {"a": 1, "b": 1}, "value": 0, "gradient_norm": 0, "iterations": 23, "converged": true, "reason": "gradient_tolerance"}"# + "\n")
    }

    @Test func firstOrderMethodWithRateAndTolerance() {
        expectOutput(["minimize", "(x-3)^2", "--from", "x=0", "--tolerance", "1e-3", "--method", "adam", "--rate", "0.5", "--format", "json"],
                     #"{"method": "adam", "point": {"x": 2.999962664286545}, "value": 1.3939554992013356e-09, "gradient_norm": 7.467142691020001e-05, "iterations": 115, "converged": true, "reason": "gradient_tolerance"}"# + "\n")
    }

    @Test func iterationLimit() {
        expectOutput(["minimize", "(x-3)^2 + (y+1)^2", "--from", "x=0,y=0", "--method", "momentum", "--max-iterations", "25", "--rate", "0.05"], """
            momentum stopped after 25 iterations: iteration limit reached
            x = 3.151634492865562
            y = -1.0505448309551875
            f = 0.025547799362884708
            |grad f| = 0.31967357953315256

            """)
    }

    @Test func progressOnlyWhenStandardErrorIsATerminal() {
        let arguments = ["minimize", "(x-3)^2 + (y+1)^2", "--from", "x=0,y=0", "--method", "momentum", "--max-iterations", "25", "--rate", "0.05"]
        let quiet = runSym(arguments)
        let chatty = runSym(arguments, errorOutputIsTerminal: true)
        #expect(quiet.stderr == "")
        #expect(chatty.stdout == quiet.stdout && chatty.status == 0)
        // One line redrawn in place: carriage returns, one newline at the end.
        #expect(chatty.stderr.hasPrefix("\riteration   0%|                    | 0/25 [00:00<?, loss 10]"))
        #expect(chatty.stderr.hasSuffix(", loss 0.0255478]\n") && chatty.stderr.filter { $0 == "\n" }.count == 1)
        #expect(chatty.stderr.contains("\riteration 100%|████████████████████| 25/25 [00:00<00:00, "))
        #expect(runSym(arguments + ["--quiet"], errorOutputIsTerminal: true).stderr == "")
    }

    @Test func progressLinesOnAPipeWhenAsked() {
        let result = runSym(["minimize", "(x-3)^2", "--from", "x=0", "--method", "momentum", "--rate", "0.05", "--max-iterations", "5", "--progress"])
        #expect(result.status == 0 && !result.stderr.contains("\r"))
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.first == "iteration   0%|                    | 0/5 [00:00<?, loss 9]")
        #expect(lines.last?.hasPrefix("iteration 100%|████████████████████| 5/5 [00:00<00:00, ") == true)
        expectFailure(["minimize", "x^2", "--from", "x=1", "--progress", "--quiet"], status: 64,
                      SymbolicTests.usageError("--progress and --quiet cannot be used together", command: "minimize"))
    }

    @Test func unboundedBelowIsReportedNotFailed() {
        let result = runSym(["minimize", "x", "--from", "x=1", "--format", "json"])
        #expect(result.status == 0)
        #expect(result.stdout.hasSuffix(#""converged": false, "reason": "unbounded_below"}"# + "\n"))
    }

    @Test func inputErrors() {
        expectFailure(["minimize", "x*y", "--from", "x=1"], status: 1,
                      "error: the starting point gives no value for variable 'y'; add it to --from, e.g. --from y=0\n")
        expectFailure(["minimize", "x^2", "--from", "x=nan"], status: 1,
                      "error: the value of 'x' must be a finite number, not 'nan'\n")
    }

    @Test("usage errors", arguments: [
        (["minimize", "x^2"], "missing expected argument '--from <assignments>'"),
        (["minimize", "x^2", "--from", "x=1", "--method", "sgd"],
         "the value 'sgd' is invalid for '--method <method>': expected one of gd, momentum, nesterov, adagrad, rmsprop, adam, newton, bfgs, lbfgs"),
        (["minimize", "x^2", "--from", "x=1", "--rate", "0"], "the value '0' is invalid for '--rate <rate>': expected a positive number"),
        (["minimize", "x^2", "--from", "x=1", "--rate", "inf"], "the value 'inf' is invalid for '--rate <rate>': expected a positive number"),
        (["minimize", "x^2", "--from", "x=1", "--max-iterations", "-1"],
         "the value '-1' is invalid for '--max-iterations <count>': expected a non-negative integer"),
        (["minimize", "x^2", "--from", "x=1", "--tolerance", "-1e-3"],
         "the value '-1e-3' is invalid for '--tolerance <tolerance>': expected a non-negative number"),
        (["minimize", "x^2", "--from", "x=1", "--format", "latex"], "the value 'latex' is invalid for '--format <format>': expected one of text, json"),
        (["minimize", "x^2", "--form", "x=1"], "unknown option '--form'. Did you mean '--from'?"),
    ])
    func usageError(arguments: [String], message: String) {
        expectFailure(arguments, status: 64, SymbolicTests.usageError(message, command: "minimize"))
    }

    /// The absolute gradient test holds at once on a very flat objective;
    /// the relative one (a fraction of the starting gradient norm) does not.
    @Test func relativeToleranceScalesWithTheObjective() throws {
        let flat = try Expression(parsing: "1e-10*(x-3)^2 + 1")
        let objective = try Objective(expression: flat, variables: ["x"])
        let absolute = try minimize(objective, from: [0], method: .newton)
        #expect(absolute.iterations == 0 && absolute.point == [0])
        var options = OptimizationOptions()
        options.gradientTolerance = 0
        options.relativeGradientTolerance = 1e-8
        let relative = try minimize(objective, from: [0], method: .newton, options: options)
        #expect(relative.converged && relative.stopReason == .gradientTolerance)
        #expect(abs(relative.point[0] - 3) < 1e-12)
        options.relativeGradientTolerance = 1
        #expect(throws: OptimizationError.invalidOption(option: "relativeGradientTolerance", reason: "must be in [0, 1)")) {
            try minimize(objective, from: [0], options: options)
        }
        let cli = runSym(["minimize", "1e-10*(x-3)^2 + 1", "--from", "x=0", "--tolerance", "0", "--relative-tolerance", "1e-8"])
        #expect(cli.status == 0 && cli.stdout.hasPrefix("newton converged after 1 iteration") && cli.stdout.contains("x = 2.99999999999"),
                "\(cli)")
        expectFailure(["minimize", "x^2", "--from", "x=1", "--relative-tolerance", "1"], status: 64,
                      SymbolicTests.usageError("the value '1' is invalid for '--relative-tolerance <ratio>': expected a number "
                                               + "from 0 up to (not including) 1", command: "minimize"))
    }

    @Test func usageLineShowsRequiredFrom() {
        #expect(HelpFormatter.usage(for: MinimizeCommand.configuration).hasPrefix("sym minimize <expression> --from <assignments> ... [--method <method>]"))
    }
}

@Suite("CLI default variable order")
struct CLIVariableOrderTests {
    @Test func variablesFollowTheWrittenText() {
        let result = runSym(["hessian", "x^2*y + y^3", "--format", "json"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix(#"{"variables": ["x", "y"]"#))
    }
}
