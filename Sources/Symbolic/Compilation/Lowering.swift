/// Lowering: the shared expression graph of all outputs → a list of SSA
/// values (constants, inputs, and binary/unary operations), with
/// common-subexpression elimination and constant folding on the way.
///
/// Interning already makes structurally equal subexpressions one node, so
/// the graph walk itself removes most common subexpressions (every node is
/// lowered once, however many outputs use it). On top of that, the lowered
/// operations are hash-consed too: n-ary sums and products become chains of
/// binary operations, and powers become squares, so two chains that start
/// alike (`a+b+c`, `a+b+d`) or `x^3` next to `x^2` share their common part.
struct LoweredProgram {
    /// An SSA value. Operands of an operation always precede it.
    enum Value: Equatable {
        case constant(Double)
        case input(Int32)
        /// `op(a, b)`; `b` is -1 for unary operations.
        case operation(Opcode, Int32, Int32)
    }

    var values: [Value] = []
    var outputs: [Int32] = []
    /// Distinct expression nodes reachable from the outputs.
    var graphNodeCount = 0
    /// Compound nodes with more than one user (an output counts as a user).
    var sharedNodeCount = 0
    /// Uses of compound nodes beyond their first: work saved by sharing.
    var graphCSEHits = 0
    /// Lowered operations found already computed.
    var instructionCSEHits = 0
    /// Operations on constants computed at compile time.
    var constantFolds = 0
    /// The total tree size of the outputs (saturating).
    var treeSize = 0
}

/// Builds a ``LoweredProgram`` from expressions.
struct Lowering {
    private var program = LoweredProgram()
    private var constantIDs: [UInt64: Int32] = [:]
    private var operationIDs: [OperationKey: Int32] = [:]

    private struct OperationKey: Hashable {
        var op: Opcode
        var a: Int32
        var b: Int32
    }

    /// Lowers `outputs` over `inputs` (variables then parameters).
    ///
    /// - Throws: ``CompilationError/unknownVariable(_:)`` for a variable that
    ///   is not among `inputs`.
    static func lower(_ outputs: [Expression], inputs: [String]) throws(CompilationError) -> LoweredProgram {
        var inputIndex: [String: Int32] = [:]
        inputIndex.reserveCapacity(inputs.count)
        var lowering = Lowering()
        for (i, name) in inputs.enumerated() {
            inputIndex[name] = Int32(i)
            lowering.program.values.append(.input(Int32(i)))
        }
        try lowering.lowerGraph(outputs, inputIndex: inputIndex)
        return lowering.program
    }

    /// Every distinct node reachable from `roots`, operands before users
    /// (ascending `id`). Iterative: any depth is fine.
    static func collectNodes(_ roots: [Expression]) -> [Expression] {
        var seen = Set<Int>()
        var stack: [Expression] = []
        for r in roots where seen.insert(r.id).inserted { stack.append(r) }
        var nodes: [Expression] = []
        while let e = stack.popLast() {
            nodes.append(e)
            switch e.kind {
            case .constant, .namedConstant, .variable:
                break
            case .sum(let xs), .product(let xs), .call(_, let xs):
                for c in xs where seen.insert(c.id).inserted { stack.append(c) }
            case .power(let b, let x):
                if seen.insert(b.id).inserted { stack.append(b) }
                if seen.insert(x.id).inserted { stack.append(x) }
            }
        }
        nodes.sort { $0.id < $1.id }
        return nodes
    }

    private mutating func lowerGraph(_ outputs: [Expression], inputIndex: [String: Int32]) throws(CompilationError) {
        let nodes = Lowering.collectNodes(outputs)
        program.graphNodeCount = nodes.count
        var position: [Int: Int32] = [:]
        position.reserveCapacity(nodes.count)
        for (i, n) in nodes.enumerated() { position[n.id] = Int32(i) }

        // Users per node, to find shared nodes and single-use reciprocals.
        var users = [Int32](repeating: 0, count: nodes.count)
        for n in nodes {
            for c in n.operands { users[Int(position[c.id]!)] += 1 }
        }
        for o in outputs {
            users[Int(position[o.id]!)] += 1
            program.treeSize = program.treeSize.addingSaturating(o.treeSize)
        }
        for (i, n) in nodes.enumerated() where users[i] > 1 {
            switch n.kind {
            case .constant, .namedConstant, .variable: break
            default:
                program.sharedNodeCount += 1
                program.graphCSEHits += Int(users[i]) - 1
            }
        }

        // valueOf[i]: the SSA value of node i. negated[i] / reciprocated[i]:
        // for a node `-1*y` / `y^-1`, the value of y, so that users can
        // subtract / divide instead (the node itself is then dead code
        // unless something else needs it).
        var valueOf = [Int32](repeating: -1, count: nodes.count)
        var negated = [Int32](repeating: -1, count: nodes.count)
        var reciprocated = [Int32](repeating: -1, count: nodes.count)
        func value(_ e: Expression) -> Int32 { valueOf[Int(position[e.id]!)] }

        for (i, node) in nodes.enumerated() {
            switch node.kind {
            case .constant(let n):
                valueOf[i] = constant(n.doubleValue)
            case .namedConstant(let c):
                valueOf[i] = constant(c.value)
            case .variable(let name):
                guard let index = inputIndex[name] else { throw .unknownVariable(name) }
                valueOf[i] = index
            case .sum(let terms):
                valueOf[i] = lowerSum(terms.map { t -> (Int32, Bool) in
                    let p = Int(position[t.id]!)
                    return negated[p] >= 0 ? (negated[p], true) : (valueOf[p], false)
                })
            case .product(let factors):
                var operands: [(Int32, Bool)] = []
                operands.reserveCapacity(factors.count)
                var negate = false
                for (k, f) in factors.enumerated() {
                    let p = Int(position[f.id]!)
                    if k == 0, factors.count > 1, case .constant(let c) = f.kind, c.doubleValue == -1 {
                        negate = true   // (-1*y)*z == -(y*z) exactly: sign-symmetric rounding
                    } else if !operands.isEmpty, reciprocated[p] >= 0, users[p] == 1 {
                        operands.append((reciprocated[p], true))
                    } else {
                        operands.append((valueOf[p], false))
                    }
                }
                var v = operands[0].1 ? emit(.reciprocal, operands[0].0) : operands[0].0
                for (operand, divides) in operands.dropFirst() {
                    v = emit(divides ? .multiplyReciprocal : .multiply, v, operand)
                }
                if negate {
                    if factors.count == 2 { negated[i] = v }
                    v = emit(.negate, v)
                }
                valueOf[i] = v
            case .power(let base, let exponent):
                let b = value(base)
                let e = exponent.constantDoubleValue
                if e == -1 { reciprocated[i] = b }
                valueOf[i] = lowerPower(b, exponent: e, runtimeExponent: value(exponent))
            case .call(let f, let args):
                let op = Opcode(f)
                valueOf[i] = args.count == 2 ? emit(op, value(args[0]), value(args[1])) : emit(op, value(args[0]))
            }
        }
        program.outputs = outputs.map { value($0) }
    }

    /// A sum as a left-to-right chain, like the evaluator's loop. Negated
    /// terms `-1*y` are subtracted (`s + (-y) == s - y` exactly); the first
    /// two terms may swap since IEEE addition is commutative.
    private mutating func lowerSum(_ terms: [(value: Int32, negated: Bool)]) -> Int32 {
        let (t0, t1) = (terms[0], terms[1])
        var s: Int32
        switch (t0.negated, t1.negated) {
        case (false, false): s = emit(.add, t0.value, t1.value)
        case (true, false): s = emit(.subtract, t1.value, t0.value)
        case (false, true): s = emit(.subtract, t0.value, t1.value)
        case (true, true): s = emit(.negate, emit(.add, t0.value, t1.value))
        }
        for t in terms.dropFirst(2) {
            s = emit(t.negated ? .subtract : .add, s, t.value)
        }
        return s
    }

    /// `b ^ e`, with the evaluator's exact small-exponent cases split into
    /// squares so that `x^2` and `x^3` share `x*x`.
    private mutating func lowerPower(_ b: Int32, exponent e: Double?, runtimeExponent: Int32) -> Int32 {
        switch e {
        case 1: return b
        case 2: return emit(.square, b)
        case 3: return emit(.multiply, emit(.square, b), b)         // b*b*b
        case -1: return emit(.reciprocal, b)
        case -2: return emit(.reciprocal, emit(.square, b))         // 1/(b*b)
        case 0.5: return emit(.squareRoot, b)
        default: return emit(.power, b, runtimeExponent)
        }
    }

    private mutating func constant(_ x: Double) -> Int32 {
        if let id = constantIDs[x.bitPattern] { return id }
        let id = Int32(program.values.count)
        program.values.append(.constant(x))
        constantIDs[x.bitPattern] = id
        return id
    }

    /// Appends `op(a, b)` unless it folds to a constant or exists already.
    private mutating func emit(_ op: Opcode, _ a: Int32, _ b: Int32 = -1) -> Int32 {
        var (a, b) = (a, op.arity == 1 ? -1 : b)
        if case .constant(let x) = program.values[Int(a)] {
            if b < 0 {
                program.constantFolds += 1
                return constant(op.apply(x, 0))
            }
            if case .constant(let y) = program.values[Int(b)] {
                program.constantFolds += 1
                return constant(op.apply(x, y))
            }
        }
        if op.isCommutative && a > b { swap(&a, &b) }
        let key = OperationKey(op: op, a: a, b: b)
        if let existing = operationIDs[key] {
            program.instructionCSEHits += 1
            return existing
        }
        let id = Int32(program.values.count)
        program.values.append(.operation(op, a, b))
        operationIDs[key] = id
        return id
    }
}

extension Expression {
    /// The value of a numeric or named constant, else `nil`.
    var constantDoubleValue: Double? {
        switch kind {
        case .constant(let n): return n.doubleValue
        case .namedConstant(let c): return c.value
        default: return nil
        }
    }
}
