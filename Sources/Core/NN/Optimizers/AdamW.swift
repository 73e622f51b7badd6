import Engine
import Foundation

/// Adam with decoupled weight decay, exactly as PyTorch's `torch.optim.AdamW` (bias-corrected moments,
/// decay applied as `θ ← θ·(1 − lr·λ)` before the Adam step).
public final class AdamW: Optimizer {
    public let parameters: ParameterSet
    public private(set) var stepCount = 0
    /// β₁, β₂.
    public let betas: (Float, Float)
    /// ε added to √v̂.
    public let epsilon: Float
    /// Decoupled weight-decay coefficient λ.
    public let weightDecay: Float
    /// Which coordinates decay and which may move.
    public var masks: UpdateMasks
    /// First moments, flat like the parameters.
    public let firstMoments: Tensor
    /// Second moments, flat like the parameters.
    public let secondMoments: Tensor

    /// PyTorch's defaults except weight decay, which PyTorch sets to 0.01.
    public init(parameters: ParameterSet, betas: (Float, Float) = (0.9, 0.999), epsilon: Float = 1e-8,
                weightDecay: Float = 0.01, masks: UpdateMasks = UpdateMasks()) {
        self.parameters = parameters
        self.betas = betas
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        self.masks = masks
        firstMoments = Tensor(zeros: [parameters.count])
        secondMoments = Tensor(zeros: [parameters.count])
    }

    public func restore(stepCount: Int) { self.stepCount = stepCount }

    public var stateTensors: [(name: String, tensor: Tensor)] {
        [("first_moments", firstMoments), ("second_moments", secondMoments)]
    }

    public func step(learningRate: Float) {
        stepCount += 1
        let (beta1, beta2) = betas
        let correction1 = 1 - Foundation.pow(beta1, Float(stepCount))
        let correction2Root = (1 - Foundation.pow(beta2, Float(stepCount))).squareRoot()
        let stepSize = learningRate / correction1
        let decayFactor = 1 - learningRate * weightDecay
        let (theta, gradient) = (SendablePointer(parameters.values.data), SendablePointer(parameters.gradients.data))
        let (m, v) = (SendablePointer(firstMoments.data), SendablePointer(secondMoments.data))
        let decayMask = masks.weightDecay.map { SendablePointer($0.data) }
        let updateMask = masks.update.map { SendablePointer($0.data) }
        let epsilon = self.epsilon
        let decayRate = learningRate * weightDecay
        Parallel.forRanges(parameters.count, minimumChunk: 65536) { range in
            var start = range.lowerBound
            // Without frozen coordinates the update is branch-free: 16 lanes at a time (the optimizer is
            // memory-bound, 28 bytes per parameter, so this matters on a 135M-parameter step). The lanes do
            // the scalar loop's operations in the same order, so both paths give the same bits.
            if updateMask == nil {
                typealias Lanes = SIMD16<Float>
                func load(_ pointer: UnsafeMutablePointer<Float>, _ index: Int) -> Lanes {
                    UnsafeRawPointer(pointer + index).loadUnaligned(as: Lanes.self)
                }
                func store(_ lanes: Lanes, _ pointer: UnsafeMutablePointer<Float>, _ index: Int) {
                    UnsafeMutableRawPointer(pointer + index).storeBytes(of: lanes, as: Lanes.self)
                }
                while start + 16 <= range.upperBound {
                    let g = load(gradient.pointer, start)
                    let decay = decayMask.map { 1 - decayRate * load($0.pointer, start) } ?? Lanes(repeating: decayFactor)
                    var value = load(theta.pointer, start) * decay
                    let first = beta1 * load(m.pointer, start) + (1 - beta1) * g
                    let second = beta2 * load(v.pointer, start) + (1 - beta2) * g * g
                    store(first, m.pointer, start)
                    store(second, v.pointer, start)
                    value -= stepSize * first / (second.squareRoot() / correction2Root + epsilon)
                    store(value, theta.pointer, start)
                    start += 16
                }
            }
            for index in start..<range.upperBound {
                if let updateMask, updateMask.pointer[index] == 0 { continue }
                let g = gradient.pointer[index]
                var value = theta.pointer[index]
                if decayMask.map({ $0.pointer[index] != 0 }) ?? true { value *= decayFactor }
                let first = beta1 * m.pointer[index] + (1 - beta1) * g
                let second = beta2 * v.pointer[index] + (1 - beta2) * g * g
                m.pointer[index] = first
                v.pointer[index] = second
                value -= stepSize * first / (second.squareRoot() / correction2Root + epsilon)
                theta.pointer[index] = value
            }
        }
    }
}
