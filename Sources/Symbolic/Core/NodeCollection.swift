/// The intern table's collector: frees the nodes that nothing but the table
/// references any more.
///
/// A collection scans every shard and removes each node whose only
/// reference is its table slot (`isKnownUniquelyReferenced`, checked under
/// the shard's lock: no other thread can reach the node then, so none can
/// pick it up while it is freed). Removing a node drops its references to
/// its operands, which may make them unreferenced in turn; they go on an
/// explicit work list, never on the call stack, so a chain of any depth is
/// freed in a loop. Releasing a node itself is O(1): its operands are still
/// held by the table when its deinit runs.
///
/// Collections run automatically when the table has doubled since the last
/// one (at least ``InternTable/minimumCollectionThreshold`` nodes), on the
/// thread whose interning crossed the threshold, unless another collection
/// is running. Other threads keep interning meanwhile: only one shard is
/// locked at a time.
///
///     var chain = Expression.variable("deep")
///     for _ in 0..<1_000_000 { chain = sin(chain) }
///     chain = .zero                        // the chain is unreferenced now
///     Expression.collectUnusedNodes()      // frees it in a loop, no recursion
///     print(InternTable.shared.contains(.variable("deep")))   // Prints "false"
struct CollectionTotals {
    /// Collections run so far (automatic and explicit).
    var collections = 0
    /// Nodes freed by all of them.
    var freed = 0
}

extension InternTable {
    /// Runs a collection unless one is already running (the automatic
    /// trigger: a thread that finds the collector busy goes on interning).
    func collectIfIdle() {
        _ = collectorLock.withLockIfAvailable { totals in
            // Another thread may have collected since this one saw the count.
            if liveCount.load(ordering: .relaxed) >= collectionThreshold.load(ordering: .relaxed) {
                collect(into: &totals)
            }
        }
    }

    /// Runs a collection, waiting for a running one to finish first.
    ///
    /// - Returns: the number of nodes freed.
    @discardableResult
    func collect() -> Int {
        collectorLock.withLock { collect(into: &$0) }
    }

    /// Statistics of all collections so far.
    var collectionTotals: CollectionTotals { collectorLock.withLock { $0 } }

    /// One collection; the caller holds ``collectorLock``.
    @discardableResult
    private func collect(into totals: inout CollectionTotals) -> Int {
        var pending: [PendingNode] = []
        var freed = 0
        for shard in shards.indices {
            freed += shards[shard].withLock { $0.sweep(pending: &pending) }
            freed += drain(&pending)
        }
        for shard in shards { shard.withLock { $0.compactIfSparse() } }
        let live = liveCount.wrappingSubtract(freed, ordering: .relaxed).newValue
        collectionThreshold.store(Swift.max(InternTable.minimumCollectionThreshold, 2 * live), ordering: .relaxed)
        totals.collections += 1
        totals.freed += freed
        return freed
    }

    /// Frees the pending nodes that are unreferenced, and the operands that
    /// this makes unreferenced, until the work list is empty. Consecutive
    /// entries of one shard are handled under one lock.
    private func drain(_ pending: inout [PendingNode]) -> Int {
        var freed = 0
        while let first = pending.popLast() {
            let shard = shardIndex(first.hash)
            freed += shards[shard].withLock { set in
                var removed = 0
                var next = first
                while true {
                    if let slot = set.slot(of: next.identity, hash: next.hash),
                       set.removeIfUnreferenced(at: slot, pending: &pending) {
                        removed += 1
                    }
                    guard let last = pending.last, shardIndex(last.hash) == shard else { break }
                    next = pending.removeLast()
                }
                return removed
            }
        }
        return freed
    }
}

extension Expression {
    /// Frees every expression node that is no longer used, and returns how
    /// many were freed.
    ///
    /// You rarely need to call this: the intern table collects unused nodes
    /// on its own whenever it has doubled in size since its last
    /// collection, so memory stays proportional to the expressions you keep.
    /// Call it to return memory at a moment of your choosing, for example
    /// after dropping a large derivative in a long-running service. Nodes of
    /// expressions that are still alive are never affected: two equal
    /// expressions alive at the same time are always the same node. Safe to
    /// call from any thread, also while other threads build expressions.
    ///
    ///     do {
    ///         let xs = (0..<1000).map { Expression.variable("x\($0)") }
    ///         let f = xs.reduce(Expression.zero) { $0 + sin($1) * $1 }
    ///         _ = f.gradient(withRespectTo: (0..<1000).map { "x\($0)" })
    ///     }
    ///     let freed = Expression.collectUnusedNodes()
    ///     // freed: thousands, the function's and the gradient's nodes (fewer
    ///     // if an automatic collection already freed some of them)
    ///
    /// - Complexity: O(n) in the number of nodes in the table.
    @discardableResult
    public static func collectUnusedNodes() -> Int { InternTable.shared.collect() }
}
