import Foundation

/// One measurement, printed as a table row or as a JSON line in the
/// peers' record format (`bench/peers/timing.py`).
struct Record {
    var workload: String
    var size: Int
    var op: String
    var variant: String? = "compiled"
    var seconds: Double?
    var fields: [(String, JSONValue)] = []

    enum JSONValue {
        case number(Double), integer(Int), string(String), object([(String, JSONValue)])

        var json: String {
            switch self {
            case .number(let d): return d.isFinite ? "\(d)" : "null"
            case .integer(let i): return "\(i)"
            case .string(let s):
                let escaped = s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                return "\"\(escaped)\""
            case .object(let pairs): return "{" + pairs.map { "\"\($0.0)\": \($0.1.json)" }.joined(separator: ", ") + "}"
            }
        }
    }

    var json: String {
        var pairs: [(String, JSONValue)] = [("peer", .string("symbolic")), ("workload", .string(workload)),
                                            ("size", .integer(size)), ("op", .string(op))]
        if let variant { pairs.append(("variant", .string(variant))) }
        if let seconds { pairs.append(("time_s", .number(seconds))) }
        pairs += fields
        return JSONValue.object(pairs).json
    }
}

/// Collects records and prints them as they come.
final class Reporter {
    let json: Bool
    private(set) var records: [Record] = []

    init(json: Bool) { self.json = json }

    func add(_ record: Record) {
        records.append(record)
        if json {
            write(record.json)
        } else {
            let time = record.seconds.map(Reporter.format) ?? ""
            let extra = record.fields.filter { $0.0 != "calls" && $0.0 != "reps" && $0.0 != "stat" && $0.0 != "median_s" }
                .map { "\($0.0)=\(Reporter.plain($0.1))" }.joined(separator: " ")
            let name = record.workload == "rosen" ? "R(\(record.size))" : "MLP(\(record.size))"
            let variant = record.variant.map { $0 == "compiled" ? "" : " [\($0)]" } ?? ""
            write(name.padding(toLength: 11, withPad: " ", startingAt: 0)
                  + (record.op + variant).padding(toLength: 30, withPad: " ", startingAt: 0)
                  + time.padding(toLength: 11, withPad: " ", startingAt: 0) + extra)
        }
    }

    /// Unbuffered, so that a run killed by a time limit keeps its records.
    func write(_ line: String) {
        FileHandle.standardOutput.write((line + "\n").data(using: .utf8)!)
    }

    static func plain(_ v: Record.JSONValue) -> String {
        switch v {
        case .number(let d): return String(format: "%.6g", d)
        case .integer(let i): return "\(i)"
        case .string(let s): return s
        case .object(let pairs): return pairs.map { "\($0.0)=\(plain($0.1))" }.joined(separator: ",")
        }
    }

    /// Seconds in the peers' report style (µs / ms / s).
    static func format(_ t: Double) -> String {
        if t >= 1 { return String(format: "%.3g s", t) }
        if t >= 1e-3 { return String(format: "%.3g ms", t * 1e3) }
        if t >= 1e-6 { return String(format: "%.3g µs", t * 1e6) }
        return String(format: "%.3g ns", t * 1e9)
    }

    /// The summary table of the issue: one row per workload and size.
    func printSummary() {
        guard !json else { return }
        write("")
        write("Summary (per call, best; ratio = eval_fg / eval_f)")
        write("workload     build      grad       hess       compile f+g  eval f     eval f+g   eval H     ratio")
        var keys: [(String, Int)] = []
        for r in records where !keys.contains(where: { $0 == (r.workload, r.size) }) { keys.append((r.workload, r.size)) }
        for (w, n) in keys {
            func t(_ op: String) -> Double? {
                records.first { $0.workload == w && $0.size == n && $0.op == op && ($0.variant == nil || $0.variant == "compiled") }?.seconds
            }
            let cells = ["build", "grad", "hess", "compile_fg", "eval_f", "eval_fg", "eval_hess"].map { t($0).map(Reporter.format) ?? "—" }
            let ratio = t("eval_fg").flatMap { fg in t("eval_f").map { String(format: "%.2f", fg / $0) } } ?? "—"
            let name = w == "rosen" ? "R(\(n))" : "MLP(\(n))"
            write(([name] + cells + [ratio]).enumerated().map { $1.padding(toLength: $0 == 4 ? 13 : 11, withPad: " ", startingAt: 0) }.joined())
        }
    }
}
