/// The classifier-unlearning metrics of SalUn, ℓ1-sparse and UGradSL (reference §1), in percent.
public struct UnlearningMetrics: Codable, Equatable, Sendable {
    /// Unlearning accuracy: 100 − accuracy on the forget set.
    public var unlearningAccuracy: Double
    /// Accuracy on the retain set.
    public var retainAccuracy: Double
    /// Accuracy on the test set (outside the forgotten class in class-wise forgetting).
    public var testAccuracy: Double
    /// Fraction of the forget set the confidence attack calls non-member.
    public var membershipInferenceEfficacy: Double
    /// Run-time efficiency: wall-clock seconds of the unlearning (or training) run; nil when not timed.
    public var seconds: Double?

    /// Metrics from explicit values (percentages).
    public init(unlearningAccuracy: Double, retainAccuracy: Double, testAccuracy: Double,
                membershipInferenceEfficacy: Double, seconds: Double? = nil) {
        self.unlearningAccuracy = unlearningAccuracy
        self.retainAccuracy = retainAccuracy
        self.testAccuracy = testAccuracy
        self.membershipInferenceEfficacy = membershipInferenceEfficacy
        self.seconds = seconds
    }

    /// Evaluates `model` on the split's forget, retain and test images and runs the attack (members:
    /// retain, non-members: the split's test images, targets: forget).
    public init(model: ImageClassifier, dataset: ClassifierDataset, split: ClassifierSplit, seconds: Double? = nil) throws {
        let forget = ClassifierPredictions(model: model, images: dataset.trainImages, labels: dataset.trainLabels, indices: split.forget)
        let retain = ClassifierPredictions(model: model, images: dataset.trainImages, labels: dataset.trainLabels, indices: split.retain)
        let test = ClassifierPredictions(model: model, images: dataset.testImages, labels: dataset.testLabels, indices: split.test)
        let attack = try ConfidenceMembershipAttack(memberConfidences: retain.trueLabelConfidence,
                                                    nonMemberConfidences: test.trueLabelConfidence)
        self.init(unlearningAccuracy: 100 * (1 - forget.accuracy), retainAccuracy: 100 * retain.accuracy,
                  testAccuracy: 100 * test.accuracy,
                  membershipInferenceEfficacy: 100 * attack.efficacy(forgetConfidences: forget.trueLabelConfidence),
                  seconds: seconds)
    }

    /// UA, RA, TA, MIA in the papers' column order.
    public var gapMetrics: [Double] { [unlearningAccuracy, retainAccuracy, testAccuracy, membershipInferenceEfficacy] }

    /// Avg. Gap: mean absolute difference to the retrained model over UA, RA, TA and MIA (percentage points).
    public func averageGap(to retrained: UnlearningMetrics) -> Double {
        zip(gapMetrics, retrained.gapMetrics).map { Swift.abs($0 - $1) }.reduce(0, +) / 4
    }
}
