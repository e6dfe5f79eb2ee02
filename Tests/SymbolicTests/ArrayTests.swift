import Foundation
import Testing
@testable import Symbolic

/// Symbolic arrays and parameter sets.
@Suite struct ArrayTests {
    typealias E = Symbolic.Expression
    let a = E.variable("a"), b = E.variable("b"), c = E.variable("c"), d = E.variable("d")

    @Test func matrixProductEntriesAreSumsOfProducts() {
        let m = ExpressionMatrix([[a, b]]) * ExpressionMatrix([[c], [d]])
        #expect(m.shape == (1, 1))
        #expect(m[0, 0] == a * c + b * d)
        let w = ExpressionMatrix.variables("W", rows: 2, columns: 3)
        let z = ExpressionMatrix(row: [a, b]) * w
        #expect(z.shape == (1, 3))
        #expect(z[0, 2] == a * .variable("W_1_3") + b * .variable("W_2_3"))
    }

    @Test func broadcastingARowVectorOverRows() {
        let m = ExpressionMatrix([[a, b], [c, d]])
        let r = m + ExpressionMatrix(row: [1, 2])
        #expect(r.rowArrays == [[a + 1, b + 2], [c + 1, d + 2]])
        let s = m - ExpressionMatrix(row: [a])   // 1×1 broadcasts everywhere
        #expect(s.rowArrays == [[0, b - a], [c - a, d - a]])
        #expect(m.hadamard(m)[1, 1] == d * d)
        #expect((2 * m)[0, 1] == 2 * b)
    }

    @Test func transposeAndReductions() {
        let m = ExpressionMatrix([[a, b, 1], [c, d, 2]])
        #expect(m.transposed().shape == (3, 2))
        #expect(m.transposed()[2, 1] == 2)
        #expect(m.sum(along: .rows).rowArrays == [[a + c, b + d, 3]])
        #expect(m.sum(along: .columns).entries == [a + b + 1, c + d + 2])
        #expect(m.sum() == a + b + c + d + 3)
        #expect(m.mean(along: .columns).entries[1] == (c + d + 2) / 3)
        #expect(m.row(1).entries == [c, d, 2] && m.column(0).entries == [a, c])
        #expect(tanh(m)[0, 0] == tanh(a))
        #expect(m.description == "[[a, b, 1], [c, d, 2]]")
    }

    @Test func tensorsNameTheirEntries() {
        let w = ParameterTensor("W1", rows: 2, columns: 3, role: .weight)
        #expect(w.variableNames == ["W1_1_1", "W1_1_2", "W1_1_3", "W1_2_1", "W1_2_2", "W1_2_3"])
        let bias = ParameterTensor("b1", count: 3, role: .bias)
        #expect(bias.variableNames == ["b1_1", "b1_2", "b1_3"])
        #expect(bias.matrix.shape == (1, 3) && bias.shapeDescription == "3" && w.shapeDescription == "2×3")
    }

    @Test func flattenAndUnflattenRoundTrip() throws {
        let set = ParameterSet([ParameterTensor("W1", rows: 2, columns: 2, role: .weight),
                                ParameterTensor("b1", count: 2, role: .bias)])
        let values: [String: [[Double]]] = ["W1": [[1, 2], [3, 4]], "b1": [[5, 6]]]
        let flat = try set.flatten(values)
        #expect(flat == [1, 2, 3, 4, 5, 6])
        #expect(set.unflatten(flat) == values)
        #expect(set.range(of: "b1") == 4..<6 && set.isWeight == [true, true, true, true, false, false])
        #expect(try set.flatten(entries: ["W1_1_1": 1, "W1_1_2": 2, "W1_2_1": 3, "W1_2_2": 4, "b1_1": 5, "b1_2": 6]) == flat)
    }

    @Test func badParameterValuesAreNamed() {
        let set = ParameterSet([ParameterTensor("W1", rows: 2, columns: 2, role: .weight),
                                ParameterTensor("b1", count: 2, role: .bias)])
        #expect(throws: ParameterError.unknownParameter("W2", suggestion: "W1")) {
            try set.flatten(["W1": [[1, 2], [3, 4]], "b1": [[0, 0]], "W2": [[1]]])
        }
        #expect(throws: ParameterError.missingParameter("b1")) { try set.flatten(["W1": [[1, 2], [3, 4]]]) }
        #expect(throws: ParameterError.shapeMismatch(tensor: "W1", expected: "2×2", found: "1×2")) {
            try set.flatten(["W1": [[1, 2]], "b1": [[0, 0]]])
        }
        #expect(throws: ParameterError.unknownParameter("W1_1_3", suggestion: "W1_1_1")) {
            try set.flatten(entries: ["W1_1_3": 1])
        }
        #expect(ParameterError.unknownParameter("W2", suggestion: "W1").description == "unknown parameter 'W2'; did you mean 'W1'?")
    }

    @Test func gradientsAreShapedLikeTheParameters() {
        let set = ParameterSet([ParameterTensor("W", rows: 2, columns: 1, role: .weight), ParameterTensor("b", count: 1, role: .bias)])
        let x = ExpressionMatrix(row: [a, b])
        let z = (x * set.tensors[0].matrix + set.tensors[1].matrix)[0, 0]
        let g = set.gradient(of: z * z)
        #expect(g["W"]!.shape == (2, 1) && g["b"]!.shape == (1, 1))
        #expect(g["W"]![1, 0] == 2 * b * z)
        #expect(g["b"]![0, 0] == 2 * z)
    }
}
