import Engine
import NN

/// What one forward pass reads: token ids (or input embeddings) for a `[batch, length]` block.
public struct ModelInput {
    /// Row-major `batch × length` token ids; nil when `embeddings` is given.
    public var tokens: [Int]?
    /// `[batch, length, hidden]` input embeddings (soft prompts, embedding-space attacks).
    public var embeddings: Variable?
    public var batch: Int
    public var length: Int
    /// Decoder layers (0-based) whose output hidden states should be returned (RMU steers these).
    public var capturedLayers: Set<Int>

    /// Token input.
    public init(tokens: [Int], batch: Int, length: Int, capturedLayers: Set<Int> = []) {
        precondition(tokens.count == batch * length, "ModelInput: \(tokens.count) tokens for \(batch)×\(length)")
        self.tokens = tokens
        self.batch = batch
        self.length = length
        self.capturedLayers = capturedLayers
    }

    /// Embedding input `[batch, length, hidden]`.
    public init(embeddings: Variable, capturedLayers: Set<Int> = []) {
        precondition(embeddings.shape.count == 3, "ModelInput: embeddings must be [batch, length, hidden]")
        self.embeddings = embeddings
        self.batch = embeddings.shape[0]
        self.length = embeddings.shape[1]
        self.capturedLayers = capturedLayers
    }
}

/// What one forward pass returns.
public struct ModelOutput {
    /// `[batch, length, vocabulary]` next-token logits.
    public let logits: Variable
    /// Output of each requested decoder layer, `[batch, length, hidden]`.
    public let hiddenStates: [Int: Variable]
}

/// A decoder-only language model (Llama family or GPT-2) with HF parameter names.
public protocol CausalLanguageModel: Module {
    /// Architecture and sizes.
    var configuration: ModelConfiguration { get }
    /// The `[vocabulary, hidden]` token embedding table (adversarial prompt search scores tokens with it).
    var tokenEmbeddingTable: Variable { get }
    /// Token embeddings for `tokens` (`[batch, length, hidden]`), the input of `forward(embeddings:)`.
    func embed(_ tokens: [Int], batch: Int, length: Int) -> Variable
    /// Runs the model; with a cache, the input continues the cached sequence and is appended to it.
    func forward(_ input: ModelInput, cache: KeyValueCache?) -> ModelOutput
    /// Runs the model without a cache up to its final norm and returns the terms whose sum is the logits
    /// (`chunkedTokenNegativeLogLikelihood` projects them a chunk at a time); nil for a model that can
    /// only produce logits, whose losses then take the full-logit path.
    func outputProjectionTerms(_ input: ModelInput) -> [ProjectionTerm]?
}

extension CausalLanguageModel {
    public func outputProjectionTerms(_ input: ModelInput) -> [ProjectionTerm]? { nil }

    /// Logits for a `[batch, length]` block of tokens without a cache.
    public func logits(tokens: [Int], batch: Int, length: Int) -> Variable {
        forward(ModelInput(tokens: tokens, batch: batch, length: length), cache: nil).logits
    }

    /// A cache sized for this model.
    public func makeCache(batch: Int, capacity: Int) -> KeyValueCache {
        KeyValueCache(layers: configuration.layerCount, batch: batch, capacity: capacity,
                      keyValueHeads: configuration.keyValueHeads, headSize: configuration.headSize)
    }
}
