import Testing
@testable import Metrics

@Suite struct MemorizationTests {
    @Test func exactMemorization() throws {
        #expect(try ExactMemorization.score(predictedTokens: [1, 2, 3, 4], labels: [1, 9, 3, 4]) == 0.75)
        #expect(try ExactMemorization.score(predictedTokens: [], labels: []) == nil)
        #expect(throws: (any Error).self) { try ExactMemorization.score(predictedTokens: [1], labels: [1, 2]) }
    }

    @Test func argmaxPredictionsBreakTiesLow() {
        #expect(ExactMemorization.argmaxPredictions(logits: [[0.1, 0.7, 0.7], [3, -1, 2]]) == [1, 0])
    }

    /// ES = 1 − k*/|y| with k* the start of the longest matching suffix.
    @Test func extractionStrength() throws {
        #expect(try ExtractionStrength.score(predictedTokens: [1, 2, 3, 4], labels: [1, 2, 3, 4]) == 1)
        #expect(try ExtractionStrength.score(predictedTokens: [9, 2, 3, 4], labels: [1, 2, 3, 4]) == 0.75)
        #expect(try ExtractionStrength.score(predictedTokens: [1, 2, 9, 4], labels: [1, 2, 3, 4]) == 0.25)
        // open-unlearning quirk: with no matching suffix at all the loop stops at k = |y| − 1,
        // so ES is 1/|y| — the same as when only the last token matches — and never 0.
        #expect(try ExtractionStrength.score(predictedTokens: [9, 9, 9, 9], labels: [1, 2, 3, 4]) == 0.25)
        #expect(try ExtractionStrength.score(predictedTokens: [7], labels: [8]) == 1)
        #expect(try ExtractionStrength.score(predictedTokens: [], labels: []) == 0)
        #expect(throws: (any Error).self) { try ExtractionStrength.score(predictedTokens: [1, 2], labels: [1]) }
    }
}
