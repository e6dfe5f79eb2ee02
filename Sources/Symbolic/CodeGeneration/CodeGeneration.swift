/// A target language of ``Expression/generateCode(for:variables:language:name:derivatives:)``.
///
///     CodeLanguage(rawValue: "numpy")   // .numpy
public enum CodeLanguage: String, Sendable, Hashable, CaseIterable {
    /// C99 with `<math.h>` only: `void NAME(const double *restrict in, double *restrict out)`
    /// (`in` and `out` must not overlap).
    case c
    /// Swift with Foundation only: `func NAME(_ input: [Double]) -> [Double]`.
    case swift
    /// Python with the `math` module only: `def NAME(inp)` returning a list.
    case python
    /// Python with NumPy: `def NAME(X)` over an array of points whose last
    /// axis holds the variables; returns an array whose last axis holds the outputs.
    case numpy
}

/// Which derivatives generated code computes after the values.
///
///     let d = GeneratedDerivatives.hessian(sparse: true)
public enum GeneratedDerivatives: Sendable, Hashable {
    /// The values only.
    case none
    /// The values, then the gradient (for one expression) or the Jacobian
    /// row by row (for several).
    case gradient
    /// The value, the gradient, then the Hessian's lower triangle row by row:
    /// every entry of it, or with `sparse`, only the structurally nonzero
    /// ones (their positions are in ``GeneratedCode/hessianRows`` and
    /// ``GeneratedCode/hessianColumns``, and in the source).
    case hessian(sparse: Bool)
}

/// An error raised by code generation; descriptions read well after `error: `.
public enum CodeGenerationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// An expression uses a variable that is not among the inputs.
    case unknownVariable(String)
    /// A name is listed twice among the inputs.
    case duplicateVariable(String)
    /// The function name is not an identifier of the target language.
    case invalidName(String)
    /// A Hessian was asked for several expressions at once.
    case hessianOfSeveralExpressions(Int)
    /// No expression was given.
    case noExpressions
    /// A dense Hessian would have too many entries to write out.
    case denseHessianTooLarge(variables: Int)
    /// A user-defined function with no body (only an evaluation closure):
    /// there is no expression to write its code from.
    case functionWithoutBody(String)

    /// A description of the error that says how to fix it.
    public var description: String {
        switch self {
        case .unknownVariable(let name):
            return "the expression uses '\(name)', which is not among the variables; add it to --wrt"
        case .duplicateVariable(let name):
            return "'\(name)' is listed twice among the variables"
        case .invalidName(let name):
            return "'\(name)' cannot be a function name; use letters, digits and '_', starting with a letter, and no keyword"
        case .hessianOfSeveralExpressions(let count):
            return "a Hessian needs one expression, got \(count); drop --hessian or give one expression"
        case .noExpressions:
            return "no expression to generate code for"
        case .denseHessianTooLarge(let n):
            return "a dense Hessian of \(n) variables has \(n * (n + 1) / 2) lower-triangle entries; add --sparse for the nonzero ones only"
        case .functionWithoutBody(let name):
            return "'\(name)' is defined by a closure without a body, so no code can be generated for it; define it by an expression"
        }
    }
}

/// Source code generated from expressions, with the layout of its outputs.
///
///     let f = try Expression(parsing: "x^2*y")
///     let code = try Expression.generateCode(for: [f], variables: ["x", "y"], language: .c,
///                                            name: "f", derivatives: .gradient)
///     print(code.outputLabels)
///     // Prints "["f", "df/dx", "df/dy"]"
public struct GeneratedCode: Sendable, Hashable {
    /// The complete source file.
    public let source: String
    /// The language of ``source``.
    public let language: CodeLanguage
    /// The generated function's name.
    public let name: String
    /// The inputs, in order (`in[k]` is `variables[k]`).
    public let variables: [String]
    /// What each output is, in order (`out[k]` is `outputLabels[k]`).
    public let outputLabels: [String]
    /// For a Hessian, the row of each Hessian output (empty otherwise).
    public let hessianRows: [Int]
    /// For a Hessian, the column of each Hessian output (`<= row`).
    public let hessianColumns: [Int]
    /// The number of temporaries: one per distinct operation of all outputs
    /// together, each loop body's counted once.
    public let temporaryCount: Int
    /// The number of loops: repeated blocks of the program written once
    /// and run for each index (0 when nothing repeats).
    ///
    ///     let r = Expression.sum((0..<9).map { i -> Expression in
    ///         let (x, y) = (Expression.variable("x\(i)"), Expression.variable("x\(i + 1)"))
    ///         return 100 * (y - x ** 2) ** 2 + (1 - x) ** 2
    ///     })
    ///     let code = try Expression.generateCode(for: [r], variables: (0..<10).map { "x\($0)" },
    ///                                            language: .c, derivatives: .gradient)
    ///     print(code.loopCount)
    ///     // Prints "2": one adds the terms of r, one writes the inner gradient entries
    public let loopCount: Int

    /// The number of outputs.
    public var outputCount: Int { outputLabels.count }
}

extension Expression {
    /// Generates standalone source code that computes `outputs` (and, as
    /// `derivatives` asks, their derivatives) at a point.
    ///
    /// Every distinct subexpression of all outputs together, derivatives
    /// included, becomes one temporary, so the source is linear in the size
    /// of the expression graph (never the expanded tree). The code uses only
    /// the language's math library and follows the library's conventions:
    /// the derivative rules' choices at kinks (`abs`, `relu`, `max`, `min`),
    /// and `sigmoid`, `softplus` and `logsumexp` evaluated without overflow.
    ///
    ///     let f = try Expression(parsing: "ln(x1) + x1*x2 - sin(x2)")
    ///     let code = try Expression.generateCode(for: [f], variables: ["x1", "x2"], language: .c,
    ///                                            name: "f", derivatives: .gradient)
    ///     print(code.source.contains("void f(const double *restrict in, double *restrict out)"))
    ///     // Prints "true"
    ///
    /// - Parameters:
    ///   - outputs: One expression, or several (whose derivatives form a Jacobian).
    ///   - variables: The inputs, in order.
    ///   - language: The target language.
    ///   - name: The generated function's name.
    ///   - derivatives: Which derivatives follow the values.
    /// - Throws: ``CodeGenerationError``.
    /// - Complexity: O(n log n) in the distinct nodes of the outputs and their derivatives.
    public static func generateCode(for outputs: [Expression], variables: [String], language: CodeLanguage,
                                    name: String = "f", derivatives: GeneratedDerivatives = .none)
        throws(CodeGenerationError) -> GeneratedCode {
        try generateCode(for: outputs, variables: variables, language: language, name: name, derivatives: derivatives,
                         rerollLoops: true)
    }

    /// ``generateCode(for:variables:language:name:derivatives:)``, with loop
    /// re-rolling optional (tests compare both forms).
    static func generateCode(for outputs: [Expression], variables: [String], language: CodeLanguage,
                             name: String, derivatives: GeneratedDerivatives, rerollLoops: Bool)
        throws(CodeGenerationError) -> GeneratedCode {
        guard !outputs.isEmpty else { throw .noExpressions }
        guard CodeSyntax.isValidName(name, language) else { throw .invalidName(name) }
        var seen: Set<String> = []
        for v in variables where !seen.insert(v).inserted { throw .duplicateVariable(v) }
        let layout = try OutputLayout(outputs, variables: variables, derivatives: derivatives)
        let lowered: LoweredProgram
        do {
            // Sums stay whole: re-rolling looks at all their terms (the emitter chains long ones).
            lowered = try Lowering.lower(layout.expressions, inputs: variables, sumChunk: Int(Int32.max))
        } catch .unknownVariable(let v) {
            throw .unknownVariable(v)
        } catch .functionWithoutBody(let f) {
            throw .functionWithoutBody(f)
        } catch {
            throw .duplicateVariable(variables.first { v in variables.filter { $0 == v }.count > 1 } ?? "")
        }
        var emitter = CodeEmitter(program: lowered, syntax: CodeSyntax(language), name: name,
                                  variables: variables, layout: layout, rerollLoops: rerollLoops)
        let source = emitter.emit()
        return GeneratedCode(source: source, language: language, name: name, variables: variables,
                             outputLabels: layout.labels, hessianRows: layout.hessianRows,
                             hessianColumns: layout.hessianColumns, temporaryCount: emitter.temporaryCount,
                             loopCount: emitter.loopCount)
    }
}

/// The outputs of generated code: expressions and their labels.
struct OutputLayout {
    var expressions: [Expression] = []
    var labels: [String] = []
    var hessianRows: [Int] = []
    var hessianColumns: [Int] = []
    /// The first output of the Hessian block and whether it is dense.
    var hessianStart = 0
    var denseHessian = false

    init(_ outputs: [Expression], variables: [String], derivatives: GeneratedDerivatives) throws(CodeGenerationError) {
        let names = outputs.count == 1 ? ["f"] : (1...outputs.count).map { "f\($0)" }
        expressions = outputs
        labels = names
        switch derivatives {
        case .none:
            break
        case .gradient:
            for (i, row) in Expression.jacobian(of: outputs, withRespectTo: variables).enumerated() {
                expressions += row
                labels += variables.map { "d\(names[i])/d\($0)" }
            }
        case .hessian(let sparse):
            guard outputs.count == 1 else { throw .hessianOfSeveralExpressions(outputs.count) }
            expressions += outputs[0].gradient(withRespectTo: variables)
            labels += variables.map { "df/d\($0)" }
            hessianStart = expressions.count
            denseHessian = !sparse
            let entries = outputs[0].hessianEntries(withRespectTo: variables)
            guard sparse || variables.count <= OutputLayout.maximumDenseHessianVariables else {
                throw .denseHessianTooLarge(variables: variables.count)
            }
            if sparse {
                for e in entries { append(e.row, e.column, e.expression, variables) }
            } else {
                var byPosition: [Int: Expression] = [:]
                for e in entries { byPosition[e.row * variables.count + e.column] = e.expression }
                for i in variables.indices {
                    for j in 0...i { append(i, j, byPosition[i * variables.count + j] ?? .zero, variables) }
                }
            }
        }
    }

    /// The most variables of a dense generated Hessian (about 500,000 entries).
    static let maximumDenseHessianVariables = 1000

    private mutating func append(_ i: Int, _ j: Int, _ e: Expression, _ variables: [String]) {
        expressions.append(e)
        labels.append(i == j ? "d2f/d\(variables[i])^2" : "d2f/d\(variables[i])d\(variables[j])")
        hessianRows.append(i)
        hessianColumns.append(j)
    }
}
