/// Polynomial algebra on expressions: `expanded()`, `collected(in:)`,
/// `factored()` and `cancelled()` (see `docs/Simplification.md`).
///
/// Each works on the expression as a polynomial or rational function with
/// exact rational coefficients in its *atoms* (variables, calls, non-integer
/// powers; see ``AlgebraicConverter``), and applies itself to the arguments
/// of calls too. They are bounded — results of at most
/// ``Polynomial/termLimit`` terms, exact 64-bit rationals, capped searches —
/// and a part that passes a bound is left as it was.
extension Expression {
    /// The expression with products distributed over sums and integer
    /// powers of sums multiplied out (SymPy's `expand`, without its log and
    /// power rules); negative powers of sums stay as denominators.
    ///
    ///     print(try Expression(parsing: "(x + 1)^3*(y - 2)").expanded())
    ///     // Prints "x^3*y - 2*x^3 + 3*x^2*y - 6*x^2 + 3*x*y - 6*x + y - 2"
    ///
    /// Values are kept for every real input (ring identities; as with the
    /// constructors, `(x + 1)/(x + 1)` becomes 1 also at x = -1).
    /// - Complexity: Proportional to the number of terms of the result,
    ///   which is capped at ``Polynomial/termLimit`` per node.
    public func expanded() -> Expression {
        var converter = AlgebraicConverter(mode: .expand, variables: variables) { f, atoms in
            AlgebraicConverter.expression(f.numerator, atoms)
        }
        return converter.converted(self)
    }

    /// The expression expanded, with the terms grouped by their powers of
    /// `variables` (SymPy's `collect`).
    ///
    ///     print(try Expression(parsing: "x^2*y + x^2 + x*y + x*z + 2").collected(in: ["x"]))
    ///     // Prints "x^2*(y + 1) + x*(y + z) + 2"
    ///
    /// Values are kept as by ``expanded()``.
    public func collected(in variables: [String]) -> Expression {
        var converter = AlgebraicConverter(mode: .expand, variables: self.variables) { f, atoms in
            AlgebraicConverter.expression(f.numerator, atoms)
        }
        let form = converter.form(of: self)
        let atoms = converter.atoms
        let selected = Set(variables.compactMap { converter.index(of: .variable($0)) })
        var groups: [Monomial: Polynomial] = [:]
        var order: [Monomial] = []
        for (m, c) in form.numerator.sortedTerms {
            var key = [Int](repeating: 0, count: m.exponents.count), rest = m.exponents
            for i in selected where i < key.count { (key[i], rest[i]) = (m[i], 0) }
            let k = Monomial(key)
            if groups[k] == nil { order.append(k) }
            // Distinct monomials: each group gains a new term, so this cannot overflow.
            groups[k, default: Polynomial()].terms[Monomial(rest)] = c
        }
        return .sum(order.map { k in
            .product([AlgebraicConverter.term(Rational(1), k, atoms), AlgebraicConverter.expression(groups[k]!, atoms)])
        })
    }

    /// The expression as a rational function in lowest terms: numerator and
    /// denominator expanded, their greatest common divisor cancelled
    /// (SymPy's `cancel`).
    ///
    ///     print(try Expression(parsing: "(x^2 - 1)/(x^2 + 2*x + 1)").cancelled())
    ///     // Prints "(x - 1)/(x + 1)"
    ///
    /// Values are kept wherever the input is defined; a removable
    /// singularity of the input (x = -1 above) gets the limit's value.
    public func cancelled() -> Expression {
        var converter = AlgebraicConverter(mode: .rational, variables: variables, render: Expression.writeCancelled)
        return converter.converted(self)
    }

    /// The expression factored over the rationals (SymPy's `factor`):
    /// numerator and denominator of its cancelled form written as a number
    /// times powers of factors (see ``Polynomial/factorization()``).
    ///
    ///     print(try Expression(parsing: "x^4 - 1").factored())
    ///     // Prints "(x - 1)*(x + 1)*(x^2 + 1)"
    ///     print(try Expression(parsing: "6*x^2*y + 9*x*y^2").factored())
    ///     // Prints "3*x*y*(2*x + 3*y)"
    ///
    /// Values are kept as by ``cancelled()``. Univariate factors are
    /// irreducible over ℚ unless a search bound was hit; multivariate ones
    /// are split by common factors and multiplicities only.
    public func factored() -> Expression {
        var converter = AlgebraicConverter(mode: .rational, variables: variables) { f, atoms in
            do {
                let top = try f.numerator.factorization(), bottom = try f.denominator.factorization()
                var factors: [Expression] = [.constant(.rational(try Exact.quotient(top.unit, bottom.unit)))]
                for (p, k) in top.factors { factors.append(.power(AlgebraicConverter.expression(p, atoms), .constant(.integer(k)))) }
                for (p, k) in bottom.factors { factors.append(.power(AlgebraicConverter.expression(p, atoms), .constant(.integer(-k)))) }
                return .product(factors)
            } catch {
                return Expression.writeCancelled(f, atoms)
            }
        }
        return converter.converted(self)
    }

    /// `numerator/denominator`, with the numerator's rational content in
    /// front when there is a denominator (`(x + 1)/(2*x)`).
    static func writeCancelled(_ f: RationalFunction, _ atoms: [Expression]) -> Expression {
        let top = AlgebraicConverter.expression(f.numerator, atoms)
        if f.denominator.isConstant { return top }
        let bottom = Expression.power(AlgebraicConverter.expression(f.denominator, atoms), .constant(.minusOne))
        guard let (unit, primitive) = try? f.numerator.normalised() else { return .product([top, bottom]) }
        return .product([.constant(.rational(unit)), AlgebraicConverter.expression(primitive, atoms), bottom])
    }
}
