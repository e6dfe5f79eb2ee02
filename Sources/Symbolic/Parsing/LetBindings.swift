/// The `let` bindings of the expression (or list item) being parsed:
///
///     let t1 = sin(x),
///         t2 = t1*x
///     in t1 + t2
///
/// `let NAME = EXPRESSION, NAME = EXPRESSION, ... in EXPRESSION` may begin
/// an expression or an item of a `;`-separated list. Each binding may use
/// the bindings before it; the body after `in` may use them all. A use of a
/// bound name stands for the bound expression's node itself, so the parsed
/// graph shares it and the text stays linear in the size of the graph: this
/// is how ``Expression/description`` writes heavily shared expressions.
///
/// `let` and `in` are keywords only there (`let` first in an item and
/// followed by a name, `in` where an operator is expected while bindings are
/// read), so they remain usable as variable names elsewhere.
///
/// The parser drives this bookkeeping from its single loop, one binding after
/// another, so a list of any length costs no call-stack depth. Errors: a
/// name bound twice, a bound name also used as a variable (before its
/// binding: bindings may use only earlier ones), `pi`, `e`, `let` or `in` as
/// a bound name, and a binding that nothing uses.
struct LetBindings {
    enum Phase: Equatable {
        /// No `let` in the current item.
        case none
        /// Reading the value of the binding `bindings.last`.
        case binding
        /// Reading the body after `in`.
        case body
    }

    private struct Binding {
        let name: String
        /// Byte offset of the bound name.
        let offset: Int
        var value: Expression?
        var isUsed = false
    }

    private(set) var phase = Phase.none
    private var bindings: [Binding] = []
    /// Index in `bindings` of each bound name (with a value or being read).
    private var index: [String: Int] = [:]
    /// Variables used since `let`, with the byte offset of their first use.
    private var freeVariables: [String: Int] = [:]

    /// Names that cannot be bound: the constants and the two keywords.
    static let reservedNames: Set<String> = ["pi", "e", "let", "in"]

    /// Starts the bindings of a new `let`.
    mutating func begin() {
        reset()
        phase = .binding
    }

    /// Starts the binding of `name` (written at byte `offset`), after its `=`.
    ///
    /// - Returns: The error kind and the byte offset it points at, when the
    ///   name is reserved, bound already, or used as a variable before.
    mutating func startBinding(_ name: String, at offset: Int) -> (ParseError.Kind, offset: Int)? {
        if LetBindings.reservedNames.contains(name) { return (.reservedBindingName(name), offset) }
        if index[name] != nil { return (.duplicateBinding(name), offset) }
        if let use = freeVariables[name] { return (.bindingUsedAsVariable(name), use) }
        index[name] = bindings.count
        bindings.append(Binding(name: name, offset: offset))
        return nil
    }

    /// Ends the binding being read with its value.
    mutating func finishBinding(_ value: Expression) {
        bindings[bindings.count - 1].value = value
    }

    /// Moves from the bindings to the body (at `in`).
    mutating func beginBody() {
        phase = .body
    }

    /// The value bound to `name`, marking the binding used; `nil` for a name
    /// that is not bound, which is then recorded as a variable.
    ///
    mutating func value(of name: String, at offset: Int) -> Expression? {
        guard phase != .none else { return nil }
        if let i = index[name], let value = bindings[i].value {
            bindings[i].isUsed = true
            return value
        }
        if freeVariables[name] == nil { freeVariables[name] = offset }
        return nil
    }

    /// Ends the item: the first binding nothing used (its name and byte
    /// offset), if any; the bindings are cleared either way.
    mutating func finish() -> (name: String, offset: Int)? {
        defer { reset() }
        if let unused = bindings.first(where: { !$0.isUsed }) { return (unused.name, unused.offset) }
        return nil
    }

    /// Whether `name` is the binding whose value is being read, which
    /// cannot use itself (`let t = t + 1 in t`).
    func isBeingBound(_ name: String) -> Bool {
        phase == .binding && bindings.last?.name == name
    }

    /// The name of the binding being read (for the missing-`in` error).
    var currentName: String { bindings.last?.name ?? "" }

    private mutating func reset() {
        phase = .none
        bindings.removeAll()
        index.removeAll()
        freeVariables.removeAll()
    }
}
