import Engine

/// Per-token and per-sequence negative log-likelihoods straight from a model: through the chunked output
/// projection when the model offers its final hidden states, so the `[tokens × vocabulary]` logits never
/// exist (49,152 floats per token for SmolLM2, 128,256 for Llama 3); from the full logits otherwise.
extension CausalLanguageModel {
    /// `−log p(targets)` per position, `[batch, length]`; `targets` are `batch·length` ids already
    /// shifted (the token after each position), −100 where nothing is scored.
    public func tokenNegativeLogLikelihoods(_ input: ModelInput, targets: [Int]) -> Variable {
        if let terms = outputProjectionTerms(input) {
            return chunkedTokenNegativeLogLikelihood(terms: terms, targets: targets)
        }
        return tokenNegativeLogLikelihood(logits: forward(input, cache: nil).logits, targets: targets)
    }

    /// Summed NLL and scored-token count of each row of a `[batch, length]` block of tokens.
    public func sequenceLoss(tokens: [Int], batch: Int, length: Int, targets: [Int]) -> SequenceLoss {
        sequenceLoss(ModelInput(tokens: tokens, batch: batch, length: length), targets: targets)
    }

    /// Summed NLL and scored-token count of each row of `input` (tokens or input embeddings).
    public func sequenceLoss(_ input: ModelInput, targets: [Int]) -> SequenceLoss {
        Engine.sequenceLoss(tokenNegativeLogLikelihoods: tokenNegativeLogLikelihoods(input, targets: targets), targets: targets)
    }
}
