import Foundation
import SymbolicKernels

/// The distinct nodes of several expressions as compact arrays, in
/// topological order, with operands resolved to positions (a CSR
/// adjacency) and variables resolved to input indices.
///
/// This is the only pass that touches the expression nodes themselves
/// (scattered heap objects, so every touch is a likely cache miss and a
/// reference count); the lowering then works on these arrays alone.
///
/// Node ids come from one process-wide counter and an expression's nodes
/// are usually created close together, so the visited marks and the
/// id → position map are arrays indexed by id (a bitmap over `0...maxID`
/// and `Int32`s over `minID...maxID`), allocated zeroed by the system so
/// that untouched pages cost nothing. When the ids are spread unusually
/// thin, the position map falls back to a hash table.
struct NodeGraph {
    enum Tag: UInt8 {
        /// `constants[i]` holds the value.
        case constant
        /// `aux[i]` holds the input index.
        case variable
        case sum
        /// A product; `negate[i]` says its first factor was `-1` (dropped from the operands).
        case product
        /// `base ^ exponent` with a constant exponent in `constants[i]`.
        case constantPower
        /// `base ^ exponent`.
        case power
        /// `aux[i]` holds the `Opcode` raw value.
        case call
        /// `logsumexp` of the operands (lowered to several operations).
        case logsumexp
    }

    var tags: [Tag] = []
    var aux: [Int32] = []
    var constants: [Double] = []
    var negate: [Bool] = []
    /// Operands of node `i`: `operands[operandStart[i] ..< operandStart[i + 1]]`.
    var operandStart: [Int32] = []
    var operands: [Int32] = []
    /// The position of each root.
    var rootPositions: [Int32] = []
    /// A user-defined function the roots call, if any: then the graph is
    /// left empty, for the caller to expand the calls and collect again.
    var customCall: CustomFunction?

    var count: Int { tags.count }

    init(roots: [Expression], inputIndex names: VariableNames) throws(CompilationError) {
        var inputIndex = names
        let maxID = roots.reduce(0) { Swift.max($0, $1.id) }   // operands have smaller ids
        let visited = UnsafeMutablePointer<UInt64>.allocateZeroed(maxID / 64 + 1)
        defer { free(visited) }
        @inline(__always) func markNew(_ id: Int) -> Bool {
            let bit = UInt64(1) << UInt64(id & 63)
            let old = visited[id >> 6]
            visited[id >> 6] = old | bit
            return old & bit == 0
        }

        // One breadth-first scan. `edges` is the work list: the roots, then
        // each discovered node's operands, appended when it is discovered;
        // a cursor walks it, and the first time it meets a node, that node
        // is discovered. So each node is read once (its id, and its kind if
        // new) and each operand array is copied once, and consecutive steps
        // do not depend on each other's memory reads: the processor overlaps
        // their cache misses, which a depth-first stack (pop, read, push,
        // pop what was just pushed) serialises. Every node reachable from
        // the roots stays alive while the caller holds the roots (the intern
        // table frees only unreferenced nodes), so all of it is unretained.
        var edges = ScratchBuffer<Unmanaged<Node>>(capacity: 4 * roots.count + 64)
        var edgeIDs = ScratchBuffer<Int>(capacity: 4 * roots.count + 64)
        var ids = ScratchBuffer<Int>(capacity: 2 * roots.count + 64)
        var starts = ScratchBuffer<Int32>(capacity: 2 * roots.count + 64)
        var tags = ScratchBuffer<Tag>(capacity: 2 * roots.count + 64)
        var aux = ScratchBuffer<Int32>(capacity: 2 * roots.count + 64)
        var constants = ScratchBuffer<Double>(capacity: 2 * roots.count + 64)
        var negate = ScratchBuffer<Bool>(capacity: 2 * roots.count + 64)
        var minID = maxID
        var unknown: String?
        var customCall: CustomFunction?
        for r in roots { edges.append(.passUnretained(r.node)) }
        let inPlace = InPlaceOperands.available
        var cursor = 0
        while cursor < edges.count {
            prefetchAhead(edges, cursor)
            let edge = edges[cursor]
            let id = edge._withUnsafeGuaranteedRef { $0.id }
            edgeIDs.append(id)
            cursor += 1
            guard markNew(id) else { continue }
            ids.append(id)
            starts.append(Int32(edges.count - roots.count))
            minID = Swift.min(minID, id)
            var tag = Tag.sum, auxiliary: Int32 = 0, value = 0.0, negated = false
            edge._withUnsafeGuaranteedRef { node in
                switch node.kind {
                case .constant(let n):
                    tag = .constant
                    value = n.doubleValue
                case .namedConstant(let c):
                    tag = .constant
                    value = c.value
                case .variable(let name):
                    tag = .variable
                    if let index = inputIndex.index(of: name) { auxiliary = Int32(index) } else { unknown = unknown ?? name }
                case .sum where inPlace:
                    InPlaceOperands.append(of: edge, to: &edges)
                case .product where inPlace:
                    tag = .product
                    // (-1*y)*z == -(y*z) exactly (rounding is sign-symmetric),
                    // so a leading -1 becomes a final negation.
                    negated = InPlaceOperands.append(of: edge, to: &edges, droppingMinusOne: true)
                case .sum(let xs):
                    xs.appendNodes(to: &edges)
                case .product(let xs):
                    tag = .product
                    negated = xs.appendNodes(to: &edges, droppingMinusOne: true)
                case .power(let b, let x):
                    if let c = x.constantDoubleValue {
                        tag = .constantPower
                        value = c
                    } else {
                        tag = .power
                    }
                    edges.append(.passUnretained(b.node))
                    edges.append(.passUnretained(x.node))
                case .call(let f, let xs):
                    if let op = Opcode(f) {
                        tag = .call
                        auxiliary = Int32(op.rawValue)
                    } else {
                        tag = .logsumexp
                    }
                    xs.appendNodes(to: &edges)
                case .custom(let f, let xs):
                    // Lowering expands user-defined functions and collects again.
                    customCall = customCall ?? f
                    xs.appendNodes(to: &edges)
                }
            }
            tags.append(tag)
            aux.append(auxiliary)
            constants.append(value)
            negate.append(negated)
        }
        starts.append(Int32(edges.count - roots.count))
        if let customCall {
            self.customCall = customCall
            return
        }
        if let unknown { throw .unknownVariable(unknown) }

        // Topological order = ascending id. Rank ids by scanning the bitmap
        // (a counting sort), or sort when the ids are spread too thin.
        let n = ids.count
        let position = PositionMap(minID: minID, maxID: maxID, count: n)
        defer { position.deallocate() }
        if position.isDense {
            var rank: Int32 = 0
            for w in (minID >> 6)...(maxID >> 6) {
                var bits = visited[w]
                while bits != 0 {
                    position.set(w << 6 | bits.trailingZeroBitCount, rank)
                    rank += 1
                    bits &= bits - 1
                }
            }
        } else {
            for (rank, id) in ids.array().sorted().enumerated() { position.set(id, Int32(rank)) }
        }
        var order = [Int32](repeating: 0, count: n)   // discovery index by position
        for d in 0..<n { order[Int(position.get(ids[d]))] = Int32(d) }

        // Permute the per-node arrays into position order.
        func permuted<T>(_ a: borrowing ScratchBuffer<T>) -> [T] { order.map { a[Int($0)] } }
        var start: [Int32] = []
        start.reserveCapacity(n + 1)
        var resolved: [Int32] = []
        resolved.reserveCapacity(edges.count - roots.count)
        for d in order {
            start.append(Int32(resolved.count))
            for k in Int(starts[Int(d)])..<Int(starts[Int(d) + 1]) {
                resolved.append(position.get(edgeIDs[roots.count + k]))
            }
        }
        start.append(Int32(resolved.count))
        self.tags = permuted(tags)
        self.aux = permuted(aux)
        self.constants = permuted(constants)
        self.negate = permuted(negate)
        operandStart = start
        operands = resolved
        rootPositions = (0..<roots.count).map { position.get(edgeIDs[$0]) }
    }
}

extension Array where Element == Expression {
    /// Appends the operands' nodes, unretained, to `edges` (an
    /// `Expression` is one class reference, so the array is read in place
    /// as `Unmanaged<Node>`s: no reference counting per operand, and none
    /// for the array, which a slice would retain).
    ///
    /// - Parameter droppingMinusOne: Leave out a leading constant `-1` (a
    ///   product's sign) if there are further operands.
    /// - Returns: Whether a `-1` was left out.
    @inline(__always) @discardableResult
    fileprivate func appendNodes(to edges: inout ScratchBuffer<Unmanaged<Node>>, droppingMinusOne: Bool = false) -> Bool {
        assert(MemoryLayout<Expression>.stride == MemoryLayout<Unmanaged<Node>>.stride)
        return withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: Unmanaged<Node>.self) { nodes in
                var first = 0
                if droppingMinusOne, nodes.count > 1,
                   nodes[0]._withUnsafeGuaranteedRef({ Expression.constantValue(of: $0) }) == -1 {
                    first = 1
                }
                edges.append(nodes.baseAddress! + first, count: nodes.count - first)
                return first == 1
            }
        }
    }
}

/// Reads the operand array of a sum or product node in place, from the
/// node's memory, without binding the enum payload.
///
/// `case .sum(let xs)` copies the array reference out of the node, and the
/// copy is retained and released around every use: an atomic write to the
/// array's (cold) header per node, the largest cost of the walk after the
/// cache misses themselves. The layout read here — the kind's first word
/// is the array's storage, which holds the count at byte 16 and the
/// elements from byte 32 — is checked once on probe nodes; if it does not
/// hold, ``available`` is false and callers bind the payload as usual.
enum InPlaceOperands {
    static let available: Bool = {
        let x = Expression.variable("x"), y = Expression.variable("y")
        for probe in [x + y, x * y] {
            let node = probe.node
            let xs: [Expression]
            switch node.kind {
            case .sum(let terms): xs = terms
            case .product(let factors): xs = factors
            default: return false
            }
            let storage = Unmanaged.passUnretained(node).toOpaque().load(fromByteOffset: kindOffset, as: UInt.self)
            let matches = xs.withUnsafeBufferPointer { buffer in
                guard let base = buffer.baseAddress, storage != 0,
                      let raw = UnsafeRawPointer(bitPattern: storage) else { return false }
                return UnsafeRawPointer(base) == raw + elementsOffset
                    && raw.load(fromByteOffset: countOffset, as: Int.self) == xs.count
            }
            if !matches { return false }
        }
        return true
    }()

    private static let countOffset = 16, elementsOffset = 32

    /// Appends the operands of `node` (a sum or product) to `edges`.
    ///
    /// - Parameter droppingMinusOne: Leave out a leading constant `-1` (a
    ///   product's sign) if there are further operands.
    /// - Returns: Whether a `-1` was left out.
    @inline(__always) @discardableResult
    static func append(of node: Unmanaged<Node>, to edges: inout ScratchBuffer<Unmanaged<Node>>,
                       droppingMinusOne: Bool = false) -> Bool {
        let storage = UnsafeRawPointer(node.toOpaque()).load(fromByteOffset: kindOffset, as: UnsafeRawPointer.self)
        let count = storage.load(fromByteOffset: countOffset, as: Int.self)
        let elements = storage + elementsOffset
        var first = 0
        if droppingMinusOne, count > 1,
           elements.load(as: Unmanaged<Node>.self)._withUnsafeGuaranteedRef({ Expression.constantValue(of: $0) }) == -1 {
            first = 1
        }
        edges.appendBytes(of: elements + first * MemoryLayout<Unmanaged<Node>>.stride, count: count - first)
        return first == 1
    }
}

/// Prefetches the nodes the walk will read soon: the node of the edge
/// ``prefetchDistance`` steps ahead, and the operand array of the one half
/// as far ahead (whose node should have arrived by then).
///
/// The walk is bound by memory latency: a large graph built a while ago is
/// out of the cache, each node costs a miss, and without hints the
/// processor has only a few in flight. The array guess reads the first word
/// of the node's kind, where a sum's, product's or call's operand array
/// lives; for other kinds the guess is some other word (the power's base
/// node, a constant's bits), which is harmless: a prefetch never faults.
@inline(__always)
private func prefetchAhead(_ edges: borrowing ScratchBuffer<Unmanaged<Node>>, _ cursor: Int) {
    let far = cursor + prefetchDistance, near = cursor + prefetchDistance / 2
    if far < edges.count { sk_prefetch(edges[far].toOpaque() + 16) }
    if near < edges.count {
        let word = edges[near].toOpaque().load(fromByteOffset: kindOffset, as: UInt.self)
        sk_prefetch(UnsafeRawPointer(bitPattern: word &+ 32))   // past the array header
    }
}

/// How many edges ahead ``prefetchAhead(_:_:)`` fetches nodes.
private let prefetchDistance = 48
/// Where a node's kind starts: after the object header (isa, reference count).
private let kindOffset = 16

/// A map from node id to position: a dense array when the ids are not
/// spread much wider than their count, else a hash table.
private final class PositionMap {
    private let base: Int
    private let dense: UnsafeMutablePointer<Int32>?
    private var table: IntTable

    var isDense: Bool { dense != nil }

    init(minID: Int, maxID: Int, count: Int) {
        base = minID
        let range = maxID - minID + 1
        // At most 64 slots (256 bytes) per node; zero pages cost nothing
        // until touched, and touched pages hold the graph's nodes.
        if range <= 64 * count + (1 << 20) {
            dense = UnsafeMutablePointer<Int32>.allocateZeroed(range)
            table = IntTable()
        } else {
            dense = nil
            table = IntTable(capacity: count)
        }
    }

    func deallocate() { if let dense { free(dense) } }

    @inline(__always) func set(_ id: Int, _ position: Int32) {
        if let dense { dense[id - base] = position } else { table.insert(id, position) }
    }

    @inline(__always) func get(_ id: Int) -> Int32 {
        if let dense { return dense[id - base] }
        return table.value(for: id)!
    }
}

extension UnsafeMutablePointer where Pointee: FixedWidthInteger {
    /// Zeroed memory from `calloc` (release it with `free`): large blocks
    /// come from fresh zero pages, so untouched parts cost neither time nor
    /// memory.
    static func allocateZeroed(_ count: Int) -> UnsafeMutablePointer<Pointee> {
        let raw = UnsafeMutableRawPointer(calloc(Swift.max(count, 1), MemoryLayout<Pointee>.stride))!
        return raw.bindMemory(to: Pointee.self, capacity: Swift.max(count, 1))
    }
}
