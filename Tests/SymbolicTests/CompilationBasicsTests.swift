import Testing
@testable import Symbolic

@Suite struct CompilationBasicsTests {
    let x = Expression.variable("x"), y = Expression.variable("y")

    @Test func smoke() throws {
        let f = try CompiledFunction([x * y + sin(x), x / y], variables: ["x", "y"])
        print(f([2, 4]))
        print(f.listing)
        print(f.statistics)
        let g = try (sin(x) ** 2 + sin(x)).compile(variables: ["x"])
        print(g.listing)
    }
}
