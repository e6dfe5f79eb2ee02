import Foundation
import Symbolic

/// Loading a CSV of `rows` rows × 4 columns (x1, x2, x3, y with 6–17
/// significant digits, as measurement files and `%.17g` exports have), from
/// a file on disk, best of three.
func benchmarkCSV(rows: Int) throws {
    var generator = BenchmarkGenerator(seed: 1)
    var text = "x1,x2,x3,y\n"
    text.reserveCapacity(rows * 60)
    for _ in 0..<rows {
        let a = generator.uniform() * 100, b = generator.uniform() - 0.5, c = generator.uniform() * 1e-3
        text += "\(a),\(String(format: "%.6f", b)),\(c),\(String(format: "%.8e", a * b + c))\n"
    }
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("fitbench-\(rows).csv")
    try text.write(to: url, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: url) }
    var best = Double.infinity
    var table: DataTable? = nil
    for _ in 0..<3 {
        best = min(best, try seconds { table = try DataTable(contentsOfCSVFile: url.path) })
    }
    let megabytes = Double(text.utf8.count) / 1e6
    print("csv load \(rows) rows x 4 columns (\(String(format: "%.1f", megabytes)) MB): "
          + "\(String(format: "%.3f", best)) s (\(String(format: "%.0f", megabytes / best)) MB/s), rows read \(table!.rowCount)")
}

/// Wall-clock seconds of `body`.
func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

/// SplitMix64, so benchmark data is the same on every run.
struct BenchmarkGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// Uniform in [0, 1).
    mutating func uniform() -> Double { Double(next() >> 11) * 0x1p-53 }
    /// Standard normal (Box–Muller).
    mutating func normal() -> Double {
        let u = max(uniform(), 1e-300), v = uniform()
        return (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
    }
}
