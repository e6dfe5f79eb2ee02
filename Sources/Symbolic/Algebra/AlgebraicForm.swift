/// What an ``AlgebraicConverter`` turns regions of an expression into.
enum AlgebraicMode {
    /// Laurent polynomials in the atoms: products distributed, integer powers
    /// of sums multiplied out, negative powers of sums kept as atoms.
    case expand
    /// Rational functions in the atoms, numerator and denominator reduced by
    /// their gcd after every operation.
    case rational
}

/// `numerator / denominator`; in ``AlgebraicMode/expand`` the denominator
/// is always 1 and the numerator may have negative exponents.
struct RationalFunction {
    var numerator: Polynomial
    var denominator: Polynomial = .one
}

/// Turns expressions into polynomials or rational functions over numbered
/// atoms and back, bottom-up over the graph.
///
/// Atoms are the leaves and the nodes that are not polynomial in their
/// operands: variables, named constants, floating-point numbers (kept exact
/// by treating them as symbols), calls (whose arguments are converted in
/// turn), powers with non-integer exponents, and — when expanding — negative
/// powers of sums. A node whose conversion passes a limit (``AlgebraLimit``)
/// becomes an atom too, rebuilt from its operands' converted forms, so the
/// pass always finishes. Variables are numbered first, in alphabetical order,
/// so that "leading coefficient" means the same thing as in SymPy (`x` before
/// `y`).
struct AlgebraicConverter {
    let mode: AlgebraicMode
    /// How a region's rational function is written back (expanded, cancelled
    /// or factored).
    let render: (RationalFunction, [Expression]) -> Expression

    private(set) var atoms: [Expression] = []
    private var atomIndex: [Expression: Int] = [:]
    private var forms: [Int: RationalFunction] = [:]
    private var finals: [Int: Expression] = [:]

    init(mode: AlgebraicMode, variables: [String] = [],
         render: @escaping (RationalFunction, [Expression]) -> Expression) {
        self.mode = mode
        self.render = render
        for v in variables.sorted() { _ = generator(.variable(v)) }
    }

    /// The generator polynomial of `atom`.
    mutating func generator(_ atom: Expression) -> Polynomial {
        if let i = atomIndex[atom] { return Polynomial(generator: i) }
        atomIndex[atom] = atoms.count
        atoms.append(atom)
        return Polynomial(generator: atoms.count - 1)
    }

    /// The index of `atom` if it has been numbered.
    func index(of atom: Expression) -> Int? { atomIndex[atom] }

    /// The converted form of the whole of `expression` (an atom's form is its
    /// generator).
    mutating func form(of expression: Expression) -> RationalFunction {
        for node in expression.topologicallySortedNodes() where forms[node.id] == nil && finals[node.id] == nil {
            process(node)
        }
        return formOrAtom(expression)
    }

    /// `expression` written back through ``render``.
    mutating func converted(_ expression: Expression) -> Expression {
        let f = form(of: expression)
        return render(f, atoms)
    }

    private mutating func formOrAtom(_ node: Expression) -> RationalFunction {
        if let f = forms[node.id] { return f }
        return RationalFunction(numerator: generator(finals[node.id]!))
    }

    /// The written-back form of a node (for the operands of atoms).
    private mutating func final(_ node: Expression) -> Expression {
        if let f = finals[node.id] { return f }
        let written = render(forms[node.id]!, atoms)
        finals[node.id] = written
        return written
    }

    private mutating func process(_ node: Expression) {
        do {
            if let f = try algebraicForm(node) { forms[node.id] = f; return }
        } catch {}
        finals[node.id] = node.operands.isEmpty ? node : node.replacingOperands(node.operands.map { final($0) })
    }

    /// The node's form from its operands' forms, or `nil` when it is an atom.
    private mutating func algebraicForm(_ node: Expression) throws(AlgebraLimit) -> RationalFunction? {
        switch node.kind {
        case .constant(let n):
            guard case .rational(let r) = n else { return nil }
            return RationalFunction(numerator: Polynomial(constant: r))
        case .variable, .namedConstant, .call, .custom:
            return nil
        case .sum(let terms):
            var total = RationalFunction(numerator: .zero)
            for t in terms { total = try add(total, formOrAtom(t)) }
            return total
        case .product(let factors):
            var total = RationalFunction(numerator: .one)
            for f in factors { total = try multiply(total, formOrAtom(f)) }
            return total
        case .power(let base, let exponent):
            guard let n = exponent.numberValue?.integerValue else { return nil }
            guard n.magnitude <= 1000 else { throw .tooLarge }
            let b = formOrAtom(base)
            if n >= 0 {
                return RationalFunction(numerator: try b.numerator.power(n), denominator: try b.denominator.power(n))
            }
            switch mode {
            case .expand:
                guard b.numerator.terms.count == 1, let (m, c) = b.numerator.leadingTerm else {
                    // A negative power of a sum: the expanded sum is an atom.
                    let atom = final(base)
                    _ = generator(atom)
                    return RationalFunction(numerator: Polynomial(Rational(1), Monomial(generator: atomIndex[atom]!, power: n)))
                }
                let inverse = try Monomial(m.exponents.map { -$0 }).times(.one)
                return RationalFunction(numerator: try Polynomial(try Exact.inverse(c), inverse).power(-n))
            case .rational:
                guard !b.numerator.isZero else { return nil }
                return try reduced(RationalFunction(numerator: try b.denominator.power(-n),
                                                    denominator: try b.numerator.power(-n)))
            }
        }
    }

    private func add(_ a: RationalFunction, _ b: RationalFunction) throws(AlgebraLimit) -> RationalFunction {
        if mode == .expand || a.denominator == b.denominator {
            let sum = RationalFunction(numerator: try a.numerator.plus(b.numerator), denominator: a.denominator)
            return mode == .expand ? sum : try reduced(sum)
        }
        let n = try (try a.numerator.times(b.denominator)).plus(try b.numerator.times(a.denominator))
        return try reduced(RationalFunction(numerator: n, denominator: try a.denominator.times(b.denominator)))
    }

    private func multiply(_ a: RationalFunction, _ b: RationalFunction) throws(AlgebraLimit) -> RationalFunction {
        let p = RationalFunction(numerator: try a.numerator.times(b.numerator),
                                 denominator: try a.denominator.times(b.denominator))
        return mode == .expand ? p : try reduced(p)
    }

    /// Numerator and denominator divided by their gcd; the denominator
    /// primitive with integer coefficients and a positive leading one.
    private func reduced(_ f: RationalFunction) throws(AlgebraLimit) -> RationalFunction {
        if f.numerator.isZero { return RationalFunction(numerator: .zero) }
        var (n, d) = (f.numerator, f.denominator)
        if !d.isConstant {
            let g = try Polynomial.gcd(n, d)
            if !g.isConstant {
                guard let n2 = try n.divided(exactlyBy: g), let d2 = try d.divided(exactlyBy: g) else { throw .tooLarge }
                (n, d) = (n2, d2)
            }
        }
        let (unit, primitive) = try d.normalised()
        return RationalFunction(numerator: try n.scaled(by: try Exact.inverse(unit)), denominator: primitive)
    }
}

extension AlgebraicConverter {
    /// A (Laurent) polynomial written as a sum of terms `c*Π atom^e`.
    static func expression(_ p: Polynomial, _ atoms: [Expression]) -> Expression {
        .sum(p.sortedTerms.map { term($0.1, $0.0, atoms) })
    }

    static func term(_ c: Rational, _ m: Monomial, _ atoms: [Expression]) -> Expression {
        var factors: [Expression] = [.constant(.rational(c))]
        for (i, e) in m.exponents.enumerated() where e != 0 {
            factors.append(.power(atoms[i], .constant(.integer(e))))
        }
        return .product(factors)
    }
}
