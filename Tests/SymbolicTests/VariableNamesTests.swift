import Testing
@testable import Symbolic

/// ``VariableNames`` answers from raw `String` bits only where that is exact;
/// these are the cases where it must not.
@Suite("Variable names")
struct VariableNamesTests {
    /// A string equal to `s` but stored out of line (not a small string).
    private func outOfLine(_ s: String) -> String {
        var t = String()
        t.reserveCapacity(64)
        t += s
        return t
    }

    @Test func repeatedAndMissingNames() {
        var names = VariableNames(["a", "b", "a", "c"])
        #expect(names.count == 3)
        #expect(names.index(of: "a") == 0)
        #expect(names.index(of: "c") == 3)
        #expect(names.index(of: "d") == nil)
        #expect(names.index(of: outOfLine("b")) == 1)
        #expect(names.index(of: "a\u{0}") == nil)
    }

    @Test func namesThatAreNotSmallASCII() {
        let long = "a_variable_name_longer_than_fifteen_bytes"
        var names = VariableNames([outOfLine("x"), "x", long, "\u{E9}"])
        #expect(names.count == 4 - 1)
        #expect(names.index(of: "x") == 0)
        #expect(names.index(of: String(long)) == 2)
        #expect(names.index(of: "e\u{301}") == 3)   // é, decomposed
        // The Kelvin sign is canonically equivalent to "K".
        var kelvin = VariableNames(["K", "\u{212A}"])
        #expect(kelvin.count == 1)
        #expect(kelvin.index(of: "\u{212A}") == 0)
    }

    @Test func gradientsWithSuchNames() {
        let k = Expression.variable("\u{212A}"), x = Expression.variable(outOfLine("x"))
        let f = k * k * x
        #expect(f.gradient(withRespectTo: ["x", "K", "x"]).map(\.description) == ["K^2", "2*x*K", "K^2"])
        #expect(f.hessianEntries(withRespectTo: ["K", "x", "K"]).count == 2)   // (0,0), (1,0); the repeat has no row
    }
}
