import Engine

/// A fully connected layer `y = x·Wᵀ + b` with PyTorch's `[out, in]` weight layout.
public final class Linear: Module {
    /// Weight `[outFeatures, inFeatures]`.
    public let weight: Variable
    /// Optional bias `[outFeatures]`.
    public let bias: Variable?
    /// An attached LoRA adapter (not part of `namedParameters`, so exports see the base layer only).
    public var adapter: LowRankAdapter?

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
    public func callAsFunction(_ input: Variable) -> Variable {
        let base = linear(input, weight: weight, bias: bias)
        guard let adapter else { return base }
        return base + adapter(input)
    }

    /// The summands whose total is this layer's output for `input` (no bias), for ops that project in
    /// chunks instead of calling the layer: the base `input · Wᵀ`, plus `((α/r)·input·Aᵀ) · Bᵀ` when an
    /// adapter is attached, so LoRA on an output head trains through the chunked loss too.
    public func projectionTerms(_ input: Variable) -> [ProjectionTerm] {
        precondition(bias == nil, "Linear.projectionTerms: a layer with a bias is not a pure projection")
        var terms = [ProjectionTerm(input: input, weight: weight)]
        if let adapter {
            terms.append(ProjectionTerm(input: linear(input, weight: adapter.down).scaled(by: adapter.scale), weight: adapter.up))
        }
        return terms
    }

    /// Folds the adapter into the weight (`W ← W + (α/r)·B·A`) and removes it: the layer then computes
    /// the same function without the adapter's cost.
    public func mergeAdapter() {
        guard let adapter else { return }
        let delta = adapter.weightDelta()
        precondition(delta.shape == weight.shape, "Linear.mergeAdapter: delta \(delta.shape) for weight \(weight.shape)")
        Elementwise.addInPlace(weight.value.data, delta.data, count: delta.count)
        self.adapter = nil
    }

    public func namedParameters() -> [(name: String, variable: Variable)] {
        [("weight", weight)] + (bias.map { [("bias", $0)] } ?? [])
    }
}
