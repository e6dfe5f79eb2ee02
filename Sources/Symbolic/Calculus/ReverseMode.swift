import SymbolicKernels

/// Symbolic reverse-mode differentiation over the shared expression graph.
///
/// One backward sweep visits each distinct node that depends on a requested
/// variable once, in reverse topological order. The adjoint of a node is the
/// sum of its users' contributions `adjoint(user) * ∂user/∂node`, built as
/// new nodes that reuse the forward nodes, so the derivative graph shares
/// structure with the function graph and every partial derivative of a
/// gradient comes out of the same sweep (the "cheap gradient principle").
///
/// The sweep works on a ``FlatGraph`` (post-order nodes with their operands'
/// positions in flat arrays) and keeps each node's pending contributions in
/// one shared linked list, so it allocates a handful of arrays per sweep
/// rather than a dictionary lookup per edge and an array per node.
enum ReverseMode {
    /// The adjoints `∂(seed*root)/∂v` of the variables `v` in `variables`
    /// whose index is at most `maxIndex`, keyed by that index. Variables the
    /// root does not depend on are absent (their derivative is 0).
    ///
    /// - Complexity: O(n) in the distinct nodes of `root`, plus the cost of
    ///   building the adjoint nodes.
    static func adjoints(of root: Expression, seed: Expression = .one,
                         variables: [String], maxIndex: Int = .max) -> [Int: Expression] {
        var sweep = ReverseSweep.reused(variables: variables)
        defer { sweep.recycle() }
        var result: [Int: Expression] = [:]
        for (k, adjoint) in sweep.adjoints(of: root, seed: seed, maxIndex: maxIndex) { result[k] = adjoint }
        return result
    }

    /// A name → position map for an ordered variable list (the first
    /// occurrence wins if a name is repeated).
    static func index(_ variables: [String]) -> [String: Int] {
        var index: [String: Int] = [:]
        index.reserveCapacity(variables.count)
        for (i, v) in variables.enumerated() where index[v] == nil { index[v] = i }
        return index
    }
}

/// One reverse sweep at a time over graphs, keeping its buffers between
/// sweeps (the Hessian runs one per gradient entry) and remembering which
/// variable node has which index, so each variable's name is looked up
/// once rather than once per sweep.
struct ReverseSweep {
    private var variableIndex: VariableNames
    /// Variable node id → index in `variableIndex`, or -1 if absent (for
    /// the names that ``VariableNames/quickIndex(of:)`` does not answer).
    private var variableOfID = IntTable(capacity: 64)
    private var graph = FlatGraph()
    private var depends: [Bool] = []
    private var variable: [Int32] = []
    private var head: [Int32] = []
    private var items: [ScaledTerm] = []
    private var next: [Int32] = []
    private var gathered: [Expression] = []
    /// Contributions of `gathered` to intern once all their slots are hinted.
    private var products: [(index: Int, kind: Expression.Kind, hash: Int)] = []
    /// The variables reached, in sweep order, with their contribution lists.
    private var deferred: [(variable: Int32, head: Int32)] = []
    private var links: [Int32] = []
    /// Each deferred variable's contributions in `gathered`.
    private var ranges: [Range<Int>] = []
    private var terms = ScaledTerms()

    init(variables: [String]) { variableIndex = VariableNames(variables) }

    /// Makes a kept sweep (see ``reused(variables:)``) one over `variables`.
    mutating func reset(variables: [String]) {
        variableIndex = VariableNames(variables)
        variableOfID.removeAll(expectedCount: 64)
    }

    /// About how many bytes the sweep's buffers hold (their capacities).
    var bufferBytes: Int {
        graph.bufferBytes + depends.bufferBytes + variable.bufferBytes + head.bufferBytes + items.bufferBytes
            + next.bufferBytes + gathered.bufferBytes + products.bufferBytes + deferred.bufferBytes
            + links.bufferBytes + ranges.bufferBytes + terms.bufferBytes
    }

    /// Empties every array that refers to nodes, keeping the capacities, so
    /// that a kept sweep keeps no node alive and points at none.
    mutating func forgetNodes() {
        graph.forgetNodes()
        items.removeAll(keepingCapacity: true)
        gathered.removeAll(keepingCapacity: true)
        products.removeAll(keepingCapacity: true)
        terms.forgetNodes()
    }

    /// The adjoints as one entry per variable (`0` for the absent ones; a
    /// repeated name gets its first occurrence's entry).
    mutating func spread(_ adjoints: [(Int, Expression)]) -> [Expression] {
        let variables = variableIndex.names
        var byIndex = [Expression](repeating: .zero, count: variables.count)
        for (k, adjoint) in adjoints { byIndex[k] = adjoint }
        if variableIndex.count == variables.count { return byIndex }
        return variables.map { byIndex[variableIndex.index(of: $0)!] }
    }

    /// Whether each variable is its name's first occurrence.
    mutating func firstOccurrences() -> [Bool] {
        let variables = variableIndex.names
        if variableIndex.count == variables.count { return [Bool](repeating: true, count: variables.count) }
        return variables.indices.map { variableIndex.index(of: variables[$0]) == $0 }
    }

    /// The canonical sum of contributions, through the quick path when it
    /// applies (debug builds check it against the general constructor).
    private static func sum(_ terms: [Expression]) -> Expression {
        guard let fast = Expression.quickSum(terms) else { return Expression.sum(terms) }
        #if DEBUG
        let general = Expression.sum(terms)
        assert(fast == general, "quickSum gave \(fast), the general constructor \(general)")
        #endif
        return fast
    }

    private static let sumRank = CanonicalOrder.rank(.sum([]))

    /// How many nodes ahead of the sweep ``prefetch(_:)`` hints.
    private static let prefetchDistance = 8

    /// Hints the node the sweep reads a few steps later (its reference
    /// count and kind, and its rank and operand views further in): nodes
    /// are scattered over the heap and the graph is larger than the cache.
    /// A prefetch never faults, so the guessed offsets are harmless.
    @inline(__always)
    private static func prefetch(_ node: Unmanaged<Node>) {
        let p = UnsafeRawPointer(node.toOpaque())
        sk_prefetch(p)
        sk_prefetch(p + 96)
    }

    /// `adjoint · ∂node/∂(operand k)`, kept pending when it is a product of
    /// the adjoint and a quick partial (see ``ScaledTerms``), else built by
    /// the general rules. Debug builds check it against the eager sweep's node.
    private mutating func contribution(of node: Expression, withRespectTo k: Int, adjoint: ScaledTerm) -> ScaledTerm {
        var result: ScaledTerm? = nil
        if let (factor, c) = ReverseSweep.quickPartial(of: node, withRespectTo: k) {
            if node.node.rank == ReverseSweep.callRank, adjoint.node == .one {
                result = ScaledTerm(factor)   // the rule itself, as the eager sweep returns it
            } else {
                result = terms.product(adjoint, factor, coefficient: c)
            }
        }
        let term = result ?? ScaledTerm(PartialDerivatives.contribution(of: node, withRespectTo: k,
                                                                          adjoint: terms.expression(adjoint)))
        #if DEBUG
        let eager = PartialDerivatives.contribution(of: node, withRespectTo: k, adjoint: terms.expression(adjoint))
        assert(terms.expression(term) == eager, "pending product \(terms.expression(term)) differs from \(eager)")
        #endif
        return term
    }

    private static let callRank = CanonicalOrder.rank(.call(.exp, []))
    private static let powerRank = CanonicalOrder.rank(.power(.one, .one))
    private static let productRank = CanonicalOrder.rank(.product([]))

    /// ``PartialDerivatives/quickPartial(of:withRespectTo:)``, reading a
    /// product's or power's operands in place: binding the node's kind
    /// would copy (retain and release) its operand array on every edge.
    @inline(__always)
    private static func quickPartial(of node: Expression, withRespectTo k: Int) -> (factor: Expression, coefficient: Rational)? {
        node.node.withUnretainedOperands { operands -> (factor: Expression, coefficient: Rational)?? in
            switch node.node.rank {
            case productRank:
                if operands.count == 2 { return (Expression(node: operands[1 - k].takeUnretainedValue()), Rational(1)) }
                if operands.count == 3, k > 0, let c = rationalValue(operands[0]) {
                    return (Expression(node: operands[3 - k].takeUnretainedValue()), c)
                }
                return .some(nil)
            case powerRank:
                guard k == 0, let n = rationalValue(operands[1]) else { return .some(nil) }
                return PartialDerivatives.quickPowerPartial(Expression(node: operands[0].takeUnretainedValue()), n)
            default:
                return nil   // not read in place
            }
        } ?? PartialDerivatives.quickPartial(of: node, withRespectTo: k)
    }

    /// The value of a rational constant node, else `nil`.
    @inline(__always)
    private static func rationalValue(_ node: Unmanaged<Node>) -> Rational? {
        node._withUnsafeGuaranteedRef { n in
            guard n.rank == 0, case .constant(.rational(let r)) = n.kind else { return nil }
            return r
        }
    }

    /// The variable index of the variable node `node`, or -1: from the
    /// names' table when it answers, else looked up once per node and
    /// remembered by id (the Hessian sweeps the same variables many times).
    @inline(__always)
    private mutating func index(ofVariable node: Unmanaged<Node>) -> Int32 {
        let quick = node._withUnsafeGuaranteedRef { n -> Int32? in
            guard case .variable(let name) = n.kind else { return -1 }
            return variableIndex.quickIndex(of: name)
        }
        if let quick { return quick }
        let id = node._withUnsafeGuaranteedRef { $0.id }
        if let k = variableOfID.value(for: id) { return k }
        guard case .variable(let name) = node.takeUnretainedValue().kind else { return -1 }
        let k = Int32(variableIndex.index(of: name) ?? -1)
        variableOfID.insert(id, k)
        return k
    }

    /// The adjoints `∂(seed*root)/∂v` of the variables with index at most
    /// `maxIndex`, as (index, adjoint) pairs in the order the sweep reaches
    /// them. Variables the root does not depend on are absent.
    mutating func adjoints(of root: Expression, seed: Expression = .one, maxIndex: Int = .max) -> [(Int, Expression)] {
        guard root.containsVariables else { return [] }
        graph.rebuild(root)
        let n = graph.count
        depends.removeAll(keepingCapacity: true)
        depends.append(contentsOf: repeatElement(false, count: n))
        variable.removeAll(keepingCapacity: true)
        variable.append(contentsOf: repeatElement(-1, count: n))
        for d in 0..<n {   // operands first
            guard graph.containsVariables[d] else { continue }
            if graph.operandRange(d).isEmpty {   // a variable
                let k = index(ofVariable: graph.nodes[d])
                variable[d] = k
                depends[d] = k >= 0 && Int(k) <= maxIndex
            } else {
                for p in graph.operandRange(d) where depends[Int(graph.operands[p])] {
                    depends[d] = true
                    break
                }
            }
        }
        // Pending contributions: a linked list per node through `next`.
        head.removeAll(keepingCapacity: true)
        head.append(contentsOf: repeatElement(-1, count: n))
        items.removeAll(keepingCapacity: true)
        next.removeAll(keepingCapacity: true)
        terms.removeAll()
        items.append(ScaledTerm(seed))
        next.append(-1)
        head[n - 1] = 0   // the root is last
        deferred.removeAll(keepingCapacity: true)
        var result: [(Int, Expression)] = []
        for d in stride(from: n - 1, through: 0, by: -1) {   // users first
            if d >= ReverseSweep.prefetchDistance { ReverseSweep.prefetch(graph.nodes[d - ReverseSweep.prefetchDistance]) }
            guard depends[d] && head[d] >= 0 else { continue }
            if variable[d] >= 0 {
                // No rule reads a variable's adjoint: all of them are built
                // together at the end, their intern-table misses overlapping.
                deferred.append((variable[d], head[d]))
                if deferred.count == ReverseSweep.variableBatch { buildVariableAdjoints(into: &result) }
                continue
            }
            var adjoint: ScaledTerm
            if next[Int(head[d])] < 0 {
                adjoint = items[Int(head[d])]   // one contribution: it stays pending
            } else {
                gathered.removeAll(keepingCapacity: true)
                var link = head[d]
                while link >= 0 {
                    let item = items[Int(link)]
                    if let kind = terms.productKind(item) {
                        // A new product node, most likely: hint its slot now
                        // and intern it below, with the others in flight.
                        let hash = InternTable.hash(of: kind)
                        InternTable.shared.prefetch(hash: hash)
                        products.append((gathered.count, kind, hash))
                        gathered.append(.zero)
                    } else {
                        gathered.append(terms.expression(item))
                    }
                    link = next[Int(link)]
                }
                for (i, kind, hash) in products {
                    gathered[i] = Expression(node: InternTable.shared.intern(kind, hash: hash))
                }
                products.removeAll(keepingCapacity: true)
                // The list holds the contributions newest first; sum them in arrival order.
                gathered.reverse()
                adjoint = ScaledTerm(ReverseSweep.sum(gathered))
            }
            if adjoint.node == .zero { continue }
            let isSum = graph.ranks[d] == ReverseSweep.sumRank
            let node = isSum ? nil : graph.expression(d)   // a sum's node is not read
            for (k, p) in graph.operandRange(d).enumerated() {
                let position = Int(graph.operands[p])
                guard depends[position] else { continue }
                var contribution = adjoint
                if let node { contribution = self.contribution(of: node, withRespectTo: k, adjoint: adjoint) }
                if contribution.node != .zero {
                    items.append(contribution)
                    next.append(head[position])
                    head[position] = Int32(items.count - 1)
                }
            }
        }
        buildVariableAdjoints(into: &result)
        return result
    }
}

extension ReverseSweep {
    /// How many nodes ahead ``buildVariableAdjoints(into:)`` hints intern-table slots.
    private static let internLookahead = 16
    /// How many variables the sweep defers before building their adjoints:
    /// enough for the misses to overlap, few enough that their
    /// contributions are still in the cache.
    fileprivate static let variableBatch = 64

    /// Appends the adjoints of the ``deferred`` variables to `output`, as
    /// (index, adjoint) in sweep order, and forgets them: each the sum of
    /// its contributions in arrival order, as the sweep would have built it.
    ///
    /// Most of these are new nodes (the contributions' products and their
    /// sum), and a new node's intern-table probe is a cache miss. Built one
    /// variable at a time, every miss waits for the last; here all the
    /// products are hashed first and interned with their slots hinted a few
    /// nodes ahead, then all the sums likewise, so the misses overlap. The
    /// nodes are the same (interning is by structure), only their ids'
    /// order differs.
    fileprivate mutating func buildVariableAdjoints(into output: inout [(Int, Expression)]) {
        guard !deferred.isEmpty else { return }
        gathered.removeAll(keepingCapacity: true)
        products.removeAll(keepingCapacity: true)
        ranges.removeAll(keepingCapacity: true)
        for (_, head) in deferred {
            links.removeAll(keepingCapacity: true)
            var link = head
            while link >= 0 {
                links.append(link)
                link = next[Int(link)]
            }
            let start = gathered.count
            for link in links.reversed() {   // the list is newest first: arrival order
                let item = items[Int(link)]
                if let kind = terms.productKind(item) {
                    products.append((gathered.count, kind, InternTable.hash(of: kind)))
                    gathered.append(.zero)
                } else {
                    gathered.append(terms.expression(item))
                }
            }
            ranges.append(start..<gathered.count)
        }
        ReverseSweep.intern(products) { gathered[$0] = $1 }
        products.removeAll(keepingCapacity: true)

        let base = output.count
        for (variable, _) in deferred { output.append((Int(variable), .zero)) }
        for (r, range) in ranges.enumerated() {
            if range.count == 1 {
                output[base + r].1 = gathered[range.lowerBound]
                continue
            }
            switch Expression.quickSumParts(gathered[range]) {
            case .expression(let e)?: output[base + r].1 = e
            case .kind(let kind)?: products.append((base + r, kind, InternTable.hash(of: kind)))
            case nil: output[base + r].1 = Expression.sum(Array(gathered[range]))
            }
        }
        ReverseSweep.intern(products) { output[$0].1 = $1 }
        products.removeAll(keepingCapacity: true)
        #if DEBUG
        for (r, range) in ranges.enumerated() where range.count > 1 {
            let general = Expression.sum(Array(gathered[range]))
            assert(output[base + r].1 == general, "deferred sum \(output[base + r].1) differs from \(general)")
        }
        #endif
        deferred.removeAll(keepingCapacity: true)
    }

    /// Interns `kinds` in order, hinting the slot of the one
    /// ``internLookahead`` ahead, and hands each node to `store` with its index.
    private static func intern(_ kinds: [(index: Int, kind: Expression.Kind, hash: Int)],
                               _ store: (Int, Expression) -> Void) {
        let table = InternTable.shared
        for j in 0 ..< Swift.min(internLookahead, kinds.count) { table.prefetch(hash: kinds[j].hash) }
        for j in kinds.indices {
            if j + internLookahead < kinds.count { table.prefetch(hash: kinds[j + internLookahead].hash) }
            store(kinds[j].index, Expression(node: table.intern(kinds[j].kind, hash: kinds[j].hash)))
        }
    }
}
