import Models
import Tokenizers

/// Greedy continuation of a text prompt as muse_bench produces it: the prompt encoded with the
/// tokenizer's special tokens, `model.generate(do_sample=False)` up to a token budget or an EOS, and the
/// new tokens decoded without special tokens and with transformers' tokenization-space clean-up.
public struct GreedyCompletion {
    public let model: CausalLanguageModel
    public let tokenizer: PreTrainedTokenizer

    public init(model: CausalLanguageModel, tokenizer: PreTrainedTokenizer) {
        self.model = model
        self.tokenizer = tokenizer
    }

    /// The decoded continuation of `prompt`. A prompt that leaves no room for `maximumNewTokens` inside the
    /// model's context keeps only its last tokens: the continuation point is what VerbMem and KnowMem test.
    public func complete(_ prompt: String, maximumNewTokens: Int) -> String {
        var ids = tokenizer.encode(prompt, addSpecialTokens: true)
        let room = max(1, model.configuration.maximumPositions - maximumNewTokens)
        if ids.count > room { ids = Array(ids.suffix(room)) }
        guard !ids.isEmpty else { return "" }
        let stops = Set(tokenizer.eosTokenIds)
        let produced = TextGeneration.generate(model: model, prompt: ids, maximumTokens: maximumNewTokens, stopTokens: stops)
        return decode(produced)
    }

    /// Decodes ids as muse_bench does (`skip_special_tokens=True, clean_up_tokenization_spaces=True`).
    public func decode(_ ids: [Int]) -> String {
        TokenizationSpaceCleanup.apply(tokenizer.decode(ids, skipSpecialTokens: true))
    }
}
