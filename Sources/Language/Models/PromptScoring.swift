import Engine
import Foundation

/// Likelihood statistics of one text under a model: what `unlearn score` reports.
public struct PromptScore: Sendable, Equatable {
    /// Token ids as the model's tokenizer produced them.
    public let ids: [Int]
    /// Mean negative log-likelihood of tokens 2…n given their prefixes (0 for a single token).
    public let meanNegativeLogLikelihood: Double
    /// The 5 most likely next tokens after the text, most likely first.
    public let topNext: [Int]
}

/// Scores token sequences with one no-grad forward pass each.
public enum PromptScoring {
    public static func score(model: CausalLanguageModel, ids: [Int], topCount: Int = 5) -> PromptScore {
        precondition(!ids.isEmpty, "score: empty token sequence")
        return GradientMode.withoutGradients {
            let logits = model.logits(tokens: ids, batch: 1, length: ids.count)
            let vocabulary = logits.shape[2]
            let targets = Array(ids.dropFirst()) + [-100]
            let loss = sequenceLoss(logits: logits, targets: targets)
            let mean = ids.count > 1 ? Double(loss.negativeLogLikelihoodSum.value.scalar) / Double(ids.count - 1) : 0
            let last = UnsafeBufferPointer(start: logits.value.data + (ids.count - 1) * vocabulary, count: vocabulary)
            // Highest logits first; ties broken by the lower id, as torch.topk does on CPU for distinct values.
            let top = last.indices.sorted { last[$0] > last[$1] || (last[$0] == last[$1] && $0 < $1) }.prefix(topCount)
            return PromptScore(ids: ids, meanNegativeLogLikelihood: mean, topNext: Array(top))
        }
    }
}
