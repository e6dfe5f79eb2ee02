import Foundation
import Symbolic

/// `--simplify`: time to normalise and to fully simplify every Hessian entry
/// and third partial derivative of the higher-derivative size corpus (the
/// functions of `scripts/sympy_sizes.py`'s HIGHER and of
/// `Tests/SymbolicTests/HigherDerivativeSizeTests.swift`); issue 14's target
/// is ≤ 1 s per derivative.
func benchmarkSimplify() {
    let corpus: [(String, String)] = [
        ("x^3*y^2 - 2*x*y + y^3", "x,y"),
        ("(x + y)^4", "x,y"),
        ("(x^2 + y^2 + 1)^3", "x,y"),
        ("x*y*z + x^2*z - y*z^2", "x,y,z"),
        ("(x - y)*(x + 2*y)*(y - 3)", "x,y"),
        ("x/(x^2 + 1)", "x"),
        ("(x^2 - y)/(x + y^2)", "x,y"),
        ("x*y/(x + y)", "x,y"),
        ("1/(1 + x^2 + y^2 + z^2)", "x,y,z"),
        ("(x^3 - 2*x + 1)/(x^2 + x + 1)", "x"),
        ("exp(x*y)", "x,y"),
        ("exp(-(x^2 + y^2)/2)", "x,y"),
        ("x*exp(-x)*sin(x)", "x"),
        ("exp(x)*cos(y) + exp(y)*sin(x)", "x,y"),
        ("log(x^2 + y^2)", "x,y"),
        ("x*log(y) + y*log(x)", "x,y"),
        ("log(1 + exp(x + y))", "x,y"),
        ("sin(x)*cos(y)", "x,y"),
        ("sin(x*y + z)", "x,y,z"),
        ("tan(x*y)", "x,y"),
        ("atan(y/x)", "x,y"),
        ("sqrt(x^2 + y^2)", "x,y"),
        ("sqrt(1 + x*y)*z", "x,y,z"),
        ("x^2*sqrt(y) + y*sqrt(x)", "x,y"),
        ("exp(sin(x))*y", "x,y"),
        ("sin(exp(x) + y^2)", "x,y"),
        ("log(cos(x) + 2)*y", "x,y"),
        ("tanh(2*x - y)", "x,y"),
        ("x^y", "x,y"),
        ("(x^2 + y)^(3/2)", "x,y"),
        ("sin(x)^2*cos(y)^3", "x,y"),
        ("exp(x)/(1 + exp(x))", "x"),
        ("x*y*exp(-x*y)/(1 + x^2)", "x,y"),
        ("cos(x + y*z)*exp(z)", "x,y,z"),
        ("log(x + y + z)*x*y", "x,y,z"),
        ("(x + sin(y))^3", "x,y"),
        ("asin(x*y)", "x,y"),
        ("exp(-x^2)*sin(x*y)", "x,y"),
        ("(1 + x)^(1/3)*y", "x,y"),
        ("x*y*z/(x^2 + y^2 + z^2)", "x,y,z"),
    ]
    var normalise: [Double] = [], simplify: [Double] = []
    var slowest = (0.0, "")
    for (source, names) in corpus {
        let f = try! Expression(parsing: source)
        let variables = names.split(separator: ",").map(String.init)
        for order in [2, 3] {
            for combo in combinations(variables, order) {
                let raw = f.derivative(withRespectTo: combo, form: .raw)
                var t0 = now()
                _ = raw.normalized()
                normalise.append(now() - t0)
                t0 = now()
                _ = raw.simplified()
                let s = now() - t0
                simplify.append(s)
                if s > slowest.0 { slowest = (s, "\(source) by \(combo.joined(separator: ","))") }
            }
        }
    }
    func median(_ v: [Double]) -> Double { v.sorted()[v.count / 2] }
    print("derivatives  normalized_median_ms  normalized_max_ms  simplified_median_ms  simplified_max_ms  slowest")
    print(String(format: "%-12d %-21.2f %-18.2f %-21.2f %-18.2f %@", normalise.count, median(normalise) * 1e3,
                 normalise.max()! * 1e3, median(simplify) * 1e3, simplify.max()! * 1e3, slowest.1))
}

/// The multisets of `order` variables in the order itertools'
/// `combinations_with_replacement` lists them.
private func combinations(_ variables: [String], _ order: Int) -> [[String]] {
    guard order > 0 else { return [[]] }
    var result: [[String]] = []
    for (i, v) in variables.enumerated() {
        for rest in combinations(Array(variables[i...]), order - 1) { result.append([v] + rest) }
    }
    return result
}
