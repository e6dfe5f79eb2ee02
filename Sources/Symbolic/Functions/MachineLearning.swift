/// Variadic functions and the building blocks of classification losses.
///
/// The losses are expressions like any other: they print, parse back,
/// differentiate (with small, overflow-free derivative graphs) and compile.
///
///     let z = [Expr.variable("z0"), .variable("z1"), .variable("z2")]
///     let loss = softmaxCrossEntropy(logits: z, label: .variable("y"))
///     print(loss)
///     // Prints "logsumexp(z0, z1, z2) - select(y, z0, z1, z2)"
///     print(loss.derivative(withRespectTo: "z1"))
///     // Prints "exp(z1 - logsumexp(z0, z1, z2)) - delta(y, 1)"

/// The largest of one or more expressions, `max(z₁, …, zₙ)`. Where several
/// arguments attain the maximum, they share its derivative equally.
///
///     max([x, y, 0])    // max(x, y, 0)
///
/// - Precondition: `values` is not empty.
public func max(_ values: [Expression]) -> Expression { .call(.max, values) }

/// The smallest of one or more expressions, `min(z₁, …, zₙ)`. Where several
/// arguments attain the minimum, they share its derivative equally.
///
///     min([x, y, 0])    // min(x, y, 0)
///
/// - Precondition: `values` is not empty.
public func min(_ values: [Expression]) -> Expression { .call(.min, values) }

/// `log(e^z₁ + … + e^zₙ)`, evaluated without overflow (exact at ±1000);
/// its derivative with respect to zᵢ is the softmax `exp(zᵢ - logsumexp(z…))`.
///
///     logsumexp([x, y])    // logsumexp(x, y)
///
/// - Precondition: `values` is not empty.
public func logsumexp(_ values: [Expression]) -> Expression { .call(.logsumexp, values) }

/// `choices[index]` for an integer-valued `index` (a class label), with
/// derivative `delta(index, k)` with respect to `choices[k]` and 0 with
/// respect to the index. Evaluates to NaN when the index is not an integer
/// in `0..<choices.count`.
///
///     select(.variable("y"), from: [a, b])    // select(y, a, b)
///
/// - Precondition: `choices` is not empty.
public func select(_ index: Expression, from choices: [Expression]) -> Expression {
    .call(.select, [index] + choices)
}

/// The Kronecker delta: 1 when `a == b`, else 0 (the language's `delta(a, b)`).
///
///     kroneckerDelta(.variable("y"), 2)    // delta(y, 2)
public func kroneckerDelta(_ a: Expression, _ b: Expression) -> Expression { .call(.delta, [a, b]) }

/// The standard slope of ``leakyRelu(_:slope:)``, 1/100 (PyTorch's default).
///
///     leakyRelu(x, slope: defaultLeakyReluSlope) == leakyRelu(x)   // true
public let defaultLeakyReluSlope = Expression.constant(.rational(Rational(1, 100)!))

/// Leaky ReLU: `x` for x > 0, `slope*x` otherwise. The slope can be any
/// expression (a trainable slope gives PReLU).
///
///     leakyRelu(x)                  // leaky_relu(x)
///     leakyRelu(x, slope: 0.2)      // leaky_relu(x, 0.2)
public func leakyRelu(_ x: Expression, slope: Expression = defaultLeakyReluSlope) -> Expression {
    .call(.leakyRelu, [x, slope])
}

/// The softmax of `logits`: `exp(z_k - logsumexp(z…))` for each k. Every
/// entry shares the one `logsumexp` node and never overflows.
///
///     softmax([a, b])    // [exp(a - logsumexp(a, b)), exp(b - logsumexp(a, b))]
///
/// - Precondition: `logits` is not empty.
public func softmax(_ logits: [Expression]) -> [Expression] {
    let normaliser = logsumexp(logits)
    return logits.map { exp($0 - normaliser) }
}

/// The log-softmax of `logits`: `z_k - logsumexp(z…)` for each k, exact
/// where `log(softmax)` would underflow to `-inf`.
///
///     logSoftmax([a, b])    // [a - logsumexp(a, b), b - logsumexp(a, b)]
///
/// - Precondition: `logits` is not empty.
public func logSoftmax(_ logits: [Expression]) -> [Expression] {
    let normaliser = logsumexp(logits)
    return logits.map { $0 - normaliser }
}

/// The softmax cross-entropy of `logits` for an integer class `label` in
/// `0..<logits.count`: `-log softmax(z)_label = logsumexp(z…) - select(label, z…)`.
/// Stable at logits of ±1000; its gradient with respect to `z_k` is
/// `softmax_k - delta(label, k)`.
///
///     let loss = softmaxCrossEntropy(logits: [a, b, c], label: .variable("y"))
///     // logsumexp(a, b, c) - select(y, a, b, c)
///
/// - Precondition: `logits` is not empty.
public func softmaxCrossEntropy(logits: [Expression], label: Expression) -> Expression {
    logsumexp(logits) - select(label, from: logits)
}

/// The softmax cross-entropy of `logits` against target `probabilities`
/// (one-hot, smoothed, or soft labels): `Σ_k p_k·(logsumexp(z…) - z_k)`.
///
///     softmaxCrossEntropy(logits: [a, b], probabilities: [0.9, 0.1])
///
/// - Precondition: `logits` is not empty and `probabilities.count == logits.count`.
public func softmaxCrossEntropy(logits: [Expression], probabilities: [Expression]) -> Expression {
    precondition(probabilities.count == logits.count, "one probability per logit")
    let normaliser = logsumexp(logits)
    return .sum(zip(logits, probabilities).map { z, p in p * (normaliser - z) })
}
