import XCTest
@testable import Metrics

final class MembershipInferenceTests: XCTestCase {
    /// Python's len(zlib.compress(text.encode("utf-8"))) for empty, short, repetitive, random and
    /// non-ASCII texts.
    func testZlibLengthsMatchPython() throws {
        for item in Fixtures.metricCases.zlib {
            let text = String(repeating: item.text, count: item.repeat)
            XCTAssertEqual(try ZlibCompression.compressedLength(of: text), item.length, "\(text.prefix(40).debugDescription)…")
        }
        XCTAssertThrowsError(try ZlibCompression.compressedLength(of: "x", level: 12))
    }

    /// Min-K% and Min-K%++ against numpy implementations of open-unlearning's formulas, on
    /// log-softmax rows of seeded logits.
    func testMinKAndMinKPlusPlusMatchReference() throws {
        for item in Fixtures.metricCases.mia {
            let rows = item.logits.map(Self.logSoftmax)
            let tokenLogProbabilities = zip(rows, item.targets).map { $0[$1] }
            let moments = rows.map { MembershipInference.TokenMoments(vocabularyLogProbabilities: $0) }
            assertClose(try MembershipInference.lossScore(tokenLogProbabilities: tokenLogProbabilities), item.loss, relative: 1e-9)
            assertClose(try MembershipInference.minKScore(tokenLogProbabilities: tokenLogProbabilities, fraction: item.k), item.min_k, relative: 1e-9)
            assertClose(try MembershipInference.minKPlusPlusScore(tokenLogProbabilities: tokenLogProbabilities, moments: moments, fraction: item.k),
                        item.min_k_plus_plus, relative: 1e-9, absolute: 1e-12)
        }
    }

    /// num_k = max(1, ⌊n·k⌋): 10 tokens at k = 0.2 average the 2 lowest; 3 tokens at k = 0.2 keep 1.
    func testMinKCountsClosedForm() throws {
        let values = (1...10).map { -Double($0) }  // lowest are −10, −9
        XCTAssertEqual(try MembershipInference.minKScore(tokenLogProbabilities: values, fraction: 0.2), 9.5)
        XCTAssertEqual(try MembershipInference.minKScore(tokenLogProbabilities: [-1, -2, -3], fraction: 0.2), 3)
        XCTAssertEqual(try MembershipInference.minKScore(tokenLogProbabilities: [], fraction: 0.4), 0)
        XCTAssertThrowsError(try MembershipInference.minKScore(tokenLogProbabilities: [-1], fraction: 0))
        XCTAssertThrowsError(try MembershipInference.minKPlusPlusScore(tokenLogProbabilities: [-1], moments: [], fraction: 0.5))
    }

    func testMinKPlusPlusClampsVariance() throws {
        // A one-hot distribution has zero variance; the clamp at 1e-6 gives σ = 1e-3.
        let moments = MembershipInference.TokenMoments(vocabularyLogProbabilities: [0, -.infinity, -.infinity])
        XCTAssertEqual(moments.mean, 0)
        XCTAssertEqual(moments.variance, 0)
        let score = try MembershipInference.minKPlusPlusScore(tokenLogProbabilities: [-0.001], moments: [moments], fraction: 1)
        XCTAssertEqual(score, 1, accuracy: 1e-9)
    }

    func testZlibAndReferenceScores() throws {
        let text = "The author's full name is Hsiao Yun-Hwa."
        let length = try ZlibCompression.compressedLength(of: text)
        XCTAssertEqual(try MembershipInference.zlibScore(averageLoss: 2.5, text: text), 2.5 / Double(length), accuracy: 1e-15)
        XCTAssertEqual(MembershipInference.referenceScore(targetAverageLoss: 1.25, referenceAverageLoss: 2), -0.75)
        XCTAssertThrowsError(try MembershipInference.lossScore(tokenLogProbabilities: []))
    }

    /// open-unlearning labels forget = 0 and holdout = 1 with loss-like scores: forget samples
    /// with lower losses than all holdout samples give AUC 1 (memorised).
    func testAUCConvention() throws {
        XCTAssertEqual(try MembershipInference.auc(forgetScores: [0.1, 0.2], holdoutScores: [1.0, 2.0]), 1)
        XCTAssertEqual(try MembershipInference.auc(forgetScores: [3, 4], holdoutScores: [1.0, 2.0]), 0)
        XCTAssertEqual(try MembershipInference.auc(forgetScores: [1, 2], holdoutScores: [1, 2]), 0.5)
    }

    func testPrivacyLeakageFormulas() throws {
        // muse_bench: (AUC − AUC_retrain)/AUC_retrain × 100.
        XCTAssertEqual(try PrivacyLeakage.museBench(auc: 0.0, retrainAUC: PrivacyLeakage.museNewsRetrainAUC), -100, accuracy: 1e-12)
        XCTAssertEqual(try PrivacyLeakage.museBench(auc: 0.6, retrainAUC: 0.5), 20, accuracy: 1e-12)
        XCTAssertThrowsError(try PrivacyLeakage.museBench(auc: 0.6, retrainAUC: 0))
        // open-unlearning: same quantity on the flipped AUC; a memorised forget set (AUC 1) gives −100.
        XCTAssertEqual(PrivacyLeakage.openUnlearning(auc: 1.0), -100, accuracy: 1e-6)
        XCTAssertEqual(PrivacyLeakage.openUnlearning(auc: 0.5), 0, accuracy: 1e-12)
        // Both definitions agree when AUC_muse = 1 − AUC_open-unlearning.
        let openUnlearningAUC = 0.7
        let referenceAUC = 0.45
        XCTAssertEqual(PrivacyLeakage.openUnlearning(auc: openUnlearningAUC, referenceAUC: referenceAUC),
                       try PrivacyLeakage.museBench(auc: 1 - openUnlearningAUC, retrainAUC: 1 - referenceAUC), accuracy: 1e-6)
    }

    static func logSoftmax(_ logits: [Double]) -> [Double] {
        let largest = logits.max() ?? 0
        let logSum = log(logits.reduce(0) { $0 + exp($1 - largest) }) + largest
        return logits.map { $0 - logSum }
    }
}
