/// The confidence-based membership-inference attack behind SalUn's and ℓ1-sparse's MIA-efficacy.
///
/// Their `SVC_MIA` fits an RBF SVM on one feature, the model's softmax confidence in the true label, with
/// retain images as members and test images as non-members, and reports the fraction of the forget set it
/// calls non-member. On one feature such a classifier is, in practice, a threshold; this fits the threshold
/// exactly (the one maximising balanced accuracy, so the unequal set sizes do not tilt it) instead of
/// approximating it with a kernel machine.
public struct ConfidenceMembershipAttack: Equatable, Sendable {
    /// Images with confidence ≥ threshold are called members.
    public let threshold: Double
    /// Balanced accuracy of the fitted threshold on its own training data (0.5 = chance).
    public let balancedAccuracy: Double

    /// Fits the threshold on member and non-member confidences. A NaN confidence (a diverged model) counts
    /// as 0: it carries no evidence of membership.
    public init(memberConfidences: [Double], nonMemberConfidences: [Double]) throws {
        guard !memberConfidences.isEmpty, !nonMemberConfidences.isEmpty else {
            throw ClassifierError("membership attack", "needs members and non-members, got \(memberConfidences.count) and \(nonMemberConfidences.count)")
        }
        let members = memberConfidences.map(Self.clean), nonMembers = nonMemberConfidences.map(Self.clean)
        // Sweep the sorted scores: at each cut, everything at or above it is called a member.
        let scored = (members.map { ($0, true) } + nonMembers.map { ($0, false) }).sorted { $0.0 < $1.0 }
        let (memberCount, nonMemberCount) = (Double(members.count), Double(nonMembers.count))
        // Threshold below everything: every image is a member (TPR 1, TNR 0).
        var best = (accuracy: 0.5, threshold: scored[0].0 - 1)
        var membersBelow = 0.0, nonMembersBelow = 0.0
        var index = 0
        while index < scored.count {
            let value = scored[index].0
            while index < scored.count && scored[index].0 == value {
                if scored[index].1 { membersBelow += 1 } else { nonMembersBelow += 1 }
                index += 1
            }
            // Cut just above `value`: halfway to the next distinct score (or above the last one).
            let cut = index < scored.count ? (value + scored[index].0) / 2 : value + 1
            let accuracy = ((memberCount - membersBelow) / memberCount + nonMembersBelow / nonMemberCount) / 2
            if accuracy > best.accuracy { best = (accuracy, cut) }
        }
        threshold = best.threshold
        balancedAccuracy = best.accuracy
    }

    /// Whether the attack calls an image with this confidence a member.
    public func isMember(_ confidence: Double) -> Bool { Self.clean(confidence) >= threshold }

    /// MIA-efficacy: the fraction of `forgetConfidences` called non-member (1 = the forget set looks unseen).
    public func efficacy(forgetConfidences: [Double]) -> Double {
        guard !forgetConfidences.isEmpty else { return 0 }
        return Double(forgetConfidences.filter { !isMember($0) }.count) / Double(forgetConfidences.count)
    }

    private static func clean(_ value: Double) -> Double { value.isNaN ? 0 : value }
}
