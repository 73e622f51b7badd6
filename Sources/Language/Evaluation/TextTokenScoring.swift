import Engine
import Foundation
import Metrics
import Models

/// What membership-inference attacks read from one text: log p of every token given its prefix (all
/// tokens after the first, as muse_bench's `compute_ppl` scores them) and the mean and variance of
/// log p under each of those next-token distributions (Min-K%++'s normalisers).
public struct TextTokenStatistics: Sendable, Equatable {
    public let tokenLogProbabilities: [Double]
    public let moments: [MembershipInference.TokenMoments]
}

/// Scores token sequences without gradients, in right-padded batches capped by a token budget (which
/// bounds the activations); the logits are formed a chunk of positions at a time (`forEachLogitChunk`),
/// never for the whole batch.
public enum TextTokenScoring {
    public static func score(model: CausalLanguageModel, sequences: [[Int]], tokenBudget: Int = 2048) -> [TextTokenStatistics] {
        TokenBudgetBatches.ranges(lengths: sequences.map(\.count), budget: tokenBudget).flatMap { range in
            scoreBatch(model: model, sequences: Array(sequences[range]), length: max(sequences[range].map(\.count).max() ?? 1, 1))
        }
    }

    private static func scoreBatch(model: CausalLanguageModel, sequences: [[Int]], length: Int) -> [TextTokenStatistics] {
        let ids = TokenBudgetBatches.rightPadded(sequences, length: length)
        // (row, position) pairs whose next token is scored: right padding never leaks into them under causal attention.
        let pairs = sequences.enumerated().flatMap { row, sequence in (0..<max(sequence.count - 1, 0)).map { (row, $0) } }
        let logProbabilities = UnsafeMutablePointer<Double>.allocate(capacity: max(pairs.count, 1))
        let means = UnsafeMutablePointer<Double>.allocate(capacity: max(pairs.count, 1))
        let variances = UnsafeMutablePointer<Double>.allocate(capacity: max(pairs.count, 1))
        defer { logProbabilities.deallocate(); means.deallocate(); variances.deallocate() }
        let (outLog, outMean, outVariance) = (SendablePointer(logProbabilities), SendablePointer(means), SendablePointer(variances))
        var done = 0
        // Chunks arrive in the order of `pairs`, so the pair of a chunk's row `index` is `done + index`.
        model.forEachLogitChunk(ModelInput(tokens: ids, batch: sequences.count, length: length),
                                rows: pairs.map { $0.0 * length + $0.1 }) { chunk, logits, vocabulary in
            let (first, source) = (done, SendablePointer(logits))
            Parallel.forRanges(chunk.count, minimumChunk: 8) { range in
                let probabilities = UnsafeMutablePointer<Float>.allocate(capacity: vocabulary)
                defer { probabilities.deallocate() }
                for index in range {
                    let (row, position) = pairs[first + index]
                    let statistics = rowStatistics(UnsafePointer(source.pointer + index * vocabulary), vocabulary: vocabulary,
                                                   target: sequences[row][position + 1], scratch: probabilities)
                    outLog.pointer[first + index] = statistics.logProbability
                    outMean.pointer[first + index] = statistics.mean
                    outVariance.pointer[first + index] = statistics.variance
                }
            }
            done += chunk.count
        }
        var offset = 0
        return sequences.map { sequence in
            let count = max(sequence.count - 1, 0)
            defer { offset += count }
            return TextTokenStatistics(
                tokenLogProbabilities: (offset..<(offset + count)).map { logProbabilities[$0] },
                moments: (offset..<(offset + count)).map { MembershipInference.TokenMoments(mean: means[$0], variance: variances[$0]) })
        }
    }

    /// log p(target) and the mean and variance of log p over one logit row, in double precision.
    static func rowStatistics(_ row: UnsafePointer<Float>, vocabulary: Int, target: Int,
                              scratch: UnsafeMutablePointer<Float>) -> (logProbability: Double, mean: Double, variance: Double) {
        let maximum = VectorExponential.maximum(row, count: vocabulary)
        let total = VectorExponential.exponentiate(row, minus: maximum, into: scratch, count: vocabulary)
        let logNormaliser = Double(maximum) + Foundation.log(Double(total))
        var mean = 0.0, secondMoment = 0.0
        let inverseTotal = 1 / Double(total)
        for index in 0..<vocabulary {
            let probability = Double(scratch[index]) * inverseTotal
            let logProbability = Double(row[index]) - logNormaliser
            mean += probability * logProbability
            secondMoment += probability * logProbability * logProbability
        }
        // Open-unlearning's σ² = E[(log p)²] − μ²; Min-K%++ clamps it at 1e-6 before the square root.
        return (Double(row[target]) - logNormaliser, mean, secondMoment - mean * mean)
    }
}
