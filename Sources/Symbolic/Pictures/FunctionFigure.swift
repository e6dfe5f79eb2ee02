/// Functions of one variable, and optionally each beside its derivative —
/// the picture `sym plot` draws (the course notes' figure of step, sigmoid,
/// tanh and ReLU next to their derivatives).
///
///     let x = Expression.variable("x")
///     var picture = FunctionFigure([.call(.sigmoid, [x]), .call(.tanh, [x])], variable: "x", range: -5...5)
///     picture.derivativeOrder = 1
///     let svg = try picture.figure().svg()
///
/// Without derivatives all functions share one panel (with a legend when
/// there are several). With them, each function gets a row: the function
/// on the left, its derivative (simplified, as `sym diff` prints it) on the
/// right. Jumps and poles break the lines (see ``SampledFunction``).
public struct FunctionFigure: Sendable {
    /// The functions to draw.
    public var expressions: [Expression]
    /// The variable along the x axis.
    public var variable: String
    /// The x range drawn.
    public var range: ClosedRange<Double>
    /// Values for the expressions' other variables.
    public var parameters: [String: Double] = [:]
    /// Draw each function's derivative of this order beside it (`nil`: none).
    public var derivativeOrder: Int?
    /// Points sampled per function (before refinement at jumps).
    public var samples: Int = 801
    /// Fixed y limits for every panel; `nil` fits the data, leaving out
    /// the far ends of poles (see ``robustLimits(_:)``).
    public var yLimits: ClosedRange<Double>?
    /// The figure's title.
    public var title: String?

    /// Creates the picture description.
    ///
    ///     let parabola = FunctionFigure([Expression.variable("x") ** 2], variable: "x", range: -2...2)
    public init(_ expressions: [Expression], variable: String, range: ClosedRange<Double>) {
        self.expressions = expressions
        self.variable = variable
        self.range = range
    }

    /// Samples every function (and derivative) and lays out the figure.
    ///
    /// - Throws: ``PictureError/emptyRange`` when the range has no width,
    ///   ``PictureError/unboundVariable(_:)`` when an expression uses a
    ///   variable other than ``variable`` that ``parameters`` do not give.
    public func figure() throws(PictureError) -> Figure {
        guard range.lowerBound.isFinite, range.upperBound.isFinite, range.lowerBound < range.upperBound else {
            throw .emptyRange
        }
        let xAxis = Axis(label: variable)
        guard let order = derivativeOrder else {
            var panel = Panel(xAxis: xAxis, yAxis: Axis(label: expressions.count == 1 ? expressions[0].description : nil))
            var values: [Double] = []
            for expression in expressions {
                let curve = try sample(expression)
                values += curve.y
                panel.add(LineSeries(x: curve.x, y: curve.y, label: expressions.count == 1 ? nil : expression.description))
            }
            panel.yAxis.limits = yLimits ?? FunctionFigure.robustLimits(values)
            return Figure(title: title, panels: [panel])
        }
        var panels: [Panel] = []
        for (index, expression) in expressions.enumerated() {
            let derivative = expression.derivative(withRespectTo: variable, order: order)
            let color = Palette.color(index)
            let last = index == expressions.count - 1
            for (shown, heading) in [(expression, expression.description),
                                     (derivative, FunctionFigure.derivativeTitle(of: expression, derivative, variable, order))] {
                let curve = try sample(shown)
                var panel = Panel(title: heading, xAxis: Axis(label: last ? variable : nil))
                panel.add(LineSeries(x: curve.x, y: curve.y, color: color))
                panel.yAxis.limits = yLimits ?? FunctionFigure.robustLimits(curve.y)
                panels.append(panel)
            }
        }
        let rows = Double(expressions.count)
        return Figure(title: title, panels: panels, columns: 2, width: 720,
                      height: 40 + 210 * rows + (title == nil ? 0 : 30))
    }

    /// "d/dx f = f′" when that is short, else "d/dx f" (orders above one
    /// as dᵏ/dxᵏ; f in parentheses unless it is a name or a call).
    static func derivativeTitle(of f: Expression, _ derivative: Expression, _ variable: String, _ order: Int) -> String {
        let power = order == 1 ? "" : NumberLabel.superscript(order)
        let text = f.description
        let operand = isAtomic(text) ? text : "(\(text))"
        let operator_ = "d\(power)/d\(variable)\(power)"
        let full = "\(operator_) \(operand) = \(derivative)"
        return full.count <= 48 ? full : "\(operator_) \(operand)"
    }

    /// Whether printed expression `text` is a name, a number or one call
    /// `f(...)` whose parentheses enclose the rest.
    static func isAtomic(_ text: String) -> Bool {
        guard let open = text.firstIndex(of: "(") else { return !text.contains { " +-*/^".contains($0) } }
        guard text.last == ")", !text[..<open].contains(where: { " +-*/^".contains($0) }) else { return false }
        var depth = 0
        for (index, character) in zip(text.indices, text) {
            if character == "(" { depth += 1 }
            if character == ")" { depth -= 1 }
            if depth == 0 && index != text.index(before: text.endIndex) && index >= open { return false }
        }
        return true
    }

    /// The function along the range, with parameters substituted.
    private func sample(_ expression: Expression) throws(PictureError) -> SampledFunction {
        let others = expression.variables.filter { $0 != variable }
        if let missing = others.first(where: { parameters[$0] == nil }) { throw .unboundVariable(missing) }
        let function: CompiledFunction
        do {
            function = try expression.compile(variables: [variable], parameters: others)
        } catch {
            throw .invalidData(error.description)
        }
        let values = others.map { parameters[$0]! }
        return SampledFunction(over: range, count: samples) { function([$0], parameters: values)[0] }
    }

    /// Y limits that leave out the far ends of poles: when the values'
    /// full range is more than twenty times the range of their middle 96%,
    /// the middle range widened by half its size on each side; else `nil`
    /// (fit everything).
    ///
    ///     FunctionFigure.robustLimits([0, 1, 2, 3, 4, 1e9])   // nil: too few values to judge
    public static func robustLimits(_ values: [Double]) -> ClosedRange<Double>? {
        let sorted = values.filter(\.isFinite).sorted()
        guard sorted.count >= 50 else { return nil }
        let low = sorted[sorted.count * 2 / 100], high = sorted[sorted.count * 98 / 100]
        let middle = high - low
        guard middle > 0, sorted[sorted.count - 1] - sorted[0] > 20 * middle else { return nil }
        return (low - middle / 2)...(high + middle / 2)
    }
}

/// A problem building a picture from its inputs.
public enum PictureError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The x range is empty, reversed or not finite.
    case emptyRange
    /// An expression uses a variable with no value.
    case unboundVariable(String)
    /// There is no data to draw.
    case noData
    /// Data that do not fit together, described.
    case invalidData(String)

    /// A fragment that reads well after "error: ".
    ///
    ///     PictureError.unboundVariable("a").description
    ///     // "no value for variable 'a'; give it a value"
    public var description: String {
        switch self {
        case .emptyRange: return "the range must have a finite lower bound below its upper bound"
        case .unboundVariable(let name): return "no value for variable '\(name)'; give it a value"
        case .noData: return "there is nothing to draw"
        case .invalidData(let reason): return reason
        }
    }
}
