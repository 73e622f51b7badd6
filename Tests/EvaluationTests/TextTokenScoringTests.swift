import Foundation
import Testing
@testable import Evaluation
import Metrics
@testable import Models

/// Per-token statistics behind the MIA scores.
@Suite struct TextTokenScoringTests {
    /// The fused row statistics equal log-softmax followed by `TokenMoments`' definition.
    @Test func rowStatisticsMatchTheDefinition() {
        let logits: [Float] = [2.5, -1, 0.25, 7, 3, -4, 0, 1.5, 6.75, -0.5, 2, 2, 5, -3, 1, 0.5, 4]
        let logNormaliser = log(logits.map { exp(Double($0)) }.reduce(0, +))
        let logProbabilities = logits.map { Double($0) - logNormaliser }
        let expected = MembershipInference.TokenMoments(vocabularyLogProbabilities: logProbabilities)
        let scratch = UnsafeMutablePointer<Float>.allocate(capacity: logits.count)
        defer { scratch.deallocate() }
        let statistics = logits.withUnsafeBufferPointer {
            TextTokenScoring.rowStatistics($0.baseAddress!, vocabulary: logits.count, target: 8, scratch: scratch)
        }
        #expect(abs(statistics.logProbability - logProbabilities[8]) <= 1e-6)
        #expect(abs(statistics.mean - expected.mean) <= 1e-6)
        #expect(abs(statistics.variance - expected.variance) <= 1e-6)
    }

    /// Texts of different lengths share padded batches without changing any value; the first token is never scored.
    @Test func batchedScoringEqualsOneTextAtATime() throws {
        let tokenizer = try MultipleChoiceSuiteTests.byteTokenizer()
        var configuration = ModelConfiguration.preset(named: "micro")!.fitted(
            vocabularySize: tokenizer.vocabularySize, bosTokenId: tokenizer.bosTokenId, eosTokenIds: tokenizer.eosTokenIds, padTokenId: nil)
        configuration.hiddenSize = 32
        configuration.intermediateSize = 64
        configuration.layerCount = 1
        configuration.headSize = 8
        let model = makeModel(configuration, seed: 3)
        let sequences = ["short", "a rather longer text of several words", "x", "mid length"].map { tokenizer.encode($0, addSpecialTokens: true) }
        let batched = TextTokenScoring.score(model: model, sequences: sequences, tokenBudget: 200)
        #expect(batched.map(\.tokenLogProbabilities.count) == sequences.map { $0.count - 1 })
        for (sequence, statistics) in zip(sequences, batched) {
            let alone = TextTokenScoring.score(model: model, sequences: [sequence])[0]
            for (a, b) in zip(statistics.tokenLogProbabilities, alone.tokenLogProbabilities) { #expect(abs(a - b) <= 1e-4) }
            for (a, b) in zip(statistics.moments, alone.moments) {
                #expect(abs(a.mean - b.mean) <= 1e-4)
                #expect(abs(a.variance - b.variance) <= 1e-4)
            }
        }
        #expect(TokenBudgetBatches.ranges(lengths: [5, 38, 1, 10], budget: 40) == [0..<1, 1..<2, 2..<4])
    }
}
