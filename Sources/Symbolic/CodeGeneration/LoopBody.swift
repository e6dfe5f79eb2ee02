/// The body of a generated loop: the operations of one iteration `i`, in
/// order (operands first), hash-consed so that runs fused into one loop
/// share their common work.
///
/// A body node is a constant, an input `in[scale*i + offset]`, a value
/// computed before the loop (an *external*: the same value in every
/// iteration), or an operation on earlier body nodes.
struct LoopBody {
    enum Node: Hashable {
        case constant(UInt64)
        case input(scale: Int, offset: Int)
        /// Entry `i` of table `k` of the plan: a constant that changes from one iteration to the next.
        case table(Int32)
        case external(Int32)
        case operation(Opcode, Int32, Int32)
        /// An n-ary operation; operands carry ``LoweredProgram/subtractBit`` on subtracted terms.
        case list(Opcode, [Int32])
    }

    private(set) var nodes: [Node] = []
    private var ids: [Node: Int32] = [:]

    /// The id of `node`, added unless it is already in the body.
    mutating func add(_ node: Node) -> Int32 {
        if let id = ids[node] { return id }
        let id = Int32(nodes.count)
        nodes.append(node)
        ids[node] = id
        return id
    }

    /// Whether any node reads an input or table entry that depends on `i`.
    var usesIndex: Bool {
        nodes.contains {
            switch $0 {
            case .input(let scale, _): return scale != 0
            case .table: return true
            default: return false
            }
        }
    }

    /// The values computed before the loop that the body reads.
    var externals: [Int32] {
        nodes.compactMap { if case .external(let v) = $0 { return v } else { return nil } }
    }
}

/// A loop of generated code: ``body`` for `i = 0 ..< count`, writing
/// outputs or adding terms to a total.
struct GeneratedLoop {
    var count: Int
    var body = LoopBody()
    /// `out[start + stride*i] = node`.
    var writes: [(start: Int, stride: Int, node: Int32)] = []
    /// `total += node` (or `-=` when `subtract`).
    var terms: [(node: Int32, subtract: Bool)] = []

    /// The loop's share of a re-rolled sum.
    var isReduction: Bool { !terms.isEmpty }
}

/// One item that may be re-rolled (an output, or a term of a sum): its
/// operations in post-order with operands as positions in that order, the
/// inputs it reads, in order of first use (its input *slots*), and its
/// constants (constant slots).
///
/// Two items with equal ``nodes`` compute the same function of their
/// slots; a run of them whose slot inputs change by a constant step from
/// one item to the next is one loop (constants that differ between the
/// items are read from a table).
struct LoopItem {
    enum Node: Hashable {
        case constant(slot: Int32)
        case input(slot: Int32)
        case external(Int32)
        case operation(Opcode, Int32, Int32)
        case list(Opcode, [Int32])
    }

    var nodes: [Node] = []
    var inputs: [Int] = []
    /// The bit patterns of the constants, by slot.
    var constants: [UInt64] = []

    /// Whether this item's inputs follow `previous`'s by `step`.
    func follows(_ previous: LoopItem, by step: [Int]) -> Bool {
        for s in inputs.indices where inputs[s] - previous.inputs[s] != step[s] { return false }
        return true
    }

    /// The change of each slot's input from `previous` to this item.
    func step(from previous: LoopItem) -> [Int] {
        zip(inputs, previous.inputs).map { $0 - $1 }
    }

    /// Adds the item's operations to `body` for a run whose item `k`
    /// reads input slot `s` at `inputs[s] + k*step[s]` and constant slot
    /// `c` as `constantNodes[c]`; returns the root's id.
    func add(to body: inout LoopBody, step: [Int], constantNodes: [LoopBody.Node]) -> Int32 {
        var ids: [Int32] = []
        ids.reserveCapacity(nodes.count)
        for node in nodes {
            let mapped: LoopBody.Node
            switch node {
            case .constant(let c): mapped = constantNodes[Int(c)]
            case .input(let s): mapped = .input(scale: step[Int(s)], offset: inputs[Int(s)])
            case .external(let v): mapped = .external(v)
            case .operation(let op, let a, let b): mapped = .operation(op, ids[Int(a)], b >= 0 ? ids[Int(b)] : -1)
            case .list(let op, let terms):
                mapped = .list(op, terms.map { ids[Int($0 & ~LoweredProgram.subtractBit)] | ($0 & LoweredProgram.subtractBit) })
            }
            ids.append(body.add(mapped))
        }
        return ids[ids.count - 1]
    }
}
