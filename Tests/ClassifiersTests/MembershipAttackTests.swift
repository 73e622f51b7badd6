import XCTest
@testable import Classifiers

/// The confidence attack and the Avg. Gap on hand-made examples.
final class MembershipAttackTests: XCTestCase {
    func testSeparableConfidencesGiveTheMidpointThreshold() throws {
        let attack = try ConfidenceMembershipAttack(memberConfidences: [0.8, 0.9, 0.95, 0.99],
                                                    nonMemberConfidences: [0.1, 0.3, 0.5, 0.6])
        XCTAssertEqual(attack.threshold, 0.7, accuracy: 1e-12)
        XCTAssertEqual(attack.balancedAccuracy, 1)
        // 0.2 and 0.65 fall below the threshold: half the forget set looks unseen.
        XCTAssertEqual(attack.efficacy(forgetConfidences: [0.2, 0.75, 0.9, 0.65]), 0.5)
        XCTAssertEqual(attack.efficacy(forgetConfidences: [0.99, 0.98]), 0)
        XCTAssertEqual(attack.efficacy(forgetConfidences: [0.01]), 1)
    }

    func testOverlappingConfidencesMaximiseBalancedAccuracy() throws {
        // Sweeping cuts: the best balanced accuracy, 0.75, is first reached between 0.4 and 0.6 (cut 0.5):
        // TPR 3/4, TNR 3/4. The cut between 0.7 and 0.9 ties and does not replace it.
        let attack = try ConfidenceMembershipAttack(memberConfidences: [0.2, 0.6, 0.9, 0.95],
                                                    nonMemberConfidences: [0.1, 0.3, 0.7, 0.4])
        XCTAssertEqual(attack.threshold, 0.5, accuracy: 1e-12)
        XCTAssertEqual(attack.balancedAccuracy, 0.75)
        XCTAssertEqual(attack.efficacy(forgetConfidences: [0.45, 0.5, 0.55, 0.05]), 0.5)
    }

    func testUnequalSetSizesDoNotTiltTheThreshold() throws {
        // 10 members (8 at 0.9, two at 0.4 and 0.42) against 2 non-members (0.3, 0.5). Plain accuracy would
        // cut at 0.35 (11 of 12 right, but half the non-members called members); balanced accuracy cuts
        // between 0.5 and 0.9: TPR 0.8, TNR 1.
        let attack = try ConfidenceMembershipAttack(memberConfidences: Array(repeating: 0.9, count: 8) + [0.4, 0.42],
                                                    nonMemberConfidences: [0.3, 0.5])
        XCTAssertEqual(attack.threshold, 0.7, accuracy: 1e-12)
        XCTAssertEqual(attack.balancedAccuracy, 0.9, accuracy: 1e-12)
    }

    func testNaNConfidencesCountAsNonMembers() throws {
        let attack = try ConfidenceMembershipAttack(memberConfidences: [0.9, 0.8], nonMemberConfidences: [0.1, .nan])
        XCTAssertFalse(attack.isMember(.nan))
        XCTAssertEqual(attack.efficacy(forgetConfidences: [.nan, 0.95]), 0.5)
        XCTAssertThrowsError(try ConfidenceMembershipAttack(memberConfidences: [], nonMemberConfidences: [0.1]))
    }

    func testAverageGapIsTheMeanAbsoluteDifferenceOverFourMetrics() {
        let unlearned = UnlearningMetrics(unlearningAccuracy: 30, retainAccuracy: 100, testAccuracy: 70, membershipInferenceEfficacy: 80, seconds: 1)
        let retrained = UnlearningMetrics(unlearningAccuracy: 36, retainAccuracy: 98, testAccuracy: 72, membershipInferenceEfficacy: 78, seconds: 9)
        // |30 − 36| + |100 − 98| + |70 − 72| + |80 − 78| = 12; RTE is not part of the gap.
        XCTAssertEqual(unlearned.averageGap(to: retrained), 3)
        XCTAssertEqual(retrained.averageGap(to: retrained), 0)
    }

    func testMetricsOfAModelFollowTheDefinitions() throws {
        // The original tiny model memorised its training set: UA 0 on any forget set, RA 100, and the attack
        // (retain members vs test non-members) calls few forget images non-members.
        let testbed = TinyTestbed.shared
        let scenario = ForgetScenario.random(fraction: 0.1)
        let metrics = try testbed.originalMetrics(scenario)
        let split = try testbed.split(scenario)
        let (model, _) = try testbed.model()
        let forget = ClassifierPredictions(model: model, images: testbed.dataset.trainImages, labels: testbed.dataset.trainLabels, indices: split.forget)
        let test = ClassifierPredictions(model: model, images: testbed.dataset.testImages, labels: testbed.dataset.testLabels, indices: split.test)
        XCTAssertEqual(metrics.unlearningAccuracy, 100 * (1 - forget.accuracy), accuracy: 1e-9)
        XCTAssertEqual(metrics.testAccuracy, 100 * test.accuracy, accuracy: 1e-9)
        XCTAssertEqual(metrics.retainAccuracy, 100)
        XCTAssertEqual(metrics.unlearningAccuracy, 0)
        XCTAssertLessThan(metrics.testAccuracy, 90, "the tiny original must not generalise perfectly")
        XCTAssertLessThan(metrics.membershipInferenceEfficacy, 50)
    }
}
