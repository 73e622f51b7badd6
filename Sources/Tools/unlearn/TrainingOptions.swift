import ArgumentParser
import Optimization
import Training

/// Optimisation options shared by `unlearn train` and `unlearn run`.
struct TrainingOptions: ParsableArguments {
    @Option(help: "Passes over the data (the forget set for `run`).") var epochs = 1
    @Option(help: "Optimizer steps (overrides --epochs).") var steps: Int?
    @Option(name: .customLong("batch-size"), help: "Sequences per micro-batch.") var batchSize = 8
    @Option(name: .customLong("gradient-accumulation"), help: "Micro-batches per optimizer step (effective batch = batch size × this).") var gradientAccumulation = 1
    @Option(name: .customLong("learning-rate"), help: "Peak learning rate.") var learningRate: Float = 1e-5
    @Option(name: .customLong("warmup-steps"), help: "Linear warmup steps.") var warmupSteps = 0
    @Option(help: "constant, linear or cosine.") var schedule = "cosine"
    @Option(name: .customLong("weight-decay"), help: "Decoupled weight decay.") var weightDecay: Float = 0.01
    @Option(name: .customLong("clip-norm"), help: "Global gradient-norm bound (0: off).") var clipNorm: Float = 1
    @Option(name: .customLong("max-length"), help: "Truncate sequences to this many tokens.") var maxLength = 512
    @Option(help: "Seed of initialisation, data order and the method's randomness.") var seed: UInt64 = 0
    @Option(help: "adamw, or sophia (SOUL's second-order optimizer).") var optimizer = "adamw"
    @Option(help: "Sophia's rho.") var rho: Float = 0.04
    @Option(name: .customLong("sophia-batch-scale"), help: "Sophia's batch scale in the update's denominator.") var sophiaBatchScale: Float = 5120
    @Option(help: "Sophia's curvature estimate: squared-gradient (SOUL) or gauss-newton-bartlett (SophiaG).") var curvature = "squared-gradient"
    @Option(name: .customLong("curvature-every"), help: "Steps between Gauss–Newton–Bartlett samples.") var curvatureEvery = 10
    @OptionGroup var checkpoints: CheckpointOptions

    func validate() throws {
        guard TrainingConfiguration.CurvatureEstimator(rawValue: curvature) != nil else {
            throw ValidationError("--curvature must be squared-gradient or gauss-newton-bartlett")
        }
        try configuration.validate()
    }

    /// The settings these options describe.
    var configuration: TrainingConfiguration {
        var settings = TrainingConfiguration()
        settings.epochs = epochs
        settings.steps = steps
        settings.microBatchSize = batchSize
        settings.gradientAccumulation = gradientAccumulation
        settings.learningRate = learningRate
        settings.warmupSteps = warmupSteps
        settings.schedule = schedule
        settings.weightDecay = weightDecay
        settings.clipNorm = clipNorm
        settings.maximumLength = maxLength
        settings.seed = seed
        settings.checkpointInterval = checkpoints.checkpointEvery
        settings.optimizer = optimizer
        settings.rho = rho
        settings.sophiaBatchScale = sophiaBatchScale
        settings.curvatureEstimator = TrainingConfiguration.CurvatureEstimator(rawValue: curvature) ?? .squaredGradient
        settings.curvatureInterval = curvatureEvery
        settings.skipNonFiniteSteps = checkpoints.skipNonFiniteSteps
        return settings
    }
}
