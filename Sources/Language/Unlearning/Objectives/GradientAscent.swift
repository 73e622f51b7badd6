import Engine

/// Gradient ascent (GA): minimise −NLL on forget answers, i.e. the negated mean token loss, exactly
/// open-unlearning's `−model(**forget).loss`. With a retain term it is GradDiff.
public struct GradientAscent: UnlearningObjective {
    public init() {}

    /// −(Σ NLL)/(Σ tokens) over the batch.
    public static func loss(_ forget: SequenceLoss) -> Variable { -forget.meanTokenLoss }

    public func forgetLoss(_ context: ObjectiveContext) -> Variable { Self.loss(context.sequenceLoss(context.forget)) }
}
