/// The order in which a text writes the operands of its sums and products.
///
/// Canonical expressions sort their operands (`ln(x1) + x1*x2` is stored as
/// `x1*x2 + log(x1)`); an evaluation trace reads better in the order the
/// user wrote, as the course notes do. Parse with
/// ``Expression/init(parsing:writtenOrder:)`` to keep that order.
///
///     var order = WrittenOrder()
///     let f = try Expression(parsing: "ln(x1) + x1*x2", writtenOrder: &order)
///     print(order.operands(of: f).map(\.description))
///     // Prints "["log(x1)", "x1*x2"]"
public struct WrittenOrder: Sendable {
    var written: [Int: [Expression]] = [:]

    /// No recorded order: every node keeps its canonical operand order.
    public init() {}

    /// Collects the written operands while parsing.
    final class Recorder {
        var written: [Int: [Expression]] = [:]
        func record(_ node: Expression, _ operands: [Expression]) {
            if written[node.id] == nil { written[node.id] = operands }
        }
    }

    /// The operands of `node`, in written order where the text wrote them
    /// (operands the constructors made, such as merged terms, come after,
    /// in canonical order).
    ///
    ///     WrittenOrder().operands(of: x + y)   // canonical order: [x, y]
    public func operands(of node: Expression) -> [Expression] {
        let operands = node.operands
        guard let written = written[node.id] else { return operands }
        var rank: [Int: Int] = [:]
        for (k, w) in written.enumerated() where rank[w.id] == nil { rank[w.id] = k }
        return operands.enumerated().sorted { a, b in
            let ra = rank[a.element.id] ?? Int.max, rb = rank[b.element.id] ?? Int.max
            return ra != rb ? ra < rb : a.offset < b.offset
        }.map(\.element)
    }
}

extension Expression {
    /// Parses `text` as ``init(parsing:maximumNesting:)`` does, and records
    /// the order in which it writes the operands of sums and products.
    ///
    ///     var order = WrittenOrder()
    ///     let f = try Expression(parsing: "b + a", writtenOrder: &order)
    ///     print(f, order.operands(of: f))
    ///     // Prints "a + b [b, a]"
    ///
    /// - Throws: A ``ParseError`` with the column of the first problem.
    public init(parsing text: String, writtenOrder: inout WrittenOrder) throws(ParseError) {
        var parser = Parser(text, mode: .single, nestingLimit: 1_000_000)
        let recorder = WrittenOrder.Recorder()
        parser.writtenOrder = recorder
        self = try parser.parse()[0]
        writtenOrder.written.merge(recorder.written) { old, _ in old }
    }
}
