import Engine
import NN

/// Everything that determines a training run; stored in `run.json` and in checkpoints, and compared on
/// `--resume` so a run cannot silently continue under different settings.
public struct TrainingConfiguration: Sendable, Codable, Equatable {
    /// Passes over the data (ignored when `steps` is set).
    public var epochs: Int = 1
    /// Optimizer steps; nil means `epochs` passes.
    public var steps: Int?
    /// Sequences per forward/backward pass.
    public var microBatchSize: Int = 8
    /// Micro-batches accumulated per optimizer step (effective batch = micro × accumulation).
    public var gradientAccumulation: Int = 1
    public var learningRate: Float = 1e-3
    public var warmupSteps: Int = 0
    /// "constant", "linear" or "cosine".
    public var schedule: String = "cosine"
    public var weightDecay: Float = 0.01
    public var betas: [Float] = [0.9, 0.999]
    /// Global gradient-norm bound (0 disables clipping).
    public var clipNorm: Float = 1
    /// Truncation length of each sequence.
    public var maximumLength: Int = 256
    public var seed: UInt64 = 0
    /// Save a checkpoint every this many steps (0: only at the end).
    public var checkpointInterval: Int = 0
    /// "adamw" or "sophia" (SOUL's second-order optimizer).
    public var optimizer: String = "adamw"
    /// Sophia's ρ.
    public var rho: Float = 0.04
    /// Sophia's batch scale s (the `bs` of its update's denominator).
    public var sophiaBatchScale: Float = 5120
    /// Sophia's curvature sample.
    public var curvatureEstimator: CurvatureEstimator = .squaredGradient
    /// Steps between Gauss–Newton–Bartlett samples (SophiaG's k).
    public var curvatureInterval: Int = 10
    /// Skip (no update, logged) a step whose loss or gradient is not finite instead of stopping the run.
    public var skipNonFiniteSteps = false

    /// Sophia's diagonal curvature estimators.
    public enum CurvatureEstimator: String, Sendable, Codable, CaseIterable {
        /// SOUL: the squared gradient of the step's own loss, every step.
        case squaredGradient = "squared-gradient"
        /// SophiaG: the squared gradient of the loss on labels sampled from the model, every k steps.
        case gaussNewtonBartlett = "gauss-newton-bartlett"
    }

    public init() {}

    /// Sequences per optimizer step.
    public var effectiveBatchSize: Int { microBatchSize * gradientAccumulation }

    /// Optimizer steps for `exampleCount` training sequences.
    public func totalSteps(exampleCount: Int) -> Int {
        if let steps { return steps }
        let perEpoch = (exampleCount + effectiveBatchSize - 1) / max(effectiveBatchSize, 1)
        return max(1, perEpoch * epochs)
    }

    /// The learning-rate schedule for a run of `total` steps.
    public func learningRateSchedule(total: Int) throws -> LearningRateSchedule {
        switch schedule {
        case "constant": return warmupSteps > 0 ? .warmupConstant(warmupSteps: warmupSteps) : .constant
        case "linear": return .linear(warmupSteps: warmupSteps, totalSteps: total)
        case "cosine": return .cosine(warmupSteps: warmupSteps, totalSteps: total)
        default: throw TrainingError("unknown schedule '\(schedule)' (constant, linear or cosine)")
        }
    }

    /// The configured optimizer over `parameters`; weight decay follows Hugging Face's convention and
    /// `updateMask` (WAGLE) freezes coordinates completely.
    public func makeOptimizer(parameters: ParameterSet, updateMask: Tensor? = nil) throws -> any Optimizer {
        let masks = UpdateMasks(weightDecay: parameters.huggingFaceWeightDecayMask(), update: updateMask)
        switch optimizer {
        case "adamw":
            return AdamW(parameters: parameters, betas: (betas[0], betas[1]), weightDecay: weightDecay, masks: masks)
        case "sophia":
            return Sophia(parameters: parameters, betas: (betas[0], betas[1]), rho: rho, batchScale: sophiaBatchScale,
                          weightDecay: weightDecay, masks: masks)
        default:
            throw TrainingError("unknown optimizer '\(optimizer)' (adamw or sophia)")
        }
    }

    /// Rejects settings that cannot run.
    public func validate() throws {
        if microBatchSize < 1 || gradientAccumulation < 1 { throw TrainingError("batch size and gradient accumulation must be at least 1") }
        if epochs < 1 && steps == nil { throw TrainingError("epochs must be at least 1") }
        if let steps, steps < 1 { throw TrainingError("steps must be at least 1") }
        if !(learningRate > 0) { throw TrainingError("the learning rate must be positive") }
        if betas.count != 2 || !betas.allSatisfy({ $0 >= 0 && $0 < 1 }) { throw TrainingError("betas must be two numbers in [0, 1)") }
        if !["adamw", "sophia"].contains(optimizer) { throw TrainingError("unknown optimizer '\(optimizer)' (adamw or sophia)") }
        if optimizer == "sophia" && !(rho > 0 && sophiaBatchScale > 0) { throw TrainingError("Sophia's rho and batch scale must be positive") }
        if curvatureInterval < 1 { throw TrainingError("the curvature interval must be at least 1 step") }
        if maximumLength < 2 { throw TrainingError("the maximum length must be at least 2 tokens") }
        _ = try learningRateSchedule(total: 1)
    }
}

/// A training problem, described for the user.
public struct TrainingError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
