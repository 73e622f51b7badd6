import Engine

/// A fully connected layer `y = x·Wᵀ + b` with PyTorch's `[out, in]` weight layout.
public final class Linear: Module {
    /// Weight `[outFeatures, inFeatures]`.
    public let weight: Variable
    /// Optional bias `[outFeatures]`.
    public let bias: Variable?

    /// A layer initialised as PyTorch does: uniform in ±1/√inFeatures.
    public init(inFeatures: Int, outFeatures: Int, bias hasBias: Bool = true, generator: inout SeededGenerator) {
        let bound = 1 / Float(inFeatures).squareRoot()
        weight = Variable(.uniform([outFeatures, inFeatures], low: -bound, high: bound, generator: &generator), requiresGradient: true)
        bias = hasBias ? Variable(.uniform([outFeatures], low: -bound, high: bound, generator: &generator), requiresGradient: true) : nil
    }

    /// A layer around existing parameters.
    public init(weight: Variable, bias: Variable? = nil) {
        self.weight = weight
        self.bias = bias
    }

    /// Applies the layer to `[..., inFeatures]`.
    public func callAsFunction(_ input: Variable) -> Variable { linear(input, weight: weight, bias: bias) }

    public func namedParameters() -> [(name: String, variable: Variable)] {
        [("weight", weight)] + (bias.map { [("bias", $0)] } ?? [])
    }
}
