/// The order in which a program runs its instructions.
///
/// Both orders are topological; they trade the number of live values (work
/// memory) against instruction-level parallelism.
enum Schedule {
    /// Depth-first from the outputs: each value is used soon after it is
    /// computed, so few values are live at once. For batched programs,
    /// where every live value is a whole row of points.
    case depthFirst
    /// By dependency level (all operands at lower levels), and by opcode
    /// within a level. For one-point programs: independent instructions
    /// with the same opcode run back to back as one tight loop without
    /// per-instruction dispatch, and out-of-order execution overlaps them.
    /// Measured 1.6× faster than depth-first on R(10,000) (see
    /// docs/Compilation.md), at the price of more live values.
    case levels

    func order(_ lowered: LoweredProgram) -> [Int32] {
        let order = lowered.values.withUnsafeBufferPointer { values in
            Schedule.depthFirstOrder(lowered) { values[Int($0)].isLeaf }
        }
        switch self {
        case .depthFirst: return order
        case .levels: return Schedule.levelOrder(lowered, order)
        }
    }

    /// A depth-first post-order from the outputs, visiting the operand
    /// computed later (usually the bigger subexpression) first, and the
    /// terms of a sum in order. Operations no output needs are left out
    /// (dead-code removal). Iterative: any depth is fine.
    ///
    /// Lowering emits values in expression-node order, which would compute
    /// all 10,000 terms of a sum before the first addition.
    ///
    /// - Parameter isLeaf: Whether a value is computed elsewhere (constants,
    ///   inputs, and for batched programs the shared values).
    static func depthFirstOrder(_ lowered: LoweredProgram, isLeaf: (Int32) -> Bool) -> [Int32] {
        // Unsafe buffers: array accesses through `lowered` in the loop
        // retained and released its arrays at every step.
        lowered.values.withUnsafeBufferPointer { values in
            lowered.sumTerms.withUnsafeBufferPointer { sumTerms in
                var state = [UInt8](repeating: 0, count: values.count)   // 0 new, 1 expanded, 2 done
                var order: [Int32] = []
                order.reserveCapacity(values.count)
                var stack: [Int32] = []
                for o in lowered.outputs {
                    stack.append(o)
                    while let v = stack.last {
                        if isLeaf(v) || state[Int(v)] == 2 {
                            stack.removeLast()
                        } else if state[Int(v)] == 0 {
                            state[Int(v)] = 1
                            switch values[Int(v)] {
                            case .operation(_, let a, let b):
                                // Pushed last is visited first: the later-computed operand.
                                let (low, high) = b > a ? (a, b) : (b, a)
                                if low >= 0 && state[Int(low)] == 0 { stack.append(low) }
                                if high != low && state[Int(high)] == 0 { stack.append(high) }
                            case .list(_, let start, let count):
                                // Sums: visit terms in order (pushed in reverse).
                                for k in stride(from: Int(start + count) - 1, through: Int(start), by: -1) {
                                    let t = sumTerms[k] & ~LoweredProgram.subtractBit
                                    if state[Int(t)] == 0 { stack.append(t) }
                                }
                            case .constant, .input:
                                break
                            }
                        } else {
                            state[Int(v)] = 2
                            stack.removeLast()
                            order.append(v)
                        }
                    }
                }
                return order
            }
        }
    }

    /// `order` regrouped by (level, opcode), stable within a group: a
    /// counting sort by level, then a sort by opcode within each level.
    static func levelOrder(_ lowered: LoweredProgram, _ order: [Int32]) -> [Int32] {
        // Levels in value order (operands come first in SSA): one
        // sequential pass, where the schedule's order would jump around.
        // Unscheduled (dead) values get levels too, which nothing reads.
        var level = [Int32](repeating: 0, count: lowered.values.count)
        level.withUnsafeMutableBufferPointer { level in
            for v in lowered.values.indices where !lowered.values[v].isLeaf {
                var l: Int32 = 0
                lowered.forEachOperand(of: v) { l = Swift.max(l, level[Int($0)]) }
                level[v] = l + 1
            }
        }
        var maxLevel: Int32 = 0
        for v in order { maxLevel = Swift.max(maxLevel, level[Int(v)]) }
        var start = [Int](repeating: 0, count: Int(maxLevel) + 1)
        for v in order { start[Int(level[Int(v)])] += 1 }
        var total = 0
        for l in start.indices { (start[l], total) = (total, total + start[l]) }
        var result = [Int32](repeating: 0, count: order.count)
        var next = start
        for v in order {
            let l = Int(level[Int(v)])
            result[next[l]] = v
            next[l] += 1
        }
        // Within a level: by opcode, then by where the operands come from
        // (their own level and opcode, or which constant, or "an input"),
        // keeping the depth-first order otherwise. Instructions that do the
        // same thing to values of the same kind become neighbours, and
        // since those values were laid out in the same order, their slots
        // are consecutive: strided, vectorisable runs.
        lowered.values.withUnsafeBufferPointer { values in
            lowered.sumTerms.withUnsafeBufferPointer { sumTerms in
                level.withUnsafeBufferPointer { level in
                    func opcode(_ v: Int32) -> UInt64 {
                        switch values[Int(v)] {
                        case .operation(let op, _, _), .list(let op, _, _): return UInt64(op.rawValue)
                        case .constant, .input: return 0
                        }
                    }
                    // Origins ordered as before: each constant its own (stride
                    // 0), below "no operand", below "an input", below
                    // computed values by level and opcode; biased to UInt32.
                    func origin(_ v: Int32) -> UInt64 {
                        let o: Int
                        if v < 0 {
                            o = -3
                        } else {
                            switch values[Int(v)] {
                            case .constant: o = -4 - Int(v)
                            case .input: o = -2
                            case .operation, .list: o = Int(level[Int(v)]) * 64 + Int(opcode(v))
                            }
                        }
                        return UInt64(UInt32(truncatingIfNeeded: o &+ (1 << 31)))
                    }
                    func key(_ v: Int32) -> GroupKey {
                        switch values[Int(v)] {
                        case .operation(let op, let a, let b):
                            return GroupKey(high: UInt64(op.rawValue) << 32 | origin(a), low: UInt32(origin(b)))
                        case .list(_, let start, let count):
                            let first = sumTerms[Int(start)] & ~LoweredProgram.subtractBit
                            return GroupKey(high: opcode(v) << 32 | UInt64(UInt32(count)), low: UInt32(origin(first)))
                        case .constant, .input:
                            return GroupKey(high: 0, low: 0)
                        }
                    }
                    var grouping = StableGrouping()
                    for l in 1...Swift.max(1, Int(maxLevel)) where l < start.count {
                        let range = start[l]..<(l + 1 < start.count ? start[l + 1] : order.count)
                        if range.count > 1 { grouping.sort(&result[range], by: key) }
                    }
                }
            }
        }
        return result
    }
}

/// A sort key of ``Schedule/levelOrder(_:_:)``: compared as `(high, low)`.
struct GroupKey: Equatable, Comparable {
    var high: UInt64
    var low: UInt32

    static func < (a: GroupKey, b: GroupKey) -> Bool { (a.high, a.low) < (b.high, b.low) }
}

/// A stable sort for sequences with few distinct keys (a level of a
/// program has tens of thousands of instructions but only a handful of
/// opcode and operand-origin combinations): it buckets the elements by key
/// in one pass, sorts the distinct keys, and writes the buckets back in
/// key order, each in its original order. The result equals a stable
/// comparison sort's, in linear time.
struct StableGrouping {
    /// Key → bucket: open addressing over `slots` (bucket index, -1 empty),
    /// hashed with a multiplication (a `Dictionary`'s SipHash was a third
    /// of the cost).
    private var slots: [Int32] = []
    private var keys: [GroupKey] = []
    private var counts: [Int32] = []
    private var elementBucket: [Int32] = []
    private var scratch: [Int32] = []

    mutating func sort(_ elements: inout ArraySlice<Int32>, by key: (Int32) -> GroupKey) {
        slots.removeAll(keepingCapacity: true)
        slots.append(contentsOf: repeatElement(-1, count: 64))
        keys.removeAll(keepingCapacity: true)
        counts.removeAll(keepingCapacity: true)
        elementBucket.removeAll(keepingCapacity: true)
        var last = GroupKey(high: .max, low: .max), lastBucket: Int32 = -1
        for v in elements {
            let k = key(v)
            if k != last {   // runs of equal keys are common: skip the lookup
                lastBucket = bucket(of: k)
                last = k
            }
            counts[Int(lastBucket)] += 1
            elementBucket.append(lastBucket)
        }
        if keys.count == 1 { return }
        // Bucket starts in key order.
        var next = [Int32](repeating: 0, count: keys.count)
        var total: Int32 = 0
        for b in keys.indices.sorted(by: { keys[$0] < keys[$1] }) {
            next[b] = total
            total += counts[b]
        }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: repeatElement(0, count: elements.count))
        for (i, v) in elements.enumerated() {
            let b = Int(elementBucket[i])
            scratch[Int(next[b])] = v
            next[b] += 1
        }
        let base = elements.startIndex
        for i in scratch.indices { elements[base + i] = scratch[i] }
    }

    /// The bucket of `key`, made if new.
    private mutating func bucket(of key: GroupKey) -> Int32 {
        if 2 * (keys.count + 1) > slots.count {
            slots = [Int32](repeating: -1, count: 2 * slots.count)
            for (b, k) in keys.enumerated() { slots[probe(k)] = Int32(b) }
        }
        let i = probe(key)
        if slots[i] >= 0 { return slots[i] }
        let b = Int32(keys.count)
        slots[i] = b
        keys.append(key)
        counts.append(0)
        return b
    }

    /// The slot holding `key`, or the empty slot where it belongs.
    private func probe(_ key: GroupKey) -> Int {
        let mask = slots.count - 1
        var h = key.high &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(key.low) &* 0xBF58_476D_1CE4_E5B9
        h ^= h >> 29
        var i = Int(truncatingIfNeeded: h) & mask
        while slots[i] >= 0 && keys[Int(slots[i])] != key { i = (i + 1) & mask }
        return i
    }
}
