/// The elementwise function a dense layer applies to its pre-activations.
///
///     let a = Activation.tanh.apply(.variable("z"))   // tanh(z)
///     let named = Activation(name: "leaky-relu")       // .leakyRelu(slope: 0.01)
public enum Activation: Sendable, Hashable, CustomStringConvertible {
    /// z itself (output layers of regressors and classifiers: the loss adds
    /// the softmax or the sigmoid).
    case identity
    /// tanh(z).
    case tanh
    /// The logistic sigmoid 1/(1 + e⁻ᶻ).
    case sigmoid
    /// max(z, 0).
    case relu
    /// z for z > 0, slope·z below.
    case leakyRelu(slope: Double)

    /// The activations the command line accepts, by ``name``.
    public static let all: [Activation] = [.identity, .tanh, .sigmoid, .relu, .leakyRelu(slope: 0.01)]

    /// The activation called `name` on the command line (`leaky-relu` has
    /// slope 0.01), or `nil`.
    ///
    ///     Activation(name: "relu")   // .relu
    public init?(name: String) {
        guard let match = Activation.all.first(where: { $0.name == name }) else { return nil }
        self = match
    }

    /// The command-line name: identity, tanh, sigmoid, relu or leaky-relu.
    public var name: String {
        switch self {
        case .identity: return "identity"
        case .tanh: return "tanh"
        case .sigmoid: return "sigmoid"
        case .relu: return "relu"
        case .leakyRelu: return "leaky-relu"
        }
    }

    /// The name, with the slope of a leaky ReLU other than 0.01.
    public var description: String {
        if case .leakyRelu(let slope) = self, slope != 0.01 { return "leaky-relu(\(slope))" }
        return name
    }

    /// The activation of `z`.
    ///
    ///     Activation.relu.apply(.variable("z"))   // relu(z)
    public func apply(_ z: Expression) -> Expression {
        switch self {
        case .identity: return z
        case .tanh: return Symbolic.tanh(z)
        case .sigmoid: return Symbolic.sigmoid(z)
        case .relu: return Symbolic.relu(z)
        case .leakyRelu(let slope):
            return slope == 0.01 ? Symbolic.leakyRelu(z) : Symbolic.leakyRelu(z, slope: Expression(slope))
        }
    }

    /// The activation of every entry.
    ///
    ///     let a = Activation.tanh.apply(x * w + b)
    public func apply(_ z: ExpressionMatrix) -> ExpressionMatrix { self == .identity ? z : z.map(apply) }
}
