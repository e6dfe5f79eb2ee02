/// Minimises `expression` from a starting point given by variable name —
/// the library side of `sym minimize EXPR --from a=1,b=2`.
///
///     let w = Expression.variable("w")
///     let result = try minimize(w ** 2 - 2 * w + 5, from: [("w", 0)], method: .adam)
///     print(result.point, result.value)   // Prints approximately "[1.0] 4.0"
///
/// The optimisation variables are the names of `start`, in that order
/// (`result.point[i]` belongs to `start[i].name`); names the expression
/// does not use are allowed and stay where they start.
///
/// - Parameters:
///   - expression: The objective.
///   - start: A finite starting value for every variable of `expression`.
///   - method: The algorithm; `nil` picks
///     ``OptimizationMethod/automatic(dimension:hasHessian:)`` (Newton for
///     up to 50 variables, since expressions always have a Hessian).
///   - options: As for ``minimize(_:from:method:options:observer:)``.
///   - observer: As for ``minimize(_:from:method:options:observer:)``.
/// - Throws: ``OptimizationError/missingStartValue(_:)`` naming the first
///   variable of the expression without a value,
///   ``OptimizationError/duplicateStartValue(_:)``,
///   ``OptimizationError/nonFiniteStartValue(_:)``, and the errors of
///   ``minimize(_:from:method:options:observer:)``.
public func minimize(
    _ expression: Expression,
    from start: [(name: String, value: Double)],
    method: OptimizationMethod? = nil,
    options: OptimizationOptions = OptimizationOptions(),
    observer: ((OptimizationProgress) -> ObserverDecision)? = nil
) throws(OptimizationError) -> OptimizationResult {
    let names = start.map(\.name)
    var seen = Set<String>()
    for name in names where !seen.insert(name).inserted { throw .duplicateStartValue(name) }
    for name in expression.variables where !seen.contains(name) { throw .missingStartValue(name) }
    if start.isEmpty { throw .missingStartValue("") }
    if let bad = start.first(where: { !$0.value.isFinite }) { throw .nonFiniteStartValue(bad.name) }
    let objective: Objective
    do {
        objective = try Objective(expression: expression, variables: names)
    } catch {
        // Unreachable after the checks above; report it rather than trap.
        throw .invalidOption(option: "start", reason: error.description)
    }
    return try minimize(objective, from: start.map(\.value), method: method, options: options, observer: observer)
}
