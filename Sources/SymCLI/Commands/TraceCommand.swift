import Symbolic

/// `sym trace EXPR --at ...`: the evaluation trace of the course notes, with
/// the reverse sweep of adjoints or a forward-mode tangent column.
struct TraceCommand: Subcommand {
    static let configuration = CommandConfiguration(
        name: "trace",
        abstract: "Show the evaluation trace and the adjoint sweep.",
        discussion: """
            Lists the inputs v-1, v0 (one per variable, counting down from 0) and the working \
            variables v1, v2, ..., each one operation (+ - * / ^, a negation or a function call) \
            of earlier ones, with its value; every shared subexpression is one row. With --mode \
            reverse (the default) the adjoints follow, from the output back to the inputs, each \
            the sum of the contributions it receives, ending in the gradient. With --mode \
            forward each row also carries its tangent for --wrt (default: the first variable). \
            Operands keep the order they are written in. Long tables show their first and last \
            rows and count the rest (--rows). JSON is {"forward": [{"node", "definition", \
            "value"(, "tangent")}, ...], "reverse": [{"node", "adjoint", "contributions"}, ...], \
            "gradient": {...}}; forward mode has no "reverse" and its "gradient" holds --wrt only.

              sym trace "ln(x1) + x1*x2 - sin(x2)" --at x1=2,x2=5
            """,
        arguments: [ExpressionInput.argument],
        options: [
            PointOption.definition,
            OptionDefinition("--mode", value: "mode", help: "reverse (adjoints) or forward (tangents).", default: "reverse"),
            OptionDefinition("--wrt", value: "variable", help: "With --mode forward: the input whose tangents to show. (default: the first)"),
            OptionDefinition("--rows", value: "count", help: "Show at most this many rows per table; the rest are counted.", default: "40"),
            ExpressionInput.fileOption, DefineOption.definition,
            OptionDefinition("--format", value: "format", help: "Output format: text, json, markdown or latex.", default: "text"),
        ])

    var input: ExpressionInput
    var point: PointOption?
    var forward: Bool
    var tangentVariable: String?
    var maximumRows: Int
    var format: String

    init(_ arguments: ScannedArguments) throws(UsageError) {
        input = try ExpressionInput(arguments)
        point = try PointOption(arguments)
        let mode = arguments.value("--mode") ?? "reverse"
        guard mode == "reverse" || mode == "forward" else {
            throw .invalidValue(mode, option: "--mode <mode>", expected: "reverse or forward")
        }
        forward = mode == "forward"
        tangentVariable = arguments.value("--wrt")
        if let t = tangentVariable, !CommonOptions.isIdentifier(t) {
            throw .invalidValue(t, option: "--wrt <variable>", expected: "one variable name, e.g. x1")
        }
        if tangentVariable != nil && !forward { throw .conflict("--wrt chooses the tangent of --mode forward; add --mode forward") }
        let rows = arguments.value("--rows") ?? "40"
        guard let count = Int(rows), count >= 2 else {
            throw .invalidValue(rows, option: "--rows <count>", expected: "an integer of at least 2")
        }
        maximumRows = count
        format = arguments.value("--format") ?? "text"
        guard ["text", "json", "markdown", "latex"].contains(format) else {
            throw .invalidValue(format, option: "--format <format>", expected: "one of text, json, markdown, latex")
        }
    }

    mutating func run(console: inout Console) throws(CommandError) {
        let text = try input.read(console: &console)
        var order = WrittenOrder()
        let expression: Expression
        do {
            expression = try Expression(parsing: text, functions: console.functions, writtenOrder: &order)
        } catch {
            throw .parse(error, input: text)
        }
        let present = Set(expression.variables)
        let variables = Expression.variableNames(appearingIn: text).filter(present.contains)
        let tangent = forward ? (tangentVariable ?? variables.first) : nil
        let values = try point?.values() ?? [:]
        let trace: EvaluationTrace
        do {
            trace = try expression.evaluationTrace(at: values, variables: variables,
                                                   tangentVariable: tangent, writtenOrder: order)
        } catch {
            throw .failure(error.description)
        }
        if format == "json" {
            console.printLine(TraceCommand.json(trace, forward: forward).serialized())
            return
        }
        var formatted = trace
        if forward { formatted = trace.withoutAdjoints() }
        console.output.write(formatted.formatted(format == "markdown" ? .markdown : format == "latex" ? .latex : .text,
                                                 maximumRows: maximumRows))
    }

    /// The JSON contract of issue 11.
    static func json(_ trace: EvaluationTrace, forward: Bool) -> JSONValue {
        let rows = trace.rows.map { row -> JSONValue in
            var fields: [(String, JSONValue)] = [("node", .string(row.name)), ("definition", .string(row.definition)),
                                                 ("value", .number(row.value))]
            if forward, let t = row.tangent { fields.append(("tangent", .number(t))) }
            return .object(fields)
        }
        var object: [(String, JSONValue)] = [("forward", .array(rows))]
        if forward {
            let name = trace.tangentVariable ?? ""
            object.append(("gradient", .object(name.isEmpty ? [] : [(name, .number(trace.rows[trace.outputRow].tangent ?? 0))])))
        } else {
            object.append(("reverse", .array(trace.adjoints.map { a in
                .object([("node", .string(trace.rows[a.row].name)), ("adjoint", .number(a.adjoint)),
                         ("contributions", .array(a.contributions.map { c in
                             .object([("from", .string(trace.rows[c.from].name)), ("partial", .number(c.partial)),
                                      ("value", .number(c.value))])
                         }))])
            })))
            object.append(("gradient", .object(zip(trace.variables, trace.gradient).map { ($0, .number($1)) })))
        }
        return .object(object)
    }
}
