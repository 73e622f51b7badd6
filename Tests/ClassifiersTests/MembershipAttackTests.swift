import Testing
@testable import Classifiers

/// The confidence attack and the Avg. Gap on hand-made examples.
@Suite struct MembershipAttackTests {
    @Test func separableConfidencesGiveTheMidpointThreshold() throws {
        let attack = try ConfidenceMembershipAttack(memberConfidences: [0.8, 0.9, 0.95, 0.99],
                                                    nonMemberConfidences: [0.1, 0.3, 0.5, 0.6])
        #expect(abs(attack.threshold - 0.7) <= 1e-12)
        #expect(attack.balancedAccuracy == 1)
        // 0.2 and 0.65 fall below the threshold: half the forget set looks unseen.
        #expect(attack.efficacy(forgetConfidences: [0.2, 0.75, 0.9, 0.65]) == 0.5)
        #expect(attack.efficacy(forgetConfidences: [0.99, 0.98]) == 0)
        #expect(attack.efficacy(forgetConfidences: [0.01]) == 1)
    }

    @Test func overlappingConfidencesMaximiseBalancedAccuracy() throws {
        // Sweeping cuts: the best balanced accuracy, 0.75, is first reached between 0.4 and 0.6 (cut 0.5):
        // TPR 3/4, TNR 3/4. The cut between 0.7 and 0.9 ties and does not replace it.
        let attack = try ConfidenceMembershipAttack(memberConfidences: [0.2, 0.6, 0.9, 0.95],
                                                    nonMemberConfidences: [0.1, 0.3, 0.7, 0.4])
        #expect(abs(attack.threshold - 0.5) <= 1e-12)
        #expect(attack.balancedAccuracy == 0.75)
        #expect(attack.efficacy(forgetConfidences: [0.45, 0.5, 0.55, 0.05]) == 0.5)
    }

    @Test func unequalSetSizesDoNotTiltTheThreshold() throws {
        // 10 members (8 at 0.9, two at 0.4 and 0.42) against 2 non-members (0.3, 0.5). Plain accuracy would
        // cut at 0.35 (11 of 12 right, but half the non-members called members); balanced accuracy cuts
        // between 0.5 and 0.9: TPR 0.8, TNR 1.
        let attack = try ConfidenceMembershipAttack(memberConfidences: Array(repeating: 0.9, count: 8) + [0.4, 0.42],
                                                    nonMemberConfidences: [0.3, 0.5])
        #expect(abs(attack.threshold - 0.7) <= 1e-12)
        #expect(abs(attack.balancedAccuracy - 0.9) <= 1e-12)
    }

    @Test func nanConfidencesCountAsNonMembers() throws {
        let attack = try ConfidenceMembershipAttack(memberConfidences: [0.9, 0.8], nonMemberConfidences: [0.1, .nan])
        #expect(!attack.isMember(.nan))
        #expect(attack.efficacy(forgetConfidences: [.nan, 0.95]) == 0.5)
        #expect(throws: (any Error).self) { try ConfidenceMembershipAttack(memberConfidences: [], nonMemberConfidences: [0.1]) }
    }

    @Test func averageGapIsTheMeanAbsoluteDifferenceOverFourMetrics() {
        let unlearned = UnlearningMetrics(unlearningAccuracy: 30, retainAccuracy: 100, testAccuracy: 70, membershipInferenceEfficacy: 80, seconds: 1)
        let retrained = UnlearningMetrics(unlearningAccuracy: 36, retainAccuracy: 98, testAccuracy: 72, membershipInferenceEfficacy: 78, seconds: 9)
        // |30 − 36| + |100 − 98| + |70 − 72| + |80 − 78| = 12; RTE is not part of the gap.
        #expect(unlearned.averageGap(to: retrained) == 3)
        #expect(retrained.averageGap(to: retrained) == 0)
    }

    @Test func metricsOfAModelFollowTheDefinitions() throws {
        // The original tiny model memorised its training set: UA 0 on any forget set, RA 100, and the attack
        // (retain members vs test non-members) calls few forget images non-members.
        let testbed = TinyTestbed.shared
        let scenario = ForgetScenario.random(fraction: 0.1)
        let metrics = try testbed.originalMetrics(scenario)
        let split = try testbed.split(scenario)
        let (model, _) = try testbed.model()
        let forget = ClassifierPredictions(model: model, images: testbed.dataset.trainImages, labels: testbed.dataset.trainLabels, indices: split.forget)
        let test = ClassifierPredictions(model: model, images: testbed.dataset.testImages, labels: testbed.dataset.testLabels, indices: split.test)
        #expect(abs(metrics.unlearningAccuracy - 100 * (1 - forget.accuracy)) <= 1e-9)
        #expect(abs(metrics.testAccuracy - 100 * test.accuracy) <= 1e-9)
        #expect(metrics.retainAccuracy == 100)
        #expect(metrics.unlearningAccuracy == 0)
        #expect(metrics.testAccuracy < 90, "the tiny original must not generalise perfectly")
        #expect(metrics.membershipInferenceEfficacy < 50)
    }
}
