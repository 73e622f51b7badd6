import Testing
@testable import Metrics

@Suite struct ROCCurveTests {
    /// sklearn roc_auc_score and roc_curve (with and without drop_intermediate) on seeded
    /// label/score sets with heavy ties.
    @Test func matchesScikitLearnFixture() throws {
        for item in Fixtures.metricCases.auc {
            assertClose(try rocAUC(labels: item.labels, scores: item.scores), item.auc, relative: 1e-12, absolute: 1e-15)
            if let fpr = item.fpr, let tpr = item.tpr, let thresholds = item.thresholds {
                let curve = try ROCCurve(labels: item.labels, scores: item.scores)
                #expect(curve.falsePositiveRates == fpr)
                #expect(curve.truePositiveRates == tpr)
                #expect(curve.thresholds == thresholds.map { $0 ?? .infinity })
            }
            if let fpr = item.fpr_all, let tpr = item.tpr_all, let thresholds = item.thresholds_all {
                let curve = try ROCCurve(labels: item.labels, scores: item.scores, dropIntermediate: false)
                #expect(curve.falsePositiveRates == fpr)
                #expect(curve.truePositiveRates == tpr)
                #expect(curve.thresholds == thresholds.map { $0 ?? .infinity })
            }
        }
    }

    @Test func closedFormCases() throws {
        #expect(try rocAUC(labels: [0, 0, 1, 1], scores: [0.1, 0.2, 0.8, 0.9]) == 1)
        #expect(try rocAUC(labels: [0, 0, 1, 1], scores: [0.9, 0.8, 0.2, 0.1]) == 0)
        // Every positive/negative pair tied: each counts one half.
        #expect(try rocAUC(labels: [0, 1, 0, 1], scores: [0.5, 0.5, 0.5, 0.5]) == 0.5)
        // Three of four negative/positive pairs ordered correctly, one tied: (3 + 0.5)/4.
        #expect(try rocAUC(labels: [0, 0, 1, 1], scores: [0.1, 0.6, 0.6, 0.9]) == 0.875)
    }

    @Test func invalidInputsThrow() {
        #expect(throws: (any Error).self) { try rocAUC(labels: [1, 1], scores: [0.1, 0.2]) }
        #expect(throws: (any Error).self) { try rocAUC(labels: [0, 1], scores: [0.1]) }
        #expect(throws: (any Error).self) { try rocAUC(labels: [0, 2], scores: [0.1, 0.2]) }
        #expect(throws: (any Error).self) { try rocAUC(labels: [0, 1], scores: [0.1, .nan]) }
        #expect(throws: (any Error).self) { try rocAUC(labels: [], scores: []) }
    }
}
