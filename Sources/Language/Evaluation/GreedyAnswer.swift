import Foundation
import Models
import Tokenizers

/// A model's greedy answer to a formatted question as TOFU reads it: generated up to a token budget or an
/// end-of-sequence token, decoded without special tokens, trimmed of surrounding white space.
public enum GreedyAnswer {
    /// The answer text after `prompt`.
    public static func text(model: CausalLanguageModel, tokenizer: PreTrainedTokenizer, prompt: [Int], maximumNewTokens: Int) -> String {
        let stops = Set(tokenizer.eosTokenIds)
        let produced = TextGeneration.generate(model: model, prompt: prompt, maximumTokens: maximumNewTokens, stopTokens: stops)
        return tokenizer.decode(produced.filter { !stops.contains($0) }, skipSpecialTokens: true)
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
