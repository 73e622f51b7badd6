import Checkpoints
import Engine
import Foundation
import NN
import Optimization

/// Runs diffusion training and concept erasure on the shared Optimization loop. Their steps draw from one
/// sequential random stream (batches, timesteps, noise), so that stream — and whatever else a method
/// carries from step to step — is saved with every checkpoint as the loop's auxiliary state.
enum DiffusionLoop {
    /// The optimisation settings of one run (AdamW without weight decay, as every method here uses).
    struct Settings {
        var steps: Int
        var batchSize: Int
        var learningRate: Float
        /// "constant" (erasure) or "cosine" (training).
        var schedule = "constant"
        var warmupSteps = 0
        /// Global gradient-norm bound (0: none).
        var clipNorm: Float = 0
        var seed: UInt64
    }

    /// Runs `step` (which returns the step's objective, its graph not yet back-propagated) for
    /// `settings.steps` steps and returns the loop's summary.
    static func run(parameters: ParameterSet, masks: UpdateMasks = UpdateMasks(), settings: Settings, checkpoints: RunCheckpoints,
                    identity: String, auxiliary: (save: () throws -> Data, restore: (Data) throws -> Void),
                    progress: (TrainingProgress) -> Void = { _ in }, step: @escaping (Int) -> Variable) throws -> TrainingSummary {
        var configuration = TrainingConfiguration()
        configuration.steps = settings.steps
        configuration.microBatchSize = settings.batchSize
        configuration.learningRate = settings.learningRate
        configuration.schedule = settings.schedule
        configuration.warmupSteps = settings.warmupSteps
        configuration.weightDecay = 0
        configuration.clipNorm = settings.clipNorm
        configuration.seed = settings.seed
        let optimizer = AdamW(parameters: parameters, weightDecay: 0, masks: masks)
        let loop = OptimizationLoop(parameters: parameters, optimizer: optimizer, configuration: configuration,
                                    totalSteps: settings.steps, checkpoints: checkpoints)
        loop.identity = identity
        loop.auxiliaryState = auxiliary
        let summary = try loop.run(checkpoints: checkpoints, exampleCount: settings.batchSize, computeStep: { index in
            let loss = step(index)
            loss.backward()
            return StepOutcome(loss: loss.value.scalar, tokens: settings.batchSize)
        }, progress: progress)
        if let directory = checkpoints.directory {
            try JSONFile.write(summary, to: directory.appendingPathComponent("run.json"))
        }
        return summary
    }

    /// Saving and restoring a sequential random stream as auxiliary state.
    static func stream(_ generator: @escaping () -> SeededGenerator,
                       _ assign: @escaping (SeededGenerator) -> Void) -> (save: () throws -> Data, restore: (Data) throws -> Void) {
        (save: { try JSONFile.encode(generator(), pretty: false) },
         restore: { assign(try JSONDecoder().decode(SeededGenerator.self, from: $0)) })
    }
}
