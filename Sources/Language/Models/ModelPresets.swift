import Engine

/// Named architecture shapes for benchmarks and from-scratch training.
extension ModelConfiguration {
    /// Names accepted by `preset(named:)`.
    public static let presetNames = ["smollm2-135m", "tiny", "micro"]

    /// A Llama-family configuration by name: `smollm2-135m` (SmolLM2-135M's shapes), `tiny`
    /// (vocabulary 4096, hidden 256, 4 layers, 8 heads over 4 KV heads, MLP 768, tied) or `micro`
    /// (vocabulary 2048, hidden 128, 4 layers, 4 heads over 2 KV heads, MLP 384, tied: the built-in
    /// benchmark's models, small enough to train and retrain on a CPU in seconds).
    public static func preset(named name: String) -> ModelConfiguration? {
        switch name {
        case "smollm2-135m":
            return ModelConfiguration(
                architecture: .llama, modelType: "llama", vocabularySize: 49152, hiddenSize: 576, intermediateSize: 1536,
                layerCount: 30, attentionHeads: 9, keyValueHeads: 3, headSize: 64, maximumPositions: 8192,
                normEpsilon: 1e-5, ropeTheta: 100_000, ropeScaling: nil, tiedEmbeddings: true,
                queryKeyValueBias: false, outputProjectionBias: false, mlpBias: false,
                bosTokenId: 1, eosTokenIds: [2], padTokenId: 2)
        case "tiny":
            return ModelConfiguration(
                architecture: .llama, modelType: "llama", vocabularySize: 4096, hiddenSize: 256, intermediateSize: 768,
                layerCount: 4, attentionHeads: 8, keyValueHeads: 4, headSize: 32, maximumPositions: 2048,
                normEpsilon: 1e-5, ropeTheta: 10_000, ropeScaling: nil, tiedEmbeddings: true,
                queryKeyValueBias: false, outputProjectionBias: false, mlpBias: false,
                bosTokenId: 1, eosTokenIds: [2], padTokenId: nil)
        case "micro":
            return ModelConfiguration(
                architecture: .llama, modelType: "llama", vocabularySize: 2048, hiddenSize: 128, intermediateSize: 384,
                layerCount: 4, attentionHeads: 4, keyValueHeads: 2, headSize: 32, maximumPositions: 512,
                normEpsilon: 1e-5, ropeTheta: 10_000, ropeScaling: nil, tiedEmbeddings: true,
                queryKeyValueBias: false, outputProjectionBias: false, mlpBias: false,
                bosTokenId: nil, eosTokenIds: [0], padTokenId: nil)
        default:
            return nil
        }
    }

    /// The same shape with another vocabulary and special tokens (a preset fitted to a trained tokenizer).
    public func fitted(vocabularySize: Int, bosTokenId: Int?, eosTokenIds: [Int], padTokenId: Int?) -> ModelConfiguration {
        var copy = self
        copy.vocabularySize = vocabularySize
        copy.bosTokenId = bosTokenId
        copy.eosTokenIds = eosTokenIds
        copy.padTokenId = padTokenId
        return copy
    }
}

/// Builds a model of the configuration's architecture: seeded random parameters, or zeros when `seed`
/// is nil (a checkpoint fills them).
public func makeModel(_ configuration: ModelConfiguration, seed: UInt64?) -> CausalLanguageModel {
    let factory = seed.map { ParameterFactory(seed: $0) } ?? ParameterFactory()
    switch configuration.architecture {
    case .llama: return Llama(configuration: configuration, parameters: factory)
    case .gpt2: return GPT2(configuration: configuration, parameters: factory)
    }
}
