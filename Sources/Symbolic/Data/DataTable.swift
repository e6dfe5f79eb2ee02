/// A table of doubles with named columns: the data a model is fitted to.
///
/// Values are stored column by column, the layout the compiled batched
/// programs read without copying (`columns[j][i]` is column `j` at row `i`).
///
///     var table = try DataTable(columns: [("x", [1, 2, 3]), ("y", [2.1, 3.9, 6.2])])
///     print(table.rowCount, table.columnNames)   // Prints "3 ["x", "y"]"
///     print(try table.column(named: "y"))        // Prints "[2.1, 3.9, 6.2]"
///     try table.append(column: "w", values: [1, 1, 0.5])
///
/// Tables come from code (``init(columns:source:)``) or from CSV text
/// (``init(csv:source:options:)``, ``init(contentsOfCSVFile:options:)``).
/// A table remembers where it came from (``source``, ``headerLine``) so that
/// a missing column is reported as `data.csv:1: there is no column named …`.
public struct DataTable: Sendable, Hashable {
    /// The column names, in order; never empty strings, never repeated.
    public private(set) var columnNames: [String]
    /// The columns' values, in the order of ``columnNames``; all have
    /// ``rowCount`` values.
    public private(set) var columns: [[Double]]
    /// The number of rows.
    public private(set) var rowCount: Int
    /// Where the data came from, for messages: a path, "standard input", or
    /// the name given by the code that built the table.
    public var source: String
    /// The line of the CSV header (1-based), or `nil` for a table built in
    /// code.
    public var headerLine: Int?
    /// Where each value of a table read from CSV was written (see
    /// ``place(ofRow:column:)``).
    var places = CellPlaces(columns: [])

    /// The line and column of every cell of the columns read from CSV
    /// (`line << 32 | column`, column-major like the values; no entry for a
    /// column added in code). Positions are provenance, not data: two
    /// tables with the same values are equal wherever they were read from.
    struct CellPlaces: Sendable, Hashable {
        var columns: [[UInt64]]

        static func pack(line: Int, column: Int) -> UInt64 {
            UInt64(truncatingIfNeeded: line) << 32 | UInt64(truncatingIfNeeded: column) & 0xFFFF_FFFF
        }

        static func == (_: CellPlaces, _: CellPlaces) -> Bool { true }
        func hash(into hasher: inout Hasher) {}
    }

    /// Creates a table from named columns of equal length.
    ///
    ///     let table = try DataTable(columns: [("x", [0, 1]), ("y", [1, 3])])
    ///
    /// - Parameters:
    ///   - columns: Names and values; the names must be distinct and
    ///     non-empty, the value arrays of equal length (possibly zero).
    ///   - source: How messages name this data. Default "data".
    /// - Throws: ``DataError`` for an empty or repeated name or columns of
    ///   different lengths.
    public init(columns: [(name: String, values: [Double])], source: String = "data") throws(DataError) {
        self.columnNames = []
        self.columns = []
        self.rowCount = columns.first?.values.count ?? 0
        self.source = source
        self.headerLine = nil
        for column in columns { try append(column: column.name, values: column.values) }
    }

    /// A table built by the CSV reader, which has checked everything.
    init(checkedNames: [String], columns: [[Double]], source: String, headerLine: Int) {
        self.columnNames = checkedNames
        self.columns = columns
        self.rowCount = columns.first?.count ?? 0
        self.source = source
        self.headerLine = headerLine
    }

    /// The number of columns.
    public var columnCount: Int { columnNames.count }

    /// The 1-based line and character column where the value at `row` of
    /// column `name` was written, for a table read from CSV; `nil` for a
    /// column built in code or an index out of range.
    ///
    ///     let table = try DataTable(csv: "x,y\n1,2\n# note\n3, 4\n")
    ///     print(table.place(ofRow: 1, column: "y") as Any)
    ///     // Prints "Optional((line: 4, column: 4))"
    public func place(ofRow row: Int, column name: String) -> (line: Int, column: Int)? {
        guard let j = index(ofColumn: name), j < places.columns.count, row >= 0, row < places.columns[j].count else {
            return nil
        }
        let packed = places.columns[j][row]
        return (Int(packed >> 32), Int(packed & 0xFFFF_FFFF))
    }

    /// The position of the column `name`, or `nil`.
    ///
    ///     let table = try DataTable(columns: [("x", [1]), ("y", [2])])
    ///     print(table.index(ofColumn: "y") as Any)   // Prints "Optional(1)"
    public func index(ofColumn name: String) -> Int? { columnNames.firstIndex(of: name) }

    /// Whether the table has a column `name`.
    public func contains(column name: String) -> Bool { columnNames.contains(name) }

    /// The values of the column `name`.
    ///
    ///     let table = try DataTable(columns: [("time", [1, 2])])
    ///     _ = try table.column(named: "tme")
    ///     // Throws: "data: there is no column named 'tme' (did you mean 'time'?); the columns are: time"
    ///
    /// - Throws: ``DataError/Kind/unknownColumn(_:suggestion:available:)``
    ///   with the closest existing name, placed at the header line.
    public func column(named name: String) throws(DataError) -> [Double] {
        columns[try requireIndex(ofColumn: name)]
    }

    /// The position of the column `name`.
    ///
    /// - Throws: ``DataError/Kind/unknownColumn(_:suggestion:available:)``.
    public func requireIndex(ofColumn name: String) throws(DataError) -> Int {
        if let index = index(ofColumn: name) { return index }
        throw unknownColumnError(name)
    }

    /// The error for a column `name` that this table does not have, with a
    /// did-you-mean suggestion, placed at the header line.
    ///
    ///     let table = try DataTable(columns: [("x", [1])])
    ///     print(table.unknownColumnError("X"))
    ///     // Prints "data: there is no column named 'X' (did you mean 'x'?); the columns are: x"
    public func unknownColumnError(_ name: String) -> DataError {
        DataError(.unknownColumn(name, suggestion: closestMatch(to: name, in: columnNames), available: columnNames),
                  source: source, line: headerLine)
    }

    /// Adds a column at the end.
    ///
    /// - Throws: ``DataError`` for an empty or existing name, or a length
    ///   different from ``rowCount`` (any length when the table has no
    ///   columns yet).
    public mutating func append(column name: String, values: [Double]) throws(DataError) {
        guard !name.isEmpty else { throw DataError(.emptyColumnName(position: columnCount + 1), source: source) }
        guard !columnNames.contains(name) else { throw DataError(.duplicateColumnName(name), source: source) }
        if columns.isEmpty {
            rowCount = values.count
        } else if values.count != rowCount {
            throw DataError(.columnLengthMismatch(column: name, expected: rowCount, found: values.count), source: source)
        }
        columnNames.append(name)
        columns.append(values)
    }

    /// The row `index` as one value per column.
    ///
    /// - Precondition: `0 <= index < rowCount`.
    public func row(_ index: Int) -> [Double] {
        precondition(index >= 0 && index < rowCount, "row \(index) is out of range 0..<\(rowCount)")
        return columns.map { $0[index] }
    }

    /// A table with the rows at `indices`, in that order (repeats allowed):
    /// the way to split training and validation sets or to resample.
    ///
    ///     let table = try DataTable(columns: [("x", [10, 20, 30])])
    ///     print(table.rows(at: [2, 0]).columns)   // Prints "[[30.0, 10.0]]"
    ///
    /// - Precondition: Every index is in `0..<rowCount`.
    public func rows(at indices: some Sequence<Int>) -> DataTable {
        let indices = Array(indices)
        precondition(indices.allSatisfy { $0 >= 0 && $0 < rowCount }, "row index out of range 0..<\(rowCount)")
        var copy = self
        copy.columns = columns.map { column in indices.map { column[$0] } }
        copy.places.columns = places.columns.map { column in indices.map { column[$0] } }
        copy.rowCount = indices.count
        return copy
    }

    /// A table with only the columns `names`, in that order.
    ///
    /// - Throws: ``DataError/Kind/unknownColumn(_:suggestion:available:)``,
    ///   or a repeated name.
    public func selecting(columns names: [String]) throws(DataError) -> DataTable {
        var copy = try DataTable(columns: [], source: source)
        copy.headerLine = headerLine
        for name in names { try copy.append(column: name, values: try column(named: name)) }
        copy.places.columns = names.map { name in
            index(ofColumn: name).flatMap { $0 < places.columns.count ? places.columns[$0] : nil } ?? []
        }
        return copy
    }
}
