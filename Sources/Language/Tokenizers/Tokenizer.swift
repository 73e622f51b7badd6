/// The narrow tokenizer interface the rest of Unlearn depends on: text ↔ token ids plus the
/// special-token ids a model needs. Implemented by `PreTrainedTokenizer` for both tokenizer.json
/// and GGUF-embedded vocabularies.
public protocol Tokenizer: Sendable {
    /// Encodes text; `addSpecialTokens` applies the model's template (e.g. a leading BOS).
    func encode(_ text: String, addSpecialTokens: Bool) -> [Int]
    /// Decodes ids; unknown ids are skipped, special tokens optionally dropped.
    func decode(_ ids: [Int], skipSpecialTokens: Bool) -> String
    func tokenToId(_ token: String) -> Int?
    func idToToken(_ id: Int) -> String?
    /// Model vocabulary plus added tokens (the size an embedding matrix needs at least).
    var vocabularySize: Int { get }
    var bosTokenId: Int? { get }
    var eosTokenId: Int? { get }
    /// Ids that should stop generation: the EOS id and known end-of-turn special tokens.
    var eosTokenIds: [Int] { get }
    var padTokenId: Int? { get }
    /// Ids of every special token (skipped by `decode(_:skipSpecialTokens: true)`).
    var specialTokenIds: Set<Int> { get }
}

extension Tokenizer {
    public func encode(_ text: String) -> [Int] { encode(text, addSpecialTokens: true) }

    public func decode(_ ids: [Int]) -> String { decode(ids, skipSpecialTokens: false) }

    /// A fresh streaming detokenizer bound to this tokenizer.
    public func streamingDetokenizer() -> StreamingDetokenizer { StreamingDetokenizer(tokenizer: self) }
}
