import Foundation
import Testing
@testable import Symbolic
@testable import SymCLI

/// Reading only some columns of a CSV (text columns a model does not use),
/// and the place of every value, which locates invalid class labels.
@Suite("CSV column selection and cell places")
struct DataColumnsTests {
    @Test func onlyTheNamedColumnsAreReadAndChecked() throws {
        var options = CSVOptions()
        options.columns = ["y", "x"]
        let text = "id,x,note,y\nfirst,1,\"hello, world\",2\nsecond,3,,4\n"
        let table = try DataTable(csv: text, source: "mixed.csv", options: options)
        #expect(table.columnNames == ["x", "y"])
        #expect(table.columns == [[1, 3], [2, 4]])
        // Every column: the text is an error, as before.
        #expect(throws: DataError(.notANumber("first", column: "id"), source: "mixed.csv", line: 2, column: 1)) {
            try DataTable(csv: text, source: "mixed.csv")
        }
        // A named column the header lacks, named with every header column.
        options.columns = ["x", "z"]
        #expect(throws: DataError(.unknownColumn("z", suggestion: "x", available: ["id", "x", "note", "y"]),
                                  source: "mixed.csv", line: 1)) {
            try DataTable(csv: text, source: "mixed.csv", options: options)
        }
        // Rows still need every cell.
        options.columns = ["x"]
        #expect(throws: DataError(.raggedRow(expected: 2, found: 1), source: "data", line: 3, column: 2)) {
            try DataTable(csv: "id,x\na,1\nb\n", options: options)
        }
    }

    @Test func everyValueKnowsItsLineAndColumn() throws {
        let table = try DataTable(csv: "x, label\n1,0\n# comment\n\n  22 ,  1\n")
        #expect(table.place(ofRow: 0, column: "x")! == (2, 1))
        #expect(table.place(ofRow: 0, column: "label")! == (2, 3))
        #expect(table.place(ofRow: 1, column: "x")! == (5, 3))
        #expect(table.place(ofRow: 1, column: "label")! == (5, 9))
        #expect(table.place(ofRow: 2, column: "label") == nil)
        #expect(table.place(ofRow: 0, column: "nope") == nil)
        // Subsets keep the places; columns added in code have none.
        var subset = try table.rows(at: [1]).selecting(columns: ["label"])
        #expect(subset.place(ofRow: 0, column: "label")! == (5, 9))
        try subset.append(column: "w", values: [1])
        #expect(subset.place(ofRow: 0, column: "w") == nil)
        // Places are not data: equal values make equal tables.
        #expect(try DataTable(csv: "x\n1\n") == (try DataTable(csv: "x\n  1\n")))
        // A quoted cell spanning lines moves the next cell's place.
        var options = CSVOptions()
        options.columns = ["b"]
        let spanning = try DataTable(csv: "a,b\n\"x\ny\",2\n", options: options)
        #expect(spanning.place(ofRow: 0, column: "b")! == (3, 4))
        // Columns count Unicode scalars, as the reader's other errors do.
        options.columns = ["x"]
        let accented = try DataTable(csv: "n,x\n\"e\u{301}\u{301}\",1\n", options: options)
        #expect(accented.place(ofRow: 0, column: "x")! == (2, 7))
    }

    @Test func invalidLabelsNameFileLineAndColumn() throws {
        let data = try DataTable(csv: "x,y\n1,0\n2,1\n\n3,  2\n", source: "labels.csv")
        let model = try FormulaModel(parsing: "sigmoid(a*x + b)", columns: data.columnNames)
        do {
            _ = try fit(model, to: data, target: "y", loss: .logistic)
            Issue.record("fitted invalid labels")
        } catch {
            #expect(error.description == "labels.csv:5:5: the value '2' for 'y' is not a valid label; "
                    + "the logistic loss needs labels 0/1 or -1/+1")
        }
        expectFailure(["fit", "a*x + b", "--data", "-", "--loss", "cross-entropy"], stdin: "x,y\n1,0\n2,3\n", status: 1,
                      "error: standard input:3:3: the value '3' for 'y' is not a valid label; "
                      + "the cross-entropy loss needs a probability between 0 and 1\n")
    }

    @Test func predictReadsOnlyTheModelsColumns() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sym-predict-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let model = directory.appendingPathComponent("model.json").path
        let data = directory.appendingPathComponent("line.csv").path
        try "x,y\n1,2\n2,4\n3,6\n".write(toFile: data, atomically: true, encoding: .utf8)
        #expect(runSym(["fit", "a*x", "--data", data, "--save", model]).status == 0)
        expectOutput(["predict", model, "--data", "-"], stdin: "name,x,note\nfirst,1,\"hello, world\"\nsecond,0.5,ok\n",
                     "2\n1\n")
        expectFailure(["predict", model, "--data", "-"], stdin: "name,z\nfirst,1\n", status: 1,
                      "error: standard input:1: there is no column named 'x' (did you mean 'z'?); the columns are: name, z\n")
    }
}
