import Foundation
import Symbolic

/// fitbench: data loading and curve fitting, timed.
///
///     fitbench csv [ROWS]          load a ROWS × 4 CSV file (default 1,000,000)
///     fitbench nist [NAME] [--json] the NIST StRD problems from both starts, default method
let arguments = Array(CommandLine.arguments.dropFirst())

switch arguments.first {
case "csv":
    try benchmarkCSV(rows: arguments.count > 1 ? Int(arguments[1])! : 1_000_000)
case "nist":
    let rest = arguments.dropFirst().filter { $0 != "--json" }
    try benchmarkNIST(only: rest.first, json: arguments.contains("--json"))
default:
    print("usage: fitbench csv [ROWS] | nist [NAME] [--json]")
    exit(64)
}
