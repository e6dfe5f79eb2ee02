import Synchronization
import SymbolicKernels

/// One shard of the intern table: an open-addressing hash set of nodes,
/// keyed by the node's kind, that holds a strong reference to each node.
///
/// Each slot holds a node's hash next to the set's strong reference to the
/// node, in one flat allocation: a probe reads one cache line, compares
/// hashes, and touches a node only when the full hashes match (read as an
/// unretained pointer: no copy-on-write checks or reference counting on
/// the hot path). A hash of 0 marks an empty slot and 1 a removed one; node hashes are
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

    /// One slot: the stored hash next to its node, so that a probe touches
    /// one cache line. The strong reference is the set's; lookups read it
    /// unretained (``unretainedNode(_:)``), the collector asks
    /// `isKnownUniquelyReferenced` of it in place.
    struct Slot {
        var hash: Int
        var node: Node?
    }

    /// Owns the slot memory (a struct cannot free it) and releases the
    /// nodes still held when the set goes away.
    private final class Storage {
        let slots: UnsafeMutablePointer<Slot>
        let capacity: Int

        init(capacity: Int) {
            self.capacity = capacity
            slots = .allocate(capacity: capacity)
            slots.initialize(repeating: Slot(hash: NodeSet.empty, node: nil), count: capacity)
        }

        deinit {
            slots.deinitialize(count: capacity)
            slots.deallocate()
        }
    }

    private var storage: Storage
    /// Where lock-free prefetches look for the slots (see ``SlotHint``).
    private let hint: SlotHint?
    /// `storage.slots`, kept here so a probe does not load it through the object.
    private var slots: UnsafeMutablePointer<Slot>
    private var mask: Int
    /// Live entries.
    private(set) var count = 0
    /// Live entries plus removal markers: what the load factor counts.
    private var used = 0

    init(capacity: Int = NodeSet.minimumCapacity, hint: SlotHint? = nil) {
        storage = Storage(capacity: capacity)
        slots = storage.slots
        mask = capacity - 1
        self.hint = hint
        hint?.publish(slots, mask)
    }

    var capacity: Int { mask + 1 }

    /// The node in slot `i`, without retaining it (valid under the lock).
    @inline(__always)
    private func unretainedNode(_ i: Int) -> Unmanaged<Node>? {
        UnsafeRawPointer(slots + i).load(fromByteOffset: MemoryLayout<Slot>.offset(of: \.node)!, as: Unmanaged<Node>?.self)
    }

    /// The node of `kind`, if the set holds one. `hash` is `kind`'s hash.
    func find(_ kind: Expression.Kind, hash: Int) -> Node? {
        var i = hash & mask
        while true {
            let s = slots[i].hash
            if s == NodeSet.empty { return nil }
            if s == hash, let node = unretainedNode(i), node._withUnsafeGuaranteedRef({ $0.hasKind(kind) }) {
                return node.takeUnretainedValue()
            }
            i = (i + 1) & mask
        }
    }

    /// Adds `node`, which the set must not hold an equal of (call ``find``
    /// first, under the same lock).
    mutating func insert(_ node: Node) {
        if (used + 1) * 4 > capacity * 3 { rebuild(capacity: NodeSet.capacity(for: count + 1)) }
        var i = node.hash & mask
        while slots[i].hash > NodeSet.removed { i = (i + 1) & mask }
        if slots[i].hash == NodeSet.empty { used += 1 }
        slots[i] = Slot(hash: node.hash, node: node)
        count += 1
    }

    /// The slot holding exactly `node` (by identity), if any. Nothing is
    /// dereferenced except live slots with the same hash.
    func slot(of node: ObjectIdentifier, hash: Int) -> Int? {
        var i = hash & mask
        while slots[i].hash != NodeSet.empty {
            if slots[i].hash == hash, let n = unretainedNode(i), ObjectIdentifier(n.takeUnretainedValue()) == node { return i }
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
        guard slots[i].hash > NodeSet.removed, isKnownUniquelyReferenced(&slots[i].node) else { return false }
        let node = slots[i].node.take()!
        slots[i].hash = NodeSet.removed
        count -= 1
        node.forEachOperand { pending.append(PendingNode($0)) }
        return true   // `node` is released here: its deinit releases its operands by one each
    }

    /// Removes every node that only the set references; returns how many.
    mutating func sweep(pending: inout [PendingNode]) -> Int {
        var removed = 0
        for i in 0..<capacity where removeIfUnreferenced(at: i, pending: &pending) { removed += 1 }
        return removed
    }

    /// Rebuilds the set without removal markers when they fill it or when
    /// it is mostly empty, so memory follows the live count.
    mutating func compactIfSparse() {
        let target = NodeSet.capacity(for: count)
        if target < capacity / 2 || used - count > capacity / 4 { rebuild(capacity: target) }
    }

    /// The power-of-two capacity that keeps `count` entries at most half full.
    static func capacity(for count: Int) -> Int {
        var c = minimumCapacity
        while c < count * 2 { c *= 2 }
        return c
    }

    /// Moves the live slots (and their +1 references) into new storage.
    private mutating func rebuild(capacity: Int) {
        let old = storage
        let fresh = Storage(capacity: capacity)
        let newMask = capacity - 1
        for j in 0..<old.capacity where old.slots[j].hash > NodeSet.removed {
            var i = old.slots[j].hash & newMask
            while fresh.slots[i].hash != NodeSet.empty { i = (i + 1) & newMask }
            fresh.slots[i] = Slot(hash: old.slots[j].hash, node: old.slots[j].node.take())
        }
        (storage, slots, mask) = (fresh, fresh.slots, newMask)
        used = count
        hint?.publish(slots, mask)
    }
}

/// A shard's slot array address and mask, published (under the shard's
/// lock, whenever the array moves) for ``InternTable/prefetch(hash:)``,
/// which reads them without the lock. Both are atomics, so there is no data
/// race; a stale or torn pair makes a useless prefetch, never a fault.
final class SlotHint: Sendable {
    private let address = Atomic<Int>(0)
    private let mask = Atomic<Int>(0)

    func publish(_ slots: UnsafeMutablePointer<NodeSet.Slot>, _ mask: Int) {
        address.store(Int(bitPattern: slots), ordering: .relaxed)
        self.mask.store(mask, ordering: .relaxed)
    }

    /// Hints the cache line of the slot where a probe for `hash` starts.
    @inline(__always)
    func prefetch(_ hash: Int) {
        let base = address.load(ordering: .relaxed)
        guard base != 0 else { return }
        let offset = (hash & mask.load(ordering: .relaxed)) &* MemoryLayout<NodeSet.Slot>.stride
        sk_prefetch(UnsafeRawPointer(bitPattern: base &+ offset))
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
