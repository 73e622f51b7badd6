import Foundation
import Testing
@testable import Metrics

@Suite struct MembershipInferenceTests {
    /// Python's len(zlib.compress(text.encode("utf-8"))) for empty, short, repetitive, random and
    /// non-ASCII texts.
    @Test func zlibLengthsMatchPython() throws {
        for item in Fixtures.metricCases.zlib {
            let text = String(repeating: item.text, count: item.repeat)
            #expect(try ZlibCompression.compressedLength(of: text) == item.length, "\(text.prefix(40).debugDescription)…")
        }
        #expect(throws: (any Error).self) { try ZlibCompression.compressedLength(of: "x", level: 12) }
    }

    /// Min-K% and Min-K%++ against numpy implementations of open-unlearning's formulas, on
    /// log-softmax rows of seeded logits.
    @Test func minKAndMinKPlusPlusMatchReference() throws {
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
    @Test func minKCountsClosedForm() throws {
        let values = (1...10).map { -Double($0) }  // lowest are −10, −9
        #expect(try MembershipInference.minKScore(tokenLogProbabilities: values, fraction: 0.2) == 9.5)
        #expect(try MembershipInference.minKScore(tokenLogProbabilities: [-1, -2, -3], fraction: 0.2) == 3)
        #expect(try MembershipInference.minKScore(tokenLogProbabilities: [], fraction: 0.4) == 0)
        #expect(throws: (any Error).self) { try MembershipInference.minKScore(tokenLogProbabilities: [-1], fraction: 0) }
        #expect(throws: (any Error).self) { try MembershipInference.minKPlusPlusScore(tokenLogProbabilities: [-1], moments: [], fraction: 0.5) }
    }

    @Test func minKPlusPlusClampsVariance() throws {
        // A one-hot distribution has zero variance; the clamp at 1e-6 gives σ = 1e-3.
        let moments = MembershipInference.TokenMoments(vocabularyLogProbabilities: [0, -.infinity, -.infinity])
        #expect(moments.mean == 0)
        #expect(moments.variance == 0)
        let score = try MembershipInference.minKPlusPlusScore(tokenLogProbabilities: [-0.001], moments: [moments], fraction: 1)
        #expect(abs(score - 1) <= 1e-9)
    }

    @Test func zlibAndReferenceScores() throws {
        let text = "The author's full name is Hsiao Yun-Hwa."
        let length = try ZlibCompression.compressedLength(of: text)
        #expect(try abs(MembershipInference.zlibScore(averageLoss: 2.5, text: text) - 2.5 / Double(length)) <= 1e-15)
        #expect(MembershipInference.referenceScore(targetAverageLoss: 1.25, referenceAverageLoss: 2) == -0.75)
        #expect(throws: (any Error).self) { try MembershipInference.lossScore(tokenLogProbabilities: []) }
    }

    /// open-unlearning labels forget = 0 and holdout = 1 with loss-like scores: forget samples
    /// with lower losses than all holdout samples give AUC 1 (memorised).
    @Test func aucConvention() throws {
        #expect(try MembershipInference.auc(forgetScores: [0.1, 0.2], holdoutScores: [1.0, 2.0]) == 1)
        #expect(try MembershipInference.auc(forgetScores: [3, 4], holdoutScores: [1.0, 2.0]) == 0)
        #expect(try MembershipInference.auc(forgetScores: [1, 2], holdoutScores: [1, 2]) == 0.5)
    }

    @Test func privacyLeakageFormulas() throws {
        // muse_bench: (AUC − AUC_retrain)/AUC_retrain × 100.
        #expect(try abs(PrivacyLeakage.museBench(auc: 0.0, retrainAUC: PrivacyLeakage.museNewsRetrainAUC) - (-100)) <= 1e-12)
        #expect(try abs(PrivacyLeakage.museBench(auc: 0.6, retrainAUC: 0.5) - 20) <= 1e-12)
        #expect(throws: (any Error).self) { try PrivacyLeakage.museBench(auc: 0.6, retrainAUC: 0) }
        // open-unlearning: same quantity on the flipped AUC; a memorised forget set (AUC 1) gives −100.
        #expect(abs(PrivacyLeakage.openUnlearning(auc: 1.0) - (-100)) <= 1e-6)
        #expect(abs(PrivacyLeakage.openUnlearning(auc: 0.5)) <= 1e-12)
        // Both definitions agree when AUC_muse = 1 − AUC_open-unlearning.
        let openUnlearningAUC = 0.7
        let referenceAUC = 0.45
        let museBench = try PrivacyLeakage.museBench(auc: 1 - openUnlearningAUC, retrainAUC: 1 - referenceAUC)
        #expect(abs(PrivacyLeakage.openUnlearning(auc: openUnlearningAUC, referenceAUC: referenceAUC) - museBench) <= 1e-6)
    }

    static func logSoftmax(_ logits: [Double]) -> [Double] {
        let largest = logits.max() ?? 0
        let logSum = log(logits.reduce(0) { $0 + exp($1 - largest) }) + largest
        return logits.map { $0 - logSum }
    }
}
