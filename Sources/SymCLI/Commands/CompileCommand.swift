import Symbolic

/// `sym compile EXPR [--gradient] [--hessian]`: the flat instruction program
/// the compiler makes of an expression (and its derivatives), with statistics.
struct CompileCommand: Subcommand {
    static let configuration = CommandConfiguration(
        name: "compile",
        abstract: "Show the compiled program of an expression.",
        discussion: """
            Compiles the expression (with --gradient, also its gradient; with --hessian, also \
            the nonzero lower triangle of its Hessian) into one program that computes every \
            shared subexpression once, and prints the program listing, one instruction per \
            line ('@k' is work slot k; each output line is labelled), followed by statistics. \
            JSON is {"variables": [...], "outputs": [...], "listing": [...], "statistics": {...}}.

              sym compile "sin(x)^2 + sin(x)" --gradient
            """,
        arguments: [ExpressionInput.argument],
        options: [
            OptionDefinition("--gradient", value: nil, help: "Also compile the gradient."),
            OptionDefinition("--hessian", value: nil, help: "Also compile the Hessian's nonzero lower triangle."),
            CommonOptions.wrtOption("The variables, in input order, e.g. x,y. (default: all, in order of first appearance)"),
            ExpressionInput.fileOption, DefineOption.definition, OutputFormat.option([.text, .json]),
        ])

    var input: ExpressionInput
    var includesGradient: Bool
    var includesHessian: Bool
    var variables: [String]?
    var format: OutputFormat

    init(_ arguments: ScannedArguments) throws(UsageError) {
        input = try ExpressionInput(arguments)
        includesGradient = arguments.contains(flag: "--gradient")
        includesHessian = arguments.contains(flag: "--hessian")
        variables = try CommonOptions.variables(arguments)
        format = try OutputFormat.parse(arguments, allowed: [.text, .json])
    }

    mutating func run(console: inout Console) throws(CommandError) {
        let (expression, writtenVariables) = try input.expressionAndVariables(console: &console)
        let variables = variables ?? writtenVariables
        if includesGradient || includesHessian { try CommonOptions.requireVariables(variables) }
        var outputs = [expression]
        var labels = ["f"]
        if includesGradient {
            outputs += expression.gradient(withRespectTo: variables)
            labels += variables.map { Rendering.derivativeLabel($0) }
        }
        if includesHessian {
            for entry in expression.hessianEntries(withRespectTo: variables) {
                outputs.append(entry.expression)
                labels.append(Rendering.secondDerivativeLabel(variables[entry.row], variables[entry.column]))
            }
        }
        let function: CompiledFunction
        do {
            function = try Expression.compile(outputs, variables: variables)
        } catch .unknownVariable(let name) {
            throw .failure("the expression uses '\(name)', which is not in --wrt; add it there")
        } catch {
            throw .failure(error.description)
        }
        let listing = CompileCommand.labelOutputs(function.listing, labels: labels)
        switch format {
        case .json:
            console.printLine(JSONValue.object([
                ("variables", .strings(variables)),
                ("outputs", .strings(labels)),
                ("listing", .strings(listing)),
                ("statistics", CompileCommand.json(function.statistics)),
            ]).serialized())
        case .text, .latex:
            listing.forEach { console.printLine($0) }
            console.printLine("; " + function.statistics.description)
        }
    }

    /// The listing's lines, with `output[k] = @n` lines followed by
    /// `  ; label` so readers see which derivative each output is.
    static func labelOutputs(_ listing: String, labels: [String]) -> [String] {
        var k = 0
        return listing.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            guard line.hasPrefix("output["), k < labels.count else { return String(line) }
            defer { k += 1 }
            return "\(line)  ; \(labels[k])"
        }
    }

    /// The statistics as a JSON object with snake_case keys in a fixed order.
    static func json(_ s: CompilationStatistics) -> JSONValue {
        .object([
            ("instructions", .integer(s.instructionCount)),
            ("vectorized_instructions", .integer(s.vectorizedInstructionCount)),
            ("work_slots", .integer(s.workSlotCount)),
            ("temporary_slots", .integer(s.temporarySlotCount)),
            ("constants", .integer(s.constantCount)),
            ("inputs", .integer(s.inputCount)),
            ("outputs", .integer(s.outputCount)),
            ("graph_nodes", .integer(s.graphNodeCount)),
            ("tree_size", .integer(s.treeSize)),
            ("shared_subexpressions", .integer(s.sharedSubexpressionCount)),
            ("graph_cse_hits", .integer(s.graphCSEHits)),
            ("instruction_cse_hits", .integer(s.instructionCSEHits)),
            ("constant_folds", .integer(s.constantFolds)),
            ("dead_instructions_removed", .integer(s.deadInstructionsRemoved)),
            ("program_bytes", .integer(s.programBytes)),
            ("instruction_counts", .object(s.instructionCounts.sorted { $0.key < $1.key }.map { ($0.key, .integer($0.value)) })),
        ])
    }
}
