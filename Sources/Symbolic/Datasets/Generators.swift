import Foundation

/// Synthetic datasets for classification and regression, deterministic for
/// a seed (the same seed gives the same samples on every run; sines and
/// cosines come from the platform's C library). Classification sets have
/// inputs `x1`, `x2`, … and a `label` column of classes 0, 1, …; regression
/// sets have input `x` and target `y`.
///
///     let moons = Datasets.moons(count: 200, noise: 0.2, seed: 0)
///     let blobs = Datasets.blobs(count: 300, centers: 3, spread: 1.5, seed: 2)
///     let curve = Datasets.cubic(count: 100, noise: 5, seed: 1)   // y = x³ − 20x + 10 + noise
public enum Datasets {
    /// Two interleaving half circles (scikit-learn's `make_moons`): the upper
    /// moon (label 0) on the unit circle, the lower one (label 1) shifted by
    /// (1, −0.5); samples shuffled, then Gaussian noise of standard deviation
    /// `noise` added to both coordinates.
    ///
    ///     let data = Datasets.moons(count: 200, noise: 0.2, seed: 0)
    public static func moons(count: Int = 200, noise: Double = 0.2, seed: UInt64 = 0) -> Dataset {
        let outer = count / 2, inner = count - outer
        var rows: [([Double], Double)] = []
        for i in 0..<outer {
            let t = Double.pi * fraction(i, outer)
            rows.append(([cos(t), sin(t)], 0))
        }
        for i in 0..<inner {
            let t = Double.pi * fraction(i, inner)
            rows.append(([1 - cos(t), 1 - sin(t) - 0.5], 1))
        }
        return finish(rows, noise: noise, seed: seed)
    }

    /// Two concentric circles (scikit-learn's `make_circles`): the outer one
    /// (label 0) of radius 1, the inner one (label 1) of radius `factor`;
    /// shuffled, then Gaussian noise added.
    ///
    ///     let data = Datasets.circles(count: 200, noise: 0.1, factor: 0.5, seed: 0)
    public static func circles(count: Int = 200, noise: Double = 0.1, factor: Double = 0.5, seed: UInt64 = 0) -> Dataset {
        let outer = count / 2, inner = count - outer
        var rows: [([Double], Double)] = []
        for i in 0..<outer {
            let t = 2 * Double.pi * Double(i) / Double(outer)
            rows.append(([cos(t), sin(t)], 0))
        }
        for i in 0..<inner {
            let t = 2 * Double.pi * Double(i) / Double(inner)
            rows.append(([factor * cos(t), factor * sin(t)], 1))
        }
        return finish(rows, noise: noise, seed: seed)
    }

    /// Gaussian blobs (scikit-learn's `make_blobs`): `centers` centres drawn
    /// uniformly in [−10, 10]^dimension, samples split evenly between them
    /// (the first centres take the remainder), each the centre plus normal
    /// noise of standard deviation `spread`; label = centre index; shuffled.
    ///
    ///     let data = Datasets.blobs(count: 200, centers: 2, spread: 1, seed: 0)   // the SVM example
    public static func blobs(count: Int = 200, centers: Int = 3, spread: Double = 1, dimension: Int = 2,
                             seed: UInt64 = 0) -> Dataset {
        precondition(centers >= 1 && dimension >= 1, "blobs need at least one centre and one dimension")
        var random = SeededRandomGenerator(seed: seed)
        let middles = (0..<centers).map { _ in (0..<dimension).map { _ in random.nextUniform(in: -10...10) } }
        var rows: [([Double], Double)] = []
        for c in 0..<centers {
            let size = count / centers + (c < count % centers ? 1 : 0)
            for _ in 0..<size { rows.append((middles[c].map { $0 + spread * random.nextNormal() }, Double(c))) }
        }
        random.shuffle(&rows)
        return dataset(rows, inputs: dimension)
    }

    /// The XOR problem: points uniform in [−1, 1]², label 1 where exactly one
    /// coordinate is positive; then Gaussian noise added to the coordinates.
    ///
    ///     let data = Datasets.xor(count: 200, noise: 0.1, seed: 0)
    public static func xor(count: Int = 200, noise: Double = 0, seed: UInt64 = 0) -> Dataset {
        var random = SeededRandomGenerator(seed: seed)
        var rows: [([Double], Double)] = []
        for _ in 0..<count {
            let a = random.nextUniform(in: -1...1), b = random.nextUniform(in: -1...1)
            rows.append(([a + noise * random.nextNormal(), b + noise * random.nextNormal()], (a > 0) != (b > 0) ? 1 : 0))
        }
        return dataset(rows, inputs: 2)
    }

    /// Interleaved spirals (the CS231n example): for class k, radius r from
    /// 0 to 1 and angle t from 4k to 4(k + 1) radians plus normal noise of
    /// standard deviation `noise`, at (r·sin t, r·cos t); shuffled.
    ///
    ///     let data = Datasets.spirals(count: 300, classes: 3, noise: 0.2, seed: 0)
    public static func spirals(count: Int = 200, classes: Int = 2, noise: Double = 0.2, seed: UInt64 = 0) -> Dataset {
        precondition(classes >= 1, "spirals need at least one class")
        var random = SeededRandomGenerator(seed: seed)
        var rows: [([Double], Double)] = []
        for k in 0..<classes {
            let size = count / classes + (k < count % classes ? 1 : 0)
            for i in 0..<size {
                let r = fraction(i, size)
                let t = 4 * (Double(k) + fraction(i, size)) + noise * random.nextNormal()
                rows.append(([r * sin(t), r * cos(t)], Double(k)))
            }
        }
        random.shuffle(&rows)
        return dataset(rows, inputs: 2)
    }

    /// y = slope·x + intercept + noise, x uniform in [−5, 5].
    ///
    ///     let data = Datasets.linear(count: 50, slope: 2, intercept: 1, noise: 1, seed: 0)
    public static func linear(count: Int = 100, slope: Double = 2, intercept: Double = 1, noise: Double = 1,
                              seed: UInt64 = 0) -> Dataset {
        regression(count: count, range: -5...5, noise: noise, seed: seed) { slope * $0 + intercept }
    }

    /// The course notes' y = x³ − 20x + 10 plus noise, x uniform in [−5, 5].
    ///
    ///     let data = Datasets.cubic(count: 100, noise: 5, seed: 0)
    public static func cubic(count: Int = 100, noise: Double = 5, seed: UInt64 = 0) -> Dataset {
        regression(count: count, range: -5...5, noise: noise, seed: seed) { x in x * x * x - 20 * x + 10 }
    }

    /// The course notes' y = x⁴ − 10x² + 10x plus noise, x uniform in [−3.5, 3.5].
    ///
    ///     let data = Datasets.quartic(count: 100, noise: 3, seed: 0)
    public static func quartic(count: Int = 100, noise: Double = 3, seed: UInt64 = 0) -> Dataset {
        regression(count: count, range: -3.5...3.5, noise: noise, seed: seed) { x in x * x * x * x - 10 * x * x + 10 * x }
    }

    /// y = sin(x) plus noise, x uniform in [−π, π] (the notes' Legendre fit).
    ///
    ///     let data = Datasets.sine(count: 50, noise: 0, seed: 0)
    public static func sine(count: Int = 100, noise: Double = 0, seed: UInt64 = 0) -> Dataset {
        regression(count: count, range: -Double.pi...Double.pi, noise: noise, seed: seed) { x in sin(x) }
    }

    // MARK: Helpers

    /// i/(n − 1), NumPy's `linspace(0, 1, n)` (0 when n = 1).
    private static func fraction(_ i: Int, _ n: Int) -> Double { n > 1 ? Double(i) / Double(n - 1) : 0 }

    /// Shuffles, adds noise to every coordinate, and names the columns.
    private static func finish(_ rows: [([Double], Double)], noise: Double, seed: UInt64) -> Dataset {
        var random = SeededRandomGenerator(seed: seed)
        var rows = rows
        random.shuffle(&rows)
        if noise > 0 {
            for i in rows.indices { rows[i].0 = rows[i].0.map { $0 + noise * random.nextNormal() } }
        }
        return dataset(rows, inputs: 2)
    }

    private static func dataset(_ rows: [([Double], Double)], inputs: Int) -> Dataset {
        Dataset(inputs: rows.map(\.0), targets: rows.map(\.1), inputNames: (1...inputs).map { "x\($0)" }, targetName: "label")
    }

    private static func regression(count: Int, range: ClosedRange<Double>, noise: Double, seed: UInt64,
                                   _ f: (Double) -> Double) -> Dataset {
        var random = SeededRandomGenerator(seed: seed)
        var inputs: [[Double]] = [], targets: [Double] = []
        for _ in 0..<count {
            let x = random.nextUniform(in: range)
            inputs.append([x])
            targets.append(f(x) + noise * random.nextNormal())
        }
        return Dataset(inputs: inputs, targets: targets, inputNames: ["x"], targetName: "y")
    }
}
