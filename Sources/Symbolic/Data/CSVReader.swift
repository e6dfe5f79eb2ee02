import Foundation

/// Settings of the CSV reader.
///
///     var options = CSVOptions()
///     options.allowsNonFiniteValues = true   // accept inf and nan cells
public struct CSVOptions: Sendable, Hashable {
    /// Whether cells may hold `inf`, `-inf`, `nan` (any case) or numbers too
    /// large for a double. Default `false`: such a cell is an error, since a
    /// single NaN silently poisons every sum a fit computes.
    public var allowsNonFiniteValues = false

    /// When set, only the columns with these names are read: the cells of
    /// other columns are skipped unchecked (they may hold text, such as an
    /// id or a comment column), and the table has just the named columns
    /// the header has, in header order; a name the header lacks is an
    /// ``DataError/Kind/unknownColumn(_:suggestion:available:)`` error.
    /// Default `nil`: every column.
    ///
    ///     var options = CSVOptions()
    ///     options.columns = ["x"]
    ///     let table = try DataTable(csv: "name,x\nalpha,1\n", options: options)
    ///     print(table.columnNames)   // Prints "["x"]"
    public var columns: Set<String>?

    /// Creates the default options.
    public init() {}
}

extension DataTable {
    /// Reads a table from CSV text.
    ///
    ///     let table = try DataTable(csv: """
    ///         # time in s, height in m
    ///         t,h
    ///         0,1.5
    ///         0.5,"2.25e0"
    ///         """, source: "drop.csv")
    ///     print(table.columnNames, table.rowCount)   // Prints "["t", "h"] 2"
    ///
    /// The format: the first line that is neither blank nor a comment is the
    /// header, naming the columns; every later such line is one row with one
    /// number per column. Cells are separated by commas and may be wrapped
    /// in double quotes (a quoted cell may contain commas, line breaks and
    /// `""` for a quote). Spaces and tabs around cells are ignored, lines
    /// may end in `\n` or `\r\n`, lines whose first non-blank character is
    /// `#` are comments, and a UTF-8 byte-order mark is skipped. Numbers are
    /// decimal with an optional sign, fraction and exponent (`-1.5e-3`,
    /// `.5`, `7.`), read to the nearest double.
    ///
    /// - Parameters:
    ///   - csv: The text.
    ///   - source: How errors name the input (a path or "standard input").
    ///   - options: Whether non-finite values are allowed.
    /// - Throws: ``DataError`` naming the line and column of the first
    ///   problem: no header, an empty or repeated column name, a row with
    ///   too few or too many cells, an empty cell, a cell that is not a
    ///   number, a non-finite value, or a broken quote.
    /// - Complexity: O(n) in the length of the text.
    public init(csv: String, source: String = "data", options: CSVOptions = CSVOptions()) throws(DataError) {
        var text = csv
        let result: Result<DataTable, DataError> = text.withUTF8 { bytes in
            Result { () throws(DataError) in try CSVReader.read(bytes, source: source, options: options) }
        }
        self = try result.get()
    }

    /// Reads a table from CSV bytes (UTF-8), as ``init(csv:source:options:)``.
    ///
    ///     let bytes = Array("x,y\n1,2\n".utf8)
    ///     let table = try DataTable(csvBytes: bytes, source: "inline")
    ///
    /// - Throws: ``DataError`` as ``init(csv:source:options:)``, and
    ///   ``DataError/Kind/invalidText`` for a header that is not UTF-8.
    public init(csvBytes: [UInt8], source: String = "data", options: CSVOptions = CSVOptions()) throws(DataError) {
        let result: Result<DataTable, DataError> = csvBytes.withUnsafeBufferPointer { bytes in
            Result { () throws(DataError) in try CSVReader.read(bytes, source: source, options: options) }
        }
        self = try result.get()
    }

    /// Reads a table from the CSV file at `path`, as
    /// ``init(csv:source:options:)``; errors name the file by `path`.
    ///
    ///     let table = try DataTable(contentsOfCSVFile: "measurements.csv")
    ///
    /// - Throws: ``DataError/Kind/unreadable(reason:)`` when the file cannot
    ///   be read, and the errors of ``init(csv:source:options:)``.
    public init(contentsOfCSVFile path: String, options: CSVOptions = CSVOptions()) throws(DataError) {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            let reason = !exists ? "no such file" : isDirectory.boolValue ? "it is a directory" : "the file is not readable"
            throw DataError(.unreadable(reason: reason), source: path)
        }
        let result: Result<DataTable, DataError> = data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            return Result { () throws(DataError) in try CSVReader.read(bytes, source: path, options: options) }
        }
        self = try result.get()
    }
}

/// The CSV scanner: one pass over the bytes, numbers parsed in place
/// (see ``DecimalParsing``), values collected row by row and transposed
/// into columns at the end.
enum CSVReader {
    private static let comma = UInt8(ascii: ","), quote = UInt8(ascii: "\""), newline = UInt8(ascii: "\n")
    private static let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t"), carriageReturn = UInt8(ascii: "\r")

    /// One cell: its byte range (inside the quotes for a quoted cell) and
    /// whether it was quoted with `""` escapes inside.
    private struct Cell {
        /// Where the cell begins in the text (its opening quote, if any).
        var origin: Int
        var start: Int
        var end: Int
        var hasEscapedQuotes: Bool
        /// Line and line-start offset where the cell begins (a quoted cell
        /// may span lines).
        var line: Int
        var lineStart: Int
    }

    static func read(_ buffer: UnsafeBufferPointer<UInt8>, source: String, options: CSVOptions) throws(DataError) -> DataTable {
        var scanner = Scanner(buffer: buffer, source: source)
        scanner.skipByteOrderMark()
        var names: [String] = []
        var headerLine = 0
        var values: [Double] = []
        var places: [UInt64] = []
        var cells: [Cell] = []
        var keep: [Bool] = []
        var kept: [String] = []
        while try scanner.nextRecord(into: &cells) {
            if headerLine == 0 {
                headerLine = cells[0].line
                names = try header(cells, scanner: scanner)
                if let missing = options.columns?.subtracting(names).min() {
                    throw DataError(.unknownColumn(missing, suggestion: closestMatch(to: missing, in: names), available: names),
                                    source: source, line: headerLine)
                }
                keep = names.map { options.columns?.contains($0) ?? true }
                kept = names.indices.filter { keep[$0] }.map { names[$0] }
                let capacity = kept.count * Swift.min(buffer.count / (4 * names.count + 1), 1 << 24)
                values.reserveCapacity(capacity)
                places.reserveCapacity(capacity)
                continue
            }
            guard cells.count == names.count else {
                let place = cells.count > names.count ? cells[names.count] : nil
                let (line, column) = place.map { scanner.position($0.origin, line: $0.line, lineStart: $0.lineStart) }
                    ?? scanner.position(scanner.recordEnd, line: scanner.recordLine, lineStart: scanner.recordLineStart)
                throw DataError(.raggedRow(expected: names.count, found: cells.count), source: source,
                                line: line, column: column)
            }
            var counter = ColumnCounter()
            for (j, cell) in cells.enumerated() where keep[j] {
                values.append(try number(cell, column: names[j], scanner: scanner, options: options))
                places.append(counter.place(of: cell, in: scanner.base))
            }
        }
        guard headerLine > 0 else { throw DataError(.emptyInput, source: source) }
        let width = kept.count
        let rowCount = width == 0 ? 0 : values.count / width
        var table = DataTable(checkedNames: kept, columns: transposed(values, width: width, rowCount: rowCount),
                              source: source, headerLine: headerLine)
        table.places = DataTable.CellPlaces(columns: transposed(places, width: width, rowCount: rowCount))
        return table
    }

    /// Row-major `values` as `width` columns.
    private static func transposed<T>(_ values: [T], width: Int, rowCount: Int) -> [[T]] {
        var columns = [[T]](repeating: [], count: width)
        values.withUnsafeBufferPointer { v in
            for j in 0..<width {
                columns[j] = [T](unsafeUninitializedCapacity: rowCount) { column, count in
                    for i in 0..<rowCount { column.initializeElement(at: i, to: v[i * width + j]) }
                    count = rowCount
                }
            }
        }
        return columns
    }

    /// Works out the line and character column of each cell of a record in
    /// one pass over its bytes (``DataTable/CellPlaces`` packs them).
    private struct ColumnCounter {
        private var lineStart = -1, offset = 0, column = 1

        mutating func place(of cell: Cell, in base: UnsafePointer<UInt8>) -> UInt64 {
            if cell.lineStart != lineStart {
                (lineStart, offset, column) = (cell.lineStart, cell.lineStart, 1)
            }
            while offset < cell.origin {
                if base[offset] & 0xC0 != 0x80 { column += 1 }
                offset += 1
            }
            return DataTable.CellPlaces.pack(line: cell.line, column: column)
        }
    }

    /// The column names: non-empty, distinct, valid UTF-8.
    private static func header(_ cells: [Cell], scanner: Scanner) throws(DataError) -> [String] {
        var names: [String] = []
        var seen = Set<String>()
        for (j, cell) in cells.enumerated() {
            let (line, column) = scanner.position(cell.origin, line: cell.line, lineStart: cell.lineStart)
            guard let name = scanner.text(of: cell, validating: true) else {
                throw DataError(.invalidText, source: scanner.source, line: line, column: column)
            }
            guard !name.isEmpty else {
                throw DataError(.emptyColumnName(position: j + 1), source: scanner.source, line: line, column: column)
            }
            guard seen.insert(name).inserted else {
                throw DataError(.duplicateColumnName(name), source: scanner.source, line: line, column: column)
            }
            names.append(name)
        }
        return names
    }

    /// The number in `cell`, checked.
    @inline(__always)
    private static func number(_ cell: Cell, column name: String, scanner: Scanner,
                               options: CSVOptions) throws(DataError) -> Double {
        if !cell.hasEscapedQuotes,
           case .number(let value) = DecimalParsing.parse(scanner.base, from: cell.start, to: cell.end),
           value.isFinite || options.allowsNonFiniteValues {
            return value
        }
        // The slow path only runs to build an error.
        let (line, column) = scanner.position(cell.origin, line: cell.line, lineStart: cell.lineStart)
        let text = scanner.text(of: cell, validating: false) ?? ""
        let kind: DataError.Kind
        if cell.start == cell.end {
            kind = .emptyCell(column: name)
        } else if !cell.hasEscapedQuotes, case .number = DecimalParsing.parse(scanner.base, from: cell.start, to: cell.end) {
            kind = .nonFiniteValue(text, column: name)
        } else {
            kind = .notANumber(text, column: name)
        }
        throw DataError(kind, source: scanner.source, line: line, column: column)
    }

    /// The byte-level state: position, line number and line start.
    private struct Scanner {
        let base: UnsafePointer<UInt8>
        let count: Int
        let source: String
        var position = 0
        var line = 1
        var lineStart = 0
        /// Where the last record's line ended (before `\r\n`), its line
        /// and that line's start, for errors about missing cells.
        var recordEnd = 0, recordLine = 1, recordLineStart = 0

        init(buffer: UnsafeBufferPointer<UInt8>, source: String) {
            // An empty buffer may have no base address; point at a dummy.
            base = buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!
            count = buffer.count
            self.source = source
        }

        mutating func skipByteOrderMark() {
            if count >= 3 && base[0] == 0xEF && base[1] == 0xBB && base[2] == 0xBF {
                position = 3
                lineStart = 3
            }
        }

        /// Reads the next non-blank, non-comment line into `cells`; returns
        /// `false` at the end of the input.
        mutating func nextRecord(into cells: inout [Cell]) throws(DataError) -> Bool {
            cells.removeAll(keepingCapacity: true)
            while position < count {
                skipBlanks()
                if position >= count { return false }
                let byte = base[position]
                if byte == newline {
                    endLine()
                    continue
                }
                if byte == UInt8(ascii: "#") {
                    while position < count && base[position] != newline { position += 1 }
                    if position < count { endLine() }
                    continue
                }
                while true {
                    cells.append(try nextCell())
                    if position < count && base[position] == comma {
                        position += 1
                        continue
                    }
                    recordEnd = position
                    if recordEnd > lineStart && base[recordEnd - 1] == carriageReturn { recordEnd -= 1 }
                    recordLine = line
                    recordLineStart = lineStart
                    if position < count { endLine() }
                    return true
                }
            }
            return false
        }

        /// Reads one cell, leaving `position` at the comma, the newline or
        /// the end of the input.
        private mutating func nextCell() throws(DataError) -> Cell {
            skipBlanks()
            let startLine = line, startLineStart = lineStart
            guard position < count && base[position] == quote else {
                let start = position
                while position < count && base[position] != comma && base[position] != newline { position += 1 }
                var end = position
                while end > start && isBlank(base[end - 1]) { end -= 1 }
                return Cell(origin: start, start: start, end: end, hasEscapedQuotes: false, line: startLine, lineStart: startLineStart)
            }
            let openingQuote = position
            position += 1
            let start = position
            var escaped = false
            while true {
                guard position < count else {
                    let (l, c) = self.position(openingQuote, line: startLine, lineStart: startLineStart)
                    throw DataError(.unterminatedQuote, source: source, line: l, column: c)
                }
                let byte = base[position]
                if byte == quote {
                    if position + 1 < count && base[position + 1] == quote {
                        escaped = true
                        position += 2
                        continue
                    }
                    break
                }
                if byte == newline {
                    line += 1
                    lineStart = position + 1
                }
                position += 1
            }
            let end = position
            position += 1
            skipBlanks()
            if position < count && base[position] != comma && base[position] != newline {
                let (l, c) = self.position(position, line: line, lineStart: lineStart)
                throw DataError(.textAfterQuote, source: source, line: l, column: c)
            }
            return Cell(origin: openingQuote, start: start, end: end, hasEscapedQuotes: escaped, line: startLine, lineStart: startLineStart)
        }

        private mutating func endLine() {
            position += 1
            line += 1
            lineStart = position
        }

        private mutating func skipBlanks() {
            while position < count && isBlank(base[position]) { position += 1 }
        }

        @inline(__always)
        private func isBlank(_ byte: UInt8) -> Bool { byte == space || byte == tab || byte == carriageReturn }

        /// The 1-based line and character column of byte `offset`.
        func position(_ offset: Int, line: Int, lineStart: Int) -> (Int, Int) {
            var characters = 1
            var i = lineStart
            while i < offset {
                if base[i] & 0xC0 != 0x80 { characters += 1 }
                i += 1
            }
            return (line, characters)
        }

        /// The cell's text with `""` unescaped; `nil` when `validating` and
        /// the bytes are not UTF-8.
        func text(of cell: Cell, validating: Bool) -> String? {
            var bytes = Array(UnsafeBufferPointer(start: base + cell.start, count: cell.end - cell.start))
            if cell.hasEscapedQuotes {
                var unescaped: [UInt8] = []
                var i = 0
                while i < bytes.count {
                    unescaped.append(bytes[i])
                    i += bytes[i] == CSVReader.quote ? 2 : 1
                }
                bytes = unescaped
            }
            if validating { return String(validating: bytes, as: UTF8.self) }
            return String(decoding: bytes, as: UTF8.self)
        }
    }
}
