import Engine
import NN

/// GPT-2: learned positions, pre-LayerNorm blocks with a fused QKV projection and a GELU (tanh) MLP,
/// output head tied to the token embeddings.
///
/// Hugging Face stores the four projection weights in Conv1D layout `[in, out]`; inside the engine every
/// weight is `[out, in]`, and checkpoint readers/writers transpose the names `conv1DWeightNames` lists.
public final class GPT2: CausalLanguageModel {
    public let configuration: ModelConfiguration
    /// `transformer.wte`.
    public let tokenEmbedding: Embedding
    /// `transformer.wpe`.
    public let positionEmbedding: Embedding
    /// `transformer.h.N`.
    public let layers: [GPT2Block]
    /// `transformer.ln_f`.
    public let finalNorm: LayerNorm

    /// A model with parameters from `factory` (N(0, 0.02²) weights, or zeros).
    public init(configuration: ModelConfiguration, parameters factory: ParameterFactory) {
        precondition(configuration.architecture == .gpt2, "GPT2: configuration is \(configuration.architecture)")
        self.configuration = configuration
        let c = configuration
        func projection(_ inputs: Int, _ outputs: Int) -> Linear { factory.linear(inputs, outputs, bias: true) }
        tokenEmbedding = Embedding(weight: factory.normal([c.vocabularySize, c.hiddenSize]))
        positionEmbedding = Embedding(weight: factory.normal([c.maximumPositions, c.hiddenSize]))
        layers = (0..<c.layerCount).map { _ in
            GPT2Block(firstNorm: LayerNorm(width: c.hiddenSize, epsilon: c.normEpsilon),
                      attention: projection(c.hiddenSize, 3 * c.hiddenSize), attentionOutput: projection(c.hiddenSize, c.hiddenSize),
                      secondNorm: LayerNorm(width: c.hiddenSize, epsilon: c.normEpsilon),
                      expand: projection(c.hiddenSize, c.intermediateSize), contract: projection(c.intermediateSize, c.hiddenSize),
                      heads: c.attentionHeads)
        }
        finalNorm = LayerNorm(width: c.hiddenSize, epsilon: c.normEpsilon)
    }

    /// Parameter-name suffixes stored transposed (Conv1D) in Hugging Face GPT-2 checkpoints.
    public static let conv1DWeightNames = ["attn.c_attn.weight", "attn.c_proj.weight", "mlp.c_fc.weight", "mlp.c_proj.weight"]

    public var tokenEmbeddingTable: Variable { tokenEmbedding.weight }

    public func embed(_ tokens: [Int], batch: Int, length: Int) -> Variable {
        tokenEmbedding(tokens, shape: [batch, length])
    }

    public func forward(_ input: ModelInput, cache: KeyValueCache?) -> ModelOutput {
        let (normalized, captured) = finalHiddenStates(input, cache: cache)
        return ModelOutput(logits: linear(normalized, weight: tokenEmbedding.weight), hiddenStates: captured)
    }

    public func outputProjectionTerms(_ input: ModelInput) -> [ProjectionTerm]? {
        [ProjectionTerm(input: finalHiddenStates(input, cache: nil).normalized, weight: tokenEmbedding.weight)]
    }

    /// The decoder up to and including the final LayerNorm, `[batch, length, hidden]`, and the captured layers.
    func finalHiddenStates(_ input: ModelInput, cache: KeyValueCache?) -> (normalized: Variable, captured: [Int: Variable]) {
        let start = cache?.length ?? 0
        precondition(start + input.length <= configuration.maximumPositions,
                     "GPT2: \(start + input.length) positions exceed the model's \(configuration.maximumPositions)")
        let tokens = input.embeddings ?? embed(input.tokens ?? [], batch: input.batch, length: input.length)
        let positions = positionEmbedding(Array(start..<(start + input.length)), shape: [1, input.length])
        var hidden = tokens + positions
        var captured: [Int: Variable] = [:]
        for (index, layer) in layers.enumerated() {
            hidden = layer(hidden, cache: cache, layerIndex: index)
            if input.capturedLayers.contains(index) { captured[index] = hidden }
        }
        cache?.advance(by: input.length)
        return (finalNorm(hidden), captured)
    }

    public var namedChildren: [(String, Module)] {
        var children: [(String, Module)] = [("transformer.wte", tokenEmbedding), ("transformer.wpe", positionEmbedding)]
        for (index, layer) in layers.enumerated() { children.append(("transformer.h.\(index)", layer)) }
        children.append(("transformer.ln_f", finalNorm))
        return children
    }
}

/// One GPT-2 block.
public final class GPT2Block: Module {
    public let firstNorm: LayerNorm, attention: Linear, attentionOutput: Linear
    public let secondNorm: LayerNorm, expand: Linear, contract: Linear
    let heads: Int

    init(firstNorm: LayerNorm, attention: Linear, attentionOutput: Linear, secondNorm: LayerNorm,
         expand: Linear, contract: Linear, heads: Int) {
        self.firstNorm = firstNorm
        self.attention = attention
        self.attentionOutput = attentionOutput
        self.secondNorm = secondNorm
        self.expand = expand
        self.contract = contract
        self.heads = heads
    }

    func callAsFunction(_ hidden: Variable, cache: KeyValueCache?, layerIndex: Int) -> Variable {
        let (batch, length, width) = (hidden.shape[0], hidden.shape[1], hidden.shape[2])
        let headSize = width / heads
        let fused = attention(firstNorm(hidden))
        let q = fused.sliced(axis: 2, 0..<width).reshaped([batch, length, heads, headSize])
        var k = fused.sliced(axis: 2, width..<(2 * width)).reshaped([batch, length, heads, headSize])
        var v = fused.sliced(axis: 2, (2 * width)..<(3 * width)).reshaped([batch, length, heads, headSize])
        if let cache {
            let (allKeys, allValues) = cache.append(layer: layerIndex, key: k.value, value: v.value)
            k = Variable(allKeys)
            v = Variable(allValues)
        }
        let attended = causalAttention(query: q, key: k, value: v, scale: 1 / Float(headSize).squareRoot())
        let afterAttention = hidden + attentionOutput(attended.reshaped([batch, length, width]))
        return afterAttention + contract(expand(secondNorm(afterAttention)).gelu())
    }

    public var namedChildren: [(String, Module)] {
        [("ln_1", firstNorm), ("attn.c_attn", attention), ("attn.c_proj", attentionOutput),
                 ("ln_2", secondNorm), ("mlp.c_fc", expand), ("mlp.c_proj", contract)]
    }
}
