/// Small open-addressing hash tables for the compiler's hot loops.
///
/// Compiling walks every node and edge of graphs with hundreds of thousands
/// of nodes; with `Dictionary` (SipHash, copy-on-write checks) the lookups
/// were most of the compile time. These tables hash integers with one
/// multiplication (Fibonacci hashing) and probe linearly.

/// A map from non-negative `Int` keys (node ids) to `Int32` values.
/// Keys and values share one array so that a lookup touches one cache line.
struct IntTable {
    private var entries: [Entry]
    private var mask: Int
    private var bits: Int
    private(set) var count = 0

    private struct Entry {
        var key: Int     // -1: empty
        var value: Int32
    }

    init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        entries = [Entry](repeating: Entry(key: -1, value: 0), count: size)
        mask = size - 1
        bits = size.trailingZeroBitCount
    }

    @inline(__always)
    private static func slot(_ key: Int, _ bits: Int, _ mask: Int) -> Int {
        // Fibonacci hashing: the top `bits` bits of key × 2^64/φ.
        Int(bitPattern: UInt(bitPattern: key &* -7046029254386353131) >> UInt(Int.bitWidth - bits))
    }

    /// The value for `key`, if any.
    @inline(__always)
    func value(for key: Int) -> Int32? {
        let (bits, mask) = (bits, mask)
        return entries.withUnsafeBufferPointer { e in
            var i = IntTable.slot(key, bits, mask)
            while true {
                let k = e[i].key
                if k == key { return e[i].value }
                if k < 0 { return nil }
                i = (i + 1) & mask
            }
        }
    }

    /// Inserts `value` for `key` unless the key is present.
    /// - Returns: `true` when inserted, `false` when the key was present.
    @inline(__always) @discardableResult
    mutating func insert(_ key: Int, _ value: Int32) -> Bool {
        precondition(key >= 0)
        if (count + 1) * 2 > entries.count { grow() }
        let (bits, mask) = (bits, mask)
        let inserted = entries.withUnsafeMutableBufferPointer { e in
            var i = IntTable.slot(key, bits, mask)
            while true {
                let k = e[i].key
                if k == key { return false }
                if k < 0 { break }
                i = (i + 1) & mask
            }
            e[i] = Entry(key: key, value: value)
            return true
        }
        if inserted { count += 1 }
        return inserted
    }

    /// Sets the value of a key that is present.
    @inline(__always)
    mutating func update(_ key: Int, _ value: Int32) {
        let (bits, mask) = (bits, mask)
        entries.withUnsafeMutableBufferPointer { e in
            var i = IntTable.slot(key, bits, mask)
            while e[i].key != key { i = (i + 1) & mask }
            e[i].value = value
        }
    }

    /// About how many bytes the table holds.
    var bufferBytes: Int { entries.bufferBytes }

    /// Empties the table for about `expectedCount` keys, keeping the
    /// storage when it is not much larger than that needs.
    mutating func removeAll(expectedCount: Int) {
        var size = 16
        while size < expectedCount * 2 { size <<= 1 }
        if entries.count > 4 * size || entries.count < size {
            self = IntTable(capacity: expectedCount)
            return
        }
        if count > 0 {
            entries.withUnsafeMutableBufferPointer { e in
                for i in e.indices { e[i].key = -1 }
            }
            count = 0
        }
    }

    private mutating func grow() {
        let old = entries
        self = IntTable(capacity: old.count)
        for e in old where e.key >= 0 { insert(e.key, e.value) }
    }
}

/// A hash-consing table for operations `(op, a, b)` → SSA value.
///
/// Lowering asks it once per emitted operation (a hundred thousand times
/// for a large gradient), and almost every answer is "not yet". A hash
/// table over all operations is megabytes of randomly probed memory, so
/// each of those answers was a cache miss. This table files an operation
/// under one of its operands instead (see `filedUnder`), in that value's
/// own slot (a few for inputs): operands are usually values computed
/// shortly before, or inputs, so their slots are in cache. Operations whose
/// slots are taken by other operations go to a hashed overflow table,
/// consulted only when the slots are full.
struct OperationTable {
    /// `primary[v]`: the first operation filed under value `v`.
    private var primary: [Entry]
    /// Inputs meet many constants (`xᵢ²`, `2·xᵢ`, `1 - xᵢ`, `-xᵢ`, …), so
    /// each input `i` has ``inputWays`` slots `inputSlots[inputWays·i ..< inputWays·(i+1)]`.
    private var inputSlots: [Entry]
    private let inputCount: Int32
    private var overflow: HashedOperations
    private static let inputWays = 4

    private struct Entry {
        /// The other operand (-1 for unary operations).
        var other: Int32
        /// The operation's value; -1: empty.
        var value: Int32
        /// The opcode, with bit 8 set when the operation is filed under `b`.
        var tag: UInt16
    }

    /// - Parameters:
    ///   - capacity: The expected number of values.
    ///   - inputCount: Values `0 ..< inputCount` are the inputs.
    init(capacity: Int = 64, inputCount: Int = 0) {
        let empty = Entry(other: 0, value: -1, tag: 0)
        primary = [Entry](repeating: empty, count: Swift.max(capacity, 64))
        inputSlots = [Entry](repeating: empty, count: OperationTable.inputWays * inputCount)
        self.inputCount = Int32(inputCount)
        overflow = HashedOperations(capacity: capacity / 16)
    }

    /// The existing value of `op(a, b)`, or inserts `value` for it.
    ///
    /// - Parameter filedUnder: `a` or `b`, whichever is likelier to be
    ///   unique to this operation: the later one unless it is a constant
    ///   (one constant, say `2`, is the later operand of `2·xᵢ` for every
    ///   input `xᵢ`). Operands must be smaller than `value` (SSA order).
    @inline(__always)
    mutating func findOrInsert(_ op: Opcode, _ a: Int32, _ b: Int32, filedUnder: Int32, value: Int32) -> Int32? {
        if Int(value) >= primary.count { grow(Int(value) + 1) }
        let (home, other, tag) = filedUnder == b && a != b ? (b, a, UInt16(op.rawValue) | 0x100) : (a, b, UInt16(op.rawValue))
        // -1: inserted here; -2: the slots hold other operations; else found.
        @inline(__always) func probe(_ p: UnsafeMutableBufferPointer<Entry>, _ range: Range<Int>) -> Int32 {
            for i in range {
                let e = p[i]
                if e.value < 0 {
                    p[i] = Entry(other: other, value: value, tag: tag)
                    return -1
                }
                if e.other == other && e.tag == tag { return e.value }
            }
            return -2
        }
        let found: Int32
        if home < inputCount {
            let first = OperationTable.inputWays * Int(home)
            found = inputSlots.withUnsafeMutableBufferPointer { probe($0, first..<(first + OperationTable.inputWays)) }
        } else {
            found = primary.withUnsafeMutableBufferPointer { probe($0, Int(home)..<(Int(home) + 1)) }
        }
        if found == -2 { return overflow.findOrInsert(op, a, b, value: value) }
        return found < 0 ? nil : found
    }

    private mutating func grow(_ needed: Int) {
        var size = primary.count * 2
        while size < needed { size *= 2 }
        primary.append(contentsOf: repeatElement(Entry(other: 0, value: -1, tag: 0), count: size - primary.count))
    }
}

/// Operations `(op, a, b)` → SSA value in one open-addressing hash table:
/// the overflow of ``OperationTable``.
private struct HashedOperations {
    private var entries: [Entry]
    private var mask: Int
    private var count = 0

    private struct Entry {
        var key: UInt64    // a << 32 | b, with b as UInt32
        var op: UInt8
        var value: Int32   // -1: empty
    }

    init(capacity: Int = 64) {
        var size = 64
        while size < capacity * 2 { size <<= 1 }
        entries = [Entry](repeating: Entry(key: 0, op: 0, value: -1), count: size)
        mask = size - 1
    }

    @inline(__always)
    private func slot(_ key: UInt64, _ op: UInt8) -> Int {
        // SplitMix64's finaliser: both halves of the key (the two operands)
        // must reach the top bits, or chains like `s + t_k` cluster.
        var h = key &+ UInt64(op) &* 0x9E37_79B9_7F4A_7C15
        h = (h ^ (h >> 30)) &* 0xBF58_476D_1CE4_E5B9
        h = (h ^ (h >> 27)) &* 0x94D0_49BB_1331_11EB
        h ^= h >> 31
        return Int(truncatingIfNeeded: h) & mask
    }

    /// The existing value of `op(a, b)`, or inserts `value` for it.
    mutating func findOrInsert(_ op: Opcode, _ a: Int32, _ b: Int32, value: Int32) -> Int32? {
        if (count + 1) * 2 > entries.count { grow() }
        let key = UInt64(UInt32(bitPattern: a)) << 32 | UInt64(UInt32(bitPattern: b))
        let o = op.rawValue
        var i = slot(key, o)
        while true {
            let e = entries[i]
            if e.value < 0 { break }
            if e.key == key && e.op == o { return e.value }
            i = (i + 1) & mask
        }
        entries[i] = Entry(key: key, op: o, value: value)
        count += 1
        return nil
    }

    private mutating func grow() {
        let old = entries
        entries = [Entry](repeating: Entry(key: 0, op: 0, value: -1), count: old.count * 2)
        mask = entries.count - 1
        for e in old where e.value >= 0 {
            var i = slot(e.key, e.op)
            while entries[i].value >= 0 { i = (i + 1) & mask }
            entries[i] = e
        }
    }
}
