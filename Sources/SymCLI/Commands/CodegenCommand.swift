import Foundation
import Symbolic

/// `sym codegen EXPR --lang c|swift|python|numpy`: standalone source code
/// computing an expression and its derivatives.
struct CodegenCommand: Subcommand {
    static let configuration = CommandConfiguration(
        name: "codegen",
        abstract: "Generate C, Swift or Python code with derivatives.",
        discussion: """
            Writes one function that computes the expression (several expressions separated \
            by ';'), with --gradient also its gradient (the Jacobian, row by row, for several), \
            with --hessian also the gradient and the Hessian's lower triangle row by row (with \
            --sparse only its nonzero entries, whose positions the code lists). Every shared \
            subexpression is one temporary, so the code is linear in the expression graph, \
            and repeated blocks (terms of a sum, entries of a gradient that differ only in \
            which inputs they read) become loops. It needs only the language's math library. \
            C is C99: void NAME(const double *restrict in, double *restrict out), with the \
            inputs in --wrt order. \
            NumPy code evaluates over an array of points (last axis: the inputs).

              sym codegen "x^2*y + sin(x)" --lang c --gradient
            """,
        arguments: [ArgumentDefinition(
            name: "expressions",
            help: "An expression, or several separated by ';'. '-' reads them from standard input.",
            isOptional: false)],
        options: [
            OptionDefinition("--lang", value: "language", help: "Target language: c, swift, python or numpy.", default: "c"),
            OptionDefinition("--name", value: "name", help: "The generated function's name.", default: "f"),
            CommonOptions.wrtOption("The inputs, in order, e.g. x,y. (default: all, in order of first appearance)"),
            OptionDefinition("--gradient", value: nil, help: "Also compute the gradient (the Jacobian for several expressions)."),
            OptionDefinition("--hessian", value: nil, help: "Also compute the gradient and the Hessian's lower triangle."),
            OptionDefinition("--sparse", value: nil, help: "With --hessian: only the structurally nonzero entries."),
            OptionDefinition("--output", short: "-o", value: "file", help: "Write the code to this file instead of standard output."),
            ExpressionInput.fileOption, DefineOption.definition,
        ])

    var input: ExpressionInput
    var language: CodeLanguage
    var name: String
    var variables: [String]?
    var derivatives: GeneratedDerivatives
    var outputPath: String?

    init(_ arguments: ScannedArguments) throws(UsageError) {
        do {
            input = try ExpressionInput(arguments)
        } catch .missingArgument {
            throw .missingArgument(CodegenCommand.configuration.arguments[0].synopsis)
        }
        let lang = arguments.value("--lang") ?? "c"
        guard let language = CodeLanguage(rawValue: lang) else {
            throw .invalidValue(lang, option: "--lang <language>", expected: "one of c, swift, python, numpy")
        }
        self.language = language
        name = arguments.value("--name") ?? "f"
        variables = try CommonOptions.variables(arguments)
        let sparse = arguments.contains(flag: "--sparse")
        if arguments.contains(flag: "--hessian") {
            derivatives = .hessian(sparse: sparse)
        } else {
            if sparse { throw .conflict("--sparse needs --hessian") }
            derivatives = arguments.contains(flag: "--gradient") ? .gradient : .none
        }
        outputPath = arguments.value("--output")
    }

    mutating func run(console: inout Console) throws(CommandError) {
        let (outputs, writtenVariables) = try input.expressionListAndVariables(console: &console)
        let variables = variables ?? writtenVariables
        let code: GeneratedCode
        do {
            code = try Expression.generateCode(for: outputs, variables: variables, language: language,
                                               name: name, derivatives: derivatives)
        } catch {
            throw .failure(error.description)
        }
        guard let path = outputPath, path != "-" else {
            console.output.write(code.source)
            return
        }
        do {
            try code.source.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw .failure("cannot write '\(path)': \(error.localizedDescription)")
        }
    }
}
