import Synchronization

/// One or more expressions compiled to a flat program that evaluates them
/// together, fast, from many threads at once.
///
///     let x = Expression.variable("x"), y = Expression.variable("y")
///     let f = try CompiledFunction([x * y + sin(x), x / y], variables: ["x", "y"])
///     print(f([2, 4]))
///     // Prints "[8.909297426825681, 0.5]"
///
/// Compilation resolves every variable to an index, merges the graphs of
/// all outputs (a subexpression shared by several outputs is computed once),
/// folds constants, drops dead code and lays the rest out as a flat list of
/// 16-byte instructions over a work array whose slots are reused when their
/// values die. Results equal ``Expression/evaluate(at:)`` bit for bit.
///
/// *Parameters* are named inputs that are not differentiation variables:
/// data that changes between calls without recompiling (a sample's inputs
/// and target, a step size). They come after the variables in every input
/// array, and ``batched(over:)`` can vary either group per point.
///
/// A `CompiledFunction` is an immutable value: share it freely between
/// threads. The convenient calls allocate a small work array per call; the
/// allocation-free calls take a ``Workspace`` that each thread owns.
public struct CompiledFunction: Sendable {
    /// The variables, in input order.
    public let variables: [String]
    /// The parameters, in input order after the variables.
    public let parameters: [String]
    /// What the compiler did: instruction and slot counts, CSE hits, …
    public let statistics: CompilationStatistics
    let program: Program
    /// Identifies this program's workspaces (a workspace holds its constants).
    let identity: UInt64

    /// Compiles `outputs` over the ordered `variables` and `parameters`.
    ///
    /// - Parameters:
    ///   - outputs: The expressions to evaluate together, in output order.
    ///   - variables: The variables, in the order callers pass their values.
    ///   - parameters: Further named inputs, passed after the variables.
    /// - Throws: ``CompilationError/unknownVariable(_:)`` if an output uses
    ///   a name that is in neither list; ``CompilationError/duplicateInput(_:)``
    ///   if a name is listed twice.
    /// - Complexity: O(n log n) in the number of distinct nodes of all
    ///   outputs together.
    public init(_ outputs: [Expression], variables: [String], parameters: [String] = []) throws(CompilationError) {
        try self.init(outputs, variables: variables, parameters: parameters, schedule: .levels, sumChunk: Lowering.sumChunk)
    }

    init(_ outputs: [Expression], variables: [String], parameters: [String],
         schedule: Schedule, sumChunk: Int) throws(CompilationError) {
        let inputs = variables + parameters
        let lowered = try Lowering.lower(outputs, inputs: inputs, sumChunk: sumChunk)
        let program = Program(lowered, inputCount: inputs.count, schedule: schedule)
        self.variables = variables
        self.parameters = parameters
        self.program = program
        self.statistics = CompilationStatistics(lowered, program)
        self.identity = CompiledFunction.nextIdentity.add(1, ordering: .relaxed).newValue
    }

    static let nextIdentity = Atomic<UInt64>(0)

    /// The number of inputs: variables plus parameters.
    public var inputCount: Int { program.inputCount }

    /// The number of outputs.
    public var outputCount: Int { program.outputSlots.count }

    /// Evaluates all outputs at a point.
    ///
    /// - Parameters:
    ///   - variables: One value per variable, in order.
    ///   - parameters: One value per parameter, in order.
    /// - Returns: One value per output.
    /// - Precondition: The counts match ``variables`` and ``parameters``.
    public func callAsFunction(_ variables: [Double], parameters: [Double] = []) -> [Double] {
        precondition(variables.count == self.variables.count,
                     "expected \(self.variables.count) variable values, got \(variables.count)")
        precondition(parameters.count == self.parameters.count,
                     "expected \(self.parameters.count) parameter values, got \(parameters.count)")
        let inputs = parameters.isEmpty ? variables : variables + parameters
        var work = program.makeWork()
        return [Double](unsafeUninitializedCapacity: outputCount) { out, count in
            inputs.withUnsafeBufferPointer { x in
                work.withUnsafeMutableBufferPointer { w in
                    program.run(inputs: x.baseAddress, work: w.baseAddress!, outputs: out.baseAddress)
                }
            }
            count = outputCount
        }
    }

    /// Evaluates all outputs without allocating, for optimiser inner loops.
    ///
    /// - Parameters:
    ///   - inputs: ``inputCount`` values: the variables, then the parameters.
    ///   - outputs: Receives ``outputCount`` values.
    ///   - workspace: Scratch memory from ``makeWorkspace()``; one per thread.
    /// - Precondition: Buffer sizes match and `workspace` was made by this
    ///   function.
    public func evaluate(_ inputs: UnsafeBufferPointer<Double>, into outputs: UnsafeMutableBufferPointer<Double>,
                         workspace: inout Workspace) {
        precondition(inputs.count == inputCount, "expected \(inputCount) inputs, got \(inputs.count)")
        precondition(outputs.count == outputCount, "expected room for \(outputCount) outputs, got \(outputs.count)")
        precondition(workspace.identity == identity, "the workspace belongs to another compiled function")
        workspace.work.withUnsafeMutableBufferPointer { w in
            program.run(inputs: inputs.baseAddress, work: w.baseAddress!, outputs: outputs.baseAddress)
        }
    }

    /// Evaluates all outputs into `outputs`, reusing its storage.
    ///
    /// - Parameters:
    ///   - inputs: ``inputCount`` values: the variables, then the parameters.
    ///   - outputs: Resized to ``outputCount`` if needed (only the first time).
    ///   - workspace: Scratch memory from ``makeWorkspace()``.
    public func evaluate(_ inputs: [Double], into outputs: inout [Double], workspace: inout Workspace) {
        if outputs.count != outputCount { outputs = [Double](repeating: 0, count: outputCount) }
        inputs.withUnsafeBufferPointer { x in
            outputs.withUnsafeMutableBufferPointer { out in
                evaluate(x, into: out, workspace: &workspace)
            }
        }
    }

    /// Runs the program on `inputs` (variables then parameters) and lets
    /// `read` pick the outputs out of the work array, without allocating.
    @inline(__always)
    func execute<R>(_ inputs: UnsafePointer<Double>?, _ workspace: inout Workspace,
                    _ read: (_ work: UnsafePointer<Double>, _ outputSlots: UnsafeBufferPointer<Int32>) -> R) -> R {
        precondition(workspace.identity == identity, "the workspace belongs to another compiled function")
        return workspace.work.withUnsafeMutableBufferPointer { w in
            program.run(inputs: inputs, work: w.baseAddress!)
            return program.outputSlots.withUnsafeBufferPointer { read(UnsafePointer(w.baseAddress!), $0) }
        }
    }

    /// Scratch memory for the allocation-free ``evaluate(_:into:workspace:)-(UnsafeBufferPointer<Double>,_,_)``.
    public func makeWorkspace() -> Workspace { Workspace(work: program.makeWork(), identity: identity) }

    /// Reusable scratch memory for one thread's calls of one compiled
    /// function. Each concurrent caller needs its own.
    public struct Workspace: Sendable {
        var work: [Double]
        let identity: UInt64
    }
}

extension Expression {
    /// Compiles this expression over the ordered `variables` (and
    /// `parameters`, passed after them).
    ///
    ///     let f = try (x * x + 1).compile(variables: ["x"])
    ///     print(f([3]))
    ///     // Prints "[10.0]"
    ///
    /// - Throws: ``CompilationError`` as ``CompiledFunction/init(_:variables:parameters:)`` does.
    public func compile(variables: [String], parameters: [String] = []) throws(CompilationError) -> CompiledFunction {
        try CompiledFunction([self], variables: variables, parameters: parameters)
    }

    /// Compiles several expressions into one function that shares their
    /// common subexpressions.
    ///
    /// - Throws: ``CompilationError`` as ``CompiledFunction/init(_:variables:parameters:)`` does.
    public static func compile(_ outputs: [Expression], variables: [String],
                               parameters: [String] = []) throws(CompilationError) -> CompiledFunction {
        try CompiledFunction(outputs, variables: variables, parameters: parameters)
    }
}
