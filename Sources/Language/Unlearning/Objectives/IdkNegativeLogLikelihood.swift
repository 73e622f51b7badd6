import Engine

/// IdkNLL (TOFU's "idk"): plain descent on the forget questions paired with a refusal answer
/// ("I don't know …"), so the model learns to decline instead of being pushed to arbitrary text.
public struct IdkNegativeLogLikelihood: UnlearningObjective {
    public init() {}

    public var needs: ReferenceNeeds { .alternateAnswers }

    public func forgetLoss(_ context: ObjectiveContext) -> Variable {
        context.sequenceLoss(context.alternate!).meanTokenLoss
    }
}
