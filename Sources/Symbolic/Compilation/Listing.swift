extension CompiledFunction {
    /// The compiled program as readable text, one line per slot or
    /// instruction, CasADi style:
    ///
    ///     let f = try (sin(x) ** 2 + sin(x)).compile(variables: ["x"])
    ///     print(f.listing)
    ///     // Prints:
    ///     // ; 1 input, 1 output, 3 instructions, 4 work slots
    ///     // @0 = x
    ///     // @1 = sin(@0)
    ///     // @2 = @1 * @1
    ///     // @3 = @1 + @2
    ///     // output[0] = @3
    ///
    /// `@k` names work slot k. Constants come first, then the inputs, then
    /// the instructions in execution order; in programs that reuse slots
    /// (large ones), the same `@k` can be assigned more than once. Division
    /// `a / b` is computed as `a * (1/b)`, as the tree evaluator does.
    public var listing: String {
        let p = program
        var lines: [String] = []
        lines.reserveCapacity(p.instructions.count + p.constants.count + p.inputCount + outputCount + 1)
        func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        lines.append("; " + [plural(p.inputCount, "input"), plural(outputCount, "output"),
                             plural(p.instructions.count, "instruction"), plural(p.slotCount, "work slot")]
                        .joined(separator: ", "))
        for (i, c) in p.constants.enumerated() { lines.append("@\(i) = \(c)") }
        for (i, name) in (variables + parameters).enumerated() { lines.append("@\(p.inputBase + i) = \(name)") }
        for ins in p.instructions {
            if ins.op == .select {
                let operands = p.sumOperands[Int(ins.a)..<Int(ins.a + ins.b)].map { "@\($0)" }
                lines.append("@\(ins.dest) = select(" + operands.joined(separator: ", ") + ")")
            } else if ins.op == .sum {
                var text = ""
                for (k, j) in p.sumOperands[Int(ins.a)..<Int(ins.a + ins.b)].enumerated() {
                    let operand = "@\(j & 0x7FFF_FFFF)"
                    text += k == 0 ? operand : (j < 0 ? " - " : " + ") + operand
                }
                lines.append("@\(ins.dest) = " + text)
            } else {
                lines.append("@\(ins.dest) = " + ins.op.listingText("@\(ins.a)", "@\(ins.b)"))
            }
        }
        for (k, s) in p.outputSlots.enumerated() { lines.append("output[\(k)] = @\(s)") }
        return lines.joined(separator: "\n")
    }
}
