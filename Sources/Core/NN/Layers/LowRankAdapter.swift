import Engine

/// A LoRA adapter (Hu et al. 2021, PEFT's layout): adds `(α/r)·B·A·x` to a frozen linear layer, with
/// `A` `[r, in]` initialised as PEFT does (uniform ±1/√in) and `B` `[out, r]` zero, so training starts
/// exactly at the base model.
public final class LowRankAdapter: Module {
    /// `lora_A`, `[rank, inFeatures]`.
    public let down: Variable
    /// `lora_B`, `[outFeatures, rank]`.
    public let up: Variable
    /// α / r.
    public let scale: Float

    public init(inFeatures: Int, outFeatures: Int, rank: Int, alpha: Float, generator: inout SeededGenerator) {
        precondition(rank >= 1, "LowRankAdapter: rank must be at least 1")
        let bound = 1 / Float(inFeatures).squareRoot()
        down = Variable(.uniform([rank, inFeatures], low: -bound, high: bound, generator: &generator), requiresGradient: true)
        up = Variable(Tensor(zeros: [outFeatures, rank]), requiresGradient: true)
        scale = alpha / Float(rank)
    }

    /// The adapter's contribution for `[..., inFeatures]` input.
    public func callAsFunction(_ input: Variable) -> Variable { linear(linear(input, weight: down), weight: up).scaled(by: scale) }

    /// `(α/r)·B·A`, the weight delta that merging adds to the base weight.
    public func weightDelta() -> Tensor {
        let delta = matmul(Variable(up.value), Variable(down.value)).value
        Elementwise.scale(delta.data, by: scale, into: delta.data, count: delta.count)
        return delta
    }

    public func namedParameters() -> [(name: String, variable: Variable)] { [("lora_A.weight", down), ("lora_B.weight", up)] }
}
