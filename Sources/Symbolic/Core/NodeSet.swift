/// One shard of the intern table: an open-addressing hash set of nodes,
/// keyed by the node's kind, that holds a strong reference to each node.
///
/// Slots are two parallel arrays: the stored hashes (probed first, so a
/// lookup touches a node only when the full hashes match) and the nodes.
/// A hash of 0 marks an empty slot and 1 a removed one; node hashes are
/// always greater than 1 (``InternTable/hash(of:)``). Probing is linear. Removal
/// leaves a marker so that a sweep can scan the slots in place; the set is
/// rebuilt when markers pile up or when it is mostly empty.
///
/// Always accessed under its shard's ``ThreadLock``:
///
///     var set = NodeSet()
///     let kind = Expression.Kind.variable("x")
///     let h = InternTable.hash(of: kind)
///     if set.find(kind, hash: h) == nil {
///         set.insert(Node(kind: kind, id: 1, hash: h))
///     }
///     print(set.count)   // Prints "1"
struct NodeSet {
    static let empty = 0
    static let removed = 1
    static let minimumCapacity = 64

    private(set) var hashes: [Int]
    private(set) var nodes: [Node?]
    /// Live entries.
    private(set) var count = 0
    /// Live entries plus removal markers: what the load factor counts.
    private var used = 0

    init(capacity: Int = NodeSet.minimumCapacity) {
        hashes = Array(repeating: NodeSet.empty, count: capacity)
        nodes = Array(repeating: nil, count: capacity)
    }

    var capacity: Int { hashes.count }

    /// The node of `kind`, if the set holds one. `hash` is `kind`'s hash.
    func find(_ kind: Expression.Kind, hash: Int) -> Node? {
        let mask = hashes.count - 1
        var i = hash & mask
        return hashes.withUnsafeBufferPointer { stored in
            while true {
                let s = stored[i]
                if s == NodeSet.empty { return nil }
                if s == hash, let node = nodes[i], node.kind == kind { return node }
                i = (i + 1) & mask
            }
        }
    }

    /// Adds `node`, which the set must not hold an equal of (call ``find``
    /// first, under the same lock).
    mutating func insert(_ node: Node) {
        if (used + 1) * 4 > hashes.count * 3 { rebuild(capacity: NodeSet.capacity(for: count + 1)) }
        let mask = hashes.count - 1
        var i = node.hash & mask
        while hashes[i] > NodeSet.removed { i = (i + 1) & mask }
        if hashes[i] == NodeSet.empty { used += 1 }
        hashes[i] = node.hash
        nodes[i] = node
        count += 1
    }

    /// The slot holding exactly `node` (by identity), if any. Nothing is
    /// dereferenced except live slots with the same hash.
    func slot(of node: ObjectIdentifier, hash: Int) -> Int? {
        let mask = hashes.count - 1
        var i = hash & mask
        while hashes[i] != NodeSet.empty {
            if hashes[i] == hash, let n = nodes[i], ObjectIdentifier(n) == node { return i }
            i = (i + 1) & mask
        }
        return nil
    }

    /// Removes the node in slot `i` if the set holds the only reference to
    /// it (nobody else can then reach it: every other path to a node goes
    /// through this set, under the lock the caller holds). Its operands,
    /// which may now be unreferenced too, are appended to `pending`; they
    /// stay alive in their own shards, so dropping the node releases only
    /// the node itself, never a chain.
    ///
    /// - Returns: whether the node was removed.
    mutating func removeIfUnreferenced(at i: Int, pending: inout [PendingNode]) -> Bool {
        guard hashes[i] > NodeSet.removed, isKnownUniquelyReferenced(&nodes[i]) else { return false }
        let node = nodes[i].take()!
        hashes[i] = NodeSet.removed
        count -= 1
        node.forEachOperand { pending.append(PendingNode($0)) }
        return true   // `node` is released here: its deinit releases its operands by one each
    }

    /// Removes every node that only the set references; returns how many.
    mutating func sweep(pending: inout [PendingNode]) -> Int {
        var removed = 0
        for i in hashes.indices where removeIfUnreferenced(at: i, pending: &pending) { removed += 1 }
        return removed
    }

    /// Rebuilds the set without removal markers when they fill it or when
    /// it is mostly empty, so memory follows the live count.
    mutating func compactIfSparse() {
        let target = NodeSet.capacity(for: count)
        if target < hashes.count / 2 || used - count > hashes.count / 4 { rebuild(capacity: target) }
    }

    /// The power-of-two capacity that keeps `count` entries at most half full.
    static func capacity(for count: Int) -> Int {
        var c = minimumCapacity
        while c < count * 2 { c *= 2 }
        return c
    }

    private mutating func rebuild(capacity: Int) {
        let oldHashes = hashes
        var oldNodes = nodes
        hashes = Array(repeating: NodeSet.empty, count: capacity)
        nodes = Array(repeating: nil, count: capacity)
        let mask = capacity - 1
        for j in oldHashes.indices where oldHashes[j] > NodeSet.removed {
            var i = oldHashes[j] & mask
            while hashes[i] != NodeSet.empty { i = (i + 1) & mask }
            hashes[i] = oldHashes[j]
            nodes[i] = oldNodes[j].take()
        }
        used = count
    }
}

/// A node the collector will look at: its identity and hash, without a
/// reference (a reference would keep it alive). Only the collector removes
/// nodes, so a pending node is either still in its shard or was removed by
/// this same collection; a stale identity whose address was reused by a new
/// node with the same hash is harmless, since any node that only the table
/// references may be removed.
struct PendingNode {
    let identity: ObjectIdentifier
    let hash: Int

    init(_ node: Node) {
        identity = ObjectIdentifier(node)
        hash = node.hash
    }
}
