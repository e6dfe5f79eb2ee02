import Foundation
import Testing
@testable import Symbolic

/// A fast, representative subset of the NIST StRD nonlinear regression
/// problems (Tests/Fixtures/nist), including the hardest starts, fitted
/// with the default method. The whole set runs in `scripts/nist_check.sh`.
@Suite("NIST certified least squares")
struct FitNISTTests {
    struct Problem: Decodable {
        var name: String, file: String, model: String, target: String
        var parameters: [String]
        var starts: [[Double]]
        var certified: [Double]
        var standard_errors: [Double]
        var rss: Double
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var start: Int
        var testDescription: String { "\(name) from start \(start)" }
    }

    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/nist")

    static func problem(_ name: String) throws -> Problem {
        struct Manifest: Decodable { var problems: [Problem] }
        let data = try Data(contentsOf: folder.appendingPathComponent("manifest.json"))
        return try JSONDecoder().decode(Manifest.self, from: data).problems.first { $0.name == name }!
    }

    /// Correct significant digits of `value` (log relative error), capped at 11.
    static func digits(_ value: Double?, _ reference: Double) -> Double {
        guard let value, value.isFinite else { return 0 }
        return value == reference ? 11 : Swift.min(11, -log10(Swift.abs(value - reference) / Swift.abs(reference)))
    }

    static let cases = [
        Case(name: "Misra1a", start: 1), Case(name: "MGH09", start: 1), Case(name: "MGH10", start: 1),
        Case(name: "Eckerle4", start: 1), Case(name: "Bennett5", start: 2), Case(name: "Lanczos1", start: 1),
        Case(name: "Nelson", start: 1), Case(name: "ENSO", start: 2), Case(name: "Thurber", start: 2),
        Case(name: "Rat43", start: 1), Case(name: "BoxBOD", start: 1), Case(name: "Roszman1", start: 1),
    ]

    @Test(arguments: cases) func reachesCertifiedDigits(_ test: Case) throws {
        let problem = try FitNISTTests.problem(test.name)
        let table = try DataTable(contentsOfCSVFile: FitNISTTests.folder.appendingPathComponent(problem.file).path)
        let model = try FormulaModel(parsing: problem.model, columns: table.columnNames)
        var options = FitOptions()
        options.start = Dictionary(uniqueKeysWithValues: zip(problem.parameters, problem.starts[test.start - 1]))
        let result = try fit(model, to: table, target: problem.target, options: options)
        #expect(result.method == .lm)
        #expect(result.converged, "\(result.stopReason)")
        for (k, name) in problem.parameters.enumerated() {
            let correct = FitNISTTests.digits(result[name], problem.certified[k])
            #expect(correct >= 8, "\(name): \(result[name]!) has \(correct) correct digits")
            // Lanczos1's residuals are 1e-13 on data of size 1: s² = RSS/(n − p)
            // cannot be computed to 4 digits in double precision.
            if problem.name != "Lanczos1" {
                let errorDigits = FitNISTTests.digits(result.standardError(name), problem.standard_errors[k])
                #expect(errorDigits >= 4, "standard error of \(name): \(errorDigits) digits")
            }
        }
        expectClose(result.rss, problem.rss, relativeTolerance: problem.name == "Lanczos1" ? 0.05 : 1e-9)
    }
}
