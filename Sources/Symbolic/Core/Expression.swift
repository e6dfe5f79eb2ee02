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

/// A short name for ``Expression``.
///
/// Foundation declares a generic `Expression` type (for predicates), so in a
/// file that imports both Foundation and Symbolic the bare name `Expression`
/// is ambiguous. Write `Expr` (or `Symbolic.Expression`) there.
public typealias Expr = Expression
