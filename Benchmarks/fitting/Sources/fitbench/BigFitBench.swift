import Foundation
import Symbolic

/// The large fit: `rows` rows of y = a·exp(−b·x) + c·sin(d·x) + f plus
/// deterministic noise, x evenly spaced in [0, 10]; 5 parameters fitted by
/// the default method (Levenberg–Marquardt, exact Jacobian, every core),
/// best of three. `nist_peer.py big` builds the same data for SciPy.
///
///     fitbench big [ROWS] [--json]
func benchmarkBigFit(rows: Int, json: Bool) throws {
    let truth = (a: 3.0, b: 0.7, c: 0.8, d: 2.1, e: 0.5)
    let x = (0..<rows).map { 10 * Double($0) / Double(rows - 1) }
    let y = x.indices.map { i in
        truth.a * exp(-truth.b * x[i]) + truth.c * sin(truth.d * x[i]) + truth.e + 0.05 * sin(12_345.678 * Double(i))
    }
    let table = try DataTable(columns: [("x", x), ("y", y)])
    let model = try FormulaModel(parsing: "a*exp(-b*x) + c*sin(d*x) + f", columns: table.columnNames)
    var options = FitOptions()
    options.start = ["a": 1, "b": 1, "c": 1, "d": 2, "f": 0]
    var result: FitResult!
    var best = Double.infinity
    for _ in 0..<3 {
        best = min(best, try seconds { result = try fit(model, to: table, options: options) })
    }
    let values = result.model.parameters.map { "\($0)=\(String(format: "%.6f", result[$0]!))" }.joined(separator: " ")
    if json {
        print("{\"benchmark\": \"big\", \"rows\": \(rows), \"time_s\": \(best), \"iterations\": \(result.iterations), "
              + "\"evaluations\": \(result.evaluations), \"rss\": \(result.rss)}")
    } else {
        print("fit \(rows) rows, 5 parameters (lm): \(String(format: "%.1f", best * 1000)) ms, "
              + "\(result.iterations) iterations, \(result.evaluations) evaluations, rss \(result.rss), \(values)")
    }
}
