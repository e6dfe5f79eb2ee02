import Foundation
import Testing
@testable import Symbolic

/// Data generators, splits, standardisation and metrics.
@Suite struct DatasetTests {
    @Test func generatorsAreDeterministicAndShaped() {
        let sets: [(Dataset, Int, Int)] = [
            (Datasets.moons(count: 101, seed: 3), 2, 2), (Datasets.circles(count: 80, seed: 3), 2, 2),
            (Datasets.blobs(count: 91, centers: 4, seed: 3), 2, 4), (Datasets.xor(count: 64, seed: 3), 2, 2),
            (Datasets.spirals(count: 90, classes: 3, seed: 3), 2, 3),
        ]
        for (data, width, classes) in sets {
            #expect(data.inputs.allSatisfy { $0.count == width } && data.inputNames == ["x1", "x2"] && data.targetName == "label")
            #expect(Set(data.labels) == Set(0..<classes))
            let counts = (0..<classes).map { c in data.labels.count { $0 == c } }
            // Balanced by construction (xor's labels come from random points).
            #expect(counts.max()! - counts.min()! <= (data.count == 64 ? 16 : 1), "balanced classes \(counts)")
        }
        #expect(Datasets.moons(count: 101, seed: 3) == sets[0].0)
        #expect(Datasets.moons(count: 101, seed: 4) != sets[0].0)
        #expect(Datasets.moons(count: 101).count == 101)
    }

    @Test func moonsWithoutNoiseLieOnTheirHalfCircles() {
        let data = Datasets.moons(count: 50, noise: 0)
        for (p, label) in zip(data.inputs, data.labels) {
            let (cx, cy) = label == 0 ? (0.0, 0.0) : (1.0, 0.5)
            expectClose((p[0] - cx) * (p[0] - cx) + (p[1] - cy) * (p[1] - cy), 1, relativeTolerance: 1e-14)
            #expect(label == 0 ? p[1] >= 0 : p[1] <= 0.5 + 1e-15)
        }
        let circles = Datasets.circles(count: 40, noise: 0, factor: 0.3)
        for (p, label) in zip(circles.inputs, circles.labels) {
            expectClose((p[0] * p[0] + p[1] * p[1]).squareRoot(), label == 0 ? 1 : 0.3, relativeTolerance: 1e-14)
        }
        let xor = Datasets.xor(count: 30)
        for (p, label) in zip(xor.inputs, xor.labels) { #expect(label == ((p[0] > 0) != (p[1] > 0) ? 1 : 0)) }
    }

    @Test func regressionSetsFollowTheirCurves() {
        let cubic = Datasets.cubic(count: 20, noise: 0, seed: 1)
        #expect(cubic.inputNames == ["x"] && cubic.targetName == "y")
        for (x, y) in zip(cubic.inputs, cubic.targets) { expectClose(y, x[0] * x[0] * x[0] - 20 * x[0] + 10, relativeTolerance: 1e-14) }
        for (x, y) in zip(Datasets.quartic(count: 20, noise: 0).inputs, Datasets.quartic(count: 20, noise: 0).targets) {
            expectClose(y, Foundation.pow(x[0], 4) - 10 * x[0] * x[0] + 10 * x[0], absoluteTolerance: 1e-12)
            #expect(Swift.abs(x[0]) <= 3.5)
        }
        for (x, y) in zip(Datasets.sine(count: 20).inputs, Datasets.sine(count: 20).targets) {
            #expect(y == Foundation.sin(x[0]) && Swift.abs(x[0]) <= Double.pi)
        }
        let line = Datasets.linear(count: 500, slope: 3, intercept: -1, noise: 0.5, seed: 2)
        let residuals = zip(line.inputs, line.targets).map { $1 - (3 * $0[0] - 1) }
        #expect(Swift.abs(residuals.reduce(0, +) / 500) < 0.06)
    }

    @Test func splitsPartitionTheSamples() {
        let data = Datasets.blobs(count: 100, seed: 1)
        let parts = data.split(validation: 0.2, test: 0.1, seed: 5)
        #expect(parts.training.count == 70 && parts.validation.count == 20 && parts.test.count == 10)
        let all = (parts.training.inputs + parts.validation.inputs + parts.test.inputs).map { $0.map(\.bitPattern) }
        #expect(Set(all) == Set(data.inputs.map { $0.map(\.bitPattern) }))
        #expect(data.split(validation: 0.2, test: 0.1, seed: 5) == parts)
        #expect(data.split(validation: 0.2, test: 0.1, seed: 6) != parts)
    }

    @Test func standardisationCentresAndScales() {
        let data = Dataset(inputs: [[1, 5], [3, 5], [5, 5]], targets: [0, 1, 0])
        let (scaled, scaler) = data.standardized()
        #expect(scaler.means == [3, 5])
        expectClose(scaler.deviations[0], (8.0 / 3).squareRoot(), relativeTolerance: 1e-15)
        #expect(scaler.deviations[1] == 1)
        #expect(scaled.inputs.map { $0[1] } == [0, 0, 0])
        expectClose(scaled.inputs[2][0], 2 / (8.0 / 3).squareRoot(), relativeTolerance: 1e-15)
        #expect(scaled.targets == data.targets)
    }

    @Test func metrics() {
        #expect(Metrics.accuracy(predicted: [0, 1, 1, 2], actual: [0, 1, 0, 2]) == 0.75)
        #expect(Metrics.confusionCounts(predicted: [0, 1, 1, 2], actual: [0, 1, 0, 2], classes: 3) == [[1, 1, 0], [0, 1, 0], [0, 0, 1]])
        #expect(Metrics.rSquared(predicted: [1, 2, 3], actual: [1, 2, 3]) == 1)
        #expect(Metrics.rSquared(predicted: [2, 2, 2], actual: [1, 2, 3]) == 0)
        expectClose(Metrics.rSquared(predicted: [1.1, 1.9, 3.2], actual: [1, 2, 3]), 1 - 0.06 / 2, relativeTolerance: 1e-14)
        #expect(Metrics.rSquared(predicted: [1, 1], actual: [2, 2]).isNaN)
    }

    @Test func specificationsNameGeneratorsAndParameters() throws {
        #expect(try Datasets.generate("moons:n=120,noise=0.1,seed=4") == Datasets.moons(count: 120, noise: 0.1, seed: 4))
        #expect(try Datasets.generate("moons") == Datasets.moons())
        #expect(try Datasets.generate("blobs:centers=4, spread=2") == Datasets.blobs(centers: 4, spread: 2))
        #expect(try Datasets.generate("cubic:n=10").count == 10)
        #expect(throws: DatasetSpecificationError.unknownDataset("moon", suggestion: "moons")) { try Datasets.generate("moon") }
        #expect(throws: DatasetSpecificationError.unknownParameter("nosie", dataset: "moons", suggestion: "noise",
                                                                   available: ["n", "noise", "seed"])) {
            try Datasets.generate("moons:nosie=0.1")
        }
        #expect(throws: DatasetSpecificationError.invalidValue("-1", parameter: "n", dataset: "xor",
                                                              expected: "an integer from 1 to 100000000")) {
            try Datasets.generate("xor:n=-1")
        }
        #expect(throws: DatasetSpecificationError.malformedItem("n")) { try Datasets.generate("xor:n") }
        #expect(DatasetSpecificationError.unknownDataset("moon", suggestion: "moons").description
                == "there is no built-in data set 'moon' (did you mean 'moons'?); the built-in sets are "
                + "moons, circles, blobs, xor, spirals, linear, cubic, quartic, sine")
    }

    @Test func tablesConvertBothWays() throws {
        let data = Datasets.blobs(count: 12, seed: 2)
        let table = data.table
        #expect(table.columnNames == ["x1", "x2", "label"] && table.rowCount == 12)
        #expect(try Dataset(table: table, target: "label") == data)
        let swapped = try Dataset(table: table, target: "x1", inputs: ["label"])
        #expect(swapped.inputNames == ["label"] && swapped.targets == data.inputs.map { $0[0] })
        #expect(throws: DataError.self) { try Dataset(table: table, target: "lable") }
    }
}
