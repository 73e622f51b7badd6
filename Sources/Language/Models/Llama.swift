import Engine
import NN

/// The Llama family decoder (Llama 2/3, Mistral, SmolLM, Qwen2): pre-norm blocks of grouped-query
/// attention with rotary positions and a SwiGLU MLP, RMSNorm throughout.
public final class Llama: CausalLanguageModel {
    public let configuration: ModelConfiguration
    /// `model.embed_tokens`.
    public let embedTokens: Embedding
    /// `model.layers.N`.
    public let layers: [LlamaBlock]
    /// `model.norm`.
    public let norm: RMSNorm
    /// `lm_head` (nil when tied to the embeddings).
    public let languageModelHead: Linear?
    let rotary: RotaryEmbedding

    /// A model with parameters from `factory` (N(0, 0.02²) weights as transformers' `_init_weights`, or zeros).
    public init(configuration: ModelConfiguration, parameters factory: ParameterFactory) {
        precondition(configuration.architecture == .llama, "Llama: configuration is \(configuration.architecture)")
        self.configuration = configuration
        let c = configuration
        func projection(_ inputs: Int, _ outputs: Int, bias: Bool) -> Linear { factory.linear(inputs, outputs, bias: bias) }
        embedTokens = Embedding(weight: factory.normal([c.vocabularySize, c.hiddenSize]))
        layers = (0..<c.layerCount).map { _ in
            LlamaBlock(
                attention: LlamaAttention(
                    query: projection(c.hiddenSize, c.attentionHeads * c.headSize, bias: c.queryKeyValueBias),
                    key: projection(c.hiddenSize, c.keyValueHeads * c.headSize, bias: c.queryKeyValueBias),
                    value: projection(c.hiddenSize, c.keyValueHeads * c.headSize, bias: c.queryKeyValueBias),
                    output: projection(c.attentionHeads * c.headSize, c.hiddenSize, bias: c.outputProjectionBias),
                    configuration: c),
                mlp: LlamaMLP(gate: projection(c.hiddenSize, c.intermediateSize, bias: c.mlpBias),
                              up: projection(c.hiddenSize, c.intermediateSize, bias: c.mlpBias),
                              down: projection(c.intermediateSize, c.hiddenSize, bias: c.mlpBias)),
                inputNorm: RMSNorm(width: c.hiddenSize, epsilon: c.normEpsilon),
                postAttentionNorm: RMSNorm(width: c.hiddenSize, epsilon: c.normEpsilon))
        }
        norm = RMSNorm(width: c.hiddenSize, epsilon: c.normEpsilon)
        languageModelHead = c.tiedEmbeddings ? nil : projection(c.hiddenSize, c.vocabularySize, bias: false)
        rotary = RotaryEmbedding(dimension: c.headSize, theta: c.ropeTheta, scaling: c.ropeScaling)
    }

    public var tokenEmbeddingTable: Variable { embedTokens.weight }

    public func embed(_ tokens: [Int], batch: Int, length: Int) -> Variable {
        embedTokens(tokens, shape: [batch, length])
    }

    public func forward(_ input: ModelInput, cache: KeyValueCache?) -> ModelOutput {
        let (normalized, captured) = finalHiddenStates(input, cache: cache)
        let logits = languageModelHead.map { $0(normalized) } ?? linear(normalized, weight: embedTokens.weight)
        return ModelOutput(logits: logits, hiddenStates: captured)
    }

    public func outputProjectionTerms(_ input: ModelInput) -> [ProjectionTerm]? {
        let normalized = finalHiddenStates(input, cache: nil).normalized
        return languageModelHead?.projectionTerms(normalized) ?? [ProjectionTerm(input: normalized, weight: embedTokens.weight)]
    }

    /// The decoder up to and including the final norm, `[batch, length, hidden]`, and the captured layers.
    func finalHiddenStates(_ input: ModelInput, cache: KeyValueCache?) -> (normalized: Variable, captured: [Int: Variable]) {
        var hidden = input.embeddings ?? embed(input.tokens ?? [], batch: input.batch, length: input.length)
        let start = cache?.length ?? 0
        let positions = Array(start..<(start + input.length))
        var captured: [Int: Variable] = [:]
        for (index, layer) in layers.enumerated() {
            hidden = layer(hidden, positions: positions, rotary: rotary, cache: cache, layerIndex: index)
            if input.capturedLayers.contains(index) { captured[index] = hidden }
        }
        cache?.advance(by: input.length)
        return (norm(hidden), captured)
    }

    public var namedChildren: [(String, Module)] {
        var children: [(String, Module)] = [("model.embed_tokens", embedTokens)]
        for (index, layer) in layers.enumerated() { children.append(("model.layers.\(index)", layer)) }
        children.append(("model.norm", norm))
        if let languageModelHead { children.append(("lm_head", languageModelHead)) }
        return children
    }
}

/// One Llama decoder layer: `h + attn(norm(h))`, then `h + mlp(norm(h))`.
public final class LlamaBlock: Module {
    public let attention: LlamaAttention
    public let mlp: LlamaMLP
    public let inputNorm: RMSNorm
    public let postAttentionNorm: RMSNorm

    init(attention: LlamaAttention, mlp: LlamaMLP, inputNorm: RMSNorm, postAttentionNorm: RMSNorm) {
        self.attention = attention
        self.mlp = mlp
        self.inputNorm = inputNorm
        self.postAttentionNorm = postAttentionNorm
    }

    func callAsFunction(_ hidden: Variable, positions: [Int], rotary: RotaryEmbedding, cache: KeyValueCache?, layerIndex: Int) -> Variable {
        let afterAttention = hidden + attention(inputNorm(hidden), positions: positions, rotary: rotary, cache: cache, layerIndex: layerIndex)
        return afterAttention + mlp(postAttentionNorm(afterAttention))
    }

    public var namedChildren: [(String, Module)] {
        [("self_attn", attention), ("mlp", mlp), ("input_layernorm", inputNorm), ("post_attention_layernorm", postAttentionNorm)]
    }
}

/// Grouped-query self-attention with rotary positions.
public final class LlamaAttention: Module {
    public let query: Linear, key: Linear, value: Linear, output: Linear
    let heads: Int, keyValueHeads: Int, headSize: Int

    init(query: Linear, key: Linear, value: Linear, output: Linear, configuration: ModelConfiguration) {
        self.query = query
        self.key = key
        self.value = value
        self.output = output
        heads = configuration.attentionHeads
        keyValueHeads = configuration.keyValueHeads
        headSize = configuration.headSize
    }

    func callAsFunction(_ input: Variable, positions: [Int], rotary: RotaryEmbedding, cache: KeyValueCache?, layerIndex: Int) -> Variable {
        let (batch, length) = (input.shape[0], input.shape[1])
        let q = applyRotary(query(input).reshaped([batch, length, heads, headSize]), positions: positions, rotary: rotary)
        var k = applyRotary(key(input).reshaped([batch, length, keyValueHeads, headSize]), positions: positions, rotary: rotary)
        var v = value(input).reshaped([batch, length, keyValueHeads, headSize])
        if let cache {
            let (allKeys, allValues) = cache.append(layer: layerIndex, key: k.value, value: v.value)
            k = Variable(allKeys)
            v = Variable(allValues)
        }
        let attended = causalAttention(query: q, key: k, value: v, scale: 1 / Float(headSize).squareRoot())
        return output(attended.reshaped([batch, length, heads * headSize]))
    }

    public var namedChildren: [(String, Module)] {
        [("q_proj", query), ("k_proj", key), ("v_proj", value), ("o_proj", output)]
    }
}

/// The SwiGLU MLP `down(silu(gate(x)) ⊙ up(x))`.
public final class LlamaMLP: Module {
    public let gate: Linear, up: Linear, down: Linear

    init(gate: Linear, up: Linear, down: Linear) {
        self.gate = gate
        self.up = up
        self.down = down
    }

    func callAsFunction(_ input: Variable) -> Variable { down(swiglu(gate: gate(input), up: up(input))) }

    public var namedChildren: [(String, Module)] {
        [("gate_proj", gate), ("up_proj", up), ("down_proj", down)]
    }
}
