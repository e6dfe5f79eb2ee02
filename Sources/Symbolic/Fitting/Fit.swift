/// Fits `model` to `data`: the parameters minimising the mean loss over the
/// rows (plus an optional L2 penalty), with uncertainties and fit statistics.
///
///     let data = try DataTable(contentsOfCSVFile: "decay.csv")          // columns t, y
///     let model = try FormulaModel(parsing: "a*exp(-k*t) + c", columns: data.columnNames)
///     var options = FitOptions()
///     options.start = ["a": 10, "k": 0.5]
///     let result = try fit(model, to: data, target: "y", options: options)
///     print(result["k"]!, result.standardError("k")!, result.stopReason)
///
/// The squared loss is minimised by default with Levenberg–Marquardt on the
/// residuals fᵢ − tᵢ, with the exact symbolic Jacobian compiled once and
/// evaluated over all rows by the batched program
/// (``solveLeastSquares(_:from:options:observer:)``); standard errors are
/// √diag(s²·(JᵀJ)⁻¹) from the QR factor of J at the solution, as NIST and
/// SciPy's `curve_fit` define them. Other losses, and other methods, run
/// the optimisers on the data objective (1/n)·Σ L(f(xᵢ; p), tᵢ): its
/// gradient sums compiled per-sample gradients, Newton's Hessian sums the
/// compiled per-sample Hessians (never a rebuilt expression over all rows),
/// and first-order methods can use mini-batches (``FitOptions/stochastic``).
///
/// - Parameters:
///   - model: The formulas and which of their variables are data and parameters.
///   - data: The rows.
///   - target: The column to predict, or an expression of columns such as
///     `log(y)`; `nil` picks the column `y` when the model does not read it,
///     otherwise the last column the model does not read.
///   - loss: The per-sample loss. Default ``FitLoss/squared``.
///   - method: The algorithm; `nil` picks ``FitMethod/automatic(loss:parameterCount:)``.
///   - options: Starts, fixed parameters, bounds, penalty, tolerances.
///   - observer: Called with the start (iteration 0) and after every
///     iteration; return ``ObserverDecision/stop`` to end the fit early.
/// - Returns: The parameters, their standard errors (squared loss), the
///   objective, RSS, R², s, iteration counts, the stop reason and the loss history.
/// - Throws: ``FitError`` naming what is wrong: a missing column, a bad
///   label, an unknown parameter in the options, a start outside its bounds,
///   every parameter fixed, `lm` with a loss other than squared.
public func fit(
    _ model: FormulaModel, to data: DataTable, target: String? = nil, loss: FitLoss = .squared,
    method: FitMethod? = nil, options: FitOptions = FitOptions(),
    observer: ((FitProgress) -> ObserverDecision)? = nil
) throws(FitError) -> FitResult {
    let setup = try FitSetup(model: model, data: data, target: target, loss: loss, method: method, options: options)
    if setup.method == .lm { return try setup.runLeastSquares(observer: observer) }
    return try setup.runOptimizer(observer: observer)
}
