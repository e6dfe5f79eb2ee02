import Synchronization

/// The process-wide table of interned nodes: every node is created here, so
/// structurally equal expressions alive at the same time are the same node.
///
/// The table holds a strong reference to each node. A node that only the
/// table still references is garbage — no expression, node or thread can
/// reach it except through the table — and the collector
/// (`NodeCollection.swift`) removes such nodes under their shard's lock, so a
/// lookup can never hand out a node that is being freed (the resurrection
/// race of weak intern tables cannot happen). The collector runs on its own
/// when the number of nodes in the table has doubled since the last
/// collection, so its cost is amortised O(1) per interned node.
///
/// The table is split into 16 shards so that threads building expressions
/// rarely contend; each shard is a ``NodeSet`` behind a POSIX mutex
/// (``ThreadLock``), which ThreadSanitizer can check.
///
///     let a = InternTable.shared.intern(.variable("x"))
///     let b = InternTable.shared.intern(.variable("x"))
///     print(a === b)   // Prints "true"
final class InternTable: Sendable {
    static let shared = InternTable()

    static let shardCount = 16
    /// No automatic collection while the table holds fewer nodes than this.
    static let minimumCollectionThreshold = 1 << 16

    let shards: [ThreadLock<NodeSet>]
    /// Each shard's slot array, for prefetches without the lock.
    private let hints: [SlotHint]
    private let nextID = Atomic<Int>(0)
    /// Nodes in the table (alive or not yet collected).
    let liveCount = Atomic<Int>(0)
    /// The collector runs when `liveCount` reaches this.
    let collectionThreshold = Atomic<Int>(InternTable.minimumCollectionThreshold)
    /// Held while a collection runs: one at a time.
    let collectorLock = ThreadLock<CollectionTotals>(CollectionTotals())

    private init() {
        let hints = (0..<InternTable.shardCount).map { _ in SlotHint() }
        self.hints = hints
        shards = hints.map { ThreadLock(NodeSet(hint: $0)) }
    }

    /// The shard that holds nodes of hash `hash` (its top four bits, below
    /// the sign bit, which is always clear; the slot within the shard uses
    /// the low bits).
    @inline(__always)
    func shardIndex(_ hash: Int) -> Int { hash >> 59 }

    /// The node of `kind`, created if no equal node is in the table.
    func intern(_ kind: Expression.Kind) -> Node {
        intern(kind, hash: InternTable.hash(of: kind))
    }

    /// Hints the slot where interning a kind of hash `hash` starts probing.
    ///
    /// A new node's probe is a cache miss in a table larger than the cache;
    /// a caller about to intern several independent kinds hashes and
    /// prefetches them all first, so their misses overlap.
    @inline(__always)
    func prefetch(hash: Int) { hints[shardIndex(hash)].prefetch(hash) }

    /// ``intern(_:)`` with `kind`'s hash already computed (``hash(of:)``).
    func intern(_ kind: Expression.Kind, hash: Int) -> Node {
        let (node, created) = shards[shardIndex(hash)].withLock { set -> (Node, Bool) in
            if let existing = set.find(kind, hash: hash) { return (existing, false) }
            // The id is taken under the shard lock after the operands exist,
            // so it is larger than every operand's id.
            let id = nextID.wrappingAdd(1, ordering: .relaxed).newValue
            let node = Node(kind: kind, id: id, hash: hash)
            set.insert(node)
            return (node, true)
        }
        if created {
            let live = liveCount.wrappingAdd(1, ordering: .relaxed).newValue
            if live >= collectionThreshold.load(ordering: .relaxed) { collectIfIdle() }
        }
        return node
    }

    /// The number of nodes in the table: every node alive, plus those no
    /// longer used that the collector has not freed yet.
    var count: Int { liveCount.load(ordering: .relaxed) }

    /// Whether the table holds a node of `kind`, without creating one.
    func contains(_ kind: Expression.Kind) -> Bool {
        let hash = InternTable.hash(of: kind)
        return shards[shardIndex(hash)].withLock { $0.find(kind, hash: hash) != nil }
    }

    /// `kind`'s hash, computed cheaply: operands are already interned, so
    /// mixing their ids is enough (no hashing of every operand's structure).
    /// Always greater than 1: 0 and 1 mark ``NodeSet``'s empty and removed
    /// slots.
    static func hash(of kind: Expression.Kind) -> Int {
        var h: UInt64
        switch kind {
        case .constant(.rational(let r)): h = mix(mix(0x4E, r.numerator), r.denominator)
        case .constant(.real(let x)): h = mix(0x4F, Int(Int64(bitPattern: x.bitPattern)))
        case .namedConstant(let c): h = UInt64(bitPattern: Int64(c.hashValue))
        case .variable(let name): h = UInt64(bitPattern: Int64(name.hashValue))
        case .sum(let xs): h = mix(0x51, xs)
        case .product(let xs): h = mix(0x52, xs)
        case .power(let b, let e): h = mix(mix(0x53, b.node.id), e.node.id)
        case .call(let f, let xs): h = mix(0x54 &+ UInt64(f.hashValue & 0xFFFF) << 8, xs)
        case .custom(let f, let xs): h = mix(0x55 &+ UInt64(truncatingIfNeeded: f.serial) << 8, xs)
        }
        let result = Int(bitPattern: UInt(h)) & Int.max
        return result > NodeSet.removed ? result : result + 2
    }

    private static func mix(_ seed: UInt64, _ operands: [Expression]) -> UInt64 {
        var h = seed &* 0x9E37_79B9_7F4A_7C15
        operands[...].withUnretainedNodes { nodes in
            for o in nodes { h = mix(h, o._withUnsafeGuaranteedRef { $0.id }) }
        }
        return h
    }

    @inline(__always)
    private static func mix(_ h: UInt64, _ id: Int) -> UInt64 {
        var h = (h ^ UInt64(bitPattern: Int64(id))) &* 0xBF58_476D_1CE4_E5B9
        h ^= h >> 31
        return h
    }
}

extension Expression {
    /// Interns `kind` as is, without canonicalising. Only the canonicalising
    /// constructors call this with compound kinds.
    static func intern(_ kind: Kind) -> Expression {
        Expression(node: InternTable.shared.intern(kind))
    }

    /// The number of expression nodes in the intern table: every distinct
    /// node alive in this process, plus those no longer used that have not
    /// been collected yet (see ``collectUnusedNodes()``).
    ///
    ///     let before = Expression.internedNodeCount
    ///     let f = Expression.variable("fresh_name") + 1
    ///     print(Expression.internedNodeCount - before >= 2, f)   // Prints "true fresh_name + 1"
    public static var internedNodeCount: Int { InternTable.shared.count }
}
