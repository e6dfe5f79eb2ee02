extension Dataset {
    /// The samples of a data table: `target` is the target column, `inputs`
    /// the input columns (default: every other column, in table order).
    ///
    ///     let table = try DataTable(contentsOfCSVFile: "moons.csv")
    ///     let data = try Dataset(table: table, target: "label")
    ///
    /// - Throws: ``DataError`` for a column the table does not have (with a
    ///   did-you-mean).
    public init(table: DataTable, target: String, inputs: [String]? = nil) throws(DataError) {
        let targetIndex = try table.requireIndex(ofColumn: target)
        let inputNames = inputs ?? table.columnNames.filter { $0 != target }
        var inputIndices: [Int] = []
        for name in inputNames { inputIndices.append(try table.requireIndex(ofColumn: name)) }
        let rows = (0..<table.rowCount).map { i in inputIndices.map { table.columns[$0][i] } }
        self.init(inputs: rows, targets: table.columns[targetIndex], inputNames: inputNames, targetName: target)
    }

    /// The samples as a table: the input columns, then the target column.
    ///
    ///     let table = Datasets.moons().table   // columns x1, x2, label
    public var table: DataTable {
        let columns = inputNames.indices.map { j in (name: inputNames[j], values: inputs.map { $0[j] }) }
        // Names come from a Dataset (distinct by construction of the
        // generators and of init(table:)); a clash is a programming error.
        do {
            return try DataTable(columns: columns + [(name: targetName, values: targets)], source: "generated data")
        } catch {
            preconditionFailure("\(error)")
        }
    }
}
