import Engine
import NN

/// Creates a model's parameters: seeded N(0, σ²) draws for training from scratch, or zeros when a
/// checkpoint will overwrite every value anyway (drawing 135M normals would only cost load time).
public final class ParameterFactory {
    private var generator: SeededGenerator?

    /// Random parameters from `seed`.
    public init(seed: UInt64) { generator = SeededGenerator(seed: seed) }
    /// Zero parameters, to be filled from a checkpoint.
    public init() { generator = nil }

    /// A trainable matrix (or any shape) drawn from N(0, σ²), or zeros.
    func normal(_ shape: [Int], standardDeviation: Float = 0.02) -> Variable {
        guard generator != nil else { return Variable(Tensor(zeros: shape), requiresGradient: true) }
        return Variable(.normal(shape, standardDeviation: standardDeviation, generator: &generator!), requiresGradient: true)
    }

    /// A trainable zero tensor (biases).
    func zeros(_ shape: [Int]) -> Variable { Variable(Tensor(zeros: shape), requiresGradient: true) }

    /// A linear layer `[outputs, inputs]` with an optional zero bias.
    func linear(_ inputs: Int, _ outputs: Int, bias: Bool) -> Linear {
        Linear(weight: normal([outputs, inputs]), bias: bias ? zeros([outputs]) : nil)
    }
}
