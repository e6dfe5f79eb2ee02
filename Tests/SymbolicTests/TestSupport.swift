import Foundation
import Testing
@testable import Symbolic

/// SplitMix64: a tiny, fast, seedable generator, so property tests are reproducible.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Expects `actual ≈ expected` within `relativeTolerance·max(1, |expected|)`
/// (or `absoluteTolerance` when given); NaN matches NaN and equal infinities match.
func expectClose(_ actual: Double, _ expected: Double, relativeTolerance: Double = 1e-9,
                 absoluteTolerance: Double? = nil, _ comment: @autoclosure () -> String = "",
                 sourceLocation: SourceLocation = #_sourceLocation) {
    if actual.isNaN && expected.isNaN { return }
    if actual == expected { return }
    let tolerance = absoluteTolerance ?? relativeTolerance * Swift.max(1, Swift.abs(expected))
    #expect(Swift.abs(actual - expected) <= tolerance,
            "\(actual) is not within \(tolerance) of \(expected) \(comment())", sourceLocation: sourceLocation)
}

let x = Expr.variable("x")
let y = Expr.variable("y")
let z = Expr.variable("z")

/// Random smooth expressions over x, y, z whose values and derivatives are
/// finite for |x|, |y|, |z| ≤ 1.5: every function is applied to an argument
/// kept inside its domain (logs and square roots of 1 + u², quotients by 1 + u²).
struct RandomExpressions {
    var generator: SeededGenerator
    var variables = [x, y, z]

    init(seed: UInt64) { generator = SeededGenerator(seed: seed) }

    mutating func expression(depth: Int) -> Expr {
        if depth == 0 || Int.random(in: 0..<5, using: &generator) == 0 { return leaf() }
        let a = expression(depth: depth - 1)
        switch Int.random(in: 0..<16, using: &generator) {
        case 0, 1: return a + expression(depth: depth - 1)
        case 2: return a - expression(depth: depth - 1)
        case 3, 4: return a * expression(depth: depth - 1)
        case 5: return a / (1 + expression(depth: depth - 1) ** 2)
        case 6: return a ** Expr(Int.random(in: 2...3, using: &generator))
        case 7: return sin(a)
        case 8: return cos(a)
        case 9: return exp(Expr(Rational(1, 2)!.doubleValue) * tanh(a))
        case 10: return log(1 + a ** 2)
        case 11: return sqrt(1 + a ** 2)
        case 12: return atan(a)
        case 13: return sigmoid(a) * softplus(a)
        case 14: return -a
        default: return tanh(a) + a * a * expression(depth: depth - 1)
        }
    }

    mutating func leaf() -> Expr {
        switch Int.random(in: 0..<4, using: &generator) {
        case 0: return .constant(.rational(Rational(Int.random(in: -5...5, using: &generator), Int.random(in: 1...3, using: &generator))!))
        default: return variables.randomElement(using: &generator)!
        }
    }

    mutating func point() -> [String: Double] {
        ["x": Double.random(in: -1.5...1.5, using: &generator),
         "y": Double.random(in: -1.5...1.5, using: &generator),
         "z": Double.random(in: -1.5...1.5, using: &generator)]
    }
}

#if canImport(FoundationXML)
import FoundationXML
#endif

/// An SVG document parsed as XML (Foundation's `XMLDocument`, which fails
/// on text that is not well-formed), with helpers to find elements.
struct ParsedSVG {
    /// Held because the document owns the nodes (FoundationXML frees them with it).
    let document: XMLDocument
    let root: XMLElement

    init(_ text: String) throws {
        document = try XMLDocument(xmlString: text, options: [])
        root = try #require(document.rootElement())
    }

    /// Every element named `name` (any depth, document order) whose
    /// `class` attribute is `className` when given.
    func elements(_ name: String, class className: String? = nil) -> [XMLElement] {
        var result: [XMLElement] = []
        var stack: [XMLElement] = [root]
        while let element = stack.popLast() {
            if element.name == name && (className == nil || element["class"] == className) {
                result.append(element)
            }
            stack += (element.children ?? []).compactMap { $0 as? XMLElement }.reversed()
        }
        return result
    }

    /// The texts of the `<text>` elements inside the elements of class `className`.
    func texts(in className: String) -> [String] {
        elements("g", class: className).flatMap { group in
            (group.children ?? []).compactMap { $0 as? XMLElement }.filter { $0.name == "text" }.compactMap(\.stringValue)
        }
    }

    /// The text of every `<text>` element of class `className`.
    func text(_ className: String) -> [String] {
        elements("text", class: className).compactMap(\.stringValue)
    }
}

extension XMLElement {
    /// The attribute's value, or "" when absent.
    /// (`attribute(forName:)` finds nothing in a document with a default
    /// namespace on Linux, so the attributes are searched by name.)
    subscript(attribute: String) -> String {
        (attributes ?? []).first { $0.name == attribute || $0.localName == attribute }?.stringValue ?? ""
    }
}

extension ParsedSVG {
    /// The element children of every element named `name` of class `className`.
    func children(of name: String, class className: String) -> [XMLElement] {
        elements(name, class: className).flatMap { ($0.children ?? []).compactMap { $0 as? XMLElement } }
    }
}
