/// An error raised when compiling expressions, or when feeding a compiled
/// function a matrix of points whose shape does not fit it.
///
/// Descriptions are sentence fragments that read well after `error: `.
public enum CompilationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// An expression uses a variable that is neither among the variables
    /// nor among the parameters given to the compiler.
    case unknownVariable(String)
    /// A name occurs twice among the variables and parameters.
    case duplicateInput(String)
    /// A row of a point matrix has the wrong number of columns.
    case rowLength(row: Int, expected: Int, found: Int)
    /// The shared (not batched) inputs have the wrong count.
    case sharedInputCount(expected: Int, found: Int)
    /// A user-defined function with no body (only an evaluation closure)
    /// cannot be compiled or turned into source code.
    case functionWithoutBody(String)

    /// A description of the error that says how to fix it.
    public var description: String {
        switch self {
        case .unknownVariable(let name):
            return "the expression uses '\(name)', which is not among the variables or parameters; add it to one of them"
        case .duplicateInput(let name):
            return "'\(name)' is listed twice among the variables and parameters"
        case .rowLength(let row, let expected, let found):
            return "row \(row + 1) has \(found) value\(found == 1 ? "" : "s"), expected \(expected)"
        case .sharedInputCount(let expected, let found):
            return "\(found) shared input value\(found == 1 ? "" : "s") given, expected \(expected)"
        case .functionWithoutBody(let name):
            return "'\(name)' is defined by a closure without a body, so it cannot be compiled; define it by an expression"
        }
    }
}
