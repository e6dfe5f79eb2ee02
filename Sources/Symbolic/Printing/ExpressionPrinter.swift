/// The printing engine shared by the infix and LaTeX printers.
///
/// It walks the expression with an explicit stack of tasks (text to emit, or
/// a node to print in a context), so printing never recurses and works for any
/// depth; output is produced in one buffer, in time linear in its length.
/// Both formats share the precedence logic (`needsParentheses`); they differ
/// only in the tokens they emit.
struct ExpressionPrinter {
    enum Format { case infix, latex }

    /// Where a node is printed, which decides whether it needs parentheses.
    enum Context {
        case top          // whole expression, function argument, inside LaTeX braces
        case sumTerm      // a term of a sum (its sign is printed by the sum)
        case factor       // a factor of a product
        case denominator  // after "/" in infix
        case base         // base of a power
        case exponent     // exponent of a power (infix only; LaTeX uses braces)
    }

    private enum Task {
        case text(String)
        case node(Expression, Context)
        /// A product body with a non-negative coefficient (the sign was printed).
        case product(Number, [Expression])
    }

    let format: Format
    /// Names printed instead of the nodes they stand for (shared temporaries).
    var names: [Int: String] = [:]
    /// LaTeX for variables whose usual form would collide (see ``LaTeXNames``).
    var latexNames: [String: String] = [:]

    init(format: Format, names: [Int: String] = [:], latexNames: [String: String] = [:]) {
        self.format = format
        self.names = names
        self.latexNames = latexNames
    }

    func print(_ root: Expression) -> String {
        var references: [Int] = []
        return print(root, references: &references)
    }

    /// The text of `root`, appending to `references` the id of every node
    /// printed as its name from ``names`` (once per occurrence).
    func print(_ root: Expression, references: inout [Int]) -> String {
        var out = ""
        var stack: [Task] = [.node(root, .top)]
        while let task = stack.popLast() {
            switch task {
            case .text(let s):
                out += s
            case .product(let coefficient, let factors):
                pushProduct(coefficient, factors, onto: &stack)
            case .node(let e, let context):
                if e != root, let name = names[e.id] {
                    out += name
                    references.append(e.id)
                } else if needsParentheses(e, in: context) {
                    stack.append(.text(format == .latex ? "\\right)" : ")"))
                    stack.append(.node(e, .top))
                    out += format == .latex ? "\\left(" : "("
                } else {
                    push(e, onto: &stack)
                }
            }
        }
        return out
    }

    // MARK: - Expansion of one node into tasks (pushed in reverse order)

    private func push(_ e: Expression, onto stack: inout [Task]) {
        switch e.kind {
        case .constant(let n):
            stack.append(.text(format == .latex ? ExpressionPrinter.latexNumber(n) : ExpressionPrinter.infixNumber(n)))
        case .namedConstant(let c):
            stack.append(.text(format == .latex && c == .pi ? "\\pi" : c.rawValue))
        case .variable(let name):
            stack.append(.text(format == .latex ? latexNames[name] ?? LaTeXNames.name(of: name) : name))
        case .sum(var terms):
            // Lead with a positive term when there is one: `1 - x^2`, not `-x^2 + 1`.
            if ExpressionPrinter.negatedTerm(terms[0]) != nil,
               let k = terms.firstIndex(where: { ExpressionPrinter.negatedTerm($0) == nil }) {
                terms.insert(terms.remove(at: k), at: 0)
            }
            var tasks: [Task] = []
            for (i, term) in terms.enumerated() {
                if let magnitude = ExpressionPrinter.negatedTerm(term) {
                    tasks.append(.text(i == 0 ? "-" : " - "))
                    tasks.append(magnitude)
                } else {
                    if i > 0 { tasks.append(.text(" + ")) }
                    tasks.append(.node(term, .sumTerm))
                }
            }
            stack.append(contentsOf: tasks.reversed())
        case .product(let factors):
            if case .constant(let c) = factors[0].kind {
                let rest = Array(factors.dropFirst())
                if c.isNegative {
                    stack.append(.product(c.negated, rest))
                    stack.append(.text("-"))
                } else {
                    stack.append(.product(c, rest))
                }
            } else {
                stack.append(.product(.one, factors))
            }
        case .power(let base, let exponent):
            if ExpressionPrinter.isReciprocal(e) {
                stack.append(.product(.one, [e]))
            } else if format == .latex {
                stack.append(.text("}"))
                stack.append(.node(exponent, .top))
                stack.append(.text("^{"))
                stack.append(.node(base, .base))
            } else {
                stack.append(.node(exponent, .exponent))
                stack.append(.text("^"))
                stack.append(.node(base, .base))
            }
        case .call(let f, let args):
            pushCall(f, args, onto: &stack)
        case .custom(let f, let args):
            // User-defined: by name, `\operatorname{P3}\left(x\right)` in LaTeX.
            let latex = format == .latex
            let name = latex ? "\\operatorname{\(f.name.replacingOccurrences(of: "_", with: "\\_"))}\\left(" : f.name + "("
            var tasks: [Task] = [.text(name)]
            for (i, a) in args.enumerated() {
                if i > 0 { tasks.append(.text(", ")) }
                tasks.append(.node(a, .top))
            }
            tasks.append(.text(latex ? "\\right)" : ")"))
            stack.append(contentsOf: tasks.reversed())
        }
    }

    private func pushCall(_ f: Function, _ args: [Expression], onto stack: inout [Task]) {
        var tasks: [Task] = []
        var args = args
        if f == .leakyRelu && args[1] == defaultLeakyReluSlope { args.removeLast() }   // leaky_relu(x)
        if format == .latex {
            switch f {
            case .delta:
                // The Iverson bracket [a = b].
                tasks = [.text("\\left["), .node(args[0], .top), .text(" = "), .node(args[1], .top), .text("\\right]")]
            case .sqrt:
                tasks = [.text("\\sqrt{"), .node(args[0], .top), .text("}")]
            case .cbrt:
                tasks = [.text("\\sqrt[3]{"), .node(args[0], .top), .text("}")]
            case .floor:
                tasks = [.text("\\left\\lfloor "), .node(args[0], .top), .text("\\right\\rfloor")]
            case .ceil:
                tasks = [.text("\\left\\lceil "), .node(args[0], .top), .text("\\right\\rceil")]
            case .abs:
                tasks = [.text("\\left|"), .node(args[0], .top), .text("\\right|")]
            default:
                tasks.append(.text(ExpressionPrinter.latexFunctionName(f) + "\\left("))
                for (i, a) in args.enumerated() {
                    if i > 0 { tasks.append(.text(", ")) }
                    tasks.append(.node(a, .top))
                }
                tasks.append(.text("\\right)"))
            }
        } else {
            tasks.append(.text(f.name + "("))
            for (i, a) in args.enumerated() {
                if i > 0 { tasks.append(.text(", ")) }
                tasks.append(.node(a, .top))
            }
            tasks.append(.text(")"))
        }
        stack.append(contentsOf: tasks.reversed())
    }

    /// A product `coefficient * factors` with `coefficient >= 0`: factors with
    /// a negative numeric exponent and the coefficient's denominator go below
    /// a fraction bar.
    private func pushProduct(_ coefficient: Number, _ factors: [Expression], onto stack: inout [Task]) {
        var numerator: [Task] = []
        var denominator: [Task] = []
        var numeratorStartsWithNumber: [Bool] = []
        switch coefficient {
        case .rational(let r):
            if r.numerator != 1 {
                numerator.append(.text(String(r.numerator)))
                numeratorStartsWithNumber.append(true)
            }
            if r.denominator != 1 { denominator.append(.text(String(r.denominator))) }
        case .real:
            numerator.append(.node(.constant(coefficient), .factor))
            numeratorStartsWithNumber.append(true)
        }
        for f in factors {
            if ExpressionPrinter.isReciprocal(f), case .power(let b, let e) = f.kind, let n = e.numberValue {
                denominator.append(.node(Expression.power(b, .constant(n.negated)), format == .latex ? .factor : .denominator))
            } else {
                numerator.append(.node(f, .factor))
                numeratorStartsWithNumber.append(ExpressionPrinter.startsWithDigit(f))
            }
        }
        if numerator.isEmpty {
            numerator.append(.text("1"))
            numeratorStartsWithNumber.append(true)
        }
        let latexSeparator = { (next: Int) -> String in numeratorStartsWithNumber[next] ? " \\cdot " : " " }
        var tasks: [Task] = []
        func join(_ items: [Task], latex: Bool, into tasks: inout [Task]) {
            for (i, item) in items.enumerated() {
                if i > 0 { tasks.append(.text(latex ? latexSeparator(i) : "*")) }
                tasks.append(item)
            }
        }
        if format == .latex {
            // Inside \frac braces a lone operand needs no parentheses.
            if numerator.count == 1, case .node(let e, _) = numerator[0] { numerator[0] = .node(e, .top) }
            if denominator.count == 1, case .node(let e, _) = denominator[0] { denominator[0] = .node(e, .top) }
            if denominator.isEmpty && numerator.count == 1, case .node(let e, _) = numerator[0] {
                numerator[0] = .node(e, .factor)
            }
            if denominator.isEmpty {
                join(numerator, latex: true, into: &tasks)
            } else {
                tasks.append(.text("\\frac{"))
                join(numerator, latex: true, into: &tasks)
                tasks.append(.text("}{"))
                for (i, item) in denominator.enumerated() {
                    if i > 0 { tasks.append(.text(" ")) }
                    tasks.append(item)
                }
                tasks.append(.text("}"))
            }
        } else {
            join(numerator, latex: false, into: &tasks)
            if !denominator.isEmpty {
                tasks.append(.text("/"))
                if denominator.count == 1 {
                    tasks.append(denominator[0])
                } else if denominator.count > Expression.flatteningLimit {
                    // `a/(b1*…*bn)` would read back as `a*(b1*…*bn)^-1`, whose
                    // n > flatteningLimit reciprocals stay one nested factor;
                    // `a/b1/…/bn` reads back as the one flat product printed.
                    for (i, item) in denominator.enumerated() {
                        if i > 0 { tasks.append(.text("/")) }
                        tasks.append(item)
                    }
                } else {
                    tasks.append(.text("("))
                    // Inside the parentheses the factors are ordinary factors.
                    let inner = denominator.map { task -> Task in
                        if case .node(let e, .denominator) = task { return .node(e, .factor) }
                        return task
                    }
                    join(inner, latex: false, into: &tasks)
                    tasks.append(.text(")"))
                }
            }
        }
        stack.append(contentsOf: tasks.reversed())
    }

    // MARK: - Precedence

    private func needsParentheses(_ e: Expression, in context: Context) -> Bool {
        switch context {
        case .top:
            return false
        case .sumTerm:
            // Only a sum too long to flatten is nested in a sum; keep its grouping.
            if case .sum = e.kind { return true }
            return false
        case .factor:
            switch e.kind {
            case .sum, .product: return true   // a nested product is one too long to flatten
            default: return ExpressionPrinter.negatedTerm(e) != nil
            }
        case .denominator:
            return !isAtomic(e) && !isPositivePower(e)
        case .base, .exponent:
            return !isAtomic(e)
        }
    }

    /// Prints without any operator at its top level and without a sign.
    private func isAtomic(_ e: Expression) -> Bool {
        switch e.kind {
        case .variable, .namedConstant, .call, .custom: return true
        case .constant(let n):
            if case .rational(let r) = n { return r.numerator >= 0 && r.isInteger }
            // LaTeX prints 1e-05 as a product with 10^{..}; keep it grouped.
            return !n.isNegative && (format == .infix || !n.description.contains("e"))
        case .sum, .product, .power: return false
        }
    }

    private func isPositivePower(_ e: Expression) -> Bool {
        if case .power = e.kind { return !ExpressionPrinter.isReciprocal(e) }
        return false
    }

    // MARK: - Helpers

    /// `b^e` with a negative numeric `e`, printed as `1/b^-e`.
    ///
    /// Not for a product or power raised to the float `-1.0`: `b^1.0` prints
    /// as `b`, and `1/b` reads back with the exact exponent −1, which
    /// distributes over `b` (`(a/b)^-1.0` would come back as `b/a`,
    /// `(x^y)^-1.0` as `x^(-y)`), so such powers print as `b^-1.0`.
    static func isReciprocal(_ e: Expression) -> Bool {
        guard case .power(let base, let exponent) = e.kind, let n = exponent.numberValue, n.isNegative else { return false }
        if case .real(let value) = n, value == -1 {
            switch base.kind {
            case .product, .power: return false
            default: return true
            }
        }
        return true
    }

    /// For a term printed after a minus sign, the task that prints its
    /// magnitude; `nil` when the term is not negative.
    private static func negatedTerm(_ term: Expression) -> Task? {
        switch term.kind {
        case .constant(let n) where n.isNegative:
            return .node(.constant(n.negated), .sumTerm)
        case .product(let factors):
            if case .constant(let c) = factors[0].kind, c.isNegative {
                return .product(c.negated, Array(factors.dropFirst()))
            }
            return nil
        default:
            return nil
        }
    }

    private static func startsWithDigit(_ e: Expression) -> Bool {
        switch e.kind {
        case .constant: return true
        case .power(let b, _): return b.isConstantNumber
        default: return false
        }
    }

    /// A number as infix text that parses back to it: IEEE infinities and
    /// NaN (which the parser would read as variables named `inf` and `nan`)
    /// print as the constant quotients that fold to them, `(1/0)` and `(0/0)`
    /// (−∞ prints as `-(1/0)`).
    static func infixNumber(_ n: Number) -> String {
        guard case .real(let d) = n, !d.isFinite else { return n.description }
        if d.isNaN { return "(0/0)" }
        return d < 0 ? "-(1/0)" : "(1/0)"
    }

    static func latexNumber(_ n: Number) -> String {
        switch n {
        case .rational(let r):
            if r.isInteger { return String(r.numerator) }
            let sign = r.numerator < 0 ? "-" : ""
            return "\(sign)\\frac{\(r.numerator.magnitude)}{\(r.denominator)}"
        case .real(let d):
            let text = d.description
            guard let eIndex = text.firstIndex(where: { $0 == "e" || $0 == "E" }) else { return text }
            let mantissa = text[..<eIndex]
            let exponent = Int(text[text.index(after: eIndex)...]) ?? 0
            return "\(mantissa) \\times 10^{\(exponent)}"
        }
    }

    private static func latexFunctionName(_ f: Function) -> String {
        switch f {
        case .sin, .cos, .tan, .sinh, .cosh, .tanh, .exp: return "\\" + f.name
        case .log: return "\\ln"
        case .log10: return "\\log_{10}"
        case .log2: return "\\log_{2}"
        case .asinh: return "\\operatorname{arsinh}"
        case .acosh: return "\\operatorname{arcosh}"
        case .atanh: return "\\operatorname{artanh}"
        case .asin: return "\\arcsin"
        case .acos: return "\\arccos"
        case .atan: return "\\arctan"
        case .max: return "\\max"
        case .min: return "\\min"
        default: return "\\operatorname{\(f.name.replacingOccurrences(of: "_", with: "\\_"))}"
        }
    }
}

extension Number {
    /// `-self` (exact for rationals other than `Int.min`).
    var negated: Number {
        switch self {
        case .rational(let r):
            if let n = Rational(0 &- r.numerator, r.denominator), r.numerator != Int.min { return .rational(n) }
            return .real(-r.doubleValue)
        case .real(let d): return .real(-d)
        }
    }
}
