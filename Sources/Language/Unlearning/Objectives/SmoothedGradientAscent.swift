import Engine

/// UGradSL's forget term (Di et al., "Label Smoothing Improves Machine Unlearning"): gradient ascent on
/// the cross-entropy against generalised-smoothed labels (1−r)·onehot + r/V, with a negative rate r.
/// Per token that cross-entropy is (1−r)·NLL + r·mean_v(−log p_v); the term is its negated mean over
/// answer tokens. Combined with retain descent (weights γ, α) it is UGradSL's p-mixture.
public struct SmoothedGradientAscent: UnlearningObjective {
    public let smoothing: Float
    public init(smoothing: Float) { self.smoothing = smoothing }
    /// The smoothed labels' term is a mean over the whole vocabulary of log p.
    public var readsFullLogits: Bool { true }

    /// −mean over target tokens of the smoothed cross-entropy, for logits `[B, T, V]`.
    public static func loss(logits: Variable, targets: [Int], smoothing: Float) -> Variable {
        let (batch, length) = (logits.shape[0], logits.shape[1])
        let mask = Tensor(targets.map { $0 == -100 ? 0 : 1 }, shape: [batch, length])
        let count = targets.filter { $0 != -100 }.count
        let negativeLogLikelihood = tokenNegativeLogLikelihood(logits: logits, targets: targets)
        let uniformCrossEntropy = -(logits.logSoftmax().mean(axis: 2) * Variable(mask))
        let smoothed = negativeLogLikelihood.scaled(by: 1 - smoothing) + uniformCrossEntropy.scaled(by: smoothing)
        return smoothed.sum().scaled(by: -1 / Float(max(count, 1)))
    }

    public func forgetLoss(_ context: ObjectiveContext) -> Variable {
        let batch = context.forget
        let logits = context.model.logits(tokens: batch.ids, batch: batch.batch, length: batch.length)
        return Self.loss(logits: logits, targets: batch.targets, smoothing: smoothing)
    }
}
