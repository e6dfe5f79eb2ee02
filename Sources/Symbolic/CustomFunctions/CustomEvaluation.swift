extension CustomFunction {
    /// The value of the rule ∂f/∂(parameter `index`) at `arguments`: the
    /// local slope forward mode and traces multiply by.
    ///
    ///     p3.partialValue(0, at: [2])   // 28.5 (= 7.5*2^2 - 1.5)
    ///
    /// - Precondition: `arguments.count == arity` and `index` is a
    ///   parameter index.
    public func partialValue(_ index: Int, at arguments: [Double]) -> Double {
        precondition(arguments.count == arity, "\(name) takes \(arity) argument(s), not \(arguments.count)")
        let rule = derivative(withRespectToParameter: index)
        if let n = rule.numberValue { return n.doubleValue }
        return (try? rule.evaluate(at: Dictionary(uniqueKeysWithValues: zip(parameters, arguments)))) ?? .nan
    }
}

extension Dual {
    /// A user-defined function on dual numbers: the value from its body or
    /// closure, the derivative part by the chain rule through its rules.
    ///
    ///     let y = Dual.apply(p3, [Dual(2, derivative: 1)])
    ///     print(y.value, y.derivative)   // Prints "17.0 28.5"
    ///
    /// - Precondition: `arguments.count == function.arity`.
    public static func apply(_ function: CustomFunction, _ arguments: [Dual]) -> Dual {
        let values = arguments.map(\.value)
        var derivative = 0.0
        for (k, a) in arguments.enumerated() where a.derivative != 0 {
            derivative += function.partialValue(k, at: values) * a.derivative
        }
        return Dual(function.evaluate(values), derivative: derivative)
    }
}
