import Engine
import NN

/// The CLIP stand-in: a token-embedding table and a two-layer MLP over the concatenated slot embeddings.
///
/// `encode(embeddings:)` takes embeddings rather than ids so soft-prompt attacks can feed continuous
/// vectors into a slot, exactly where AdvUnlearn's attack inserts its word embeddings.
public final class TextEncoder: Module {
    /// Token embeddings `[vocabulary, tokenWidth]`.
    public let tokenEmbedding: Variable
    /// Slots·tokenWidth → hidden.
    public let first: Linear
    /// Hidden → condition width.
    public let second: Linear

    /// A randomly initialised encoder.
    public init(vocabularySize: Int, tokenWidth: Int, hiddenWidth: Int, conditionWidth: Int, generator: inout SeededGenerator) {
        tokenEmbedding = Variable(.normal([vocabularySize, tokenWidth], standardDeviation: 1, generator: &generator), requiresGradient: true)
        first = Linear(inFeatures: CanvasVocabulary.slotCount * tokenWidth, outFeatures: hiddenWidth, generator: &generator)
        second = Linear(inFeatures: hiddenWidth, outFeatures: conditionWidth, generator: &generator)
    }

    /// Width of one token embedding.
    public var tokenWidth: Int { tokenEmbedding.shape[1] }
    /// Width of the condition vector.
    public var conditionWidth: Int { second.weight.shape[0] }

    public var namedChildren: [(String, Module)] { [("first", first), ("second", second)] }
    public func namedParameters() -> [(name: String, variable: Variable)] {
        [("token_embedding", tokenEmbedding)] + collect(namedChildren)
    }

    /// Slot embeddings `[B, slots, tokenWidth]` of prompts.
    public func embed(_ prompts: [[Int]]) -> Variable {
        embedding(prompts.flatMap { $0 }, shape: [prompts.count, CanvasVocabulary.slotCount], table: tokenEmbedding)
    }

    /// Conditions `[B, conditionWidth]` from slot embeddings `[B, slots, tokenWidth]`.
    public func encode(embeddings: Variable) -> Variable {
        let rows = embeddings.shape[0]
        return second(first(embeddings.reshaped([rows, CanvasVocabulary.slotCount * tokenWidth])).relu())
    }

    /// Conditions of token prompts.
    public func encode(_ prompts: [[Int]]) -> Variable { encode(embeddings: embed(prompts)) }

    /// Conditions of prompts whose prefix slot holds the continuous vector `prefix` `[tokenWidth]` instead of
    /// a token (AdvUnlearn's `prefix_k` with k = 1; the other slots are looked up).
    public func encode(prompts: [[Int]], prefix: Variable) -> Variable {
        let rows = prompts.count
        let looked = embed(prompts).sliced(axis: 1, 1..<CanvasVocabulary.slotCount)
        let broadcast = Variable(Tensor(zeros: [rows, 1, tokenWidth])) + prefix.reshaped([1, 1, tokenWidth])
        return encode(embeddings: concatenate([broadcast, looked], axis: 1))
    }
}
