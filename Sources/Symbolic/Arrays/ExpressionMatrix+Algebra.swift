/// Matrix algebra on ``ExpressionMatrix``: products, elementwise arithmetic
/// with broadcasting, reductions, and elementwise functions.
///
/// Broadcasting follows NumPy for the two cases layers need: a 1×n row
/// vector combines with every row of an m×n matrix (adding a bias to a batch
/// of samples), and a 1×1 matrix combines with every entry.
extension ExpressionMatrix {
    /// The matrix product `lhs · rhs`, each entry one n-ary sum.
    ///
    ///     let z = x * w + b   // 1×2 · 2×3 + 1×3
    ///
    /// - Precondition: `lhs.columns == rhs.rows`.
    public static func * (lhs: ExpressionMatrix, rhs: ExpressionMatrix) -> ExpressionMatrix {
        precondition(lhs.columns == rhs.rows,
                     "cannot multiply a \(lhs.rows)×\(lhs.columns) matrix by a \(rhs.rows)×\(rhs.columns) matrix")
        var entries: [Expression] = []
        entries.reserveCapacity(lhs.rows * rhs.columns)
        var terms: [Expression] = []
        terms.reserveCapacity(lhs.columns)
        for i in 0..<lhs.rows {
            for j in 0..<rhs.columns {
                terms.removeAll(keepingCapacity: true)
                for k in 0..<lhs.columns { terms.append(lhs.entries[i * lhs.columns + k] * rhs.entries[k * rhs.columns + j]) }
                entries.append(Expression.sum(terms))
            }
        }
        return ExpressionMatrix(rows: lhs.rows, columns: rhs.columns, entries: entries)
    }

    /// Elementwise `lhs + rhs`, broadcasting a row vector or a 1×1 matrix.
    ///
    ///     let z = x * w + b
    public static func + (lhs: ExpressionMatrix, rhs: ExpressionMatrix) -> ExpressionMatrix {
        elementwise(lhs, rhs, "add") { $0 + $1 }
    }

    /// Elementwise `lhs - rhs`, broadcasting like `+`.
    ///
    ///     let error = prediction - target
    public static func - (lhs: ExpressionMatrix, rhs: ExpressionMatrix) -> ExpressionMatrix {
        elementwise(lhs, rhs, "subtract") { $0 - $1 }
    }

    /// The elementwise (Hadamard) product, broadcasting like `+`.
    ///
    ///     let masked = activations.hadamard(mask)
    public func hadamard(_ other: ExpressionMatrix) -> ExpressionMatrix {
        ExpressionMatrix.elementwise(self, other, "multiply elementwise") { $0 * $1 }
    }

    /// Elementwise `lhs / rhs`, broadcasting like `+`.
    ///
    ///     let standardized = (x - mean) / deviation
    public static func / (lhs: ExpressionMatrix, rhs: ExpressionMatrix) -> ExpressionMatrix {
        elementwise(lhs, rhs, "divide") { $0 / $1 }
    }

    /// Every entry times `scalar`.
    ///
    ///     let scaled = 0.5 * w
    public static func * (scalar: Expression, matrix: ExpressionMatrix) -> ExpressionMatrix { matrix.map { scalar * $0 } }

    /// Every entry times `scalar`.
    public static func * (matrix: ExpressionMatrix, scalar: Expression) -> ExpressionMatrix { matrix.map { $0 * scalar } }

    /// Every entry negated.
    public static prefix func - (matrix: ExpressionMatrix) -> ExpressionMatrix { matrix.map { -$0 } }

    /// The sum of all entries.
    ///
    ///     let penalty = 0.5 * w.hadamard(w).sum()
    public func sum() -> Expression { Expression.sum(entries) }

    /// The mean of all entries.
    public func mean() -> Expression { entries.isEmpty ? .zero : sum() / Expression(entries.count) }

    /// Sums along `axis`: over the rows (`.rows`, giving a 1×columns row
    /// vector, NumPy's `axis=0`) or over the columns (`.columns`, giving a
    /// rows×1 column vector, `axis=1`).
    ///
    ///     let perSample = losses.sum(along: .columns)
    public func sum(along axis: Axis) -> ExpressionMatrix {
        switch axis {
        case .rows: return ExpressionMatrix(row: (0..<columns).map { j in Expression.sum((0..<rows).map { self[$0, j] }) })
        case .columns: return ExpressionMatrix(column: (0..<rows).map { i in Expression.sum(row(i).entries) })
        }
    }

    /// Means along `axis` (see ``sum(along:)``).
    ///
    ///     let meanLoss = losses.mean(along: .rows)
    public func mean(along axis: Axis) -> ExpressionMatrix {
        let n = axis == .rows ? rows : columns
        return sum(along: axis).map { n == 0 ? $0 : $0 / Expression(n) }
    }

    /// An axis of a matrix, for reductions.
    public enum Axis: Sendable, Hashable {
        /// Down the rows (NumPy `axis=0`): one result per column.
        case rows
        /// Across the columns (NumPy `axis=1`): one result per row.
        case columns
    }

    /// `f` entry by entry, with a row vector or a 1×1 matrix repeated to
    /// the other operand's shape.
    static func elementwise(_ lhs: ExpressionMatrix, _ rhs: ExpressionMatrix, _ what: String,
                            _ f: (Expression, Expression) -> Expression) -> ExpressionMatrix {
        let rows = Swift.max(lhs.rows, rhs.rows), columns = Swift.max(lhs.columns, rhs.columns)
        func fits(_ m: ExpressionMatrix) -> Bool {
            (m.rows == rows || m.rows == 1) && (m.columns == columns || m.columns == 1)
        }
        precondition(fits(lhs) && fits(rhs),
                     "cannot \(what) a \(lhs.rows)×\(lhs.columns) matrix and a \(rhs.rows)×\(rhs.columns) matrix")
        var entries: [Expression] = []
        entries.reserveCapacity(rows * columns)
        for i in 0..<rows {
            for j in 0..<columns {
                let a = lhs.entries[(lhs.rows == 1 ? 0 : i) * lhs.columns + (lhs.columns == 1 ? 0 : j)]
                let b = rhs.entries[(rhs.rows == 1 ? 0 : i) * rhs.columns + (rhs.columns == 1 ? 0 : j)]
                entries.append(f(a, b))
            }
        }
        return ExpressionMatrix(rows: rows, columns: columns, entries: entries)
    }
}

/// tanh of every entry.
///
///     let a = tanh(x * w + b)
public func tanh(_ m: ExpressionMatrix) -> ExpressionMatrix { m.map(tanh) }

/// The logistic sigmoid of every entry.
public func sigmoid(_ m: ExpressionMatrix) -> ExpressionMatrix { m.map(sigmoid) }

/// max(x, 0) of every entry.
public func relu(_ m: ExpressionMatrix) -> ExpressionMatrix { m.map(relu) }

/// eˣ of every entry.
public func exp(_ m: ExpressionMatrix) -> ExpressionMatrix { m.map(exp) }

/// The natural logarithm of every entry.
public func log(_ m: ExpressionMatrix) -> ExpressionMatrix { m.map(log) }
