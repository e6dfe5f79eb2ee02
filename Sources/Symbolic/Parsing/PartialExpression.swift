/// What the parser has read so far of one parenthesised level: the whole
/// input, the inside of a pair of parentheses, or one argument of a call.
///
/// A level is a sum of terms, each term a product of factors, each factor a
/// right-associative power chain with unary signs, so it keeps exactly those
/// three lists. Operands of a chain or factors of a product are collected
/// first and built with ONE call of `Expression.power`/`product`/`sum` when
/// the chain, term or level ends: a sum of n terms costs one O(n log n)
/// canonicalisation instead of n ever-longer ones.
struct PartialExpression {
    /// What opened this level, which decides what `)` and `,` do. Only
    /// offsets are kept (not whole tokens) because deep input holds one
    /// level per open parenthesis.
    enum Opener {
        /// The whole input (or one item of a list).
        case input
        /// A grouping `(` at byte `offset`.
        case parenthesis(offset: Int)
        /// The `(` of a call.
        case call(CallSite)
    }

    /// A call being read: what is called, as written, and where.
    struct CallSite {
        let callee: Callee
        let name: String
        let nameOffset: Int
        let parenthesisOffset: Int
    }

    let opener: Opener
    /// When set, receives the operands of every sum and product in the
    /// order they are written (see ``WrittenOrder``).
    var writtenOrder: WrittenOrder.Recorder?
    /// The completed arguments of a call, before the one being read.
    var arguments: [Expression] = []
    /// Whether an odd number of unary minus signs precede the operand being
    /// read. Consecutive signs only toggle this flag, so `------x` needs no
    /// stack.
    var negatesOperand = false

    private var terms: [Expression] = []
    private var factors: [Expression] = []
    private var subtractsTerm = false
    private var dividesFactor = false
    /// The power chain of the current factor, `a ^ b ^ -c` as
    /// `[(false, a), (false, b), (true, c)]`: each operand with the sign that
    /// applies to it and everything to its right.
    private var chain: [(negated: Bool, operand: Expression)] = []

    init(opener: Opener) {
        self.opener = opener
    }

    /// Adds an operand (number, name, call or parenthesised level) to the
    /// current power chain, with the pending unary sign.
    mutating func append(operand: Expression) {
        chain.append((negatesOperand, operand))
        negatesOperand = false
    }

    /// Ends the current factor at `*` or `/`; `dividing` says which.
    mutating func multiply(dividing: Bool) {
        endFactor()
        dividesFactor = dividing
    }

    /// Ends the current term at `+` or `-`; `subtracting` says which.
    mutating func add(subtracting: Bool) {
        endTerm()
        subtractsTerm = subtracting
    }

    /// Ends the level (at `)`, `,`, `;` or the end of the input) and returns
    /// its value, leaving the level empty for the next argument or item.
    ///
    /// - Precondition: an operand was just appended.
    mutating func finish() -> Expression {
        endTerm()
        let value = terms.count == 1 ? terms[0] : Expression.sum(terms)
        if terms.count > 1 { writtenOrder?.record(value, terms) }
        terms.removeAll()
        subtractsTerm = false
        return value
    }

    /// Builds the power chain right to left: `a ^ -(b ^ c)`.
    private mutating func endFactor() {
        var (negated, value) = chain.removeLast()
        if negated { value = -value }
        while let (negated, base) = chain.popLast() {
            value = .power(base, value)
            if negated { value = -value }
        }
        factors.append(dividesFactor ? .power(value, .minusOne) : value)
        dividesFactor = false
    }

    private mutating func endTerm() {
        endFactor()
        // `a - b*c` is `a + (-1)*b*c`: adding the -1 to the term's factors
        // gives the same canonical product as `-(b*c)` with one constructor
        // call instead of two.
        if subtractsTerm { factors.append(.minusOne) }
        let term = factors.count == 1 ? factors[0] : Expression.product(factors)
        if factors.count > 1 { writtenOrder?.record(term, factors) }
        factors.removeAll(keepingCapacity: true)
        terms.append(term)
        subtractsTerm = false
    }
}
