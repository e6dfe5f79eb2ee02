/// A matrix whose entries are expressions, like CasADi's `SX`: the symbolic
/// arrays that layers and models are written with.
///
/// Entries are stored row-major. A vector is a matrix with one row (a row
/// vector, the shape of one sample's features) or one column. Shapes are
/// checked: combining matrices whose shapes do not fit is a programming
/// error and stops with a message naming both shapes, as indexing an array
/// out of bounds does.
///
///     let x = ExpressionMatrix(row: [.variable("x1"), .variable("x2")])   // 1×2
///     let w = ExpressionMatrix.variables("W", rows: 2, columns: 3)        // W_1_1 … W_2_3
///     let b = ExpressionMatrix.variables("b", rows: 1, columns: 3)
///     let a = tanh(x * w + b)                                              // 1×3
///     print(a.shape)   // Prints "(rows: 1, columns: 3)"
public struct ExpressionMatrix: Sendable, Hashable, CustomStringConvertible {
    /// The number of rows.
    public let rows: Int
    /// The number of columns.
    public let columns: Int
    /// The entries, row by row.
    public private(set) var entries: [Expression]

    /// A matrix of `rows × columns` entries given row by row.
    ///
    ///     let m = ExpressionMatrix(rows: 2, columns: 2, entries: [1, 2, 3, 4])
    ///
    /// - Precondition: `entries.count == rows * columns`, both non-negative.
    public init(rows: Int, columns: Int, entries: [Expression]) {
        precondition(rows >= 0 && columns >= 0, "a matrix cannot have a negative size")
        precondition(entries.count == rows * columns,
                     "a \(rows)×\(columns) matrix needs \(rows * columns) entries, got \(entries.count)")
        self.rows = rows
        self.columns = columns
        self.entries = entries
    }

    /// A matrix from its rows, which all have the same length.
    ///
    ///     let m = ExpressionMatrix([[1, .variable("x")], [.variable("y"), 0]])
    ///
    /// - Precondition: Every row has as many entries as the first.
    public init(_ rows: [[Expression]]) {
        let columns = rows.first?.count ?? 0
        for (i, row) in rows.enumerated() {
            precondition(row.count == columns, "row \(i + 1) has \(row.count) entries, expected \(columns)")
        }
        self.init(rows: rows.count, columns: columns, entries: rows.flatMap { $0 })
    }

    /// A 1×n row vector.
    ///
    ///     let x = ExpressionMatrix(row: [.variable("x1"), .variable("x2")])
    public init(row: [Expression]) { self.init(rows: 1, columns: row.count, entries: row) }

    /// An n×1 column vector.
    ///
    ///     let v = ExpressionMatrix(column: [1, 2, 3])
    public init(column: [Expression]) { self.init(rows: column.count, columns: 1, entries: column) }

    /// A matrix of constants.
    ///
    ///     let x = ExpressionMatrix(values: [[0.5, -1], [2, 0]])
    public init(values: [[Double]]) { self.init(values.map { $0.map { Expression($0) } }) }

    /// A `rows × columns` matrix with every entry `value`.
    ///
    ///     let zeros = ExpressionMatrix(repeating: 0, rows: 2, columns: 3)
    public init(repeating value: Expression, rows: Int, columns: Int) {
        self.init(rows: rows, columns: columns, entries: [Expression](repeating: value, count: rows * columns))
    }

    /// The matrix of variables `name_i_j` (i, j counted from 1), the entry
    /// naming of parameter tensors; a matrix with one row or one column
    /// still uses two indices, so names never depend on the shape's
    /// orientation by accident.
    ///
    ///     let w = ExpressionMatrix.variables("W1", rows: 2, columns: 3)
    ///     print(w[0, 2])   // Prints "W1_1_3"
    public static func variables(_ name: String, rows: Int, columns: Int) -> ExpressionMatrix {
        ExpressionMatrix(rows: rows, columns: columns,
                         entries: ExpressionMatrix.entryNames(name, rows: rows, columns: columns).map(Expression.variable))
    }

    /// The names `name_i_j` of ``variables(_:rows:columns:)``, row by row.
    ///
    ///     ExpressionMatrix.entryNames("b1", rows: 1, columns: 2)   // ["b1_1_1", "b1_1_2"]
    public static func entryNames(_ name: String, rows: Int, columns: Int) -> [String] {
        var names: [String] = []
        names.reserveCapacity(rows * columns)
        for i in 1...Swift.max(rows, 1) where rows > 0 {
            for j in 1...Swift.max(columns, 1) where columns > 0 { names.append("\(name)_\(i)_\(j)") }
        }
        return names
    }

    /// `(rows, columns)`.
    public var shape: (rows: Int, columns: Int) { (rows, columns) }

    /// The entry in row `row` and column `column` (counted from 0).
    ///
    ///     var m = ExpressionMatrix(repeating: 0, rows: 2, columns: 2)
    ///     m[1, 0] = .variable("x")
    public subscript(row: Int, column: Int) -> Expression {
        get {
            precondition(row >= 0 && row < rows && column >= 0 && column < columns,
                         "index (\(row), \(column)) is outside a \(rows)×\(columns) matrix")
            return entries[row * columns + column]
        }
        set {
            precondition(row >= 0 && row < rows && column >= 0 && column < columns,
                         "index (\(row), \(column)) is outside a \(rows)×\(columns) matrix")
            entries[row * columns + column] = newValue
        }
    }

    /// Row `i` as a 1×columns matrix.
    ///
    ///     let first = m.row(0)
    public func row(_ i: Int) -> ExpressionMatrix {
        precondition(i >= 0 && i < rows, "row \(i) is outside a matrix of \(rows) rows")
        return ExpressionMatrix(rows: 1, columns: columns, entries: Array(entries[(i * columns)..<((i + 1) * columns)]))
    }

    /// Column `j` as a rows×1 matrix.
    ///
    ///     let first = m.column(0)
    public func column(_ j: Int) -> ExpressionMatrix {
        precondition(j >= 0 && j < columns, "column \(j) is outside a matrix of \(columns) columns")
        return ExpressionMatrix(rows: rows, columns: 1, entries: (0..<rows).map { entries[$0 * columns + j] })
    }

    /// The transpose.
    ///
    ///     let wt = ExpressionMatrix.variables("W", rows: 2, columns: 3).transposed()   // 3×2
    public func transposed() -> ExpressionMatrix {
        var t: [Expression] = []
        t.reserveCapacity(entries.count)
        for j in 0..<columns { for i in 0..<rows { t.append(entries[i * columns + j]) } }
        return ExpressionMatrix(rows: columns, columns: rows, entries: t)
    }

    /// The entries as nested arrays, one per row.
    public var rowArrays: [[Expression]] { (0..<rows).map { Array(entries[($0 * columns)..<(($0 + 1) * columns)]) } }

    /// `f` applied to every entry.
    ///
    ///     let a = z.map { relu($0) }
    public func map(_ f: (Expression) throws -> Expression) rethrows -> ExpressionMatrix {
        ExpressionMatrix(rows: rows, columns: columns, entries: try entries.map(f))
    }

    /// Rows in brackets, e.g. `[[x, 1], [0, y]]`.
    public var description: String {
        "[" + rowArrays.map { "[" + $0.map(\.description).joined(separator: ", ") + "]" }.joined(separator: ", ") + "]"
    }
}
