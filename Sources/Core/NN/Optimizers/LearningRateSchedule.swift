import Foundation

/// Learning-rate schedules with Hugging Face `transformers` semantics (step 0 is the first update).
public enum LearningRateSchedule: Sendable, Equatable, Codable {
    /// The base rate throughout.
    case constant
    /// Linear ramp from 0 over `warmupSteps`, then constant (`get_constant_schedule_with_warmup`).
    case warmupConstant(warmupSteps: Int)
    /// Ramp up, then linear decay to 0 at `totalSteps` (`get_linear_schedule_with_warmup`).
    case linear(warmupSteps: Int, totalSteps: Int)
    /// Ramp up, then half a cosine down to 0 at `totalSteps` (`get_cosine_schedule_with_warmup`).
    case cosine(warmupSteps: Int, totalSteps: Int)

    /// The multiplier of the base rate at `step`.
    public func factor(step: Int) -> Float {
        switch self {
        case .constant:
            return 1
        case .warmupConstant(let warmup):
            return step < warmup ? Float(step) / Float(max(1, warmup)) : 1
        case .linear(let warmup, let total):
            if step < warmup { return Float(step) / Float(max(1, warmup)) }
            return max(0, Float(total - step) / Float(max(1, total - warmup)))
        case .cosine(let warmup, let total):
            if step < warmup { return Float(step) / Float(max(1, warmup)) }
            let progress = Double(step - warmup) / Double(max(1, total - warmup))
            return Float(max(0, 0.5 * (1 + cos(Double.pi * progress))))
        }
    }

    /// The learning rate at `step` for base rate `base`.
    public func rate(step: Int, base: Float) -> Float { base * factor(step: step) }
}
