import Engine

/// SimNPO (Fan et al. 2024): reference-free, length-normalised NPO,
/// −(2/β)·mean logσ(β·(NLL/|y| − δ)), as Unlearn-Simple's code and open-unlearning compute it
/// (|y| counts the answer's target tokens, EOS included; the paper's margin γ equals β·δ).
public struct SimpleNegativePreferenceOptimization: UnlearningObjective {
    public let beta: Float
    public let margin: Float
    public init(beta: Float, margin: Float) {
        self.beta = beta
        self.margin = margin
    }

    /// The loss from per-sequence summed NLLs and their token counts.
    public static func loss(_ forget: SequenceLoss, beta: Float, margin: Float) -> Variable {
        let inverseLengths = forget.tokenCounts.map { 1 / Float(max($0, 1)) }
        let normalised = forget.negativeLogLikelihoodSum * Variable(Tensor(inverseLengths, shape: [inverseLengths.count]))
        return normalised.shifted(by: -margin).scaled(by: beta).logSigmoid().mean().scaled(by: -2 / beta)
    }

    public func forgetLoss(_ context: ObjectiveContext) -> Variable {
        Self.loss(context.sequenceLoss(context.forget), beta: beta, margin: margin)
    }
}
