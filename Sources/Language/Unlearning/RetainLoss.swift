import Engine
import Models
import Training

/// The generic retain terms every objective but RMU uses.
public enum RetainLoss {
    /// The configured term for the context's retain rows (nil when there are none).
    public static func loss(_ context: ObjectiveContext) -> Variable? {
        guard let retain = context.retain else { return nil }
        switch context.settings.retainLoss {
        case .negativeLogLikelihood:
            return context.sequenceLoss(retain).meanTokenLoss
        case .kullbackLeibler:
            guard let reference = context.referenceModel else { preconditionFailure("RetainLoss: KL needs the reference model") }
            let referenceLogits = GradientMode.withoutGradients {
                reference.logits(tokens: retain.ids, batch: retain.batch, length: retain.length).value
            }
            let logits = context.model.logits(tokens: retain.ids, batch: retain.batch, length: retain.length)
            return kullbackLeibler(logits: logits, referenceLogits: referenceLogits, mask: retain.realPositionMask)
        }
    }

    /// KL(p_ref ‖ p_θ) summed over the vocabulary and averaged over positions where `mask` is 1
    /// (open-unlearning averages over every position, padding included; padding says nothing).
    public static func kullbackLeibler(logits: Variable, referenceLogits: Tensor, mask: Tensor) -> Variable {
        let (batch, length) = (logits.shape[0], logits.shape[1])
        let referenceLog = GradientMode.withoutGradients { Variable(referenceLogits).logSoftmax().value }
        let referenceProbability = GradientMode.withoutGradients { Variable(referenceLog).exp().value }
        let perPosition = (Variable(referenceProbability) * (Variable(referenceLog) - logits.logSoftmax())).sum(axis: 2)
        let positions = mask.scalars.reduce(0, +)
        return (perPosition * Variable(mask.reshaped([batch, length]))).sum().scaled(by: 1 / max(positions, 1))
    }
}
