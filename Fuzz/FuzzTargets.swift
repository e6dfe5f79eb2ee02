// libFuzzer targets for Symbolic, built by scripts/fuzz.sh (not by SwiftPM):
// this file and the CLI's sources (without SymMain.swift) make one module
// that links the Symbolic library, all built with -sanitize=fuzzer,address.
// The environment variable FUZZ_TARGET picks the target:
//
//   parser        arbitrary bytes → Expression(parsing:), its error text,
//                 and print → parse round trips of what parses
//   arguments     bytes → a sub-command's argument list → the CLI's argument
//                 scanner and option parsing (never runs the command)
//   csv           arbitrary bytes → the CSV reader
//   differential  bytes → a well-formed random expression; the tree
//                 evaluator, the compiled program (scalar and batched), dual
//                 numbers, compiled gradients and central differences agree,
//                 and printed text parses back to the same values
//
// A disagreement is reported with `fail(_:)`, which prints it and traps, so
// that libFuzzer saves and can minimise the input.

import Foundation
import Symbolic

private enum Target: String {
    case parser, arguments, csv, differential
}

private let target: Target = {
    let name = ProcessInfo.processInfo.environment["FUZZ_TARGET"] ?? "parser"
    guard let target = Target(rawValue: name) else {
        fatalError("unknown FUZZ_TARGET '\(name)'; use parser, arguments, csv or differential")
    }
    return target
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = count > 0 && data != nil ? Array(UnsafeBufferPointer(start: data, count: count)) : []
    switch target {
    case .parser: fuzzParser(bytes)
    case .arguments: fuzzArguments(bytes)
    case .csv: fuzzCSV(bytes)
    case .differential: fuzzDifferential(bytes)
    }
    return 0
}

func fail(_ message: @autoclosure () -> String) -> Never {
    FileHandle.standardError.write(Data(("FUZZ FAILURE: " + message() + "\n").utf8))
    fatalError("fuzz failure")
}

// MARK: parser

func fuzzParser(_ bytes: [UInt8]) {
    let text = String(decoding: bytes, as: UTF8.self)
    let expression: Symbolic.Expression
    do {
        expression = try Symbolic.Expression(parsing: text)
    } catch {
        // Error texts must be producible for any input.
        _ = error.description
        _ = error.caretDiagnostic(for: text)
        return
    }
    checkRoundTrip(expression, context: "parsed from \(bytes)")
}

/// Printed text parses back, and prints the same again.
func checkRoundTrip(_ expression: Symbolic.Expression, context: @autoclosure () -> String) {
    guard expression.nodeCount < 20_000 else { return }
    let printed = expression.description
    let reparsed: Symbolic.Expression
    do {
        reparsed = try Symbolic.Expression(parsing: printed)
    } catch {
        fail("printed text does not parse: '\(printed)' (\(error)); \(context())")
    }
    let again = reparsed.description
    if again != printed { fail("print → parse → print changed '\(printed)' to '\(again)'; \(context())") }
    // The `let` form with shared temporaries reads back to the same expression.
    let shared = expression.sharedDescription
    do {
        let sharedAgain = try Symbolic.Expression(parsing: shared).description
        if sharedAgain != printed { fail("'\(shared)' reads back as '\(sharedAgain)', not '\(printed)'; \(context())") }
    } catch {
        fail("shared text does not parse: '\(shared)' (\(error)); \(context())")
    }
    _ = expression.latex
}

// MARK: arguments

/// The first byte picks a sub-command; the rest, split at NUL and newline
/// bytes, are its arguments.
func fuzzArguments(_ bytes: [UInt8]) {
    guard let first = bytes.first else { return }
    let commands = SymTool.subcommands
    let command = commands[Int(first) % commands.count]
    let arguments = bytes.dropFirst().split(separator: 0, omittingEmptySubsequences: false)
        .flatMap { $0.split(separator: 10, omittingEmptySubsequences: false) }
        .map { String(decoding: $0, as: UTF8.self) }
    _ = ArgumentScanner.requestsHelp(arguments)
    do {
        let scanned = try ArgumentScanner.scan(arguments, for: command.configuration)
        _ = try (command.variant(for: scanned) ?? command).init(scanned)
    } catch {
        _ = error.description
    }
}

// MARK: csv

func fuzzCSV(_ bytes: [UInt8]) {
    var options = CSVOptions()
    options.allowsNonFiniteValues = bytes.first.map { $0 & 1 == 1 } ?? false
    do {
        let table = try DataTable(csvBytes: bytes, source: "fuzz.csv", options: options)
        for name in table.columnNames { _ = try table.column(named: name) }
        if table.rowCount > 0 { _ = table.row(table.rowCount - 1) }
    } catch {
        _ = error.description
    }
}

// MARK: differential

/// Reads bytes in order; 0 once they run out.
struct ByteStream {
    let bytes: [UInt8]
    var index = 0
    mutating func next() -> Int {
        defer { index += 1 }
        return index < bytes.count ? Int(bytes[index]) : 0
    }
    var isEmpty: Bool { index >= bytes.count }
}

/// A well-formed expression over x and y from bytes: smooth functions,
/// each applied inside its domain (logs and square roots of 1 + u²,
/// quotients by 1 + u²), so every value and derivative is finite for
/// |x|, |y| ≤ 1.5 and central differences apply.
func generate(_ stream: inout ByteStream, depth: Int) -> Symbolic.Expression {
    let x = Symbolic.Expression.variable("x"), y = Symbolic.Expression.variable("y")
    let choice = stream.next()
    if depth == 0 || stream.isEmpty || choice < 40 {
        switch choice % 4 {
        case 0: return .constant(.rational(Rational(choice % 11 - 5, choice % 3 + 1)!))
        case 1: return .constant(.real(Double(choice) / 37))
        case 2: return x
        default: return y
        }
    }
    let a = generate(&stream, depth: depth - 1)
    switch choice % 18 {
    case 0: return a + generate(&stream, depth: depth - 1)
    case 1: return a - generate(&stream, depth: depth - 1)
    case 2: return a * generate(&stream, depth: depth - 1)
    case 3: return a / (1 + generate(&stream, depth: depth - 1) ** 2)
    case 4: return a ** Symbolic.Expression(2 + choice % 2)
    case 5: return sin(a)
    case 6: return cos(a)
    case 7: return exp(0.5 * tanh(a))
    case 8: return log(1 + a ** 2)
    case 9: return sqrt(1 + a ** 2)
    case 10: return atan(a)
    case 11: return sigmoid(a) * softplus(a)
    case 12: return -a
    case 13: return sinh(tanh(a))
    case 14: return log1p(a ** 2) - expm1(-(a ** 2))
    case 15: return atan2(a, 2 + cos(generate(&stream, depth: depth - 1)))
    case 16: return max(a, 2 * a) + min(a, -a)   // a kink at 0: not smooth
    default: return tanh(a) + a * a * generate(&stream, depth: depth - 1)
    }
}

func same(_ a: Double, _ b: Double) -> Bool { a == b || (a.isNaN && b.isNaN) }

func close(_ a: Double, _ b: Double, _ tolerance: Double, scale: Double = 1) -> Bool {
    if same(a, b) { return true }
    return Swift.abs(a - b) <= tolerance * Swift.max(1, Swift.abs(b), scale)
}

/// For each output of `f`, how far it moves when one coordinate of `point`
/// moves by a few units in the last place: the rounding noise by which two
/// evaluation orders of an ill-conditioned expression may legitimately
/// differ (`cos` of an argument near 5e9 moves in the sixth digit when the
/// argument moves by one ulp; seed 1: dual 0.72088843 vs tree 0.72089108).
/// A coordinate of magnitude below 1 moves by the ulps of 1, so that a
/// point at 0 is probed too. Infinite when a nearby output is not finite.
///
/// Probed at 4, 64 and 1024 ulps: a function such as cos(2.4e18·cos(atan2(x, 3)))
/// is constant over the few ulps of x that leave the rounded cos(atan2(…))
/// unchanged and jumps beyond them (seed 1, 160k executions). A smooth,
/// well-conditioned output moves by a negligible |f''|·1e-13 at 1024 ulps.
func roundingNoise(_ f: ([Double]) -> [Double], at point: [Double]) -> [Double] {
    let center = f(point)
    var noise = [Double](repeating: 0, count: center.count)
    for i in point.indices {
        for ulps in [4.0, 64, 1024] {
            let step = ulps * Swift.max(point[i].magnitude, 1).ulp
            for direction in [-1.0, 1.0] {
                var nearby = point
                nearby[i] += direction * step
                for (k, value) in f(nearby).enumerated() {
                    let moved = Swift.abs(value - center[k])
                    noise[k] = Swift.max(noise[k], moved.isNaN ? .infinity : moved)
                }
            }
        }
    }
    return noise
}

/// Whether a tanh or sigmoid of `e` is saturated at the point, so that its
/// derivative is pure rounding: the symbolic rules tanh' = 1 - tanh² and
/// sigmoid' = s·(1 - s) (the node reused, as PyTorch and JAX do) keep no
/// correct digit once |u| > 9 for tanh (1 - tanh² < 1e-7 is computed from a
/// tanh that is 1 within an ulp) or u > 18 for sigmoid, where the dual's
/// 1/cosh² and the central differences still see the true slope. A chain
/// factor of 1e20 then turns that into a difference of order 1 (seed 3, 27k
/// executions: dual 2.66 vs symbolic 0.0143; the printed derivative, evaluated
/// with 80 digits, gives 2.66).
func saturates(_ e: Symbolic.Expression, at point: [String: Double]) -> Bool {
    e.topologicallySortedNodes().contains { node in
        switch node.kind {
        case .call(.tanh, let arguments):
            return Swift.abs((try? arguments[0].evaluate(at: point)) ?? .infinity) > 9
        case .call(.sigmoid, let arguments):
            return Swift.abs((try? arguments[0].evaluate(at: point)) ?? .infinity) > 18
        default:
            return false
        }
    }
}

func fuzzDifferential(_ bytes: [UInt8]) {
    var stream = ByteStream(bytes: bytes)
    let point = [Double(stream.next() % 61 - 30) / 20, Double(stream.next() % 61 - 30) / 20]
    let e = generate(&stream, depth: 5)
    guard e.nodeCount < 5_000 else { return }
    let names = ["x", "y"]
    let at = ["x": point[0], "y": point[1]]
    let context = "\(e) at x=\(point[0]), y=\(point[1])"
    let tree = (try? e.evaluate(at: at)) ?? .nan
    guard tree.isFinite else { fail("not finite: \(tree) for \(context)") }

    // Compiled, scalar and batched, bit for bit.
    let gradient = e.gradient(withRespectTo: names)
    let outputs = [e] + gradient
    let compiled: CompiledFunction
    do { compiled = try CompiledFunction(outputs, variables: names) } catch { fail("compile: \(error) for \(context)") }
    let scalar = compiled(point)
    let expected = outputs.map { (try? $0.evaluate(at: at)) ?? .nan }
    for k in outputs.indices where !same(scalar[k], expected[k]) {
        fail("compiled output \(k) = \(scalar[k]), tree = \(expected[k]) for \(context)")
    }
    let points = [point, [point[1], point[0]], point, [0.25, -0.5], [1.5, 1.5]]
    do {
        let rows = try compiled.batched(over: .variables, chunkSize: 2 + bytes.count % 5).evaluate(points: points)
        for (i, p) in points.enumerated() {
            let one = compiled(p)
            for k in outputs.indices where !same(rows[i][k], one[k]) {
                fail("batched point \(i) output \(k) = \(rows[i][k]), scalar = \(one[k]) for \(context)")
            }
        }
    } catch {
        fail("batched: \(error) for \(context)")
    }

    // Dual numbers (forward mode) against the symbolic gradient, within
    // rounding noise (`noise[0]` the value's, `noise[1 + j]` the j-th
    // derivative's).
    let noise = roundingNoise({ compiled($0) }, at: point)
    // Derivatives are compared where the function is smooth and no tanh or
    // sigmoid is saturated (see `saturates`).
    let smooth = !e.description.contains("max(") && !saturates(e, at: at)
    for (j, name) in names.enumerated() {
        let seeds = Dictionary(uniqueKeysWithValues: names.map { ($0, Dual(at[$0]!, derivative: $0 == name ? 1 : 0)) })
        guard let dual = try? e.evaluate(at: seeds) else { fail("dual evaluation failed for \(context)") }
        if !same(dual.value, tree) && !close(dual.value, tree, 1e-12) && !(Swift.abs(dual.value - tree) <= 8 * noise[0]) {
            fail("dual value \(dual.value) vs \(tree) for \(context)")
        }
        let symbolic = expected[1 + j]
        // Relative to the function's size too, as the differences below:
        // the symbolic rule tanh' = 1 - tanh² (the node reused, as PyTorch and
        // JAX do) is exactly 0 once tanh rounds to ±1, where the dual's
        // 1/cosh² is a tiny number; times a chain factor of 1e17 that is an
        // absolute difference of 1e-4 in a function of size 1e17 (seed 1,
        // 54k executions), which is rounding, not a wrong derivative.
        if smooth && !close(dual.derivative, symbolic, 1e-8, scale: Swift.abs(tree))
            && !(Swift.abs(dual.derivative - symbolic) <= 8 * noise[1 + j]) {
            fail("d/d\(name): dual \(dual.derivative) vs symbolic \(symbolic) for \(context)")
        }
        // Central differences, where the function is smooth and the step
        // resolves it: the plain and the Richardson estimates must agree
        // with each other first (a fast oscillation such as cos(1000*y)
        // defeats both, and is skipped rather than reported).
        if smooth && symbolic.isFinite && Swift.abs(symbolic) < 1e6 {
            let f = { (v: Double) -> Double in
                var p = at
                p[name] = v
                return (try? e.evaluate(at: p)) ?? .nan
            }
            let numeric = FiniteDifferences.derivative(of: f, at: at[name]!, richardson: true)
            let plain = FiniteDifferences.derivative(of: f, at: at[name]!)
            // An oscillation faster than the ulp (cos of 2.5e14·x, seed 1,
            // 126k executions) shows as a derivative that moves by its own
            // size between neighbouring floats: within its noise, skipped.
            if close(plain, numeric, 1e-7, scale: Swift.abs(tree)) && !close(numeric, symbolic, 1e-5, scale: Swift.abs(tree))
                && !(Swift.abs(numeric - symbolic) <= 8 * noise[1 + j]) {
                fail("d/d\(name): central differences \(numeric) vs symbolic \(symbolic) for \(context)")
            }
        }
    }

    // Printed text parses back to the same values.
    let printed = e.description
    guard let reparsed = try? Symbolic.Expression(parsing: printed) else { fail("does not parse back: \(printed)") }
    let value = (try? reparsed.evaluate(at: at)) ?? .nan
    if !close(value, tree, 1e-12) && !(Swift.abs(value - tree) <= 8 * noise[0]) { fail("reparsed value \(value) vs \(tree) for \(context)") }
    checkRoundTrip(e, context: context)
}
