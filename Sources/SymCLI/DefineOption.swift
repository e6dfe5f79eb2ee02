import Symbolic

/// `--define`: user-defined functions for the expressions a command reads.
///
///     sym diff "P3(x)" --define "P3(u) = 0.5*(5*u^3 - 3*u)"
///     sym grad "lse(x, y)" --define @functions.txt
///
/// The option is repeatable; `@PATH` reads a file of definitions, one per
/// line (`#` starts a comment, a line ending in `\` continues). All the
/// definitions of one command line are made together, so they may be given
/// in any order and their rules may call each other. A bad definition is
/// an input error (exit status 1) that names the definition and points at
/// the problem.
enum DefineOption {
    static let definition = OptionDefinition(
        "--define", value: "definition",
        help: "Define a function, e.g. 'sq(u) = u^2' or, with its derivative rule, 'sq(u) = u^2; d/du = 2*u'; "
            + "'@FILE' reads one definition per line. Repeatable.",
        repeatable: true)

    /// One definition and where it came from, for error messages.
    struct Source {
        let text: String
        /// `--define` or `FILE, line N`.
        let origin: String
    }

    /// The functions the `--define` values define (an empty registry when
    /// there are none).
    ///
    /// - Throws: ``CommandError/unreadableFile(path:reason:)`` for an
    ///   `@FILE` that cannot be read, ``CommandError/definition(_:text:origin:)``
    ///   for a bad definition.
    static func registry(_ arguments: ScannedArguments) throws(CommandError) -> FunctionRegistry {
        let values = arguments.allValues(definition.name)
        guard !values.isEmpty else { return FunctionRegistry() }
        var sources: [Source] = []
        for value in values {
            if value.hasPrefix("@") {
                let path = String(value.dropFirst())
                let text = try ExpressionInput.readFile(path)
                for line in FunctionRegistry.definitionLines(in: text) {
                    sources.append(Source(text: line.text, origin: "\(path), line \(line.line)"))
                }
            } else {
                sources.append(Source(text: value, origin: "--define"))
            }
        }
        var functions = FunctionRegistry()
        do {
            try functions.define(sources.map(\.text))
        } catch {
            let source = sources[error.definitionIndex ?? 0]
            throw .definition(error, text: source.text, origin: source.origin)
        }
        return functions
    }
}
