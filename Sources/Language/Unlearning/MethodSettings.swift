/// Every knob of an unlearning objective, named as in the papers and open-unlearning: γ weighs the
/// forget term, α the retain term (open-unlearning's convention in every trainer).
public struct MethodSettings: Codable, Equatable, Sendable {
    /// Registered method name (`MethodRegistry.names`).
    public var method: String
    /// γ, the forget term's weight.
    public var forgetWeight: Float = 1
    /// α, the retain term's weight (0 drops the retain term).
    public var retainWeight: Float = 0
    /// The retain term.
    public var retainLoss: RetainLossKind = .negativeLogLikelihood
    /// β of NPO, SimNPO and DPO.
    public var beta: Float = 0.1
    /// SimNPO's reward margin δ (open-unlearning's `delta`, Unlearn-Simple's `gamma`): the loss is
    /// −(2/β)·logσ(β·(NLL/|y| − δ)).
    public var margin: Float = 0
    /// UGradSL's label-smoothing rate r (negative: negative label smoothing).
    public var smoothing: Float = -0.2
    /// RMU: the decoder layer (0-based) whose output is steered.
    public var steeringLayer: Int = 7
    /// RMU: the norm c of the random control vector on forget data.
    public var steeringCoefficient: Float = 20
    /// Coefficient of an l1 penalty λ·Σ|θ| on the updated weights (0: off).
    public var l1: Float = 0
    /// Regular expression over parameter names selecting the weights that may change (nil: all).
    public var trainableParameters: String?
    /// Seed of the method's own randomness (RMU's control vector, IDK answer choice).
    public var seed: UInt64 = 0

    public init(method: String) { self.method = method }
}

/// What keeps the model's behaviour on retain data.
public enum RetainLossKind: String, Codable, Sendable, CaseIterable {
    /// Mean answer-token NLL on retain data (GradDiff's descent term).
    case negativeLogLikelihood = "nll"
    /// KL(p_ref ‖ p_θ) per position, averaged over real positions of the retain batch.
    case kullbackLeibler = "kl"
}
