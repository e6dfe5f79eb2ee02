import Foundation
import Symbolic

/// One NIST StRD problem as described by Tests/Fixtures/nist/manifest.json.
struct NISTProblem: Decodable {
    var name: String
    var file: String
    var model: String
    var target: String
    var difficulty: String
    var observations: Int
    var parameters: [String]
    var starts: [[Double]]
    var certified: [Double]
    var standard_errors: [Double]
    var rss: Double
}

struct NISTManifest: Decodable {
    var problems: [NISTProblem]
}

/// Correct significant digits of `value` against `reference` (the log
/// relative error), capped at 11, the digits NIST certifies.
func correctDigits(_ value: Double, _ reference: Double) -> Double {
    guard value.isFinite else { return 0 }
    if value == reference { return 11 }
    let relative = abs(value - reference) / abs(reference)
    return max(0, min(11, -log10(relative)))
}

/// The fixtures folder, found from this source file.
let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Tests/Fixtures/nist")

func loadNIST() throws -> [NISTProblem] {
    let data = try Data(contentsOf: fixtures.appendingPathComponent("manifest.json"))
    return try JSONDecoder().decode(NISTManifest.self, from: data).problems
}

/// Fits every problem from both starts with the default method and prints
/// the digits of the parameters and standard errors, and the time per fit.
func benchmarkNIST(only: String?, json: Bool) throws {
    var rows: [(String, Int, Double, Double, Double, String, Int)] = []
    for problem in try loadNIST() where only == nil || problem.name == only {
        let table = try DataTable(contentsOfCSVFile: fixtures.appendingPathComponent(problem.file).path)
        let model = try FormulaModel(parsing: problem.model, columns: table.columnNames)
        for (s, start) in problem.starts.enumerated() {
            var options = FitOptions()
            options.start = Dictionary(uniqueKeysWithValues: zip(problem.parameters, start))
            var result: FitResult!
            var best = Double.infinity
            for _ in 0..<3 {
                best = min(best, try seconds { result = try fit(model, to: table, target: problem.target, options: options) })
            }
            let digits = problem.parameters.enumerated().map { k, name in correctDigits(result[name]!, problem.certified[k]) }.min()!
            let errorDigits = problem.parameters.enumerated().map { k, name in
                correctDigits(result.standardError(name) ?? .nan, problem.standard_errors[k])
            }.min()!
            rows.append((problem.name, s + 1, digits, errorDigits, best, result.stopReason.description, result.iterations))
            if json {
                print("{\"problem\": \"\(problem.name)\", \"start\": \(s + 1), \"digits\": \(digits), \"se_digits\": \(errorDigits), \"time_s\": \(best), \"iterations\": \(result.iterations), \"reason\": \"\(result.stopReason)\"}")
            } else {
                print(problem.name.padding(toLength: 10, withPad: " ", startingAt: 0) + " start \(s + 1)  digits "
                      + String(format: "%5.2f", digits) + "  se " + String(format: "%5.2f", errorDigits)
                      + "  it " + String(format: "%4d", result.iterations) + "  "
                      + String(format: "%8.3f ms", best * 1000) + "  \(result.stopReason)")
            }
        }
    }
    if !json {
        let six = rows.filter { $0.2 >= 6 }.count, eight = rows.filter { $0.2 >= 8 }.count
        let se4 = rows.filter { $0.3 >= 4 }.count
        print("fits: \(rows.count); parameters >= 6 digits: \(six), >= 8 digits: \(eight); standard errors >= 4 digits: \(se4)")
        print("total time of the fits: " + String(format: "%.1f ms", rows.map(\.4).reduce(0, +) * 1000))
    }
}
