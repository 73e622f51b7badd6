import Engine

/// NPO (Zhang et al. 2024): −(2/β)·mean logσ(β·(NLL_θ − NLL_ref)) with per-sequence summed NLL against
/// the frozen model before unlearning, as in the NPO repository and open-unlearning. Its gradient is
/// GA's reweighted by 2·π_θ^β/(π_θ^β + π_ref^β), which vanishes once an answer is unlikely.
public struct NegativePreferenceOptimization: UnlearningObjective {
    public let beta: Float
    public init(beta: Float) { self.beta = beta }

    public var needs: ReferenceNeeds { .forgetNegativeLogLikelihood }

    /// The loss from summed NLLs `[B]` of the model and the reference.
    public static func loss(negativeLogLikelihood: Variable, reference: [Float], beta: Float) -> Variable {
        let ratio = negativeLogLikelihood - Variable(Tensor(reference, shape: [reference.count]))
        return ratio.scaled(by: beta).logSigmoid().mean().scaled(by: -2 / beta)
    }

    public func forgetLoss(_ context: ObjectiveContext) -> Variable {
        Self.loss(negativeLogLikelihood: context.sequenceLoss(context.forget).negativeLogLikelihoodSum,
                  reference: context.reference.forgetNegativeLogLikelihood, beta: beta)
    }
}
