import Engine

/// Which way per-token NLLs are computed from a model's final hidden states, and the size rule that
/// picks it. The one place that decides: `tokenNegativeLogLikelihoods` follows it and `MemoryEstimate`
/// counts memory by it.
public enum TokenLikelihood {
    public enum Path: Sendable, Equatable {
        /// The model's full `[positions × vocabulary]` logits, then the cross-entropy.
        case fullLogits
        /// The chunked output projection + cross-entropy (`chunkedTokenNegativeLogLikelihood`): one chunk
        /// of logits at a time, never the whole matrix.
        case chunked
    }

    /// Bytes of one forward pass's float32 `[positions × vocabulary]` logit matrix above which the chunked
    /// path is used: 256 MiB. Below it the full path is faster (the chunked backward rewrites the whole
    /// vocabulary × hidden weight gradient and repacks the weight once per chunk: 2.2–2.7× slower head +
    /// loss, training steps at 0.84–0.94 of the full path's tokens/s on SmolLM2-135M) and the logits, with
    /// their gradient, are small next to the weights and optimizer state (201 MB of logits for SmolLM2-135M
    /// at 4 × 256 tokens, against 2.2 GB of weights, gradients and AdamW moments). Above it — 128,256-entry
    /// vocabularies (Llama 3: 513 KB of logits per token, so from 524 tokens of one forward pass on),
    /// long sequences, big batches — the logits and their gradient dominate the run's memory, and the chunked path keeps
    /// them at one 16 MB chunk.
    public static let chunkedThresholdBytes = 256 << 20

    /// Forces a path regardless of size, for tests (the parity tests run small models through the
    /// chunked path and compare it with the full one); nil applies the size rule. Task-local, so it only
    /// affects the code run inside `$forcedPath.withValue(_:operation:)`.
    @TaskLocal public static var forcedPath: Path?

    /// The path for one forward pass over `positions` (batch × length) positions of a `vocabulary`-entry
    /// head: the full logits unless their float32 matrix would exceed `chunkedThresholdBytes`.
    public static func path(positions: Int, vocabulary: Int) -> Path {
        if let forcedPath { return forcedPath }
        return 4 * positions * vocabulary > chunkedThresholdBytes ? .chunked : .fullLogits
    }
}

/// Per-token and per-sequence negative log-likelihoods straight from a model: through the chunked output
/// projection when the model offers its final hidden states and `TokenLikelihood.path` picks it (the full
/// logits would exceed 256 MiB), so the `[tokens × vocabulary]` logits never exist; from the full logits
/// otherwise.
extension CausalLanguageModel {
    /// `−log p(targets)` per position, `[batch, length]`; `targets` are `batch·length` ids already
    /// shifted (the token after each position), −100 where nothing is scored.
    public func tokenNegativeLogLikelihoods(_ input: ModelInput, targets: [Int]) -> Variable {
        if TokenLikelihood.path(positions: targets.count, vocabulary: configuration.vocabularySize) == .chunked,
           let terms = outputProjectionTerms(input) {
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
