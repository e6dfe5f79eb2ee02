/// Variable name → position in a list of variables (the first occurrence
/// of a repeated name wins), for the reverse sweep and the compiler.
///
/// A `Dictionary<String, Int>` hashes every name with SipHash, once to
/// build it and once per variable node the sweep meets: about 5% of a
/// large gradient. Names are almost always small ASCII strings (at most
/// 15 bytes, stored inline in the `String` value), and for those the raw
/// bits of the value *are* the contents: two small ASCII strings are equal
/// exactly when their bits are (the unused bytes are masked off anyway).
/// So when every name in the list is one, a table keyed by those bits is
/// exact for any small ASCII name looked up, hit or miss. Anything else (a
/// list with another kind of name, or a name looked up that is not small
/// ASCII, which may still equal a listed one by Unicode equivalence or be
/// stored out of line) goes through the dictionary, built only then.
struct VariableNames {
    let names: [String]
    /// The number of distinct names.
    let count: Int
    /// Whether ``quickIndex(of:)`` answers (every listed name is small ASCII).
    private let exact: Bool
    private let keys: [(UInt64, UInt64)]
    private let values: [Int32]   // -1: empty
    private let mask: Int
    private let shift: UInt64
    private var dictionary: [String: Int]?

    init(_ names: [String]) {
        self.names = names
        var size = 16
        while size * 3 < names.count * 4 { size <<= 1 }   // load at most 3/4
        let shift = UInt64(64 - size.trailingZeroBitCount)
        var keys = [(UInt64, UInt64)](), values = [Int32]()
        var exact = VariableNames.layoutKnown, count = 0
        if exact {
            keys = [(UInt64, UInt64)](repeating: (0, 0), count: size)
            values = [Int32](repeating: -1, count: size)
            for (i, name) in names.enumerated() {
                guard let key = VariableNames.key(name) else { exact = false; break }
                var s = VariableNames.slot(key, shift)
                while values[s] >= 0 && keys[s] != key { s = (s + 1) & (size - 1) }
                if values[s] < 0 {   // a repeated name keeps its first position
                    (keys[s], values[s]) = (key, Int32(i))
                    count += 1
                }
            }
        }
        if exact {
            (self.keys, self.values, self.count) = (keys, values, count)
        } else {
            let dictionary = ReverseMode.index(names)
            (self.keys, self.values, self.count, self.dictionary) = ([], [], dictionary.count, dictionary)
        }
        (self.exact, mask, self.shift) = (exact, size - 1, shift)
    }

    /// The position of `name` (-1: not listed) when the table alone knows it.
    @inline(__always)
    func quickIndex(of name: String) -> Int32? {
        guard exact, let key = VariableNames.key(name) else { return nil }
        var s = VariableNames.slot(key, shift)
        while values[s] >= 0 {
            if keys[s] == key { return values[s] }
            s = (s + 1) & mask
        }
        return -1
    }

    /// The position of `name`, or `nil` when it is not listed.
    mutating func index(of name: String) -> Int? {
        if let k = quickIndex(of: name) { return k < 0 ? nil : Int(k) }
        if dictionary == nil { dictionary = ReverseMode.index(names) }
        return dictionary![name]
    }

    /// Whether `String` values are laid out as this type assumes: 16 bytes,
    /// little-endian, a small ASCII string's top byte `0xE0 | count`.
    private static let layoutKnown: Bool = {
        guard MemoryLayout<String>.size == 16, 1.littleEndian == 1 else { return false }
        let small = rawBits("ab"), large = rawBits(String(repeating: "a", count: 20))
        return small == (0x6261, 0xE200_0000_0000_0000) && large.1 >> 60 != 0xE
    }()

    @inline(__always)
    private static func rawBits(_ name: String) -> (UInt64, UInt64) {
        withUnsafeBytes(of: name) { ($0.load(as: UInt64.self), $0.load(fromByteOffset: 8, as: UInt64.self)) }
    }

    /// The contents of a small ASCII string (bytes past its count zeroed),
    /// else `nil`. Only called once ``layoutKnown`` holds.
    @inline(__always)
    private static func key(_ name: String) -> (UInt64, UInt64)? {
        let (low, high) = rawBits(name)
        guard high >> 60 == 0xE else { return nil }
        let n = (high >> 56) & 0xF
        let lowMask: UInt64 = n >= 8 ? ~0 : (1 << (8 * n)) &- 1
        let highMask: UInt64 = 0xFF00_0000_0000_0000 | (n <= 8 ? 0 : (1 << (8 * (n - 8))) &- 1)
        return (low & lowMask, high & highMask)
    }

    @inline(__always)
    private static func slot(_ key: (UInt64, UInt64), _ shift: UInt64) -> Int {
        // The top bits of a product depend on every bit of its operands
        // (names differ in their last bytes, the low bits' inputs are the first).
        let h = (key.0 ^ (key.1 &* 0xBF58_476D_1CE4_E5B9)) &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: h >> shift)
    }
}
