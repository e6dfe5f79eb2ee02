/// A named tensor of trainable parameters. A matrix `W1` of shape 2×3 has
/// the variables `W1_1_1` … `W1_2_3` (row i, column j, counted from 1); a
/// vector `b1` of length 3 has `b1_1` … `b1_3`.
///
///     let w = ParameterTensor("W1", rows: 2, columns: 3, role: .weight)
///     print(w.variableNames.first!)   // Prints "W1_1_1"
///     let b = ParameterTensor("b1", count: 3, role: .bias)
///     print(b.variableNames.last!)    // Prints "b1_3"
public struct ParameterTensor: Sendable, Hashable {
    /// What a tensor is for; L2 penalties apply to weights only.
    public enum Role: String, Sendable, Hashable, Codable {
        /// Multiplies inputs (penalised by L2).
        case weight
        /// Added to a layer's output (not penalised).
        case bias
    }

    /// The tensor's name, the prefix of its variables.
    public let name: String
    /// The number of rows (1 for a vector).
    public let rows: Int
    /// The number of columns (the length of a vector).
    public let columns: Int
    /// Whether the tensor is a vector (one index per entry name).
    public let isVector: Bool
    /// Weight or bias.
    public let role: Role

    /// A matrix tensor.
    ///
    ///     let w = ParameterTensor("W1", rows: 2, columns: 3, role: .weight)
    ///
    /// - Precondition: `rows` and `columns` are positive.
    public init(_ name: String, rows: Int, columns: Int, role: Role) {
        precondition(rows > 0 && columns > 0, "a parameter tensor needs a positive shape")
        self.name = name
        self.rows = rows
        self.columns = columns
        self.isVector = false
        self.role = role
    }

    /// A vector tensor, used as a 1×count row vector.
    ///
    ///     let b = ParameterTensor("b1", count: 3, role: .bias)
    ///
    /// - Precondition: `count` is positive.
    public init(_ name: String, count: Int, role: Role) {
        precondition(count > 0, "a parameter tensor needs a positive shape")
        self.name = name
        self.rows = 1
        self.columns = count
        self.isVector = true
        self.role = role
    }

    /// The number of entries.
    public var count: Int { rows * columns }

    /// The entry variables, row by row: `name_i_j`, or `name_j` for a vector.
    public var variableNames: [String] {
        isVector ? (1...columns).map { "\(name)_\($0)" } : ExpressionMatrix.entryNames(name, rows: rows, columns: columns)
    }

    /// The tensor as a matrix of its variables (a vector as one row).
    ///
    ///     let z = x * ParameterTensor("W1", rows: 2, columns: 3, role: .weight).matrix
    public var matrix: ExpressionMatrix {
        ExpressionMatrix(rows: rows, columns: columns, entries: variableNames.map(Expression.variable))
    }

    /// "2×3" for a matrix, "3" for a vector.
    public var shapeDescription: String { isVector ? "\(columns)" : "\(rows)×\(columns)" }
}

/// A problem with parameter values given by name or shape.
public enum ParameterError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A name that no parameter has, with the closest existing name.
    case unknownParameter(String, suggestion: String?)
    /// A parameter without a value.
    case missingParameter(String)
    /// A tensor's values have the wrong shape.
    case shapeMismatch(tensor: String, expected: String, found: String)
    /// A flat vector of the wrong length.
    case countMismatch(expected: Int, found: Int)

    /// A fragment that reads well after "error: ".
    public var description: String {
        switch self {
        case .unknownParameter(let name, let suggestion):
            return "unknown parameter '\(name)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
        case .missingParameter(let name):
            return "parameter '\(name)' has no value"
        case .shapeMismatch(let tensor, let expected, let found):
            return "values of '\(tensor)' have shape \(found), expected \(expected)"
        case .countMismatch(let expected, let found):
            return "expected \(expected) parameter values, got \(found)"
        }
    }
}

/// The parameters of a model as an ordered list of tensors, and the one
/// flat vector an optimiser works on (autograd's `flatten`/`unflatten`):
/// tensor after tensor, each row by row.
///
///     let set = ParameterSet([ParameterTensor("W1", rows: 2, columns: 3, role: .weight),
///                             ParameterTensor("b1", rows: 1, columns: 3, role: .bias)])
///     let flat = try set.flatten(["W1": [[1, 2, 3], [4, 5, 6]], "b1": [[0, 0, 0]]])
///     print(set.unflatten(flat)["W1"]!)   // Prints "[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]"
public struct ParameterSet: Sendable, Hashable {
    /// The tensors, in flattening order.
    public let tensors: [ParameterTensor]
    /// Every entry variable, in flattening order.
    public let variableNames: [String]
    private let offsets: [Int]

    /// A set of tensors with distinct names.
    ///
    /// - Precondition: No two tensors share a name.
    public init(_ tensors: [ParameterTensor]) {
        var seen = Set<String>()
        for t in tensors { precondition(seen.insert(t.name).inserted, "parameter tensor '\(t.name)' is listed twice") }
        self.tensors = tensors
        variableNames = tensors.flatMap(\.variableNames)
        var offsets: [Int] = [0]
        for t in tensors { offsets.append(offsets.last! + t.count) }
        self.offsets = offsets
    }

    /// The number of scalar parameters.
    public var count: Int { variableNames.count }

    /// The tensor named `name`.
    public subscript(name: String) -> ParameterTensor? { tensors.first { $0.name == name } }

    /// Where tensor `name` lies in the flat vector.
    ///
    ///     let w1 = flat[set.range(of: "W1")!]
    public func range(of name: String) -> Range<Int>? {
        tensors.firstIndex { $0.name == name }.map { offsets[$0]..<offsets[$0 + 1] }
    }

    /// Whether each flat entry is a weight (L2 applies) rather than a bias.
    public var isWeight: [Bool] { tensors.flatMap { [Bool](repeating: $0.role == .weight, count: $0.count) } }

    /// The flat vector of tensor values given as nested rows (a vector as one
    /// row).
    ///
    /// - Throws: ``ParameterError`` for an unknown or missing tensor or a
    ///   wrong shape.
    public func flatten(_ values: [String: [[Double]]]) throws(ParameterError) -> [Double] {
        for name in values.keys.sorted() where self[name] == nil {
            throw .unknownParameter(name, suggestion: closestMatch(to: name, in: tensors.map(\.name)))
        }
        var flat: [Double] = []
        flat.reserveCapacity(count)
        for t in tensors {
            guard let rows = values[t.name] else { throw .missingParameter(t.name) }
            let found = "\(rows.count)×\(rows.first?.count ?? 0)"
            guard rows.count == t.rows, rows.allSatisfy({ $0.count == t.columns }) else {
                throw .shapeMismatch(tensor: t.name, expected: "\(t.rows)×\(t.columns)", found: found)
            }
            for row in rows { flat += row }
        }
        return flat
    }

    /// The flat vector of values given per entry variable (`W1_1_2` → 0.5),
    /// as a JSON start file gives them.
    ///
    /// - Throws: ``ParameterError`` for a name that is no entry variable
    ///   (with the closest one) or an entry without a value.
    public func flatten(entries: [String: Double]) throws(ParameterError) -> [Double] {
        let known = Set(variableNames)
        for name in entries.keys.sorted() where !known.contains(name) {
            throw .unknownParameter(name, suggestion: closestMatch(to: name, in: variableNames))
        }
        var flat: [Double] = []
        flat.reserveCapacity(count)
        for name in variableNames {
            guard let v = entries[name] else { throw .missingParameter(name) }
            flat.append(v)
        }
        return flat
    }

    /// Tensor values as nested rows (a vector as one row), from the flat
    /// vector.
    ///
    /// - Precondition: `flat.count == count`.
    public func unflatten(_ flat: [Double]) -> [String: [[Double]]] {
        precondition(flat.count == count, "expected \(count) parameter values, got \(flat.count)")
        var result: [String: [[Double]]] = [:]
        for (k, t) in tensors.enumerated() {
            let base = offsets[k]
            result[t.name] = (0..<t.rows).map { i in Array(flat[(base + i * t.columns)..<(base + (i + 1) * t.columns)]) }
        }
        return result
    }

    /// The symbolic gradient of `expression`, shaped like the parameters:
    /// one matrix of partial derivatives per tensor.
    ///
    ///     let g = set.gradient(of: loss)
    ///     print(g["W1"]!.shape)   // Prints "(rows: 2, columns: 3)"
    public func gradient(of expression: Expression) -> [String: ExpressionMatrix] {
        let flat = expression.gradient(withRespectTo: variableNames)
        var result: [String: ExpressionMatrix] = [:]
        for (k, t) in tensors.enumerated() {
            result[t.name] = ExpressionMatrix(rows: t.rows, columns: t.columns, entries: Array(flat[offsets[k]..<offsets[k + 1]]))
        }
        return result
    }
}
