import Engine

/// RMS normalisation with a learned scale (Llama).
public final class RMSNorm: Module {
    /// Scale `[width]`, initialised to 1.
    public let weight: Variable
    /// ε added to the mean square.
    public let epsilon: Float

    /// A layer of the given width.
    public init(width: Int, epsilon: Float = 1e-6) {
        weight = Variable(Tensor(repeating: 1, shape: [width]), requiresGradient: true)
        self.epsilon = epsilon
    }

    /// Normalises the last axis.
    public func callAsFunction(_ input: Variable) -> Variable { rmsNorm(input, weight: weight, epsilon: epsilon) }

    public func namedParameters() -> [(name: String, variable: Variable)] { [("weight", weight)] }
}

/// Layer normalisation with learned scale and shift (GPT-2).
public final class LayerNorm: Module {
    /// Scale `[width]`, initialised to 1.
    public let weight: Variable
    /// Shift `[width]`, initialised to 0.
    public let bias: Variable
    /// ε added to the variance.
    public let epsilon: Float

    /// A layer of the given width.
    public init(width: Int, epsilon: Float = 1e-5) {
        weight = Variable(Tensor(repeating: 1, shape: [width]), requiresGradient: true)
        bias = Variable(Tensor(zeros: [width]), requiresGradient: true)
        self.epsilon = epsilon
    }

    /// Normalises the last axis.
    public func callAsFunction(_ input: Variable) -> Variable { layerNorm(input, weight: weight, bias: bias, epsilon: epsilon) }

    public func namedParameters() -> [(name: String, variable: Variable)] { [("weight", weight), ("bias", bias)] }
}
