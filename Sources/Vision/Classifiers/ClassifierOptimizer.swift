import Engine
import NN

/// One optimisation step of a classifier: gradients of a loss, an optional ℓ1 subgradient, clipping, a
/// masked optimizer update — and refusal to apply a non-finite step.
public final class ClassifierOptimizer {
    /// The parameters being updated.
    public let parameters: ParameterSet
    /// The underlying optimizer (its `masks.update` freezes coordinates completely, weight decay included).
    public let optimizer: Optimizer
    /// Global gradient-norm bound; nil leaves gradients as they are.
    public var clipNorm: Float?

    /// An SGD (momentum, coupled weight decay) or AdamW optimizer over `parameters`.
    public init(parameters: ParameterSet, kind: TrainingRecipe.OptimizerKind = .sgd, momentum: Float = 0.9,
                weightDecay: Float = 5e-4, masks: UpdateMasks = UpdateMasks(), clipNorm: Float? = nil) {
        self.parameters = parameters
        switch kind {
        case .sgd: optimizer = SGD(parameters: parameters, momentum: momentum, weightDecay: weightDecay, masks: masks)
        case .adamw: optimizer = AdamW(parameters: parameters, weightDecay: weightDecay, masks: masks)
        }
        self.clipNorm = clipNorm
    }

    /// Computes `loss`, back-propagates, adds `l1 · sign(θ)` (the subgradient of l1·‖θ‖₁), clips and
    /// updates. Returns the loss, or nil — leaving the parameters untouched — when the loss or a gradient
    /// is not finite (ascent-based methods diverge; callers stop instead of writing NaNs into the model).
    @discardableResult
    public func step(learningRate: Float, l1: Float = 0, _ loss: () -> Variable) -> Float? {
        parameters.zeroGradients()
        let objective = loss()
        let value = objective.value.scalar
        guard value.isFinite else { return nil }
        objective.backward()
        if l1 != 0 {
            let (theta, gradient) = (parameters.values.data, parameters.gradients.data)
            for index in 0..<parameters.count where theta[index] != 0 {
                gradient[index] += theta[index] > 0 ? l1 : -l1
            }
        }
        let norm = parameters.gradientNorm()
        guard norm.isFinite else { return nil }
        if let clipNorm { parameters.clipGradientNorm(clipNorm) }
        optimizer.step(learningRate: learningRate)
        return value
    }
}
