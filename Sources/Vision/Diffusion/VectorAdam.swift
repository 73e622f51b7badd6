import Engine
import Foundation

/// Adam on one flat attack variable, as `torch.optim.Adam` (L2 weight decay added to the gradient),
/// optionally on the gradient's sign (AdvUnlearn's fast-AT: `adv_embedding.grad.sign_()` before Adam).
public struct VectorAdam {
    /// Learning rate.
    public var learningRate: Float
    /// Coupled L2 weight decay.
    public var weightDecay: Float
    /// Replace the gradient by its sign before the step.
    public var signGradient: Bool
    private var first: [Float], second: [Float], step = 0

    /// An optimiser for a variable of `count` elements.
    public init(count: Int, learningRate: Float, weightDecay: Float = 0, signGradient: Bool = false) {
        self.learningRate = learningRate; self.weightDecay = weightDecay; self.signGradient = signGradient
        first = [Float](repeating: 0, count: count); second = first
    }

    /// Updates `value` in place from `gradient`.
    public mutating func update(_ value: Tensor, gradient: Tensor) {
        step += 1
        let (beta1, beta2, epsilon): (Float, Float, Float) = (0.9, 0.999, 1e-8)
        let correction1 = 1 - Foundation.pow(beta1, Float(step)), correction2 = 1 - Foundation.pow(beta2, Float(step))
        for index in 0..<value.count {
            var g = gradient.data[index]
            if signGradient { g = g > 0 ? 1 : (g < 0 ? -1 : 0) }
            g += weightDecay * value.data[index]
            first[index] = beta1 * first[index] + (1 - beta1) * g
            second[index] = beta2 * second[index] + (1 - beta2) * g * g
            value.data[index] -= learningRate * (first[index] / correction1) / ((second[index] / correction2).squareRoot() + epsilon)
        }
    }
}
