import Synchronization

/// A symbolic mathematical expression.
///
/// An `Expression` is a handle to an immutable, *interned* node of an
/// expression graph: structurally equal expressions are the same node, so
/// equality and hashing take O(1) time and a subexpression used many times is
/// stored once. The tree structure is exposed as the enum ``Kind``, which you
/// can pattern-match on and build from:
///
///     let x = Expression.variable("x"), y = Expression.variable("y")
///     let f = x * x * y + y + 2          // same as try Expression(parsing: "x*x*y + y + 2")
///     switch f.kind {
///     case .sum(let terms): print(terms.count)   // Prints "3"
///     default: break
///     }
///
/// Every expression is built through canonicalising constructors, which
/// flatten sums and products, fold numbers, merge like terms and like factors,
/// and sort operands, so equal mathematical forms usually print identically
/// (`y*x` and `x*y` are the same node). See `docs/Design.md` for the rules.
public struct Expression: Sendable, Hashable {
    let node: Node

    init(node: Node) { self.node = node }

    /// The tree structure of an expression: what kind of node it is and its
    /// operands.
    ///
    /// Subtraction, negation and division have no cases of their own:
    /// `a - b` is `a + (-1)*b` and `a / b` is `a * b^-1`, as in SymPy and
    /// SymEngine, so that like terms and factors combine across them.
    public enum Kind: Sendable, Hashable {
        /// A number.
        case constant(Number)
        /// A named mathematical constant (`pi`, `e`).
        case namedConstant(NamedConstant)
        /// A variable.
        case variable(String)
        /// A sum of two or more terms.
        case sum([Expression])
        /// A product of two or more factors; a numeric coefficient comes first.
        case product([Expression])
        /// `base ^ exponent`.
        case power(Expression, Expression)
        /// A call of an elementary function.
        case call(Function, [Expression])
        /// A call of a user-defined function (see ``CustomFunction``), with
        /// one argument per parameter. Two calls are equal only when they
        /// call the same definition object.
        case custom(CustomFunction, [Expression])
    }

    /// The node's kind and operands.
    public var kind: Kind { node.kind }

    /// Creates the canonical expression for `kind` (operands are flattened,
    /// folded and sorted exactly as the operators do).
    public init(_ kind: Kind) {
        switch kind {
        case .constant, .namedConstant, .variable: self = Expression.intern(kind)
        case .sum(let terms): self = Expression.sum(terms)
        case .product(let factors): self = Expression.product(factors)
        case .power(let base, let exponent): self = Expression.power(base, exponent)
        case .call(let function, let arguments): self = Expression.call(function, arguments)
        case .custom(let function, let arguments): self = function.call(arguments)
        }
    }

    public static func == (lhs: Expression, rhs: Expression) -> Bool { lhs.node === rhs.node }

    public func hash(into hasher: inout Hasher) { hasher.combine(node.id) }

    /// A process-wide identifier of this node. Operands always have smaller
    /// identifiers than the nodes that use them, so sorting nodes by `id` gives
    /// a topological order.
    public var id: Int { node.id }

    /// Whether any variable occurs in the expression. O(1).
    public var containsVariables: Bool { node.containsVariables }

    /// The number of nodes of the expression written out as a tree (with
    /// shared subexpressions counted once per use), saturating at `Int.max`.
    public var treeSize: Int { node.treeSize }
}

/// A named mathematical constant.
public enum NamedConstant: String, Sendable, Hashable, Codable, CaseIterable {
    /// π = 3.14159…
    case pi
    /// Euler's number e = 2.71828…
    case e

    /// The constant's value as a `Double`.
    public var value: Double {
        switch self {
        case .pi: return Double.pi
        case .e: return 2.718281828459045
        }
    }
}

/// One interned node. Immutable; children are created before parents, so a
/// child's `id` is always smaller than its parent's.
final class Node: Sendable {
    let kind: Expression.Kind
    let id: Int
    let containsVariables: Bool
    /// Saturating count of tree nodes; used to decide when printing a fully
    /// expanded tree would be too large.
    let treeSize: Int
    /// Polynomial-like degree used by the canonical term order (`x^2` before `x`).
    let degree: Double
    /// Length of the longest path to a leaf. Comparing heights first keeps the
    /// canonical order O(1) for most pairs, even on very deep expressions.
    let height: Int
    /// The kind's position in ``CanonicalOrder``, cached so comparisons do
    /// not copy the kind's payload.
    let rank: UInt8

    init(kind: Expression.Kind, id: Int) {
        self.kind = kind
        self.id = id
        var contains = false
        var size = 1
        let degree: Double
        switch kind {
        case .constant, .namedConstant:
            degree = 0
        case .variable:
            contains = true
            degree = 1
        case .sum(let terms):
            var d = 0.0
            for t in terms {
                contains = contains || t.node.containsVariables
                size = size.addingSaturating(t.node.treeSize)
                d = Swift.max(d, t.node.degree)
            }
            degree = d
        case .product(let factors):
            var d = 0.0
            for f in factors {
                contains = contains || f.node.containsVariables
                size = size.addingSaturating(f.node.treeSize)
                d += f.node.degree
            }
            degree = d
        case .power(let base, let exponent):
            contains = base.node.containsVariables || exponent.node.containsVariables
            size = size.addingSaturating(base.node.treeSize).addingSaturating(exponent.node.treeSize)
            if case .constant(let n) = exponent.node.kind {
                degree = base.node.degree * n.doubleValue
            } else {
                degree = base.node.degree
            }
        case .call(_, let arguments), .custom(_, let arguments):
            for a in arguments {
                contains = contains || a.node.containsVariables
                size = size.addingSaturating(a.node.treeSize)
            }
            degree = contains ? 1 : 0
        }
        self.height = kind.operands.reduce(0) { Swift.max($0, $1.node.height + 1) }
        self.rank = CanonicalOrder.rank(kind)
        self.containsVariables = contains
        self.treeSize = size
        self.degree = degree.isFinite ? degree : 0
    }
}

extension Int {
    func addingSaturating(_ other: Int) -> Int {
        let (r, overflow) = addingReportingOverflow(other)
        return overflow ? Int.max : r
    }
}

/// The process-wide table of interned nodes.
///
/// Nodes live as long as the process (an arena): this makes every node's
/// release trivial — no recursive deinitialisation that could overflow the
/// stack on a deep expression — and keeps `id`s stable. Memory is
/// proportional to the number of distinct subexpressions ever built. The table
/// is sharded so that threads building expressions rarely contend; each shard
/// has a POSIX mutex (``ThreadLock``) so that ThreadSanitizer can check it.
final class InternTable: Sendable {
    static let shared = InternTable()

    private static let shardCount = 16
    private final class Shard: Sendable {
        let table = ThreadLock<[Key: Node]>([:])
    }

    /// A `Kind` with its hash computed once, cheaply: operands are already
    /// interned, so mixing their ids is enough (no SipHash over every
    /// operand on each probe).
    private struct Key: Hashable {
        let kind: Expression.Kind
        let hash: Int

        init(_ kind: Expression.Kind) {
            self.kind = kind
            var h: UInt64
            switch kind {
            case .constant(let n): h = UInt64(bitPattern: Int64(n.hashValue))
            case .namedConstant(let c): h = UInt64(bitPattern: Int64(c.hashValue))
            case .variable(let name): h = UInt64(bitPattern: Int64(name.hashValue))
            case .sum(let xs): h = Key.mix(0x51, xs)
            case .product(let xs): h = Key.mix(0x52, xs)
            case .power(let b, let e): h = Key.mix(0x53, [b, e])
            case .call(let f, let xs): h = Key.mix(0x54 &+ UInt64(f.hashValue & 0xFFFF) << 8, xs)
            case .custom(let f, let xs): h = Key.mix(0x55 &+ UInt64(truncatingIfNeeded: f.serial) << 8, xs)
            }
            hash = Int(bitPattern: UInt(h))
        }

        private static func mix(_ seed: UInt64, _ operands: [Expression]) -> UInt64 {
            var h = seed &* 0x9E37_79B9_7F4A_7C15
            for o in operands {
                h = (h ^ UInt64(o.node.id)) &* 0xBF58_476D_1CE4_E5B9
                h ^= h >> 31
            }
            return h
        }

        static func == (a: Key, b: Key) -> Bool { a.hash == b.hash && a.kind == b.kind }
        func hash(into hasher: inout Hasher) { hasher.combine(hash) }
    }
    private let shards: [Shard]
    private let nextID = Atomic<Int>(0)

    private init() {
        shards = (0..<InternTable.shardCount).map { _ in Shard() }
    }

    func intern(_ kind: Expression.Kind) -> Node {
        let key = Key(kind)
        let shard = shards[Int((UInt(bitPattern: key.hash) >> 7) % UInt(InternTable.shardCount))]
        return shard.table.withLock { table in
            if let existing = table[key] { return existing }
            // The id is taken under the shard lock after the operands exist,
            // so it is larger than every operand's id.
            let id = nextID.wrappingAdd(1, ordering: .relaxed).newValue
            let node = Node(kind: kind, id: id)
            table[key] = node
            return node
        }
    }

    /// The number of distinct nodes interned so far.
    var count: Int { shards.reduce(0) { $0 + $1.table.withLock { $0.count } } }
}

extension Expression {
    /// Interns `kind` as is, without canonicalising. Only the canonicalising
    /// constructors call this with compound kinds.
    static func intern(_ kind: Kind) -> Expression {
        Expression(node: InternTable.shared.intern(kind))
    }

    /// The number of distinct expression nodes alive in this process.
    public static var internedNodeCount: Int { InternTable.shared.count }
}

/// A short name for ``Expression``.
///
/// Foundation declares a generic `Expression` type (for predicates), so in a
/// file that imports both Foundation and Symbolic the bare name `Expression`
/// is ambiguous. Write `Expr` (or `Symbolic.Expression`) there.
public typealias Expr = Expression
