import Testing
@testable import SymCLI

@Suite("sym output formatting")
struct CLIFormattingTests {
    @Test("numbers", arguments: [
        (42.0, "42"), (-0.5, "-0.5"), (0.1, "0.1"), (1.7163378145367738, "1.7163378145367738"),
        (1e-7, "1e-07"), (1e16, "1e+16"), (123456789012345.0, "123456789012345"), (-0.0, "-0"),
        (Double.infinity, "inf"), (-Double.infinity, "-inf"), (Double.nan, "nan"),
    ])
    func text(value: Double, expected: String) {
        #expect(NumberFormatting.text(value) == expected)
    }

    @Test func textRoundTripsForSeededRandomBitPatterns() {
        // SplitMix64, seeded, so a failure reproduces.
        var state: UInt64 = 0x5EED
        for _ in 0..<2000 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            let value = Double(bitPattern: z & 0xFFEF_FFFF_FFFF_FFFF)  // finite, either sign
            #expect(Double(NumberFormatting.text(value)) == value, "\(value)")
        }
    }

    @Test func json() {
        #expect(NumberFormatting.json(24) == "24")
        #expect(NumberFormatting.json(.nan) == "null")
        #expect(NumberFormatting.json(-.infinity) == "null")
        #expect(NumberFormatting.json(2.5e-10) == "2.5e-10")
    }

    @Test func latex() {
        #expect(NumberFormatting.latex(10) == "10")
        #expect(NumberFormatting.latex(1e-7) == "1 \\times 10^{-7}")
        #expect(NumberFormatting.latex(-2.5e+20) == "-2.5 \\times 10^{20}")
        #expect(NumberFormatting.latex(.nan) == "\\mathrm{NaN}")
        #expect(NumberFormatting.latex(.infinity) == "\\infty")
    }

    @Test func jsonLayoutAndKeyOrder() {
        let value = JSONValue.object([
            ("zeta", .integer(1)), ("alpha", .numbers([1, 0.5, .nan])), ("m", .array([.strings(["a"]), .array([])])),
            ("t", .bool(true)), ("n", .null), ("o", .object([])),
        ])
        #expect(value.serialized() == #"{"zeta": 1, "alpha": [1, 0.5, null], "m": [["a"], []], "t": true, "n": null, "o": {}}"#)
    }

    @Test func jsonStringEscaping() {
        #expect(JSONValue.string("a\"b\\c\nd\te\u{01}f\u{7F}é→").serialized() == #""a\"b\\c\nd\te\u0001f"# + "\u{7F}é→\"")
    }

    @Test func suggestions() {
        #expect(suggestion(for: "fromat", among: ["at", "format"]) == "format")
        #expect(suggestion(for: "wtr", among: ["at", "wrt"]) == "wrt")
        #expect(suggestion(for: "x", among: ["h"]) == nil)
        #expect(suggestion(for: "zzzzzz", among: ["format"]) == nil)
    }

    @Test("option-like tokens", arguments: [
        ("--at", true), ("-h", true), ("-x", true), ("-ttle", true), ("--", true), ("-", false), ("-2*x", false),
        ("-x^2", false), ("-sin(x)", false), ("x", false), ("-.5", false), ("-1", false),
    ])
    func optionLike(token: String, expected: Bool) {
        #expect(ArgumentScanner.isOptionLike(token) == expected)
    }

    @Test func scannerCollectsValuesFlagsAndPositionals() throws {
        let configuration = CommandConfiguration(
            name: "t", abstract: "", discussion: "",
            arguments: [ArgumentDefinition(name: "e", help: "", isOptional: false)],
            options: [OptionDefinition("--at", value: "a", help: "", repeatable: true),
                      OptionDefinition("--flag", value: nil, help: "")])
        let scanned = try ArgumentScanner.scan(["--at", "x=1", "e", "--flag", "--at=y=2"], for: configuration)
        #expect(scanned == ScannedArguments(positionals: ["e"], values: ["--at": ["x=1", "y=2"]], flags: ["--flag"]))
        #expect(throws: UsageError.valueForFlag("--flag", value: "1")) {
            try ArgumentScanner.scan(["--flag=1"], for: configuration)
        }
    }
}
