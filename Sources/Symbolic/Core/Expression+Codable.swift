/// `Codable` as a list of distinct nodes in topological order, so encoding
/// is linear in the number of distinct nodes however much they are shared:
///
///     {"nodes": [{"variable": "x"}, {"constant": "2"}, {"power": [0, 1]}]}
///
/// Operands are indices of earlier nodes; the last node is the expression.
/// Constants are strings in the printer's exact form (`"1/2"`, `"0.1"`), so
/// they decode to the same `Number`. Decoding rebuilds through the
/// canonicalising constructors and rejects malformed input with a
/// `DecodingError` instead of trapping. A call of a user-defined function is
/// `{"custom": "P3", "arguments": [0]}`; decoding it needs the registry as
/// `decoder.userInfo[.functionRegistry]`.
extension Expression: Codable {
    private enum CodingKeys: String, CodingKey { case nodes }

    private enum NodeKeys: String, CodingKey {
        case constant, namedConstant, variable, sum, product, power, call, arguments, custom
    }

    public func encode(to encoder: Encoder) throws {
        let nodes = topologicallySortedNodes()
        var index: [Int: Int] = [:]
        for (i, n) in nodes.enumerated() { index[n.id] = i }
        var container = encoder.container(keyedBy: CodingKeys.self)
        var list = container.nestedUnkeyedContainer(forKey: .nodes)
        for node in nodes {
            var item = list.nestedContainer(keyedBy: NodeKeys.self)
            let operands = node.operands.map { index[$0.id]! }
            switch node.kind {
            case .constant(let n): try item.encode(n.description, forKey: .constant)
            case .namedConstant(let c): try item.encode(c.rawValue, forKey: .namedConstant)
            case .variable(let name): try item.encode(name, forKey: .variable)
            case .sum: try item.encode(operands, forKey: .sum)
            case .product: try item.encode(operands, forKey: .product)
            case .power: try item.encode(operands, forKey: .power)
            case .call(let f, _):
                try item.encode(f.rawValue, forKey: .call)
                try item.encode(operands, forKey: .arguments)
            case .custom(let f, _):
                try item.encode(f.name, forKey: .custom)
                try item.encode(operands, forKey: .arguments)
            }
        }
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        var list = try container.nestedUnkeyedContainer(forKey: .nodes)
        var built: [Expression] = []
        func corrupt(_ message: String) -> DecodingError {
            .dataCorruptedError(in: list, debugDescription: message)
        }
        func operands(_ item: KeyedDecodingContainer<NodeKeys>, _ key: NodeKeys) throws -> [Expression] {
            try item.decode([Int].self, forKey: key).map { i in
                guard built.indices.contains(i) else { throw corrupt("operand \(i) does not refer to an earlier node") }
                return built[i]
            }
        }
        while !list.isAtEnd {
            let item = try list.nestedContainer(keyedBy: NodeKeys.self)
            if let text = try item.decodeIfPresent(String.self, forKey: .constant) {
                guard let n = Number(exactText: text) else { throw corrupt("'\(text)' is not a number") }
                built.append(.constant(n))
            } else if let name = try item.decodeIfPresent(String.self, forKey: .namedConstant) {
                guard let c = NamedConstant(rawValue: name) else { throw corrupt("unknown constant '\(name)'") }
                built.append(.intern(.namedConstant(c)))
            } else if let name = try item.decodeIfPresent(String.self, forKey: .variable) {
                built.append(.variable(name))
            } else if item.contains(.sum) {
                built.append(.sum(try operands(item, .sum)))
            } else if item.contains(.product) {
                built.append(.product(try operands(item, .product)))
            } else if item.contains(.power) {
                let o = try operands(item, .power)
                guard o.count == 2 else { throw corrupt("a power needs 2 operands") }
                built.append(.power(o[0], o[1]))
            } else if let name = try item.decodeIfPresent(String.self, forKey: .call) {
                guard let f = Function(rawValue: name) else { throw corrupt("unknown function '\(name)'") }
                let o = try operands(item, .arguments)
                guard f.arity.contains(o.count) else { throw corrupt("\(name) cannot take \(o.count) argument(s)") }
                built.append(.call(f, o))
            } else if let name = try item.decodeIfPresent(String.self, forKey: .custom) {
                // User-defined functions are looked up by name in the
                // registry given as `userInfo[.functionRegistry]`.
                let registry = decoder.userInfo[.functionRegistry] as? FunctionRegistry
                guard let f = registry?[name] else {
                    throw corrupt("unknown user-defined function '\(name)' (decode with userInfo[.functionRegistry])")
                }
                let o = try operands(item, .arguments)
                guard o.count == f.arity else { throw corrupt("\(name) cannot take \(o.count) argument(s)") }
                built.append(f.call(o))
            } else {
                throw corrupt("unrecognised node")
            }
        }
        guard let root = built.last else { throw corrupt("no nodes") }
        self = root
    }
}

extension Number {
    /// Reads the text `description` writes: `p`, `p/q`, or a `Double`.
    init?(exactText text: String) {
        if text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" || $0 == "n" || $0 == "i" }) {
            guard let d = Double(text) else { return nil }
            self = .real(d)
            return
        }
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2, let p = Int(parts[0]) else { return nil }
        if parts.count == 1 { self = .integer(p); return }
        guard let q = Int(parts[1]), let r = Rational(p, q) else { return nil }
        self = .rational(r)
    }
}

extension CodingUserInfoKey {
    /// The key under which a decoder's `userInfo` holds the
    /// ``FunctionRegistry`` that decoding resolves user-defined functions in.
    ///
    ///     let decoder = JSONDecoder()
    ///     decoder.userInfo[.functionRegistry] = functions
    ///     let f = try decoder.decode(Expression.self, from: data)
    public static let functionRegistry = CodingUserInfoKey(rawValue: "Symbolic.functionRegistry")!
}
