import XCTest
@testable import Metrics

final class ROCCurveTests: XCTestCase {
    /// sklearn roc_auc_score and roc_curve (with and without drop_intermediate) on seeded
    /// label/score sets with heavy ties.
    func testMatchesScikitLearnFixture() throws {
        for item in Fixtures.metricCases.auc {
            assertClose(try rocAUC(labels: item.labels, scores: item.scores), item.auc, relative: 1e-12, absolute: 1e-15)
            if let fpr = item.fpr, let tpr = item.tpr, let thresholds = item.thresholds {
                let curve = try ROCCurve(labels: item.labels, scores: item.scores)
                XCTAssertEqual(curve.falsePositiveRates, fpr)
                XCTAssertEqual(curve.truePositiveRates, tpr)
                XCTAssertEqual(curve.thresholds, thresholds.map { $0 ?? .infinity })
            }
            if let fpr = item.fpr_all, let tpr = item.tpr_all, let thresholds = item.thresholds_all {
                let curve = try ROCCurve(labels: item.labels, scores: item.scores, dropIntermediate: false)
                XCTAssertEqual(curve.falsePositiveRates, fpr)
                XCTAssertEqual(curve.truePositiveRates, tpr)
                XCTAssertEqual(curve.thresholds, thresholds.map { $0 ?? .infinity })
            }
        }
    }

    func testClosedFormCases() throws {
        XCTAssertEqual(try rocAUC(labels: [0, 0, 1, 1], scores: [0.1, 0.2, 0.8, 0.9]), 1)
        XCTAssertEqual(try rocAUC(labels: [0, 0, 1, 1], scores: [0.9, 0.8, 0.2, 0.1]), 0)
        // Every positive/negative pair tied: each counts one half.
        XCTAssertEqual(try rocAUC(labels: [0, 1, 0, 1], scores: [0.5, 0.5, 0.5, 0.5]), 0.5)
        // Three of four negative/positive pairs ordered correctly, one tied: (3 + 0.5)/4.
        XCTAssertEqual(try rocAUC(labels: [0, 0, 1, 1], scores: [0.1, 0.6, 0.6, 0.9]), 0.875)
    }

    func testInvalidInputsThrow() {
        XCTAssertThrowsError(try rocAUC(labels: [1, 1], scores: [0.1, 0.2]))
        XCTAssertThrowsError(try rocAUC(labels: [0, 1], scores: [0.1]))
        XCTAssertThrowsError(try rocAUC(labels: [0, 2], scores: [0.1, 0.2]))
        XCTAssertThrowsError(try rocAUC(labels: [0, 1], scores: [0.1, .nan]))
        XCTAssertThrowsError(try rocAUC(labels: [], scores: []))
    }
}
