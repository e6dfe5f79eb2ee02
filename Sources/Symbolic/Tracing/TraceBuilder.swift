import Foundation

/// Builds an ``EvaluationTrace``: one post-order walk over the graph with
/// an explicit stack, splitting n-ary sums and products into binary rows.
struct TraceBuilder {
    let variables: [String]
    let tangentVariable: String?
    let order: WrittenOrder
    private var rows: [EvaluationTrace.Row] = []
    /// The row of each expression traced so far, by id.
    private var rowOf: [Int: Int] = [:]
    /// ∂f/∂argument_k as expressions of placeholder arguments, per function and argument count.
    private var partialRules: [String: [Expression]] = [:]

    init(variables: [String], values: [Double], tangentVariable: String?, order: WrittenOrder) {
        self.variables = variables
        self.tangentVariable = tangentVariable
        self.order = order
        for (k, name) in variables.enumerated() {
            rowOf[Expression.variable(name).id] = k
            rows.append(EvaluationTrace.Row(
                name: "v\(k - variables.count + 1)", operation: .input(name), operands: [], definition: name,
                value: values[k], tangent: tangentVariable.map { $0 == name ? 1 : 0 }, partials: []))
        }
    }

    mutating func build(_ root: Expression) -> EvaluationTrace {
        var stack: [(Expression, Bool)] = [(root, false)]
        while let (e, ready) = stack.popLast() {
            if rowOf[e.id] != nil || e.constantDoubleValue != nil { continue }
            let needed = dependencies(of: e)
            if ready {
                rowOf[e.id] = emit(e)
            } else {
                stack.append((e, true))
                for d in needed.reversed() where rowOf[d.id] == nil && d.constantDoubleValue == nil { stack.append((d, false)) }
            }
        }
        let output: Int
        if let r = rowOf[root.id] {
            output = r
        } else {
            // A constant expression: one row that is the constant.
            output = append(.add, [operand(root), .constant(0, "0")], value: root.constantDoubleValue ?? .nan)
        }
        return EvaluationTrace(variables: variables, rows: rows, adjoints: reverseSweep(from: output),
                               tangentVariable: tangentVariable, outputRow: output)
    }

    /// A sum's term as a sign and a magnitude: `-1*y` is (true, y), `-3*y` is (true, 3*y).
    private func split(_ term: Expression) -> (negative: Bool, magnitude: Expression) {
        if case .constant(let n) = term.kind, n.doubleValue < 0 { return (true, .constant(TraceBuilder.negated(n))) }
        if case .product(let factors) = term.kind, case .constant(let n) = factors[0].kind, n.doubleValue < 0 {
            let rest = Array(factors.dropFirst())
            let magnitude = n == .minusOne ? (rest.count == 1 ? rest[0] : Expression.product(rest))
                : Expression.product([.constant(TraceBuilder.negated(n))] + rest)
            return (true, magnitude)
        }
        return (false, term)
    }

    /// A product's factor as a numerator or a divisor: `y^-1` is (true, y), `y^-2` is (true, y^2).
    private func divisor(_ factor: Expression) -> Expression? {
        guard case .power(let b, let e) = factor.kind, case .constant(let n) = e.kind, n.doubleValue < 0 else { return nil }
        return n == .minusOne ? b : Expression.power(b, .constant(TraceBuilder.negated(n)))
    }

    private static func negated(_ n: Number) -> Number { n.multiplying(by: .minusOne) ?? .real(-n.doubleValue) }

    private func dependencies(of e: Expression) -> [Expression] {
        switch e.kind {
        case .sum: return order.operands(of: e).map { split($0).magnitude }
        case .product:
            return order.operands(of: e).map { divisor($0) ?? $0 }.filter { $0 != .minusOne }
        case .power(let b, let x): return [b, x]
        case .call(_, let args), .custom(_, let args): return args
        case .constant, .namedConstant, .variable: return []
        }
    }

    private func operand(_ e: Expression) -> EvaluationTrace.Operand {
        if let r = rowOf[e.id] { return .row(r) }
        return .constant(e.constantDoubleValue ?? .nan, e.description)
    }

    private func value(_ o: EvaluationTrace.Operand) -> Double {
        switch o {
        case .row(let r): return rows[r].value
        case .constant(let v, _): return v
        }
    }

    /// The rows of one expression; returns the last.
    private mutating func emit(_ e: Expression) -> Int {
        switch e.kind {
        case .sum:
            var pieces = order.operands(of: e).map(split)
            if pieces[0].negative, let p = pieces.firstIndex(where: { !$0.negative }) {
                pieces.insert(pieces.remove(at: p), at: 0)
            }
            var acc = operand(pieces[0].magnitude)
            if pieces[0].negative { acc = .row(append(.negate, [acc])) }
            for p in pieces.dropFirst() {
                acc = .row(append(p.negative ? .subtract : .add, [acc, operand(p.magnitude)]))
            }
            return rowIndex(acc)
        case .product:
            var negates = false
            var numerators: [Expression] = [], divisors: [Expression] = []
            for f in order.operands(of: e) {
                if f == .minusOne { negates = true } else if let d = divisor(f) { divisors.append(d) } else { numerators.append(f) }
            }
            var acc = numerators.isEmpty ? EvaluationTrace.Operand.constant(1, "1") : operand(numerators[0])
            for n in numerators.dropFirst() { acc = .row(append(.multiply, [acc, operand(n)])) }
            for d in divisors { acc = .row(append(.divide, [acc, operand(d)])) }
            if negates { acc = .row(append(.negate, [acc])) }
            return rowIndex(acc)
        case .power(let b, let x):
            return append(.power, [operand(b), operand(x)])
        case .call(let f, let args):
            return append(.call(f), args.map(operand))
        case .custom(let f, let args):
            return append(.custom(f), args.map(operand))
        case .constant, .namedConstant, .variable:
            preconditionFailure("leaves have no rows")
        }
    }

    private func rowIndex(_ o: EvaluationTrace.Operand) -> Int {
        if case .row(let r) = o { return r }
        preconditionFailure("a sum or product of constants is folded by the constructors")
    }

    /// Appends a row computing `operation` on `operands`, with its value, local partials and tangent.
    @discardableResult
    private mutating func append(_ operation: EvaluationTrace.Operation, _ operands: [EvaluationTrace.Operand],
                                 value given: Double? = nil) -> Int {
        let a = value(operands[0]), b = operands.count > 1 ? value(operands[1]) : 0
        var v: Double
        var d: [Double]   // ∂v/∂operand, per operand
        switch operation {
        case .add: v = a + b; d = [1, 1]
        case .subtract: v = a - b; d = [1, -1]
        case .multiply: v = a * b; d = [b, a]
        case .divide: v = a / b; d = [1 / b, -a / (b * b)]
        case .negate: v = -a; d = [-1]
        case .power:
            v = Expression.evaluatePower(a, b)
            let db: Double
            if case .row = operands[1] { db = v * Foundation.log(a) } else { db = 0 }
            d = [b * Expression.evaluatePower(a, b - 1), db]
        case .call(let f):
            let args = operands.map(value)
            v = f.evaluate(args)
            d = partials(of: f, at: args)
        case .custom(let f):
            let args = operands.map(value)
            v = f.evaluate(args)
            d = args.indices.map { f.partialValue($0, at: args) }
        case .input:
            preconditionFailure("inputs are made by init")
        }
        if let given { v = given }
        var partials: [(row: Int, partial: Double)] = []
        for (k, o) in operands.enumerated() { if case .row(let r) = o { partials.append((r, d[k])) } }
        let tangent = tangentVariable.map { _ in partials.reduce(0.0) { $0 + $1.partial * rows[$1.row].tangent! } }
        rows.append(EvaluationTrace.Row(name: "v\(rows.count - variables.count + 1)", operation: operation,
                                        operands: operands, definition: definition(operation, operands),
                                        value: v, tangent: tangent, partials: partials))
        return rows.count - 1
    }

    /// ∂f/∂argument_k at `args`, from the library's own derivative rules.
    private mutating func partials(of f: Function, at args: [Double]) -> [Double] {
        let key = "\(f.name)/\(args.count)"
        let names = args.indices.map { "\u{1}\($0)" }
        if partialRules[key] == nil {
            let call = Expression.call(f, names.map(Expression.variable))
            partialRules[key] = names.map { call.derivative(withRespectTo: $0) }
        }
        let point = Dictionary(uniqueKeysWithValues: zip(names, args))
        return partialRules[key]!.map { (try? $0.evaluate(at: point)) ?? .nan }
    }

    private func definition(_ operation: EvaluationTrace.Operation, _ operands: [EvaluationTrace.Operand]) -> String {
        let texts = operands.map { o -> String in
            switch o {
            case .row(let r): return rows[r].name
            case .constant(_, let text): return text
            }
        }
        switch operation {
        case .add: return "\(texts[0]) + \(texts[1])"
        case .subtract: return "\(texts[0]) - \(texts[1])"
        case .multiply: return "\(texts[0]) * \(texts[1])"
        case .divide: return "\(texts[0]) / \(texts[1])"
        case .power: return "\(texts[0]) ^ \(texts[1])"
        case .negate: return "-\(texts[0])"
        case .call(let f): return "\(f == .log ? "ln" : f.name)(\(texts.joined(separator: ", ")))"
        case .custom(let f): return "\(f.name)(\(texts.joined(separator: ", ")))"
        case .input(let name): return name
        }
    }

    /// The adjoints from `output` back to the inputs: each row's adjoint is
    /// complete once every later row has passed its contributions down.
    private func reverseSweep(from output: Int) -> [EvaluationTrace.Adjoint] {
        var adjoint = [Double](repeating: 0, count: rows.count)
        var contributions = [[EvaluationTrace.Contribution]](repeating: [], count: rows.count)
        var reached = [Bool](repeating: false, count: rows.count)
        adjoint[output] = 1
        reached[output] = true
        var result: [EvaluationTrace.Adjoint] = []
        for i in stride(from: output, through: 0, by: -1) where reached[i] {
            result.append(EvaluationTrace.Adjoint(row: i, adjoint: adjoint[i], contributions: contributions[i]))
            for (r, partial) in rows[i].partials {
                let c = adjoint[i] * partial
                adjoint[r] += c
                reached[r] = true
                contributions[r].append(EvaluationTrace.Contribution(from: i, partial: partial, value: c))
            }
        }
        return result
    }
}
