/// The distinct nodes of an expression with their operands resolved to
/// positions in flat arrays, and a post-order of them (operands before
/// users, the root last): the traversal every reverse sweep starts from.
///
/// Nodes are stored in *discovery* order (`nodes[d]`); node `d`'s operands
/// are `operands[operandStart[d] ..< operandStart[d + 1]]`, as discovery
/// indices, and ``postOrder`` lists the discovery indices operands first.
/// One depth-first walk with an explicit stack (any depth is fine) builds
/// it. Each node's operands are read once, when it is discovered (not once
/// per visit of the stack), and the walk holds nodes unretained: the root,
/// which the caller keeps alive, owns every node below it.
///
/// A `FlatGraph` is meant to be reused: ``rebuild(_:)`` keeps the arrays'
/// capacity, so the Hessian's thousands of small sweeps allocate nothing
/// after the first.
struct FlatGraph {
    private(set) var nodes: [Unmanaged<Node>] = []
    private(set) var operandStart: [Int32] = [0]
    private(set) var operands: [Int32] = []
    /// Discovery indices, operands before the nodes that use them.
    private(set) var postOrder: [Int32] = []
    /// Node id → discovery index.
    private var index = IntTable(capacity: 64)
    /// Operand nodes of each discovered node, until they are discovered.
    private var pendingNodes: [Unmanaged<Node>] = []
    private var stack: [(node: Int32, next: Int32)] = []

    init() {}

    init(_ root: Expression) { rebuild(root) }

    var count: Int { nodes.count }

    /// The expression of node `d` (retained).
    @inline(__always)
    func expression(_ d: Int) -> Expression { Expression(node: nodes[d].takeUnretainedValue()) }

    /// The range of ``operands`` holding node `d`'s operands.
    @inline(__always)
    func operandRange(_ d: Int) -> Range<Int> { Int(operandStart[d])..<Int(operandStart[d + 1]) }

    /// Replaces the graph by `root`'s, reusing the storage.
    mutating func rebuild(_ root: Expression) {
        nodes.removeAll(keepingCapacity: true)
        operandStart.removeAll(keepingCapacity: true)
        operandStart.append(0)
        operands.removeAll(keepingCapacity: true)
        postOrder.removeAll(keepingCapacity: true)
        pendingNodes.removeAll(keepingCapacity: true)
        stack.removeAll(keepingCapacity: true)
        index.removeAll(expectedCount: Swift.min(root.treeSize, 1 << 16))
        withExtendedLifetime(root) {
            discover(Unmanaged.passUnretained(root.node))
            stack.append((0, 0))
            while let (d, k) = stack.last {
                let slot = Int(operandStart[Int(d)]) + Int(k)
                if slot < Int(operandStart[Int(d) + 1]) {
                    stack[stack.count - 1].next = k + 1
                    let child = pendingNodes[slot]
                    let id = child._withUnsafeGuaranteedRef { $0.id }
                    if let known = index.value(for: id) {
                        operands[slot] = known
                    } else {
                        let c = Int32(nodes.count)
                        operands[slot] = c
                        discover(child)
                        stack.append((c, 0))
                    }
                } else {
                    postOrder.append(d)
                    stack.removeLast()
                }
            }
        }
    }

    /// Gives `node` the next discovery index and records its operands.
    private mutating func discover(_ node: Unmanaged<Node>) {
        node._withUnsafeGuaranteedRef { n in
            index.insert(n.id, Int32(nodes.count))
            nodes.append(node)
            switch n.kind {
            case .constant, .namedConstant, .variable:
                break
            case .sum(let xs), .product(let xs), .call(_, let xs):
                for x in xs { pendingNodes.append(Unmanaged.passUnretained(x.node)) }
            case .power(let b, let e):
                pendingNodes.append(Unmanaged.passUnretained(b.node))
                pendingNodes.append(Unmanaged.passUnretained(e.node))
            }
            while operands.count < pendingNodes.count { operands.append(-1) }
            operandStart.append(Int32(pendingNodes.count))
        }
    }
}
