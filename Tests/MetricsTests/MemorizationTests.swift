import XCTest
@testable import Metrics

final class MemorizationTests: XCTestCase {
    func testExactMemorization() throws {
        XCTAssertEqual(try ExactMemorization.score(predictedTokens: [1, 2, 3, 4], labels: [1, 9, 3, 4]), 0.75)
        XCTAssertNil(try ExactMemorization.score(predictedTokens: [], labels: []))
        XCTAssertThrowsError(try ExactMemorization.score(predictedTokens: [1], labels: [1, 2]))
    }

    func testArgmaxPredictionsBreakTiesLow() {
        XCTAssertEqual(ExactMemorization.argmaxPredictions(logits: [[0.1, 0.7, 0.7], [3, -1, 2]]), [1, 0])
    }

    /// ES = 1 − k*/|y| with k* the start of the longest matching suffix.
    func testExtractionStrength() throws {
        XCTAssertEqual(try ExtractionStrength.score(predictedTokens: [1, 2, 3, 4], labels: [1, 2, 3, 4]), 1)
        XCTAssertEqual(try ExtractionStrength.score(predictedTokens: [9, 2, 3, 4], labels: [1, 2, 3, 4]), 0.75)
        XCTAssertEqual(try ExtractionStrength.score(predictedTokens: [1, 2, 9, 4], labels: [1, 2, 3, 4]), 0.25)
        // open-unlearning quirk: with no matching suffix at all the loop stops at k = |y| − 1,
        // so ES is 1/|y| — the same as when only the last token matches — and never 0.
        XCTAssertEqual(try ExtractionStrength.score(predictedTokens: [9, 9, 9, 9], labels: [1, 2, 3, 4]), 0.25)
        XCTAssertEqual(try ExtractionStrength.score(predictedTokens: [7], labels: [8]), 1)
        XCTAssertEqual(try ExtractionStrength.score(predictedTokens: [], labels: []), 0)
        XCTAssertThrowsError(try ExtractionStrength.score(predictedTokens: [1, 2], labels: [1]))
    }
}
