import Engine

/// SophiaG (Liu et al. 2023), the second-order optimizer SOUL uses for unlearning: a momentum step
/// pre-conditioned by a diagonal curvature estimate and clipped per coordinate.
///
/// ```
/// h ← β₂·h + (1−β₂)·ĝ⊙ĝ                      (updateCurvature, from whichever gradient ĝ the estimator uses)
/// θ ← θ·(1 − lr·λ)
/// m ← β₁·m + (1−β₁)·g
/// θ ← θ − lr · sign(m) · min(|m| / (ρ·s·h + 1e-15), 1)
/// ```
/// `s` is the batch scale (`bs` in the reference code): with SOUL's squared-gradient estimator ĝ is the
/// step's own mean gradient and s = 5120 by default; with the Gauss–Newton–Bartlett estimator ĝ is the
/// gradient of the loss on labels sampled from the model and s is the number of tokens behind it.
/// SOUL's code updates m twice per step; this follows SophiaG's single update.
public final class Sophia: Optimizer {
    public let parameters: ParameterSet
    public private(set) var stepCount = 0
    /// β₁ (momentum), β₂ (curvature EMA).
    public let betas: (Float, Float)
    /// ρ, the clipping scale.
    public let rho: Float
    /// s, multiplies the curvature in the denominator.
    public let batchScale: Float
    /// Decoupled weight-decay coefficient λ.
    public let weightDecay: Float
    /// Which coordinates decay and which may move.
    public var masks: UpdateMasks
    /// Momentum m, flat like the parameters.
    public let momentum: Tensor
    /// Diagonal curvature estimate h, flat like the parameters.
    public let curvature: Tensor

    /// SOUL's defaults: betas (0.9, 0.95), ρ 0.04 (its TOFU configs), s 5120, weight decay 0.1.
    public init(parameters: ParameterSet, betas: (Float, Float) = (0.9, 0.95), rho: Float = 0.04,
                batchScale: Float = 5120, weightDecay: Float = 0.1, masks: UpdateMasks = UpdateMasks()) {
        self.parameters = parameters
        self.betas = betas
        self.rho = rho
        self.batchScale = batchScale
        self.weightDecay = weightDecay
        self.masks = masks
        momentum = Tensor(zeros: [parameters.count])
        curvature = Tensor(zeros: [parameters.count])
    }

    public func restore(stepCount: Int) { self.stepCount = stepCount }

    public var stateTensors: [(name: String, tensor: Tensor)] { [("momentum", momentum), ("curvature", curvature)] }

    /// Folds one curvature sample `ĝ⊙ĝ` into the EMA (`gradients` is flat like the parameters).
    public func updateCurvature(gradients: Tensor) {
        precondition(gradients.count == parameters.count, "Sophia: \(gradients.count) gradients for \(parameters.count) parameters")
        let beta2 = betas.1
        let (h, g) = (SendablePointer(curvature.data), SendablePointer(gradients.data))
        let updateMask = masks.update.map { SendablePointer($0.data) }
        Parallel.forRanges(parameters.count, minimumChunk: 65536) { range in
            for index in range {
                if let updateMask, updateMask.pointer[index] == 0 { continue }
                h.pointer[index] = beta2 * h.pointer[index] + (1 - beta2) * g.pointer[index] * g.pointer[index]
            }
        }
    }

    public func step(learningRate: Float) {
        stepCount += 1
        let beta1 = betas.0
        let decayFactor = 1 - learningRate * weightDecay
        let denominatorScale = rho * batchScale
        let (theta, gradient) = (SendablePointer(parameters.values.data), SendablePointer(parameters.gradients.data))
        let (m, h) = (SendablePointer(momentum.data), SendablePointer(curvature.data))
        let decayMask = masks.weightDecay.map { SendablePointer($0.data) }
        let updateMask = masks.update.map { SendablePointer($0.data) }
        Parallel.forRanges(parameters.count, minimumChunk: 65536) { range in
            for index in range {
                if let updateMask, updateMask.pointer[index] == 0 { continue }
                var value = theta.pointer[index]
                if decayMask.map({ $0.pointer[index] != 0 }) ?? true { value *= decayFactor }
                let first = beta1 * m.pointer[index] + (1 - beta1) * gradient.pointer[index]
                m.pointer[index] = first
                let ratio = min(Swift.abs(first) / (denominatorScale * h.pointer[index] + 1e-15), 1)
                let sign: Float = first > 0 ? 1 : (first < 0 ? -1 : 0)
                value -= learningRate * sign * ratio
                theta.pointer[index] = value
            }
        }
    }
}
