/// A problem with a built-in data set named on the command line.
public enum DatasetSpecificationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No generator has this name (with the closest one).
    case unknownDataset(String, suggestion: String?)
    /// The generator has no such parameter (with the closest one and the list).
    case unknownParameter(String, dataset: String, suggestion: String?, available: [String])
    /// A parameter value is not acceptable.
    case invalidValue(String, parameter: String, dataset: String, expected: String)
    /// A `key=value` item without `=`.
    case malformedItem(String)

    /// A fragment that reads well after "error: ".
    public var description: String {
        switch self {
        case .unknownDataset(let name, let suggestion):
            return "there is no built-in data set '\(name)'" + (suggestion.map { " (did you mean '\($0)'?)" } ?? "")
                + "; the built-in sets are \(Datasets.names.joined(separator: ", "))"
        case .unknownParameter(let name, let dataset, let suggestion, let available):
            return "data set '\(dataset)' has no parameter '\(name)'" + (suggestion.map { " (did you mean '\($0)'?)" } ?? "")
                + "; its parameters are \(available.joined(separator: ", "))"
        case .invalidValue(let value, let parameter, let dataset, let expected):
            return "invalid value '\(value)' for '\(parameter)' of data set '\(dataset)': expected \(expected)"
        case .malformedItem(let item):
            return "expected key=value in the data set's parameters, got '\(item)'"
        }
    }
}

extension Datasets {
    /// The built-in generators by name.
    public static let names = ["moons", "circles", "blobs", "xor", "spirals", "linear", "cubic", "quartic", "sine"]

    /// Each generator's parameters, in the order `NAME:k=v,…` documents them.
    public static func parameterNames(of name: String) -> [String]? {
        switch name {
        case "moons", "xor": return ["n", "noise", "seed"]
        case "circles": return ["n", "noise", "factor", "seed"]
        case "blobs": return ["n", "centers", "spread", "dimension", "seed"]
        case "spirals": return ["n", "classes", "noise", "seed"]
        case "linear": return ["n", "slope", "intercept", "noise", "seed"]
        case "cubic", "quartic", "sine": return ["n", "noise", "seed"]
        default: return nil
        }
    }

    /// The data set a specification such as `moons` or
    /// `moons:n=200,noise=0.2,seed=0` names; unnamed parameters keep the
    /// generator's defaults.
    ///
    ///     let data = try Datasets.generate("blobs:n=300,centers=4,seed=2")
    ///
    /// - Throws: ``DatasetSpecificationError`` for an unknown name or
    ///   parameter (with a suggestion) or an invalid value.
    public static func generate(_ specification: String) throws(DatasetSpecificationError) -> Dataset {
        let parts = specification.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        let name = String(parts[0])
        guard let allowed = parameterNames(of: name) else {
            throw .unknownDataset(name, suggestion: closestMatch(to: name, in: names))
        }
        var values: [String: String] = [:]
        if parts.count > 1 && !parts[1].isEmpty {
            for item in parts[1].split(separator: ",", omittingEmptySubsequences: false) {
                let pair = item.split(separator: "=", maxSplits: 1)
                guard pair.count == 2 else { throw .malformedItem(String(item)) }
                let key = String(pair[0]).trimmingSpaces, value = String(pair[1]).trimmingSpaces
                guard allowed.contains(key) else {
                    throw .unknownParameter(key, dataset: name, suggestion: closestMatch(to: key, in: allowed), available: allowed)
                }
                values[key] = value
            }
        }
        func number(_ key: String, _ fallback: Double, minimum: Double = -.infinity) throws(DatasetSpecificationError) -> Double {
            guard let text = values[key] else { return fallback }
            guard let v = Double(text), v.isFinite, v >= minimum else {
                throw .invalidValue(text, parameter: key, dataset: name,
                                    expected: minimum == 0 ? "a non-negative number" : "a finite number")
            }
            return v
        }
        func integer(_ key: String, _ fallback: Int, minimum: Int = 1) throws(DatasetSpecificationError) -> Int {
            guard let text = values[key] else { return fallback }
            guard let v = Int(text), v >= minimum, v <= 100_000_000 else {
                throw .invalidValue(text, parameter: key, dataset: name, expected: "an integer from \(minimum) to 100000000")
            }
            return v
        }
        let seed: UInt64
        if let text = values["seed"] {
            guard let s = UInt64(text) else {
                throw .invalidValue(text, parameter: "seed", dataset: name, expected: "a non-negative integer")
            }
            seed = s
        } else {
            seed = 0
        }
        switch name {
        case "moons": return moons(count: try integer("n", 200), noise: try number("noise", 0.2, minimum: 0), seed: seed)
        case "circles":
            return circles(count: try integer("n", 200), noise: try number("noise", 0.1, minimum: 0),
                           factor: try number("factor", 0.5), seed: seed)
        case "blobs":
            return blobs(count: try integer("n", 200), centers: try integer("centers", 3), spread: try number("spread", 1, minimum: 0),
                         dimension: try integer("dimension", 2), seed: seed)
        case "xor": return xor(count: try integer("n", 200), noise: try number("noise", 0, minimum: 0), seed: seed)
        case "spirals":
            return spirals(count: try integer("n", 200), classes: try integer("classes", 2),
                           noise: try number("noise", 0.2, minimum: 0), seed: seed)
        case "linear":
            return linear(count: try integer("n", 100), slope: try number("slope", 2), intercept: try number("intercept", 1),
                          noise: try number("noise", 1, minimum: 0), seed: seed)
        case "cubic": return cubic(count: try integer("n", 100), noise: try number("noise", 5, minimum: 0), seed: seed)
        case "sine": return sine(count: try integer("n", 100), noise: try number("noise", 0, minimum: 0), seed: seed)
        default: return quartic(count: try integer("n", 100), noise: try number("noise", 3, minimum: 0), seed: seed)
        }
    }
}

extension String {
    /// The string without leading and trailing spaces.
    fileprivate var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
