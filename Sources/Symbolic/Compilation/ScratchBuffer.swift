import Foundation

/// A growable array of plain values in manually managed memory, for the
/// compiler's hot loops.
///
/// Appending to a Swift `Array` checks uniqueness and capacity through
/// calls the optimiser cannot always hoist out of a loop; a walk over a
/// graph of 100,000 nodes appends a few hundred thousand values, and those
/// checks (and the copy-on-write machinery behind them) showed up in
/// profiles. This buffer is noncopyable, so it has exactly one owner and
/// needs none of that: an append is a capacity compare and a store.
///
///     var ids = ScratchBuffer<Int>(capacity: 4)
///     ids.append(7)
///     print(ids[0], ids.count)   // Prints "7 1"
struct ScratchBuffer<Element: BitwiseCopyable>: ~Copyable {
    private(set) var base: UnsafeMutablePointer<Element>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = Swift.max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    @inline(__always)
    subscript(i: Int) -> Element {
        get { base[i] }
        nonmutating set { base[i] = newValue }
    }

    @inline(__always)
    mutating func append(_ x: Element) {
        if count == capacity { grow(count + 1) }
        base[count] = x
        count += 1
    }

    /// Appends `n` values from `source` (which must not point into this buffer).
    @inline(__always)
    mutating func append(_ source: UnsafePointer<Element>, count n: Int) {
        if count + n > capacity { grow(count + n) }
        (base + count).update(from: source, count: n)
        count += n
    }

    /// Appends `n` values copied bytewise from `source`.
    @inline(__always)
    mutating func appendBytes(of source: UnsafeRawPointer, count n: Int) {
        if count + n > capacity { grow(count + n) }
        UnsafeMutableRawPointer(base + count).copyMemory(from: source, byteCount: n * MemoryLayout<Element>.stride)
        count += n
    }

    /// Makes room for `n` more values.
    @inline(__always)
    mutating func reserve(_ n: Int) {
        if count + n > capacity { grow(count + n) }
    }

    private mutating func grow(_ needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let new = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        new.update(from: base, count: count)
        base.deallocate()
        base = new
        capacity = newCapacity
    }

    /// The values as an array.
    func array() -> [Element] { Array(UnsafeBufferPointer(start: base, count: count)) }
}
