import Foundation
import Symbolic

/// `sym predict` on a network saved by `sym fit --model ... --save`: the
/// predicted class (classifiers) or value (regression) of every row.
enum NetworkPrediction {
    /// The network saved at `path`, or `nil` when the file is not a saved
    /// network (a formula model, or unreadable: ``FittedModel`` reports that).
    static func load(_ path: String) throws(CommandError) -> TrainedNetwork? {
        guard let data = try? Data(contentsOf: URL(fileURLWithPath: path)),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              object["model"] as? String == "mlp" else { return nil }
        do {
            return try TrainedNetwork(jsonData: data)
        } catch {
            throw .failure("\(path): not a valid saved network (\(error))")
        }
    }

    /// The predictions for every row of `table`, which needs the network's
    /// input columns (other columns are ignored).
    static func predict(_ model: TrainedNetwork, _ table: DataTable) throws(CommandError) -> [Double] {
        var columns: [[Double]] = []
        for name in model.inputNames {
            do { columns.append(try table.column(named: name)) } catch { throw .failure(error.description) }
        }
        let rows = (0..<table.rowCount).map { i in columns.map { $0[i] } }
        return model.predictions(for: rows)
    }
}
