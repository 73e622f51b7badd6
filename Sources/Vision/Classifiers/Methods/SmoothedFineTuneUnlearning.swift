import Engine

/// UGradSL+ : the UGradSL objective on a fine-tuning backbone — epochs are passes over D_r, each retain
/// batch paired with a forget batch — so it sees the retain set far more often and costs more.
public struct SmoothedFineTuneUnlearning: ClassifierUnlearningMethod {
    public let settings: ClassifierMethodSettings

    public init(settings: ClassifierMethodSettings) { self.settings = settings }

    public func unlearn(_ context: UnlearningContext) throws -> UnlearningOutcome {
        try MixedAscent.run(context, settings, driving: context.split.retain, partner: context.split.forget) { retain, forget in
            (forget, retain)
        }
    }
}
