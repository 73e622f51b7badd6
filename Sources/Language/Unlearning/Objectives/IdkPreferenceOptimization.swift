import Engine

/// IdkDPO: DPO with the refusal answer preferred over the original forget answer,
/// −(2/β)·mean logσ(β·[(NLL_ref(w) − NLL_θ(w)) − (NLL_ref(l) − NLL_θ(l))]) with summed NLLs, as
/// open-unlearning's `compute_dpo_loss`.
public struct IdkPreferenceOptimization: UnlearningObjective {
    public let beta: Float
    public init(beta: Float) { self.beta = beta }

    public var needs: ReferenceNeeds { [.alternateAnswers, .alternateNegativeLogLikelihood, .forgetNegativeLogLikelihood] }

    /// The loss from summed NLLs of the preferred (win) and rejected (lose) answers.
    public static func loss(win: Variable, winReference: [Float], lose: Variable, loseReference: [Float], beta: Float) -> Variable {
        func constant(_ values: [Float]) -> Variable { Variable(Tensor(values, shape: [values.count])) }
        let winLogRatio = constant(winReference) - win
        let loseLogRatio = constant(loseReference) - lose
        return (winLogRatio - loseLogRatio).scaled(by: beta).logSigmoid().mean().scaled(by: -2 / beta)
    }

    public func forgetLoss(_ context: ObjectiveContext) -> Variable {
        Self.loss(win: context.sequenceLoss(context.alternate!).negativeLogLikelihoodSum,
                  winReference: context.reference.alternateNegativeLogLikelihood,
                  lose: context.sequenceLoss(context.forget).negativeLogLikelihoodSum,
                  loseReference: context.reference.forgetNegativeLogLikelihood, beta: beta)
    }
}
