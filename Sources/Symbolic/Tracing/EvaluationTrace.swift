/// The evaluation trace of an expression at a point, in the elementary form
/// of the course notes (Griewank's): the inputs v₁₋ₙ … v₀, then working
/// variables v₁ … v_l, each one binary operation (+, −, ×, ÷, ^), a negation
/// or one function call of earlier variables, with its value; optionally the
/// forward-mode tangent of each for one input; and the reverse sweep of
/// adjoints v̄ᵢ = Σⱼ v̄ⱼ ∂vⱼ/∂vᵢ from the output back to the inputs.
///
///     var order = WrittenOrder()
///     let f = try Expression(parsing: "ln(x1) + x1*x2 - sin(x2)", writtenOrder: &order)
///     let trace = try f.evaluationTrace(at: ["x1": 2, "x2": 5], variables: ["x1", "x2"],
///                                       tangentVariable: "x1", writtenOrder: order)
///     print(trace.rows.map(\.definition))
///     // Prints "["x1", "x2", "ln(v-1)", "v-1 * v0", "sin(v0)", "v1 + v2", "v4 - v3"]"
///     print(trace.gradient)   // [5.5, 1.7163378145367738]
///
/// Every distinct subexpression is one row, however often it is used.
public struct EvaluationTrace: Sendable, Hashable {
    /// What one working variable computes.
    public enum Operation: Sendable, Hashable {
        /// An input variable, by name.
        case input(String)
        case add, subtract, multiply, divide, power, negate
        /// A call of a function.
        case call(Function)
        /// A call of a user-defined function: one row, whatever its body.
        case custom(CustomFunction)
    }

    /// An operand of a row: an earlier row or a constant.
    public enum Operand: Sendable, Hashable {
        /// Row `index` (into ``EvaluationTrace/rows``).
        case row(Int)
        /// A constant, with its printed form.
        case constant(Double, String)
    }

    /// One working variable.
    public struct Row: Sendable, Hashable {
        /// The name in the notes' numbering: `v-1`, `v0`, `v1`, …
        public let name: String
        /// The operation.
        public let operation: Operation
        /// The operands, in order.
        public let operands: [Operand]
        /// The definition in terms of earlier variables, such as `ln(v-1)` or `v4 - v3`.
        public let definition: String
        /// The value.
        public let value: Double
        /// The forward-mode tangent for ``EvaluationTrace/tangentVariable``, if one was asked for.
        public let tangent: Double?
        /// The local partial derivatives ∂(this row)/∂(operand row), one per row operand.
        public let partials: [(row: Int, partial: Double)]

        public static func == (a: Row, b: Row) -> Bool {
            a.name == b.name && a.definition == b.definition && a.value.bitPattern == b.value.bitPattern
                && a.tangent?.bitPattern == b.tangent?.bitPattern
        }
        public func hash(into hasher: inout Hasher) { hasher.combine(name); hasher.combine(definition) }
    }

    /// One step of the reverse sweep.
    public struct Adjoint: Sendable, Hashable {
        /// The row whose adjoint this is.
        public let row: Int
        /// v̄ of that row: ∂output/∂(row).
        public let adjoint: Double
        /// The contributions v̄ⱼ ∂vⱼ/∂vᵢ it sums: the using row j, the partial, and the product.
        public let contributions: [Contribution]
    }

    /// One term v̄ⱼ ∂vⱼ/∂vᵢ of an adjoint.
    public struct Contribution: Sendable, Hashable {
        /// The using row j.
        public let from: Int
        /// ∂vⱼ/∂vᵢ.
        public let partial: Double
        /// v̄ⱼ ∂vⱼ/∂vᵢ.
        public let value: Double
    }

    /// The inputs, in order (rows `0 ..< variables.count`).
    public let variables: [String]
    /// Inputs first, then working variables; the last row is the output.
    public let rows: [Row]
    /// The reverse sweep, from the output back to the inputs.
    public let adjoints: [Adjoint]
    /// The input whose tangents the rows carry, if any.
    public let tangentVariable: String?

    /// The same trace without its reverse sweep (for showing forward mode alone).
    ///
    ///     let forwardOnly = trace.withoutAdjoints()   // forwardOnly.adjoints.isEmpty
    public func withoutAdjoints() -> EvaluationTrace {
        EvaluationTrace(variables: variables, rows: rows, adjoints: [], tangentVariable: tangentVariable, outputRow: outputRow)
    }

    /// The output's value.
    public var value: Double { rows[outputRow].value }
    /// The row that is the output.
    public let outputRow: Int
    /// ∂output/∂variable for every input, in ``variables`` order.
    public var gradient: [Double] {
        var g = [Double](repeating: 0, count: variables.count)
        for a in adjoints where a.row < variables.count { g[a.row] = a.adjoint }
        return g
    }
}

/// An error raised when tracing an evaluation.
public enum TraceError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A variable of the expression has no value.
    case unboundVariable(String)
    /// The tangent variable is not an input.
    case unknownTangentVariable(String)

    /// A description of the error that says how to fix it.
    public var description: String {
        switch self {
        case .unboundVariable(let name): return "no value for '\(name)'; give one with --at, e.g. --at \(name)=1"
        case .unknownTangentVariable(let name): return "'\(name)' is not a variable of the expression"
        }
    }
}

extension Expression {
    /// The evaluation trace of this expression at `point`.
    ///
    ///     let trace = try (x * y + sin(y)).evaluationTrace(at: ["x": 1, "y": 2], variables: ["x", "y"])
    ///     print(trace.rows.count, trace.value)
    ///     // Prints "5 2.909297426825681"
    ///
    /// - Parameters:
    ///   - point: A value for every variable.
    ///   - variables: The inputs, in order (every variable of the expression; others are allowed).
    ///   - tangentVariable: With a name, every row also carries its forward-mode tangent for it.
    ///   - writtenOrder: The operand order of the text (see ``WrittenOrder``); canonical when empty.
    /// - Throws: ``TraceError``.
    /// - Complexity: O(n log n) in the distinct nodes of the expression; no recursion.
    public func evaluationTrace(at point: [String: Double], variables: [String], tangentVariable: String? = nil,
                                writtenOrder: WrittenOrder = WrittenOrder()) throws(TraceError) -> EvaluationTrace {
        var all = variables
        for v in self.variables where !all.contains(v) { all.append(v) }
        if let t = tangentVariable, !all.contains(t) { throw .unknownTangentVariable(t) }
        var values: [Double] = []
        for v in all {
            guard let value = point[v] else { throw .unboundVariable(v) }
            values.append(value)
        }
        var builder = TraceBuilder(variables: all, values: values, tangentVariable: tangentVariable, order: writtenOrder)
        return builder.build(self)
    }
}
