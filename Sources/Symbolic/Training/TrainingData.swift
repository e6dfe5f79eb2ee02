/// Samples laid out for a batched program: one column per data name
/// (`columns[j * count + i]` is name j at sample i), as
/// ``BatchedFunction/sum(columns:pointCount:shared:into:workspace:threads:)``
/// reads them.
struct SampleColumns: Sendable {
    /// Values column by column.
    var values: [Double]
    /// Samples.
    var count: Int
    /// Data names (columns).
    var width: Int

    /// The columns of `inputs` (one row per sample) and `targets`.
    init(inputs: [[Double]], targets: [Double], rows: [Int]) {
        count = rows.count
        width = (inputs.first?.count ?? 0) + 1
        values = [Double](repeating: 0, count: width * count)
        for (k, i) in rows.enumerated() {
            for (j, v) in inputs[i].enumerated() { values[j * count + k] = v }
            values[(width - 1) * count + k] = targets[i]
        }
    }

    /// The column of data name `j`.
    func column(_ j: Int) -> ArraySlice<Double> { values[(j * count)..<((j + 1) * count)] }
}

/// The checked data of a training run, split into training and validation
/// samples.
struct TrainingData: Sendable {
    let training: SampleColumns
    let validation: SampleColumns?
    /// The labels of the training samples (classification), for accuracy.
    let classCount: Int?

    /// Checks `inputs`/`targets` and splits off a seeded random
    /// `validationFraction` of the samples (at least one when the fraction
    /// is positive, and at least one sample is kept for training).
    init(inputs: [[Double]], targets: [Double], inputCount: Int, loss: Loss, outputs: Int,
         validationFraction: Double, random: inout SeededRandomGenerator) throws(TrainingError) {
        let n = inputs.count
        guard n > 0 else { throw .invalidData("the data has no samples") }
        guard targets.count == n else {
            throw .invalidData("the data has \(n) input rows but \(targets.count) targets")
        }
        for (i, row) in inputs.enumerated() {
            guard row.count == inputCount else {
                throw .invalidData("sample \(i + 1) has \(row.count) inputs, the network takes \(inputCount)")
            }
            if let j = row.firstIndex(where: { !$0.isFinite }) {
                throw .invalidData("input \(j + 1) of sample \(i + 1) is not a finite number")
            }
        }
        classCount = loss.classCount(outputs: outputs)
        for (i, t) in targets.enumerated() {
            guard t.isFinite else { throw .invalidData("the target of sample \(i + 1) is not a finite number") }
            guard let classes = classCount else { continue }
            let valid = t == t.rounded() && t >= 0 && t < Double(classes) || (loss == .hinge && t == -1)
            guard valid else {
                let allowed = loss == .hinge ? "0 or 1 (or -1)" : "an integer from 0 to \(classes - 1)"
                throw .invalidData("the label of sample \(i + 1) is \(t); labels must be \(allowed) "
                                   + "for \(loss.rawValue) with \(outputs) output\(outputs == 1 ? "" : "s")")
            }
        }
        var order = Array(0..<n)
        var held = 0
        if validationFraction > 0 {
            random.shuffle(&order)
            held = Swift.min(Swift.max(1, Int((validationFraction * Double(n)).rounded())), n - 1)
            guard held > 0 else { throw .invalidData("a validation split needs at least 2 samples") }
        }
        // Keep the original order within each part.
        let validationRows = order[0..<held].sorted(), trainingRows = order[held...].sorted()
        training = SampleColumns(inputs: inputs, targets: targets, rows: Array(trainingRows))
        validation = held > 0 ? SampleColumns(inputs: inputs, targets: targets, rows: validationRows) : nil
    }
}
