extension Expression {
    /// The variable names written in `text`, in order of first appearance
    /// (identifiers that are not function names and not `pi` or `e`).
    ///
    ///     Expression.variableNames(appearingIn: "x^2*y + y^3")
    ///     // ["x", "y"]
    ///
    /// The canonical form may order terms differently from the text
    /// (`y^3 + x^2*y`), so tools that show variables to a person, like the
    /// `sym` CLI, use this order by default. Reading stops quietly at the
    /// first character the lexer rejects.
    public static func variableNames(appearingIn text: String) -> [String] {
        var lexer = Lexer(text)
        var names: [String] = []
        var seen: Set<String> = []
        var pending: String?
        while true {
            let token = try? lexer.next()
            if let name = pending {
                // A name is a variable unless "(" follows it (then it is a call).
                if token?.kind != .leftParenthesis && seen.insert(name).inserted { names.append(name) }
                pending = nil
            }
            guard let token, token.kind != .end else { break }
            if case .identifier(let name) = token.kind, name != "pi", name != "e" { pending = name }
        }
        return names
    }
}
