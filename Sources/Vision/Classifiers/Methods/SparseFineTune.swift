import Engine

/// ℓ1-sparse (Jia et al.): fine-tune on D_r with `α_e·‖θ‖₁` added, α_e = α·(1 − e/E) decaying linearly
/// over the epochs e = 0…E−1 (`Unlearn-Sparse` `FT_iter` with `with_l1`, no extra ℓ1-free epochs).
public struct SparseFineTune: ClassifierUnlearningMethod {
    public let settings: ClassifierMethodSettings

    public init(settings: ClassifierMethodSettings) { self.settings = settings }

    /// The ℓ1 strength during `epoch`.
    public func strength(epoch: Int) -> Float {
        settings.l1Strength * (1 - Float(epoch) / Float(settings.epochs))
    }

    public func unlearn(_ context: UnlearningContext) throws -> UnlearningOutcome {
        try RetainTraining.run(context, settings, l1Strength: strength(epoch:))
    }
}
