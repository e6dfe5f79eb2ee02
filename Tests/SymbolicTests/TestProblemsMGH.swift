import Foundation
import Symbolic

/// A problem of the test set of J. J. Moré, B. S. Garbow and K. E.
/// Hillstrom, "Testing unconstrained optimization software", ACM TOMS 7
/// (1981) 17–41: f(x) = Σ fᵢ(x)², written as a symbolic ``Expression`` so
/// that the optimisers run on derivatives from the symbolic engine.
struct MGHProblem: Sendable {
    /// The name and (for variable-size problems) the dimension.
    let name: String
    /// The MGH problem number.
    let number: Int
    let variables: [String]
    let expression: Symbolic.Expression
    /// The standard starting point.
    let start: [Double]
    /// The published minimum values (some problems list a local minimum
    /// that many methods reach from the standard start, which is listed too).
    let minima: [Double]

    var dimension: Int { variables.count }

    /// The published minimum nearest to `value`.
    func nearestMinimum(to value: Double) -> Double {
        minima.min { abs($0 - value) < abs($1 - value) }!
    }

    /// Whether `value` is within 1e-6·max(1, |f*|) of a published minimum f*.
    func reachesMinimum(_ value: Double) -> Bool {
        minima.contains { abs(value - $0) <= 1e-6 * max(1, abs($0)) }
    }

    init(_ name: String, number: Int, dimension: Int, start: [Double], minima: [Double],
         residuals: ([Symbolic.Expression]) -> [Symbolic.Expression]) {
        self.name = name
        self.number = number
        variables = (1...dimension).map { "x\($0)" }
        let x = variables.map { Symbolic.Expression.variable($0) }
        expression = Symbolic.Expression.sum(residuals(x).map { $0 ** 2 })
        self.start = start
        self.minima = minima
    }
}

/// The problems of the list, in MGH order.
enum MGH {
    static let rosenbrock = MGHProblem("Rosenbrock", number: 1, dimension: 2, start: [-1.2, 1], minima: [0]) { x in
        [10 * (x[1] - x[0] ** 2), 1 - x[0]]
    }

    /// Published: f = 0 at (5, 4) and a local minimum f = 48.9842… at
    /// (11.41…, −0.8968…).
    static let freudensteinRoth = MGHProblem(
        "Freudenstein-Roth", number: 2, dimension: 2, start: [0.5, -2], minima: [0, 48.98425367924]
    ) { x in
        [-13 + x[0] + ((5 - x[1]) * x[1] - 2) * x[1],
         -29 + x[0] + ((x[1] + 1) * x[1] - 14) * x[1]]
    }

    static let powellBadlyScaled = MGHProblem(
        "Powell badly scaled", number: 3, dimension: 2, start: [0, 1], minima: [0]
    ) { x in
        [10_000 * x[0] * x[1] - 1, exp(-x[0]) + exp(-x[1]) - Symbolic.Expression(1.0001)]
    }

    static let brownBadlyScaled = MGHProblem(
        "Brown badly scaled", number: 4, dimension: 2, start: [1, 1], minima: [0]
    ) { x in
        [x[0] - 1_000_000, x[1] - Symbolic.Expression(2e-6), x[0] * x[1] - 2]
    }

    static let beale = MGHProblem("Beale", number: 5, dimension: 2, start: [1, 1], minima: [0]) { x in
        let y: [Symbolic.Expression] = [Symbolic.Expression(1.5), Symbolic.Expression(2.25), Symbolic.Expression(2.625)]
        return (1...3).map { i in y[i - 1] - x[0] * (1 - x[1] ** Symbolic.Expression(i)) }
    }

    /// θ(x₁, x₂) = atan(x₂/x₁)/(2π) + (x₁ < 0 ? ½ : 0), exactly as MGH define it.
    static let helicalValley = MGHProblem(
        "Helical valley", number: 7, dimension: 3, start: [-1, 0, 0], minima: [0]
    ) { x in
        let theta = atan(x[1] / x[0]) / (2 * Symbolic.Expression.pi) + step(-x[0]) / 2
        return [10 * (x[2] - 10 * theta), 10 * (sqrt(x[0] ** 2 + x[1] ** 2) - 1), x[2]]
    }

    static let gaussian = MGHProblem(
        "Gaussian", number: 9, dimension: 3, start: [0.4, 1, 0], minima: [1.12793276961e-8]
    ) { x in
        let y = [0.0009, 0.0044, 0.0175, 0.0540, 0.1295, 0.2420, 0.3521, 0.3989,
                 0.3521, 0.2420, 0.1295, 0.0540, 0.0175, 0.0044, 0.0009]
        return (1...15).map { i in
            let t = Symbolic.Expression(8 - i) / 2
            return x[0] * exp(-x[1] * (t - x[2]) ** 2 / 2) - Symbolic.Expression(y[i - 1])
        }
    }

    static let box3D = MGHProblem("Box 3-D", number: 12, dimension: 3, start: [0, 10, 20], minima: [0]) { x in
        (1...10).map { i in
            let t = Symbolic.Expression(i) / 10
            return exp(-t * x[0]) - exp(-t * x[1]) - x[2] * (exp(-t) - exp(-10 * t))
        }
    }

    static let powellSingular = MGHProblem(
        "Powell singular", number: 13, dimension: 4, start: [3, -1, 0, 1], minima: [0]
    ) { x in
        [x[0] + 10 * x[1], Symbolic.Expression(5.0.squareRoot()) * (x[2] - x[3]),
         (x[1] - 2 * x[2]) ** 2, Symbolic.Expression(10.0.squareRoot()) * (x[0] - x[3]) ** 2]
    }

    static let wood = MGHProblem("Wood", number: 14, dimension: 4, start: [-3, -1, -3, -1], minima: [0]) { x in
        [10 * (x[1] - x[0] ** 2), 1 - x[0], Symbolic.Expression(90.0.squareRoot()) * (x[3] - x[2] ** 2), 1 - x[2],
         Symbolic.Expression(10.0.squareRoot()) * (x[1] + x[3] - 2),
         Symbolic.Expression(1 / 10.0.squareRoot()) * (x[1] - x[3])]
    }

    /// Published: f = 5.65565…e-3 (local, m = 13) and f = 0 at (1, 10, 1, 5, 4, 3).
    static let biggsEXP6 = MGHProblem(
        "Biggs EXP6", number: 18, dimension: 6, start: [1, 2, 1, 1, 1, 1], minima: [0, 5.65565474e-3]
    ) { x in
        (1...13).map { i in
            let t = Double(i) / 10
            let y = Foundation.exp(-t) - 5 * Foundation.exp(-10 * t) + 3 * Foundation.exp(-4 * t)
            let tt = Symbolic.Expression(i) / 10
            return x[2] * exp(-tt * x[0]) - x[3] * exp(-tt * x[1]) + x[5] * exp(-tt * x[4]) - Symbolic.Expression(y)
        }
    }

    static func extendedRosenbrock(_ n: Int) -> MGHProblem {
        MGHProblem("Extended Rosenbrock n=\(n)", number: 21, dimension: n,
                   start: (0..<n).map { $0 % 2 == 0 ? -1.2 : 1 }, minima: [0]) { x in
            var residuals: [Symbolic.Expression] = []
            for i in 0..<n / 2 {
                let odd = x[2 * i], even = x[2 * i + 1]
                residuals.append(10 * (even - odd ** 2))
                residuals.append(1 - odd)
            }
            return residuals
        }
    }

    /// Published (n = 10): f = 7.08765…e-5.
    static func penaltyI(_ n: Int) -> MGHProblem {
        MGHProblem("Penalty I n=\(n)", number: 23, dimension: n, start: (1...n).map(Double.init),
                   minima: [n == 10 ? 7.08765146709e-5 : 2.24997899794e-5]) { x in
            let a = Symbolic.Expression(1e-5.squareRoot())
            return x.map { a * ($0 - 1) } + [Symbolic.Expression.sum(x.map { $0 ** 2 }) - Symbolic.Expression(1) / 4]
        }
    }

    static func variablyDimensioned(_ n: Int) -> MGHProblem {
        MGHProblem("Variably dimensioned n=\(n)", number: 25, dimension: n,
                   start: (1...n).map { 1 - Double($0) / Double(n) }, minima: [0]) { x in
            let s = Symbolic.Expression.sum(x.enumerated().map { Symbolic.Expression($0.offset + 1) * ($0.element - 1) })
            return x.map { $0 - 1 } + [s, s ** 2]
        }
    }

    /// Published: f = 0; for n = 10 a local minimum f = 2.79506…e-5 is
    /// reached from the standard start by most methods.
    static func trigonometric(_ n: Int) -> MGHProblem {
        MGHProblem("Trigonometric n=\(n)", number: 26, dimension: n,
                   start: Array(repeating: 1 / Double(n), count: n), minima: [0, 2.79506e-5]) { x in
            let c = Symbolic.Expression.sum(x.map { cos($0) })
            return (1...n).map { i in
                Symbolic.Expression(n) - c + Symbolic.Expression(i) * (1 - cos(x[i - 1])) - sin(x[i - 1])
            }
        }
    }

    /// The problems with n ≤ 10.
    static let small: [MGHProblem] = [
        rosenbrock, freudensteinRoth, powellBadlyScaled, brownBadlyScaled, beale, helicalValley, gaussian,
        box3D, powellSingular, wood, biggsEXP6, extendedRosenbrock(10), trigonometric(10),
        variablyDimensioned(10), penaltyI(10),
    ]

    /// Every problem of the list, including extended Rosenbrock with
    /// n = 100.
    static let all: [MGHProblem] = small + [extendedRosenbrock(100)]
}
