import Engine
import Foundation

/// The architecture hyper-parameters of a causal language model, read from a Hugging Face `config.json`
/// (or GGUF metadata), under full-word names.
public struct ModelConfiguration: Sendable, Equatable {
    /// Supported architecture families.
    public enum Architecture: String, Sendable, Equatable {
        /// Llama family: Llama 2/3, Mistral/Zephyr, SmolLM, Qwen2 (RMSNorm, RoPE, SwiGLU, GQA).
        case llama
        /// GPT-2 (LayerNorm, learned positions, GELU-tanh, fused QKV).
        case gpt2
    }

    public var architecture: Architecture
    /// `model_type` as written in the checkpoint (llama, mistral, qwen2, gpt2, …).
    public var modelType: String
    public var vocabularySize: Int
    public var hiddenSize: Int
    public var intermediateSize: Int
    public var layerCount: Int
    public var attentionHeads: Int
    public var keyValueHeads: Int
    public var headSize: Int
    public var maximumPositions: Int
    /// ε of RMSNorm (Llama) or LayerNorm (GPT-2).
    public var normEpsilon: Float
    public var ropeTheta: Float
    public var ropeScaling: RotaryEmbedding.Scaling?
    public var tiedEmbeddings: Bool
    /// Bias on the q/k/v projections (Qwen2, `attention_bias`).
    public var queryKeyValueBias: Bool
    /// Bias on the attention output projection (`attention_bias` in Llama configs).
    public var outputProjectionBias: Bool
    /// Bias on the MLP projections (`mlp_bias`).
    public var mlpBias: Bool
    public var bosTokenId: Int?
    public var eosTokenIds: [Int]
    public var padTokenId: Int?

    /// Parameters of the model this configuration describes (call `validate` first: absurd sizes overflow).
    public var parameterCount: Int { countParameters { $0 } }

    /// The same count in floating point, which cannot overflow, for checking absurd configurations.
    public var approximateParameterCount: Double { countParameters { Double($0) } }

    /// The parameter formula once, for any number type.
    private func countParameters<Number: Numeric>(_ number: (Int) -> Number) -> Number {
        let (vocabulary, hidden, intermediate, layers) = (number(vocabularySize), number(hiddenSize), number(intermediateSize), number(layerCount))
        let (heads, keyValueHeads, head) = (number(attentionHeads), number(self.keyValueHeads), number(headSize))
        let embedding = vocabulary * hidden
        switch architecture {
        case .llama:
            let projections = heads + 2 * keyValueHeads
            let attention = hidden * projections * head + heads * head * hidden
            let biases = (queryKeyValueBias ? projections * head : 0) + (outputProjectionBias ? hidden : 0)
                + (mlpBias ? 2 * intermediate + hidden : 0)
            let layer = attention + biases + 3 * hidden * intermediate + 2 * hidden
            return embedding * (tiedEmbeddings ? 1 : 2) + layers * layer + hidden
        case .gpt2:
            let layer = 4 * hidden * hidden + 4 * hidden + 2 * hidden * intermediate + intermediate + hidden + 4 * hidden
            return embedding + number(maximumPositions) * hidden + layers * layer + 2 * hidden
        }
    }
}

/// Problems with a model configuration, each naming its source.
public struct ConfigurationError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

extension ModelConfiguration {
    /// Reads `config.json` at `url`.
    public init(contentsOf url: URL) throws {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw ConfigurationError("\(url.path): cannot read the model configuration (\(error.localizedDescription))")
        }
        try self.init(json: data, source: url.path)
    }

    /// Parses a Hugging Face `config.json` document; `source` names it in errors.
    public init(json data: Data, source: String) throws {
        let root: Any
        do { root = try JSONSerialization.jsonObject(with: data) } catch {
            throw ConfigurationError("\(source): not valid JSON (\(Self.describe(error)))")
        }
        guard let object = root as? [String: Any] else {
            throw ConfigurationError("\(source): not a JSON object")
        }
        let reader = ConfigurationReader(object: object, source: source)
        let modelType = try reader.string("model_type")
        switch modelType {
        case "llama", "mistral", "qwen2", "smollm", "smollm2":
            try self.init(llama: reader, modelType: modelType)
        case "gpt2":
            try self.init(gpt2: reader)
        default:
            throw ConfigurationError("\(source): model_type '\(modelType)' is not supported (supported: llama, mistral, qwen2, gpt2)")
        }
    }

    private init(llama reader: ConfigurationReader, modelType: String) throws {
        let hidden = try reader.integer("hidden_size")
        let heads = try reader.integer("num_attention_heads")
        guard heads > 0, hidden > 0 else { throw ConfigurationError("\(reader.source): hidden_size and num_attention_heads must be positive") }
        let keyValueHeads = try reader.integer("num_key_value_heads", default: heads)
        guard keyValueHeads > 0, heads % keyValueHeads == 0 else {
            throw ConfigurationError("\(reader.source): num_attention_heads \(heads) is not a multiple of num_key_value_heads \(keyValueHeads)")
        }
        let explicitHeadSize = try reader.optionalInteger("head_dim")
        guard explicitHeadSize != nil || hidden % heads == 0 else {
            throw ConfigurationError("\(reader.source): hidden_size \(hidden) is not divisible by num_attention_heads \(heads) (and no head_dim is given)")
        }
        let headSize = explicitHeadSize ?? hidden / heads
        guard headSize > 0, headSize % 2 == 0 else { throw ConfigurationError("\(reader.source): head size \(headSize) must be even") }
        // Qwen2 always has q/k/v biases and never output or MLP biases; transformers ignores
        // `attention_bias` and `mlp_bias` in its configs, so must we.
        let qwen = modelType == "qwen2"
        let attentionBias = try !qwen && reader.bool("attention_bias", default: false)
        self.init(
            architecture: .llama, modelType: modelType,
            vocabularySize: try reader.integer("vocab_size"), hiddenSize: hidden,
            intermediateSize: try reader.integer("intermediate_size"), layerCount: try reader.integer("num_hidden_layers"),
            attentionHeads: heads, keyValueHeads: keyValueHeads, headSize: headSize,
            maximumPositions: try reader.integer("max_position_embeddings", default: 2048),
            normEpsilon: Float(try reader.double("rms_norm_eps", default: 1e-6)),
            ropeTheta: Float(try reader.ropeTheta()),
            ropeScaling: try reader.ropeScaling(),
            tiedEmbeddings: try reader.bool("tie_word_embeddings", default: false),
            queryKeyValueBias: qwen || attentionBias, outputProjectionBias: attentionBias,
            mlpBias: try !qwen && reader.bool("mlp_bias", default: false),
            bosTokenId: try reader.optionalInteger("bos_token_id"), eosTokenIds: try reader.integerList("eos_token_id"),
            padTokenId: try reader.optionalInteger("pad_token_id"))
        try validate(source: reader.source)
    }

    private init(gpt2 reader: ConfigurationReader) throws {
        let hidden = try reader.integer("n_embd")
        let heads = try reader.integer("n_head")
        guard heads > 0, hidden > 0, hidden % heads == 0 else { throw ConfigurationError("\(reader.source): n_embd must be a positive multiple of n_head") }
        guard hidden <= Self.maximumSize else { throw ConfigurationError("\(reader.source): n_embd \(hidden) is out of range (at most \(Self.maximumSize))") }
        let activation = try reader.string("activation_function", default: "gelu_new")
        guard ["gelu_new", "gelu_pytorch_tanh", "gelu_fast"].contains(activation) else {
            throw ConfigurationError("\(reader.source): activation_function '\(activation)' is not supported (GPT-2 uses gelu_new)")
        }
        self.init(
            architecture: .gpt2, modelType: "gpt2",
            vocabularySize: try reader.integer("vocab_size"), hiddenSize: hidden,
            intermediateSize: try reader.optionalInteger("n_inner") ?? 4 * hidden, layerCount: try reader.integer("n_layer"),
            attentionHeads: heads, keyValueHeads: heads, headSize: hidden / heads,
            maximumPositions: try reader.integer("n_positions", default: 1024),
            normEpsilon: Float(try reader.double("layer_norm_epsilon", default: 1e-5)),
            ropeTheta: 0, ropeScaling: nil, tiedEmbeddings: true,
            queryKeyValueBias: true, outputProjectionBias: true, mlpBias: true,
            bosTokenId: try reader.optionalInteger("bos_token_id"), eosTokenIds: try reader.integerList("eos_token_id"),
            padTokenId: try reader.optionalInteger("pad_token_id"))
        try validate(source: reader.source)
    }

    /// The Hugging Face `config.json` for this configuration.
    public func jsonObject() -> [String: Any] {
        var object: [String: Any]
        switch architecture {
        case .llama:
            object = [
                "architectures": [modelType == "qwen2" ? "Qwen2ForCausalLM" : modelType == "mistral" ? "MistralForCausalLM" : "LlamaForCausalLM"],
                "model_type": modelType, "vocab_size": vocabularySize, "hidden_size": hiddenSize,
                "intermediate_size": intermediateSize, "num_hidden_layers": layerCount,
                "num_attention_heads": attentionHeads, "num_key_value_heads": keyValueHeads, "head_dim": headSize,
                "max_position_embeddings": maximumPositions, "rms_norm_eps": Double(normEpsilon), "rope_theta": Double(ropeTheta),
                "tie_word_embeddings": tiedEmbeddings, "hidden_act": "silu", "torch_dtype": "float32",
            ]
            if modelType != "qwen2" {
                object["attention_bias"] = outputProjectionBias
                object["mlp_bias"] = mlpBias
            }
            switch ropeScaling {
            case .none: object["rope_scaling"] = NSNull()
            case .linear(let factor): object["rope_scaling"] = ["rope_type": "linear", "factor": Double(factor)]
            case .llama3(let factor, let low, let high, let original):
                object["rope_scaling"] = ["rope_type": "llama3", "factor": Double(factor), "low_freq_factor": Double(low),
                                          "high_freq_factor": Double(high), "original_max_position_embeddings": original]
            }
        case .gpt2:
            object = [
                "architectures": ["GPT2LMHeadModel"], "model_type": "gpt2", "vocab_size": vocabularySize,
                "n_embd": hiddenSize, "n_layer": layerCount, "n_head": attentionHeads, "n_positions": maximumPositions,
                "n_inner": intermediateSize, "layer_norm_epsilon": Double(normEpsilon), "activation_function": "gelu_new",
                "tie_word_embeddings": true, "torch_dtype": "float32",
            ]
        }
        if let bosTokenId { object["bos_token_id"] = bosTokenId }
        if !eosTokenIds.isEmpty { object["eos_token_id"] = eosTokenIds.count == 1 ? eosTokenIds[0] as Any : eosTokenIds as Any }
        if let padTokenId { object["pad_token_id"] = padTokenId }
        return object
    }
}

extension ModelConfiguration {
    /// Foundation's own explanation of a JSON syntax error (its localized description says only
    /// "the data is not in the correct format").
    static func describe(_ error: any Error) -> String {
        (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? error.localizedDescription
    }
}

/// Typed, error-naming access to a decoded `config.json` object.
struct ConfigurationReader {
    let object: [String: Any]
    let source: String

    func string(_ key: String, default fallback: String? = nil) throws -> String {
        guard let value = object[key], !(value is NSNull) else {
            if let fallback { return fallback }
            throw ConfigurationError("\(source): missing '\(key)'")
        }
        guard let text = value as? String else { throw ConfigurationError("\(source): '\(key)' must be a string") }
        return text
    }

    func optionalInteger(_ key: String) throws -> Int? {
        guard let value = object[key], !(value is NSNull) else { return nil }
        if let list = value as? [Any], list.isEmpty { return nil }
        guard let number = value as? NSNumber, !isBoolean(value), Double(number.intValue) == number.doubleValue else {
            throw ConfigurationError("\(source): '\(key)' must be an integer, found \(value)")
        }
        return number.intValue
    }

    func integer(_ key: String, default fallback: Int? = nil) throws -> Int {
        if let value = try optionalInteger(key) { return value }
        if let fallback { return fallback }
        throw ConfigurationError("\(source): missing '\(key)'")
    }

    func integerList(_ key: String) throws -> [Int] {
        guard let value = object[key], !(value is NSNull) else { return [] }
        if let list = value as? [Any] {
            return try list.enumerated().map { index, item in
                try ConfigurationReader(object: ["\(key)[\(index)]": item], source: source).integer("\(key)[\(index)]")
            }
        }
        return try optionalInteger(key).map { [$0] } ?? []
    }

    func double(_ key: String, default fallback: Double) throws -> Double {
        guard let value = object[key], !(value is NSNull) else { return fallback }
        guard let number = value as? NSNumber, !isBoolean(value) else { throw ConfigurationError("\(source): '\(key)' must be a number") }
        return number.doubleValue
    }

    func bool(_ key: String, default fallback: Bool) throws -> Bool {
        guard let value = object[key], !(value is NSNull) else { return fallback }
        guard isBoolean(value), let flag = value as? Bool else { throw ConfigurationError("\(source): '\(key)' must be true or false") }
        return flag
    }

    /// JSON true/false. (`value is Bool` also matches the numbers 0 and 1 on Linux Foundation.)
    private func isBoolean(_ value: Any) -> Bool {
        guard let number = value as? NSNumber else { return false }
        return String(cString: number.objCType) == "c"
    }

    /// θ from `rope_theta`, or from `rope_parameters` (transformers ≥ 5 writes RoPE settings there).
    func ropeTheta() throws -> Double {
        if let parameters = object["rope_parameters"], !(parameters is NSNull), !(parameters is [String: Any]) {
            throw ConfigurationError("\(source): 'rope_parameters' must be an object")
        }
        if let parameters = object["rope_parameters"] as? [String: Any], parameters["rope_theta"] != nil {
            return try ConfigurationReader(object: parameters, source: source + " rope_parameters").double("rope_theta", default: 10_000)
        }
        return try double("rope_theta", default: 10_000)
    }

    /// Frequency scaling from `rope_scaling` or `rope_parameters`.
    func ropeScaling() throws -> RotaryEmbedding.Scaling? {
        let key = object["rope_parameters"] is [String: Any] ? "rope_parameters" : "rope_scaling"
        guard let value = object[key], !(value is NSNull) else { return nil }
        guard let scaling = value as? [String: Any] else { throw ConfigurationError("\(source): '\(key)' must be an object") }
        let nested = ConfigurationReader(object: scaling, source: source + " rope_scaling")
        let kind = try nested.string("rope_type", default: (scaling["type"] as? String) ?? "")
        switch kind {
        case "llama3":
            return .llama3(factor: Float(try nested.double("factor", default: 8)),
                           lowFrequencyFactor: Float(try nested.double("low_freq_factor", default: 1)),
                           highFrequencyFactor: Float(try nested.double("high_freq_factor", default: 4)),
                           originalMaxPositions: try nested.integer("original_max_position_embeddings", default: 8192))
        case "linear":
            return .linear(factor: Float(try nested.double("factor", default: 1)))
        case "default", "":
            return nil
        default:
            throw ConfigurationError("\(source): rope_scaling type '\(kind)' is not supported (supported: llama3, linear)")
        }
    }
}
