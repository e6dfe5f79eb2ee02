/// A smooth function to minimise, given as allocation-free closures over
/// flat `Double` buffers.
///
/// The optimisers only ever see these closures, so an objective can come from
/// hand-written Swift code, from a symbolic ``Expression`` (see
/// `Objective(expression:variables:)`) or from a compiled program:
///
///     // f(x, y) = (x - 1)^2 + 10 (y - x^2)^2
///     let f = Objective(dimension: 2) { x, g in
///         let r = x[1] - x[0] * x[0]
///         g[0] = 2 * (x[0] - 1) - 40 * x[0] * r
///         g[1] = 20 * r
///         return (x[0] - 1) * (x[0] - 1) + 10 * r * r
///     }
///     let result = try minimize(f, from: [-1, 1], method: .bfgs)
///     print(result.point)   // Prints approximately "[1.0, 1.0]"
///
/// Every closure must be a pure function of the point: the optimisers call them
/// in any order and count every call.
public struct Objective: Sendable {
    /// The number of variables.
    public let dimension: Int

    /// Returns f(x). The buffer holds `dimension` values.
    public let value: @Sendable (UnsafeBufferPointer<Double>) -> Double

    /// Writes ∇f(x) into the second buffer (`dimension` values) and returns f(x).
    public let valueAndGradient: @Sendable (UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> Double

    /// Writes the dense, row-major Hessian ∇²f(x) (all `dimension`²
    /// entries) into the second buffer, or `nil` when the objective has no
    /// Hessian; Newton's method needs one.
    public let hessian: (@Sendable (UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> Void)?

    /// The Hessian's structurally non-zero lower triangle, when known;
    /// Newton's method then works in O(non-zeros + envelope) per iteration
    /// instead of O(n²) (the extended Rosenbrock Hessian is tridiagonal).
    public let sparseHessian: SparseHessian?

    /// Creates an objective from its closures.
    ///
    /// - Parameters:
    ///   - dimension: The number of variables, at least 1.
    ///   - value: Returns f(x); when `nil`, `valueAndGradient` is called
    ///     into a scratch buffer instead.
    ///   - hessian: Writes all n² entries of the row-major Hessian, or `nil`.
    ///   - sparseHessian: The Hessian's non-zero lower triangle, or `nil`;
    ///     when `hessian` is `nil`, the dense Hessian is derived from it.
    ///   - valueAndGradient: Writes ∇f(x) and returns f(x).
    public init(
        dimension: Int,
        value: (@Sendable (UnsafeBufferPointer<Double>) -> Double)? = nil,
        hessian: (@Sendable (UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> Void)? = nil,
        sparseHessian: SparseHessian? = nil,
        valueAndGradient: @escaping @Sendable (UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> Double
    ) {
        precondition(dimension >= 1, "an objective needs at least one variable")
        self.dimension = dimension
        self.valueAndGradient = valueAndGradient
        self.sparseHessian = sparseHessian
        if let hessian {
            self.hessian = hessian
        } else if let sparseHessian {
            precondition(sparseHessian.rows.allSatisfy { $0 < dimension }, "sparse Hessian row out of range")
            self.hessian = { x, h in sparseHessian.fillDense(at: x, into: h, dimension: dimension) }
        } else {
            self.hessian = nil
        }
        if let value {
            self.value = value
        } else {
            // Fallback for objectives that only know value-and-gradient: this
            // allocates, but the optimisers here never call `value` in a loop.
            self.value = { x in
                withUnsafeTemporaryAllocation(of: Double.self, capacity: dimension) { g in
                    valueAndGradient(x, g)
                }
            }
        }
    }

    /// Evaluates f and ∇f at `point` (convenience for tests and callers that
    /// hold arrays; allocates).
    ///
    /// - Precondition: `point.count == dimension`.
    public func valueAndGradient(at point: [Double]) -> (value: Double, gradient: [Double]) {
        precondition(point.count == dimension, "point has \(point.count) values, objective needs \(dimension)")
        var gradient = [Double](repeating: 0, count: dimension)
        let f = point.withUnsafeBufferPointer { x in
            gradient.withUnsafeMutableBufferPointer { g in valueAndGradient(x, g) }
        }
        return (f, gradient)
    }

    /// Evaluates f at `point` (convenience; allocation-free apart from the call).
    ///
    /// - Precondition: `point.count == dimension`.
    public func value(at point: [Double]) -> Double {
        precondition(point.count == dimension, "point has \(point.count) values, objective needs \(dimension)")
        return point.withUnsafeBufferPointer { value($0) }
    }

    /// Evaluates the dense row-major Hessian at `point`, or returns `nil` when
    /// the objective has none.
    ///
    /// - Precondition: `point.count == dimension`.
    public func hessian(at point: [Double]) -> [Double]? {
        precondition(point.count == dimension, "point has \(point.count) values, objective needs \(dimension)")
        guard let hessian else { return nil }
        var h = [Double](repeating: 0, count: dimension * dimension)
        point.withUnsafeBufferPointer { x in
            h.withUnsafeMutableBufferPointer { hessian(x, $0) }
        }
        return h
    }
}

/// The structurally non-zero entries of the lower triangle of a symmetric
/// Hessian, and a closure that evaluates them.
public struct SparseHessian: Sendable {
    /// The row of each entry; `rows[k] >= columns[k]`.
    public let rows: [Int]
    /// The column of each entry.
    public let columns: [Int]
    /// Writes the value of entry k into `values[k]` (`rows.count` values).
    public let values: @Sendable (UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> Void

    /// Creates a sparse Hessian from its lower-triangle structure (each
    /// position at most once) and its value closure.
    ///
    /// - Precondition: `rows.count == columns.count` and `rows[k] >= columns[k] >= 0`.
    public init(rows: [Int], columns: [Int],
                values: @escaping @Sendable (UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> Void) {
        precondition(rows.count == columns.count, "one column per row index")
        precondition(zip(rows, columns).allSatisfy { $0 >= $1 && $1 >= 0 }, "entries must be in the lower triangle")
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    /// Writes the full dense Hessian (both triangles, zeros elsewhere).
    func fillDense(at x: UnsafeBufferPointer<Double>, into h: UnsafeMutableBufferPointer<Double>, dimension n: Int) {
        h.update(repeating: 0)
        withUnsafeTemporaryAllocation(of: Double.self, capacity: Swift.max(rows.count, 1)) { v in
            values(x, v)
            for k in rows.indices {
                h[rows[k] * n + columns[k]] = v[k]
                h[columns[k] * n + rows[k]] = v[k]
            }
        }
    }
}
