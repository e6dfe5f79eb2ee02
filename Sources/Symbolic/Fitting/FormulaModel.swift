/// A model given by formulas: variables that name data columns are inputs,
/// every other variable is a parameter to fit.
///
///     let model = try FormulaModel(parsing: "b1*(1 - exp(-b2*x))", columns: ["x", "y"])
///     print(model.inputs, model.parameters)   // Prints "["x"] ["b1", "b2"]"
///
/// A model has one output per formula (``outputs``); curve fits have one,
/// networks and multi-class classifiers have several. Parameters keep a
/// fixed order — the order in which the text first writes them, or the one
/// given — which is the order of every parameter vector of the fitting API.
public struct FormulaModel: Sendable, Hashable {
    /// The formulas, one per output, over ``inputs`` and ``parameters``.
    public let outputs: [Expression]
    /// The data columns the formulas read, in the order given.
    public let inputs: [String]
    /// The parameters, in vector order.
    public let parameters: [String]

    /// Creates a model from formulas with explicit inputs and parameters.
    ///
    ///     let x = Expression.variable("x"), a = Expression.variable("a")
    ///     let model = try FormulaModel(outputs: [a * x], inputs: ["x"], parameters: ["a"])
    ///
    /// - Throws: ``FitError`` when there are no outputs or no parameters, a
    ///   name is listed twice or as both input and parameter, or a formula
    ///   uses a variable that is neither.
    public init(outputs: [Expression], inputs: [String], parameters: [String]) throws(FitError) {
        guard !outputs.isEmpty else { throw .noOutputs }
        guard !parameters.isEmpty else { throw .noParameters }
        var seen = Set<String>()
        for name in inputs + parameters where !seen.insert(name).inserted { throw .duplicateName(name) }
        for output in outputs {
            for name in output.variables where !seen.contains(name) { throw .unknownVariable(name) }
        }
        self.outputs = outputs
        self.inputs = inputs
        self.parameters = parameters
    }

    /// Creates a one-output model from an expression: its variables that
    /// are in `columns` are inputs, the rest parameters.
    ///
    ///     let t = Expression.variable("t"), k = Expression.variable("k")
    ///     let model = try FormulaModel(exp(-k * t), columns: ["t", "signal"])
    ///     print(model.parameters)   // Prints "["k"]"
    ///
    /// - Parameters:
    ///   - expression: The formula.
    ///   - columns: The data's column names.
    ///   - parameterOrder: Names that fix the order of the parameters; the
    ///     ones not listed follow in natural order (`b2` before `b10`).
    /// - Throws: ``FitError/noParameters`` when every variable is a column.
    public init(_ expression: Expression, columns: [String], parameterOrder: [String] = []) throws(FitError) {
        let variables = expression.variables
        let inputs = columns.filter(variables.contains)
        let free = variables.filter { !columns.contains($0) }
        let listed = parameterOrder.filter(free.contains)
        let rest = free.filter { !listed.contains($0) }.sorted(by: FormulaModel.naturalOrder)
        try self.init(outputs: [expression], inputs: inputs, parameters: listed + rest)
    }

    /// Parses a one-output model; parameters are ordered as the text first
    /// writes them.
    ///
    ///     let model = try FormulaModel(parsing: "b1*x^b2", columns: ["x", "y"])
    ///
    /// - Throws: ``FitError/parse(_:text:)`` for text that does not parse,
    ///   ``FitError/parametersCancel(_:simplified:)`` when a parameter the
    ///   text writes cancels out (`a*x + b - b`), and the errors of
    ///   ``init(_:columns:parameterOrder:)``.
    /// - Parameter functions: User-defined functions the formula may call.
    public init(parsing text: String, columns: [String], functions: FunctionRegistry = FunctionRegistry()) throws(FitError) {
        let expression: Expression
        do {
            expression = try Expression(parsing: text, functions: functions)
        } catch {
            throw .parse(error, text: text)
        }
        let written = Expression.variableNames(appearingIn: text)
        let remaining = Set(expression.variables)
        let cancelled = written.filter { !columns.contains($0) && !remaining.contains($0) }
        if !cancelled.isEmpty { throw .parametersCancel(cancelled, simplified: expression.description) }
        try self.init(expression, columns: columns, parameterOrder: written)
    }

    /// The first (for curve fits, the only) formula.
    public var expression: Expression { outputs[0] }

    /// `a` before `b`, and `b2` before `b10`: digit runs compare as numbers.
    static func naturalOrder(_ a: String, _ b: String) -> Bool {
        func pieces(_ s: String) -> [(String, Int?)] {
            var result: [(String, Int?)] = []
            var current = "", digits = false
            for c in s {
                if c.isASCII && c.isNumber != digits && !current.isEmpty {
                    result.append((current, digits ? Int(current) : nil))
                    current = ""
                }
                digits = c.isASCII && c.isNumber
                current.append(c)
            }
            if !current.isEmpty { result.append((current, digits ? Int(current) : nil)) }
            return result
        }
        for (x, y) in zip(pieces(a), pieces(b)) {
            if let i = x.1, let j = y.1, i != j { return i < j }
            if x.0 != y.0 { return x.0 < y.0 }
        }
        return pieces(a).count < pieces(b).count
    }
}
