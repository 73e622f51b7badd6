import Optimization
import Testing

/// The settings `unlearn train` and `unlearn run` derive when the user leaves them out: the published
/// recipe on large data, a step floor on small data, a rate that scales with model size, and the user's
/// own choices untouched.
@Suite struct TrainingDefaultsTests {
    @Test func learningRateFollowsTheAnchorsAndInterpolatesBetweenThem() {
        #expect(TrainingDefaults.learningRate(parameters: 8_000_000_000) == 1e-5)
        #expect(TrainingDefaults.learningRate(parameters: 1_000_000_000) == 1e-5)
        #expect(abs(TrainingDefaults.learningRate(parameters: 135_000_000) - 1e-4) < 1e-9)
        #expect(TrainingDefaults.learningRate(parameters: 900_000) == 1e-3)
        // Log-linear: the geometric middle of two anchors' sizes gets the geometric middle of their rates.
        let middle = Int((1e6 * 1.35e8).squareRoot())
        #expect(abs(TrainingDefaults.learningRate(parameters: middle) - Float((1e-3 * 1e-4).squareRoot())) < 1e-7)
        // Larger models never get larger rates.
        let sizes = [100_000, 1_000_000, 10_000_000, 135_000_000, 500_000_000, 1_000_000_000, 7_000_000_000]
        let rates = sizes.map(TrainingDefaults.learningRate(parameters:))
        #expect(zip(rates, rates.dropFirst()).allSatisfy { $0 >= $1 })
    }

    @Test func largeDataGetsThePublishedRecipe() {
        let (configuration, derived) = TrainingDefaults(task: .unlearn).resolve(TrainingConfiguration(), parameters: 1_200_000_000, examples: 400)
        #expect(configuration.learningRate == 1e-5)
        #expect(configuration.effectiveBatchSize == 32 && configuration.microBatchSize == 8 && configuration.gradientAccumulation == 4)
        #expect(configuration.epochs == 10 && configuration.steps == nil)
        #expect(configuration.totalSteps(exampleCount: 400) == 130)
        #expect(configuration.warmupSteps == 13, "one epoch of 13 steps")
        #expect(derived.map(\.setting) == ["learning-rate", "batch-size", "gradient-accumulation", "epochs", "warmup-steps"])
        let fineTuning = TrainingDefaults(task: .fineTune).resolve(TrainingConfiguration(), parameters: 7_000_000_000, examples: 4000).0
        #expect(fineTuning.epochs == 5 && fineTuning.totalSteps(exampleCount: 4000) == 625)
    }

    @Test func aDozenFactsGetEnoughStepsToLearnThem() {
        let (configuration, derived) = TrainingDefaults(task: .fineTune).resolve(TrainingConfiguration(), parameters: 135_000_000, examples: 12)
        #expect(configuration.microBatchSize == 8 && configuration.gradientAccumulation == 1)
        #expect(configuration.steps == 60)
        #expect(configuration.warmupSteps == 2, "one epoch is two steps")
        let reason = try! #require(derived.first { $0.setting == "steps" }).reason
        #expect(reason.contains("only 10 steps on 12 examples"), "\(reason)")
        let unlearning = TrainingDefaults(task: .unlearn).resolve(TrainingConfiguration(), parameters: 135_000_000, examples: 6).0
        #expect(unlearning.steps == 40 && unlearning.effectiveBatchSize == 6 && unlearning.warmupSteps == 1)
        let scratch = TrainingDefaults(task: .trainFromScratch).resolve(TrainingConfiguration(), parameters: 900_000, examples: 12).0
        #expect(scratch.steps == 200 && scratch.learningRate == 3e-3)
    }

    @Test func theUsersChoicesAreKept() {
        var base = TrainingConfiguration()
        base.schedule = "constant"
        let defaults = TrainingDefaults(task: .unlearn, epochs: 5, microBatchSize: 4, learningRate: 3e-4)
        let (configuration, derived) = defaults.resolve(base, parameters: 135_000_000, examples: 100)
        #expect(configuration.learningRate == 3e-4 && configuration.microBatchSize == 4 && configuration.gradientAccumulation == 1)
        #expect(configuration.epochs == 5 && configuration.steps == nil && configuration.warmupSteps == 0 && configuration.schedule == "constant")
        #expect(derived.isEmpty)
        let steps = TrainingDefaults(task: .unlearn, steps: 7, gradientAccumulation: 2).resolve(base, parameters: 1_000_000, examples: 100).0
        #expect(steps.steps == 7 && steps.microBatchSize == 8 && steps.gradientAccumulation == 2 && steps.learningRate == 1e-3)
    }
}
