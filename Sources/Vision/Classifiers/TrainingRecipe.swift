/// How the original model (and the retrained oracle) is trained: the reference prototype's SGD recipe by default.
public struct TrainingRecipe: Codable, Equatable, Sendable {
    /// Which optimizer updates the weights.
    public enum OptimizerKind: String, Codable, Sendable, CaseIterable {
        /// SGD with momentum and coupled (L2) weight decay, as the SalUn / ℓ1-sparse code trains.
        case sgd
        /// AdamW (decoupled weight decay).
        case adamw
    }

    /// Passes over the training set.
    public var epochs: Int
    /// Images per step.
    public var batchSize: Int
    /// Peak learning rate (cosine-decayed to 0 over the run).
    public var learningRate: Float
    /// Momentum of SGD (β₁ of AdamW is always 0.9).
    public var momentum: Float
    /// Weight-decay coefficient.
    public var weightDecay: Float
    /// The optimizer.
    public var optimizer: OptimizerKind

    /// SGD, momentum 0.9, weight decay 5e-4, cosine schedule (§11.5); 60 epochs at batch 64.
    public init(epochs: Int = 60, batchSize: Int = 64, learningRate: Float = 0.05, momentum: Float = 0.9,
                weightDecay: Float = 5e-4, optimizer: OptimizerKind = .sgd) {
        self.epochs = epochs
        self.batchSize = batchSize
        self.learningRate = learningRate
        self.momentum = momentum
        self.weightDecay = weightDecay
        self.optimizer = optimizer
    }

    /// Throws when a setting cannot train anything.
    public func validate() throws {
        guard epochs > 0, batchSize > 0, learningRate > 0, learningRate.isFinite, momentum >= 0, momentum < 1, weightDecay >= 0 else {
            throw ClassifierError("training recipe", "needs epochs, batch size and learning rate > 0, momentum in [0, 1) and weight decay ≥ 0; got \(self)")
        }
    }
}
