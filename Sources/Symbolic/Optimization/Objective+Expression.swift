/// A problem with turning an expression into an ``Objective``.
public enum ObjectiveError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The expression uses a variable that is not in the variable list.
    case unknownVariable(String)
    /// A variable is listed twice.
    case duplicateVariable(String)
    /// The variable list is empty.
    case noVariables
    /// A data column's length differs from the first column's.
    case dataLengthMismatch(name: String, expected: Int, actual: Int)
    /// The data columns are empty.
    case noSamples

    /// A fragment that reads well after "error: ".
    public var description: String {
        switch self {
        case .unknownVariable(let name):
            return "the objective uses variable '\(name)', which has no starting value"
        case .duplicateVariable(let name):
            return "variable '\(name)' is listed twice"
        case .noVariables:
            return "the objective needs at least one variable"
        case .dataLengthMismatch(let name, let expected, let actual):
            return "data column '\(name)' has \(actual) values, expected \(expected) like the others"
        case .noSamples:
            return "the data has no samples"
        }
    }
}

extension Objective {
    /// Creates the objective `expression` over the ordered `variables`,
    /// with its symbolic gradient and (sparse, symmetric) Hessian.
    ///
    ///     let x = Expression.variable("x"), y = Expression.variable("y")
    ///     let f = try Objective(expression: (1 - x) ** 2 + 100 * (y - x ** 2) ** 2, variables: ["x", "y"])
    ///     let result = try minimize(f, from: [-1.2, 1], method: .newton)
    ///     print(result.point)   // Prints approximately "[1.0, 1.0]"
    ///
    /// The gradient is built once with ``Expression/gradient(withRespectTo:)``
    /// and the Hessian's structurally nonzero lower triangle with
    /// ``Expression/hessianEntries(withRespectTo:)``; evaluation shares each
    /// distinct subexpression.
    ///
    /// - Parameters:
    ///   - expression: The function to minimise.
    ///   - variables: The variables in the order of the optimiser's vectors;
    ///     may include variables the expression does not use.
    /// - Throws: ``ObjectiveError`` when the expression uses a variable not
    ///   in `variables`, when a name is repeated, or when the list is empty.
    public init(expression: Expression, variables: [String]) throws(ObjectiveError) {
        guard !variables.isEmpty else { throw .noVariables }
        var seen = Set<String>()
        for name in variables where !seen.insert(name).inserted { throw .duplicateVariable(name) }
        for name in expression.variables where !seen.contains(name) { throw .unknownVariable(name) }

        let n = variables.count
        let gradient = expression.gradient(withRespectTo: variables)
        let entries = expression.hessianEntries(withRespectTo: variables)
        let valueProgram = ExpressionSlotProgram([expression], variables: variables)
        let gradientProgram = ExpressionSlotProgram([expression] + gradient, variables: variables)
        let hessianProgram = ExpressionSlotProgram(entries.map(\.expression), variables: variables)
        let rows = entries.map(\.row), columns = entries.map(\.column)
        self.init(
            dimension: n,
            value: { x in valueProgram.evaluate(x, output: 0) },
            sparseHessian: SparseHessian(rows: rows, columns: columns) { x, values in
                hessianProgram.evaluate(x) { k, value in values[k] = value }
            },
            valueAndGradient: { x, g in
                var f = 0.0
                gradientProgram.evaluate(x) { k, value in
                    if k == 0 { f = value } else { g[k - 1] = value }
                }
                return f
            })
    }
}

/// Evaluates several expressions at a point given as a buffer in a fixed
/// variable order.
///
/// Interim implementation until the expression compiler is merged: the
/// union of the outputs' graphs is sorted once into a list of node
/// operations over slots (each distinct subexpression computed once per
/// call, variables resolved to buffer indices), evaluated with the same
/// arithmetic as ``Expression/evaluate(at:)``. The compiled flat program
/// replaces it.
struct ExpressionSlotProgram: Sendable {
    private enum Operation: Sendable {
        case constant(Double)
        case input(Int)
        case sum([Int])
        case product([Int])
        case power(Int, Int, Expression)
        case call(Function, Int)
        case call2(Function, Int, Int)
    }

    private let operations: [Operation]
    private let outputSlots: [Int]

    init(_ outputs: [Expression], variables: [String]) {
        var index: [String: Int] = [:]
        for (i, name) in variables.enumerated() where index[name] == nil { index[name] = i }
        // The union of all outputs' nodes in id order is a topological order.
        var seen = Set<Int>()
        var nodes: [Expression] = []
        for output in outputs {
            for node in output.topologicallySortedNodes() where seen.insert(node.id).inserted { nodes.append(node) }
        }
        nodes.sort { $0.id < $1.id }
        var slot: [Int: Int] = [:]
        for (i, node) in nodes.enumerated() { slot[node.id] = i }
        operations = nodes.map { node -> Operation in
            switch node.kind {
            case .constant(let n): return .constant(n.doubleValue)
            case .namedConstant(let c): return .constant(c.value)
            case .variable(let name): return index[name].map(Operation.input) ?? .constant(.nan)
            case .sum(let terms): return .sum(terms.map { slot[$0.id]! })
            case .product(let factors): return .product(factors.map { slot[$0.id]! })
            case .power(let b, let e): return .power(slot[b.id]!, slot[e.id]!, e)
            case .call(let f, let args):
                return args.count == 2 ? .call2(f, slot[args[0].id]!, slot[args[1].id]!) : .call(f, slot[args[0].id]!)
            }
        }
        outputSlots = outputs.map { slot[$0.id]! }
    }

    func evaluate(_ x: UnsafeBufferPointer<Double>, output: Int) -> Double {
        var result = 0.0
        evaluate(x) { k, value in if k == output { result = value } }
        return result
    }

    func evaluate(_ x: UnsafeBufferPointer<Double>, _ body: (Int, Double) -> Void) {
        withUnsafeTemporaryAllocation(of: Double.self, capacity: Swift.max(operations.count, 1)) { v in
            for (i, operation) in operations.enumerated() {
                switch operation {
                case .constant(let c): v[i] = c
                case .input(let k): v[i] = x[k]
                case .sum(let terms):
                    var s = 0.0
                    for t in terms { s += v[t] }
                    v[i] = s
                case .product(let factors):
                    var p = 1.0
                    for f in factors { p *= v[f] }
                    v[i] = p
                case .power(let b, let e, let exponent):
                    v[i] = Expression.evaluatePower(v[b], v[e], exponent: exponent)
                case .call(let f, let a): v[i] = f.evaluate(v[a])
                case .call2(let f, let a, let b): v[i] = f.evaluate(v[a], v[b])
                }
            }
            for (k, s) in outputSlots.enumerated() { body(k, v[s]) }
        }
    }
}
