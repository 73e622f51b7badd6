import Engine

/// A token embedding table `[vocabulary, width]`.
public final class Embedding: Module {
    /// The table.
    public let weight: Variable

    /// A table initialised N(0, σ²) (σ = 1 is PyTorch's default; transformers use 0.02).
    public init(vocabulary: Int, width: Int, standardDeviation: Float = 1, generator: inout SeededGenerator) {
        weight = Variable(.normal([vocabulary, width], standardDeviation: standardDeviation, generator: &generator), requiresGradient: true)
    }

    /// A layer around an existing table.
    public init(weight: Variable) { self.weight = weight }

    /// Looks up `ids` (of shape `shape`).
    public func callAsFunction(_ ids: [Int], shape: [Int]) -> Variable { embedding(ids, shape: shape, table: weight) }

    public func namedParameters() -> [(name: String, variable: Variable)] { [("weight", weight)] }
}
