import Synchronization

/// Reverse sweeps kept between calls, so that one gradient after another
/// reuses the buffers of the last instead of allocating them afresh.
///
/// A sweep over a graph of n nodes fills about a dozen arrays of n entries
/// (the flat graph's nodes, operands and ranks, the contribution lists, the
/// dependence flags). Allocated fresh, each large array is new memory from
/// the system: every page of it faults on first touch and is zeroed by the
/// kernel, and arrays that grow are copied. For the R(10,000) gradient that
/// was about a third of the build (27% of its samples in page faults, 10%
/// in the growth copies, `perf record` of `symbench --rosen-build 10000`).
/// A kept sweep's arrays have their capacity already: rebuilding into them
/// touches memory that is mapped and likely cached.
///
/// What is kept is bounded: at most ``maximumCount`` sweeps (one per
/// concurrent caller on a small machine; further callers allocate as
/// before), and none whose buffers exceed ``maximumBytes``, so a single huge
/// gradient does not pin its buffers for the life of the process. A kept
/// sweep holds no node: its node arrays are emptied and its cached
/// coefficient nodes dropped before it is stored, so dropped expressions
/// are still freed by the intern table's collector.
///
///     var sweep = ReverseSweep.reused(variables: ["x", "y"])
///     defer { sweep.recycle() }
///     let adjoints = sweep.adjoints(of: f)   // into the kept buffers
extension ReverseSweep {
    /// The spare sweeps, most recently returned last.
    private static let spares = Mutex<[ReverseSweep]>([])
    /// How many sweeps are kept at most.
    static let maximumCount = 2
    /// The largest buffers kept, in bytes (about a 200,000-node graph).
    static let maximumBytes = 32 << 20

    /// A sweep over `variables`, with the buffers of a kept one if there is one.
    static func reused(variables: [String]) -> ReverseSweep {
        guard var sweep = spares.withLock({ $0.popLast() }) else { return ReverseSweep(variables: variables) }
        sweep.reset(variables: variables)
        return sweep
    }

    /// Gives this sweep's buffers to the next caller of ``reused(variables:)``
    /// (unless enough are kept, or they are too large) and leaves `self` an
    /// empty sweep.
    mutating func recycle() {
        var kept = ReverseSweep(variables: [])
        swap(&self, &kept)
        guard kept.bufferBytes <= ReverseSweep.maximumBytes else { return }
        kept.forgetNodes()
        ReverseSweep.spares.withLock { spares in
            if spares.count < ReverseSweep.maximumCount { spares.append(kept) }
        }
    }
}

// A sweep moves between threads only through the spare list, emptied of
// node references (`forgetNodes`), and is used by one thread at a time: its
// arrays are values owned by the sweep, and the nodes it reads while in use
// are immutable and kept alive by the caller's root.
extension ReverseSweep: @unchecked Sendable {}

extension Array {
    /// The bytes the array's storage holds for its capacity (what keeping
    /// it costs, whatever its count).
    ///
    ///     var a: [Int32] = []
    ///     a.reserveCapacity(1000)
    ///     print(a.bufferBytes >= 4000)   // Prints "true"
    var bufferBytes: Int { capacity * MemoryLayout<Element>.stride }
}
