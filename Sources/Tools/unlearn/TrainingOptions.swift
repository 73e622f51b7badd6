import ArgumentParser
import Optimization
import Training

/// Optimisation options shared by `unlearn train` and `unlearn run`. Options left out are derived from
/// the model's size and the data's, following the published recipes, and printed with the reason for each.
struct TrainingOptions: ParsableArguments {
    @Option(help: "Passes over the data (the forget set for `run`). Default: derived (see below).") var epochs: Int?
    @Option(help: "Optimizer steps (overrides --epochs). Default: derived.") var steps: Int?
    @Option(name: .customLong("batch-size"), help: "Sequences per micro-batch. Default: derived (8 when --gradient-accumulation is given).") var batchSize: Int?
    @Option(name: .customLong("gradient-accumulation"), help: "Micro-batches per optimizer step (effective batch = batch size × this). Default: derived (1 when --batch-size is given).")
    var gradientAccumulation: Int?
    @Option(name: .customLong("learning-rate"), help: "Peak learning rate. Default: derived from the model's size.") var learningRate: Float?
    @Option(name: .customLong("warmup-steps"), help: "Linear warmup steps. Default: one epoch (at most a tenth of the run) when the budget is derived, else 0.") var warmupSteps: Int?
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

    /// The settings these options describe; those left unset are placeholders until `defaults` fills them
    /// in for the loaded model and data.
    var configuration: TrainingConfiguration {
        var settings = TrainingConfiguration()
        settings.epochs = epochs ?? 1
        settings.steps = steps
        settings.microBatchSize = batchSize ?? TrainingDefaults.derivedMicroBatch
        settings.gradientAccumulation = gradientAccumulation ?? 1
        settings.learningRate = learningRate ?? 1e-5
        settings.warmupSteps = warmupSteps ?? 0
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

    /// Derives what the user left unset from the model's and the data's size (`TrainingDefaults`).
    func defaults(_ task: TrainingDefaults.Task) -> TrainingDefaults {
        TrainingDefaults(task: task, epochs: epochs, steps: steps, microBatchSize: batchSize, gradientAccumulation: gradientAccumulation,
                       learningRate: learningRate, warmupSteps: warmupSteps)
    }
}

/// Prints the settings a job derived, one per line with its reason, before training starts.
func printDerivedSettings(_ settings: [DerivedSetting]) {
    print("settings derived from the model and data (give the option to choose another):")
    for setting in settings { print("  --\(setting.description)") }
}
