import Testing
@testable import SymCLI

@Suite("sym compile")
struct CLICompileTests {
    @Test func listingAndStatistics() {
        expectOutput(["compile", "x*y"], """
            ; 2 inputs, 1 output, 1 instruction, 3 work slots
            @0 = x
            @1 = y
            @2 = @0 * @1
            output[0] = @2  ; f
            ; 1 instructions (0 vectorised), 3 work slots (1 temporaries), 1 outputs, 3 graph nodes (tree size 3), \
            0 CSE hits (0 shared uses + 0 lowered), 0 constants folded, 0 dead operations removed, 20 bytes

            """)
    }

    @Test func gradientAndHessianOutputsAreLabelled() {
        let result = runSym(["compile", "x^2*y + y^3", "--gradient", "--hessian", "--wrt", "x,y"])
        #expect(result.status == 0 && result.stderr == "")
        let labels = result.stdout.split(separator: "\n").filter { $0.hasPrefix("output[") }
            .map { $0.split(separator: ";").last!.dropFirst() }
        #expect(labels == ["f", "d/dx", "d/dy", "d^2/dx^2", "d^2/dy dx", "d^2/dy^2"])
        #expect(result.stdout.split(separator: "\n").first == "; 2 inputs, 6 outputs, 11 instructions, 16 work slots")
    }

    @Test func json() {
        expectOutput(["compile", "x*y", "--format", "json"],
                     #"{"variables": ["x", "y"], "outputs": ["f"], "listing": ["; 2 inputs, 1 output, 1 instruction, 3 work slots", "@0 = x", "@1 = y", "@2 = @0 * @1", "output[0] = @2  ; f"], "statistics": {"instructions": 1, "vectorized_instructions": 0, "work_slots": 3, "temporary_slots": 1, "constants": 0, "inputs": 2, "outputs": 1, "graph_nodes": 3, "tree_size": 3, "shared_subexpressions": 0, "graph_cse_hits": 0, "instruction_cse_hits": 0, "constant_folds": 0, "dead_instructions_removed": 0, "program_bytes": 20, "instruction_counts": {"multiply": 1}}}"# + "\n")
    }

    @Test func variableMissingFromWrt() {
        expectFailure(["compile", "x*y", "--wrt", "x"], status: 1, "error: the expression uses 'y', which is not in --wrt; add it there\n")
    }

    @Test func flagsTakeNoValue() {
        expectFailure(["compile", "x", "--gradient=yes"], status: 64,
                      usageError("the option '--gradient' does not take a value, but 'yes' was given", command: "compile"))
        expectFailure(["compile", "x", "--format", "latex"], status: 64,
                      usageError("the value 'latex' is invalid for '--format <format>': expected one of text, json", command: "compile"))
    }
}
