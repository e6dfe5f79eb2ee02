/// How variable names print in LaTeX, kept one-to-one.
///
/// The usual forms read like mathematics: `x1 → x_{1}`, `w_1 → w_{1}`,
/// `alpha → \alpha`, `rate → \mathit{rate}`. Two names can then look alike
/// (`x10` and `x_10` both as `x_{10}`); among the names printed together, a
/// name with a digit suffix whose form another name also has prints as
/// `\mathit{x10}` instead, so different variables never print the same.
enum LaTeXNames {
    static let greekLetters: Set<String> = [
        "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda",
        "mu", "nu", "xi", "rho", "sigma", "tau", "upsilon", "phi", "chi", "psi", "omega",
        "Gamma", "Delta", "Theta", "Lambda", "Xi", "Sigma", "Upsilon", "Phi", "Psi", "Omega",
    ]

    /// `x1 → x_{1}`, `alpha → \alpha`, `w_1 → w_{1}`, `rate → \mathit{rate}`.
    static func name(of name: String) -> String {
        var stem = Substring(name)
        var subscriptPart = Substring("")
        if let underscore = name.firstIndex(of: "_"), underscore != name.startIndex,
           name.index(after: underscore) != name.endIndex {
            stem = name[..<underscore]
            subscriptPart = name[name.index(after: underscore)...]
        } else if let firstDigit = name.firstIndex(where: \.isNumber), firstDigit != name.startIndex,
                  name[firstDigit...].allSatisfy(\.isNumber) {
            stem = name[..<firstDigit]
            subscriptPart = name[firstDigit...]
        }
        let escapedStem: String
        if greekLetters.contains(String(stem)) {
            escapedStem = "\\" + stem
        } else if stem.count == 1 {
            escapedStem = String(stem)
        } else {
            escapedStem = "\\mathit{\(stem.replacingOccurrences(of: "_", with: "\\_"))}"
        }
        if subscriptPart.isEmpty { return escapedStem }
        return "\(escapedStem)_{\(subscriptPart.replacingOccurrences(of: "_", with: "\\_"))}"
    }


    /// The names among `names` whose usual form collides with another
    /// name's, mapped to an unambiguous form (`x10 → \mathit{x10}` when
    /// `x_10` is among them too).
    ///
    /// A usual form can only be shared by one name with an underscore
    /// subscript and one with a digit suffix (the subscripted part is
    /// written out verbatim), so renaming the latter is enough.
    static func overrides<Names: Sequence<String>>(for names: Names) -> [String: String] {
        var byForm: [String: [String]] = [:]
        for n in Set(names) { byForm[name(of: n), default: []].append(n) }
        var result: [String: String] = [:]
        for (_, group) in byForm where group.count > 1 {
            for n in group where !hasUnderscoreSubscript(n) {
                result[n] = "\\mathit{\(n.replacingOccurrences(of: "_", with: "\\_"))}"
            }
        }
        return result
    }

    /// Whether `name` prints with the part after its first underscore as a subscript.
    private static func hasUnderscoreSubscript(_ name: String) -> Bool {
        guard let underscore = name.firstIndex(of: "_") else { return false }
        return underscore != name.startIndex && name.index(after: underscore) != name.endIndex
    }
}

extension Expression {
    /// The LaTeX form of the variable `name` when printed together with the
    /// variables `names` (see ``latex(distinguishing:)``), so that labels
    /// such as `\partial x_{10}` match the expressions beside them.
    ///
    ///     Expression.latexName(of: "x10", distinguishing: ["x_10"])   // "\mathit{x10}"
    ///     Expression.latexName(of: "x10", distinguishing: [])         // "x_{10}"
    public static func latexName(of name: String, distinguishing names: [String]) -> String {
        LaTeXNames.overrides(for: names + [name])[name] ?? LaTeXNames.name(of: name)
    }

    /// The expression in LaTeX with its variables kept apart from each
    /// other and from `names` (the variables of expressions printed beside
    /// it, such as the other entries of a gradient).
    ///
    ///     let f = try Expression(parsing: "x10 + x_10")
    ///     print(f.latex)
    ///     // Prints "\mathit{x10} + x_{10}"
    ///     print(try Expression(parsing: "2*x10").latex(distinguishing: ["x_10"]))
    ///     // Prints "2 \mathit{x10}"
    public func latex(distinguishing names: [String]) -> String {
        let overrides = LaTeXNames.overrides(for: variables + names)
        if printsWithSharing {
            return sharedText(format: .latex, latexNames: overrides)
        }
        return ExpressionPrinter(format: .latex, latexNames: overrides).print(self)
    }
}
