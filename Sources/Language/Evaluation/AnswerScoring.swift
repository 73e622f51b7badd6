import Engine
import Foundation
import Models
import Training

/// Teacher-forced likelihood of answers given prompts: per-token log-probabilities of the answer
/// tokens (EOS included, as TOFU scores it), computed in right-padded no-grad batches.
public struct AnswerScore: Sendable, Equatable {
    /// log p of each answer token given everything before it.
    public let tokenLogProbabilities: [Double]
    /// Mean negative log-likelihood per answer token (TOFU's `avg_loss`).
    public var averageLoss: Double { -tokenLogProbabilities.reduce(0, +) / Double(max(tokenLogProbabilities.count, 1)) }
}

/// Scores many (prompt, answer) pairs.
public enum AnswerScoring {
    public static func score(model: CausalLanguageModel, examples: [TokenizedExample], batchSize: Int = 16,
                             maximumLength: Int = 512) -> [AnswerScore] {
        var results: [AnswerScore] = []
        results.reserveCapacity(examples.count)
        GradientMode.withoutGradients {
            for start in stride(from: 0, to: examples.count, by: batchSize) {
                let chunk = Array(examples[start..<min(start + batchSize, examples.count)])
                let batch = TokenBatch(chunk, padId: 0, maximumLength: maximumLength)
                let losses = model.tokenNegativeLogLikelihoods(ModelInput(tokens: batch.ids, batch: batch.batch, length: batch.length),
                                                               targets: batch.targets).value
                for row in 0..<batch.batch {
                    var values: [Double] = []
                    for position in 0..<batch.length where batch.targets[row * batch.length + position] != -100 {
                        values.append(-Double(losses.data[row * batch.length + position]))
                    }
                    results.append(AnswerScore(tokenLogProbabilities: values))
                }
            }
        }
        return results
    }

    /// The mean token loss of every example of every group (a question's perturbed answers), scored in one
    /// pass and handed back in the groups' shape.
    public static func groupedAverageLosses(model: CausalLanguageModel, groups: [[TokenizedExample]]) -> [[Double]] {
        let losses = score(model: model, examples: groups.flatMap { $0 }).map(\.averageLoss)
        var grouped: [[Double]] = [], offset = 0
        for group in groups {
            grouped.append(Array(losses[offset..<(offset + group.count)]))
            offset += group.count
        }
        return grouped
    }
}
