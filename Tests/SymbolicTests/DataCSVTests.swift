import Foundation
import Testing
@testable import Symbolic

@Suite("CSV reader and data table")
struct DataCSVTests {
    @Test func readsHeaderRowsCommentsQuotesAndLineEnds() throws {
        let text = "\u{FEFF}# a comment\r\n\r\n  time , \"he\"\"ight\", \"a,b\"\r\n0,1.5,-2\r\n  # another\n\n.5, \"2.25e0\" ,7.\n"
        let table = try DataTable(csv: text, source: "drop.csv")
        #expect(table.columnNames == ["time", "he\"ight", "a,b"])
        #expect(table.columns == [[0, 0.5], [1.5, 2.25], [-2, 7]])
        #expect(table.rowCount == 2)
        #expect(table.headerLine == 3)
        #expect(table.source == "drop.csv")
    }

    @Test func lastLineWithoutNewlineAndHeaderOnly() throws {
        #expect(try DataTable(csv: "x\n1\n2").column(named: "x") == [1, 2])
        let empty = try DataTable(csv: "x,y\n")
        #expect(empty.rowCount == 0 && empty.columns == [[], []])
    }

    struct BadInput: CustomTestStringConvertible, Sendable {
        var text: String
        var message: String
        var testDescription: String { message }
    }

    static let badInputs: [BadInput] = [
        BadInput(text: "", message: "f.csv: the data is empty; expected a header row naming the columns"),
        BadInput(text: "# only\n\n  \n", message: "f.csv: the data is empty; expected a header row naming the columns"),
        BadInput(text: "x,y\n1,2\n3\n", message: "f.csv:3:2: expected 2 values as in the header, found 1"),
        BadInput(text: "x,y\n1,2,3\n", message: "f.csv:2:5: expected 2 values as in the header, found 3"),
        BadInput(text: "x,y\n1,\n", message: "f.csv:2:3: the value for 'y' is empty"),
        BadInput(text: "x,y\n1, abc\n", message: "f.csv:2:4: the value 'abc' for 'y' is not a number"),
        BadInput(text: "x,y\n1,2\n1e,2\n", message: "f.csv:3:1: the value '1e' for 'x' is not a number"),
        BadInput(text: "x,y\n1,2\n1.2.3,2\n", message: "f.csv:3:1: the value '1.2.3' for 'x' is not a number"),
        BadInput(text: "x,y\n1,0x10\n", message: "f.csv:2:3: the value '0x10' for 'y' is not a number"),
        BadInput(text: "x,y\n1,nan\n", message: "f.csv:2:3: the value 'nan' for 'y' is not a finite number"),
        BadInput(text: "x,y\n1,-Inf\n", message: "f.csv:2:3: the value '-Inf' for 'y' is not a finite number"),
        BadInput(text: "x,y\n1,1e999\n", message: "f.csv:2:3: the value '1e999' for 'y' is not a finite number"),
        BadInput(text: "x,,z\n", message: "f.csv:1:3: column 2 of the header has no name"),
        BadInput(text: "x,y,x\n", message: "f.csv:1:5: the column name 'x' appears twice in the header"),
        BadInput(text: "x,y\n\"1,2\n", message: "f.csv:2:1: a quoted value has no closing quote"),
        BadInput(text: "x,y\n\"1\"2,3\n", message: "f.csv:2:4: unexpected text after a quoted value; expected ',' or the end of the line"),
        BadInput(text: "é,y\n1,ü\n", message: "f.csv:2:3: the value 'ü' for 'y' is not a number"),
        BadInput(text: "x,y\n\"a\nb\",1\n", message: "f.csv:2:1: the value 'a\nb' for 'x' is not a number"),
        BadInput(text: "x,y\n\"a\nb\",1,2\n", message: "f.csv:3:6: expected 2 values as in the header, found 3"),
    ]

    @Test(arguments: badInputs) func malformedInputNamesLineAndColumn(_ input: BadInput) {
        #expect(throws: (any Error).self) { try DataTable(csv: input.text, source: "f.csv") }
        do {
            _ = try DataTable(csv: input.text, source: "f.csv")
        } catch {
            #expect(error.description == input.message)
        }
    }

    @Test func invalidUTF8InTheHeaderIsReported() {
        #expect(throws: DataError(.invalidText, source: "b", line: 1, column: 3)) {
            try DataTable(csvBytes: [0x61, 0x2C, 0xFF, 0x0A], source: "b")
        }
    }

    @Test func nonFiniteValuesWhenAllowed() throws {
        var options = CSVOptions()
        options.allowsNonFiniteValues = true
        let table = try DataTable(csv: "x\ninf\n-Infinity\nNaN\n1e400\n", options: options)
        let x = try table.column(named: "x")
        #expect(x[0] == .infinity && x[1] == -.infinity && x[2].isNaN && x[3] == .infinity)
    }

    @Test func numbersAreCorrectlyRounded() throws {
        // Every form the fast path and the fallback handle, against the
        // standard library's correctly rounded conversion.
        var generator = SeededGenerator(seed: 8)
        var texts = ["0", "-0", "+3", "007", "1.", ".25", "1e22", "1e23", "9007199254740993", "123456789012345678901234",
                     "0.1", "2.2250738585072014e-308", "4.9e-324", "1.7976931348623157e308", "0.000000000000000000000001",
                     "12345678901234567890e-40", "-1.5E+3", "3.14159265358979323846264338327950288"]
        for _ in 0..<2_000 {
            let value = Double(bitPattern: generator.next() & 0x7FEF_FFFF_FFFF_FFFF)
            texts.append("\(value)")
            texts.append(String(format: "%.17g", Double.random(in: -1e6...1e6, using: &generator)))
            texts.append(String(format: "%.6f", Double.random(in: -1e3...1e3, using: &generator)))
        }
        let table = try DataTable(csv: "v\n" + texts.joined(separator: "\n"))
        for (text, value) in zip(texts, try table.column(named: "v")) {
            #expect(value.bitPattern == Double(text)!.bitPattern, "\(text)")
        }
    }

    @Test func unknownColumnSuggestsTheClosestName() throws {
        let table = try DataTable(csv: "# header below\ntime,height\n1,2\n", source: "d.csv")
        #expect(throws: DataError(.unknownColumn("hieght", suggestion: "height", available: ["time", "height"]),
                                  source: "d.csv", line: 2)) {
            try table.column(named: "hieght")
        }
        #expect(table.unknownColumnError("zzz").description == "d.csv:2: there is no column named 'zzz'; the columns are: time, height")
        #expect(table.unknownColumnError("hieght").description
                == "d.csv:2: there is no column named 'hieght' (did you mean 'height'?); the columns are: time, height")
    }

    @Test func tablesBuiltInCode() throws {
        var table = try DataTable(columns: [("x", [1, 2, 3]), ("y", [4, 5, 6])])
        try table.append(column: "w", values: [7, 8, 9])
        #expect(table.row(1) == [2, 5, 8])
        #expect(table.rows(at: [2, 0, 2]).columns == [[3, 1, 3], [6, 4, 6], [9, 7, 9]])
        #expect(try table.selecting(columns: ["w", "x"]).columns == [[7, 8, 9], [1, 2, 3]])
        #expect(throws: DataError(.columnLengthMismatch(column: "v", expected: 3, found: 2), source: "data")) {
            try table.append(column: "v", values: [1, 2])
        }
        #expect(throws: DataError(.duplicateColumnName("x"), source: "data")) {
            try table.append(column: "x", values: [1, 2, 3])
        }
    }

    @Test func readsFilesAndReportsUnreadableOnes() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("symbolic-data-\(UUID().uuidString).csv")
        try "a,b\n1,2\n".write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        let table = try DataTable(contentsOfCSVFile: url.path)
        #expect(table.columns == [[1], [2]] && table.source == url.path)
        #expect(throws: DataError(.unreadable(reason: "no such file"), source: "/nonexistent/x.csv")) {
            try DataTable(contentsOfCSVFile: "/nonexistent/x.csv")
        }
    }
}
