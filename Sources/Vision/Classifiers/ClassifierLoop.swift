import Engine
import Foundation
import NN
import Optimization

/// A classifier run as the shared loop sees it: one objective per step, fixed before the run starts, so
/// the data order is a function of the step and a checkpoint is enough to continue bit for bit.
struct ClassifierSteps {
    /// Step i's objective; evaluating it builds the graph whose gradient the step follows.
    var objectives: [() -> Variable]
    /// The ℓ1 strength α at step i: the subgradient α·sign(θ) is added before clipping.
    var l1Strength: (Int) -> Float = { _ in 0 }
    /// Ends the run once the forget set is forgotten, or puts back the last finite weights.
    var stoppingRule: AscentStoppingRule?
}

/// Runs classifier training and unlearning on the Optimization loop: schedule, clipping, the
/// non-finite guard, checkpoints, exact resume and early stopping come from there.
enum ClassifierLoop {
    /// The optimisation settings of one run.
    struct Settings {
        var learningRate: Float
        /// "constant" (unlearning methods, as in the reference code) or "cosine" (training).
        var schedule: String
        var clipNorm: Float?
        var optimizer: TrainingRecipe.OptimizerKind
        var momentum: Float
        var weightDecay: Float
        var batchSize: Int
        var epochs: Int
        var seed: UInt64
    }

    /// Runs `steps` and returns the loop's summary (its losses are the per-step objectives).
    static func run(parameters: ParameterSet, steps: ClassifierSteps, settings: Settings, masks: UpdateMasks = UpdateMasks(),
                    checkpoints: RunCheckpoints, identity: String, failOnNonFinite: Bool = false,
                    progress: (TrainingProgress) -> Void = { _ in }) throws -> TrainingSummary {
        var configuration = TrainingConfiguration()
        configuration.epochs = settings.epochs
        configuration.steps = steps.objectives.count
        configuration.microBatchSize = settings.batchSize
        configuration.learningRate = settings.learningRate
        configuration.schedule = settings.schedule
        configuration.weightDecay = settings.weightDecay
        configuration.betas = [settings.momentum, 0.999]
        configuration.clipNorm = settings.clipNorm ?? 0
        configuration.seed = settings.seed
        configuration.optimizer = settings.optimizer.rawValue
        let optimizer: any Optimizer = switch settings.optimizer {
        case .sgd: SGD(parameters: parameters, momentum: settings.momentum, weightDecay: settings.weightDecay, masks: masks)
        case .adamw: AdamW(parameters: parameters, weightDecay: settings.weightDecay, masks: masks)
        }
        let loop = OptimizationLoop(parameters: parameters, optimizer: optimizer, configuration: configuration,
                                    totalSteps: steps.objectives.count, checkpoints: checkpoints)
        loop.identity = identity
        // Ascent methods diverge by design: they end on the last finite weights; training names the failure.
        if !checkpoints.skipNonFiniteSteps { loop.nonFinitePolicy = failOnNonFinite ? .fail : .stop }
        if let rule = steps.stoppingRule { loop.stopCheck = { _ in rule.check()?.rawValue } }
        return try loop.run(checkpoints: checkpoints, exampleCount: settings.batchSize, computeStep: { step in
            steps.stoppingRule?.remember()
            let objective = steps.objectives[step]()
            let loss = objective.value.scalar
            // A non-finite loss ends (or skips) the step before any gradient is formed.
            guard loss.isFinite else { return StepOutcome(loss: loss, tokens: 0) }
            objective.backward()
            addL1Subgradient(parameters, strength: steps.l1Strength(step))
            return StepOutcome(loss: loss, tokens: settings.batchSize)
        }, progress: progress)
    }

    /// Adds `strength · sign(θ)`, the subgradient of strength·‖θ‖₁ (zero weights get none).
    static func addL1Subgradient(_ parameters: ParameterSet, strength: Float) {
        guard strength != 0 else { return }
        let (theta, gradient) = (parameters.values.data, parameters.gradients.data)
        for index in 0..<parameters.count where theta[index] != 0 {
            gradient[index] += theta[index] > 0 ? strength : -strength
        }
    }

    /// `indices` shuffled afresh for each of `epochs` passes and cut into batches, in run order.
    static func epochBatches(_ indices: [Int], size: Int, epochs: Int, generator: inout SeededGenerator) -> [[Int]] {
        (0..<epochs).flatMap { _ in ImageBatches.shuffledBatches(indices, size: size, generator: &generator) }
    }
}
