import Engine
import NN

/// SalUn (Fan et al.): random labelling restricted to the most forget-salient weights. The rest are frozen
/// completely — the optimizer's update mask skips their gradient step, weight decay and momentum, which is
/// the hard "restore θ_o" SalUn added after weight decay was found moving frozen weights (issue #32).
public struct SaliencyUnlearning: ClassifierUnlearningMethod {
    public let settings: ClassifierMethodSettings

    public init(settings: ClassifierMethodSettings) { self.settings = settings }

    /// The saliency mask at the context's current (original) weights.
    public func mask(_ context: UnlearningContext) -> Tensor {
        SaliencyMask.topFraction(SaliencyMask.saliency(context, batchSize: settings.batchSize), fraction: settings.maskFraction)
    }

    public func unlearn(_ context: UnlearningContext) throws -> UnlearningOutcome {
        try settings.validate()
        return try RandomLabels.run(context, settings, masks: UpdateMasks(update: mask(context)))
    }
}
