import Testing
@_spi(Experiments) @testable import Symbolic

@Suite struct CompilationBasicsTests {
    let x = Symbolic.Expression.variable("x"), y = Symbolic.Expression.variable("y")

    @Test func evaluatesSeveralOutputsTogether() throws {
        let f = try CompiledFunction([x * y + 1, x / y, 2 * x], variables: ["x", "y"])
        #expect(f([3, 4]) == [13, 0.75, 6])
        #expect(f.inputCount == 2 && f.outputCount == 3)
        var workspace = f.makeWorkspace()
        var out: [Double] = []
        f.evaluate([5, 2], into: &out, workspace: &workspace)
        #expect(out == [11, 2.5, 10])
        let input: [Double] = [1, 8]
        var buffer = [Double](repeating: 0, count: 3)
        input.withUnsafeBufferPointer { i in
            buffer.withUnsafeMutableBufferPointer { o in f.evaluate(i, into: o, workspace: &workspace) }
        }
        #expect(buffer == [9, 0.125, 2])
    }

    /// The CSE acceptance test of the issue: `sin(x)` is computed once.
    @Test func sharedSineIsComputedOnce() throws {
        let f = try (sin(x) ** 2 + sin(x)).compile(variables: ["x"])
        #expect(f.statistics.instructionCounts["sin"] == 1)
        #expect(f.statistics.sharedSubexpressionCount == 1)
        #expect(f.statistics.graphCSEHits == 1)
        #expect(f.statistics.cseHits >= 1)
        #expect(f.statistics.instructionCount == 3)   // sin, square, add
        #expect(f([0.5])[0] == Foundation_sin(0.5) * Foundation_sin(0.5) + Foundation_sin(0.5))
    }

    @Test func loweredOperationsAreSharedToo() throws {
        // x^3 = (x*x)*x reuses the x*x of x^2; the -1 coefficient becomes a subtraction.
        let f = try CompiledFunction([x ** 2 + y, x ** 3 - y], variables: ["x", "y"])
        #expect(f.statistics.instructionCounts["square"] == 1)
        #expect(f.statistics.instructionCSEHits == 1)
        #expect(f.statistics.instructionCounts["subtract"] == 1)
        #expect(f.statistics.instructionCounts["negate"] == nil)
        #expect(f([2, 1]) == [5, 7])
    }

    @Test func listingNamesSlotsInputsAndOutputs() throws {
        let f = try (sin(x) ** 2 + sin(x)).compile(variables: ["x"])
        #expect(f.listing == """
            ; 1 input, 1 output, 3 instructions, 4 work slots
            @0 = x
            @1 = sin(@0)
            @2 = @1 * @1
            @3 = @1 + @2
            output[0] = @3
            """)
        // (No commutative operation here: their operand order follows node
        // ids, which depend on what the process built before.)
        let g = try CompiledFunction([(x - y) / y, 7], variables: ["x", "y"])
        #expect(g.listing == """
            ; 2 inputs, 2 outputs, 2 instructions, 5 work slots
            @0 = 7.0
            @1 = x
            @2 = y
            @3 = @1 - @2
            @4 = @3 / @2
            output[0] = @4
            output[1] = @0
            """)
    }

    @Test func constantsAreFolded() throws {
        let f = try CompiledFunction([x * sqrt(Symbolic.Expression(2)) + .pi * 2], variables: ["x"])
        #expect(f.statistics.constantFolds == 2)
        #expect(f.statistics.instructionCount == 2)
        #expect(f([1])[0] == 1 * 2.0.squareRoot() + Double.pi * 2)
    }

    @Test func outputsMayBeInputsOrConstantsAndMayRepeat() throws {
        let f = try CompiledFunction([x, 3, x, y * y, y * y], variables: ["x", "y"])
        #expect(f([4, 5]) == [4, 3, 4, 25, 25])
        #expect(f.statistics.instructionCount == 1)
        let empty = try CompiledFunction([], variables: ["x"])
        #expect(empty([1]) == [])
        let none = try CompiledFunction([Symbolic.Expression(2)], variables: [])
        #expect(none([]) == [2])
    }

    @Test func parametersFollowTheVariables() throws {
        let f = try (x * y).compile(variables: ["x"], parameters: ["y"])
        #expect(f.variables == ["x"] && f.parameters == ["y"])
        #expect(f([3], parameters: [5]) == [15])
    }

    @Test func unknownAndDuplicateNamesAreErrors() throws {
        #expect(throws: CompilationError.unknownVariable("y")) { try (x + y).compile(variables: ["x"]) }
        #expect(throws: CompilationError.duplicateInput("x")) { try x.compile(variables: ["x"], parameters: ["x"]) }
        #expect(CompilationError.unknownVariable("y").description
                == "the expression uses 'y', which is not among the variables or parameters; add it to one of them")
        #expect(CompilationError.rowLength(row: 2, expected: 3, found: 1).description == "row 3 has 1 value, expected 3")
    }

    @Test func deadCodeIsRemoved() throws {
        // -1*y is absorbed into a subtraction; the negation is never computed.
        let f = try (x - y).compile(variables: ["x", "y"])
        #expect(f.statistics.instructionCount == 1)
        #expect(f.statistics.deadInstructionsRemoved == 1)
    }

    /// Depth-first programs (batched rows, and one-point programs too big
    /// to give every value its own slot) reuse dead slots; small one-point
    /// programs give every value a slot, which lets same-opcode runs read
    /// and write contiguous memory.
    @Test func workSlotsAreReusedWhereItMatters() throws {
        var e = x
        for k in 1...200 { e = sin(e) + Symbolic.Expression(k) }
        let depthFirst = try CompiledFunction([e], variables: ["x"], experiment: .depthFirst)
        #expect(depthFirst.statistics.instructionCount == 400)
        #expect(depthFirst.statistics.temporarySlotCount <= 2)
        #expect(try e.compile(variables: ["x"]).batched(over: .variables).workRowCount <= 3)
        #expect(compilationSame(depthFirst([0.7])[0], try e.compile(variables: ["x"])([0.7])[0]))
        let levels = try e.compile(variables: ["x"])
        #expect(levels.statistics.temporarySlotCount == 400)
    }

    @Test func independentSameOpcodeInstructionsRunAsVectorLoops() throws {
        let names = (0..<50).map { "v\($0)" }
        let vs = names.map(Symbolic.Expression.variable)
        // 49 squares and 49 subtractions over consecutive inputs.
        let outputs = (0..<49).map { vs[$0 + 1] - vs[$0] ** 2 }
        let f = try CompiledFunction(outputs, variables: names)
        #expect(f.statistics.vectorizedInstructionCount == 98)
        let values = (0..<50).map { Double($0) * 0.1 }
        #expect(f(values) == (0..<49).map { values[$0 + 1] - values[$0] * values[$0] })

        // Runs of three-term sums with subtracted and constant terms.
        let three = Symbolic.Expression(3)
        let sums = (0..<40).map { i -> Symbolic.Expression in
            let product: Symbolic.Expression = vs[i + 1] * vs[i + 2]
            return vs[i] - product + three
        }
        let g = try CompiledFunction(sums, variables: names)
        #expect(g.statistics.vectorizedInstructionCount == 80)
        let point = Dictionary(uniqueKeysWithValues: zip(names, values))
        #expect(g(values) == sums.map { try! $0.evaluate(at: point) })
    }

    @Test func longSumsBecomeChunkedSumInstructions() throws {
        let names = (0..<100).map { "v\($0)" }
        let terms = names.enumerated().map { k, n in k % 3 == 0 ? -Symbolic.Expression.variable(n) : .variable(n) }
        let f = try Symbolic.Expression.sum(terms).compile(variables: names)
        let values = (0..<100).map { Double($0) * 0.37 }
        let point = Dictionary(uniqueKeysWithValues: zip(names, values))
        #expect(f(values)[0] == (try Symbolic.Expression.sum(terms).evaluate(at: point)))
        #expect(f.statistics.instructionCounts["sum"] == 4)   // 100 terms in pieces of ≤ 32
    }

    @Test func deepExpressionsCompileWithoutRecursion() throws {
        var e = x
        for k in 0..<100_000 { e = k % 2 == 0 ? sin(e) : e * 1.0001 }
        let f = try e.compile(variables: ["x"])
        #expect(f.statistics.instructionCount == 100_000)
        #expect(compilationSame(f([0.3])[0], try e.evaluate(at: ["x": 0.3])))
    }
}

/// `sin` from the C library, without importing Foundation (whose
/// `Expression` type would shadow Symbolic's in this file).
private func Foundation_sin(_ x: Double) -> Double { Function.sin.evaluate(x) }
