import Foundation
import Symbolic

/// fitbench: data loading and curve fitting, timed.
///
///     fitbench csv [ROWS]     load a ROWS × 4 CSV file (default 1,000,000)
let arguments = Array(CommandLine.arguments.dropFirst())

switch arguments.first {
case "csv":
    try benchmarkCSV(rows: arguments.count > 1 ? Int(arguments[1])! : 1_000_000)
default:
    print("usage: fitbench csv [ROWS]")
    exit(64)
}
