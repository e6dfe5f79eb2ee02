import Foundation
import Symbolic

/// fitbench: data loading and curve fitting, timed.
///
///     fitbench csv [ROWS]          load a ROWS × 4 CSV file (default 1,000,000)
///     fitbench nist [NAME] [--json] the NIST StRD problems from both starts, default method
///     fitbench big [ROWS] [--json]  one 5-parameter fit to ROWS rows (default 100,000)
let arguments = Array(CommandLine.arguments.dropFirst())

switch arguments.first {
case "csv":
    try benchmarkCSV(rows: arguments.count > 1 ? Int(arguments[1])! : 1_000_000)
case "nist":
    let rest = arguments.dropFirst().filter { $0 != "--json" }
    try benchmarkNIST(only: rest.first, json: arguments.contains("--json"))
case "big":
    let rest = arguments.dropFirst().filter { $0 != "--json" }
    try benchmarkBigFit(rows: rest.first.map { Int($0)! } ?? 100_000, json: arguments.contains("--json"))
default:
    print("usage: fitbench csv [ROWS] | nist [NAME] [--json] | big [ROWS] [--json]")
    exit(64)
}
