import Checkpoints
import Engine
import Foundation
import Models
import NN
import Optimization

/// Full-parameter training on tokenized examples with AdamW or Sophia, a schedule, gradient accumulation,
/// clipping, periodic atomic checkpoints and exact resumption.
public final class Trainer {
    public let model: CausalLanguageModel
    public let examples: [TokenizedExample]
    public let padId: Int
    public let configuration: TrainingConfiguration
    public let directory: URL
    /// Called after each step's backward pass, before clipping and the update (fault-injection tests use it).
    public var afterBackward: ((Int, ParameterSet) -> Void)?
    /// Settings derived for the user (`TrainingRecipe`), recorded in `run.json`.
    public var derivedSettings: [DerivedSetting] = []

    public init(model: CausalLanguageModel, examples: [TokenizedExample], padId: Int,
                configuration: TrainingConfiguration, directory: URL) throws {
        try configuration.validate()
        guard !examples.isEmpty else { throw TrainingError("no training examples") }
        guard examples.contains(where: { $0.targetCount > 0 }) else { throw TrainingError("no example has a token to train on") }
        self.model = model
        self.examples = examples
        self.padId = padId
        self.configuration = configuration
        self.directory = directory
    }

    /// The example indices of optimizer step `step`: consecutive positions of a per-epoch seeded shuffle.
    public func indices(forStep step: Int) -> [Int] {
        TrainingOrder.indices(step: step, batchSize: configuration.effectiveBatchSize, count: examples.count, seed: configuration.seed)
    }

    /// Trains to the configured number of steps. With `resume`, continues from the newest checkpoint in
    /// `directory` (bitwise identical to an uninterrupted run with the same thread count).
    /// `interruptAfterStep` abandons the run after that step as a crash would (nil summary).
    @discardableResult
    public func run(resume: Bool, progress: (TrainingProgress) -> Void = { _ in },
                    interruptAfterStep: Int? = nil) throws -> TrainingSummary? {
        let longest = min(configuration.maximumLength, examples.map(\.ids.count).max() ?? 1)
        try MemoryEstimate(model: model.configuration, modelCopies: 1, trainableParameters: model.parameterCount,
                           optimizerStateFloats: 2, microBatch: configuration.microBatchSize, sequenceLength: longest,
                           concurrentBatches: 1).check()
        let parameters = ParameterSet(model.namedParameters())
        let loop = OptimizationLoop(parameters: parameters, optimizer: try configuration.makeOptimizer(parameters: parameters),
                                    configuration: configuration, directory: directory,
                                    totalSteps: configuration.totalSteps(exampleCount: examples.count))
        loop.afterBackward = afterBackward
        loop.sampledLabelGradients = { [self] step in
            let batch = TokenBatch(indices(forStep: step).map { examples[$0] }, padId: padId, maximumLength: configuration.maximumLength)
            SampledLabels.backward(model: model, batch: batch, step: step, seed: configuration.seed)
        }
        let summary = try loop.run(resume: resume, exampleCount: examples.count, computeStep: { step in
            let stepExamples = indices(forStep: step).map { examples[$0] }
            let stepTargets = stepExamples.reduce(0) { $0 + min($1.targetCount, configuration.maximumLength) }
            var lossSum: Float = 0
            for start in stride(from: 0, to: stepExamples.count, by: configuration.microBatchSize) {
                let micro = Array(stepExamples[start..<min(start + configuration.microBatchSize, stepExamples.count)])
                let batch = TokenBatch(micro, padId: padId, maximumLength: configuration.maximumLength)
                if batch.targetCount == 0 { continue }
                // Summed NLL over the step's target tokens, so accumulation equals one large batch.
                let loss = model.sequenceLoss(tokens: batch.ids, batch: batch.batch, length: batch.length, targets: batch.targets)
                    .negativeLogLikelihoodSum.sum()
                    .scaled(by: 1 / Float(max(stepTargets, 1)))
                lossSum += loss.value.scalar
                loss.backward()
            }
            return StepOutcome(loss: lossSum, tokens: stepTargets)
        }, progress: progress, interruptAfterStep: interruptAfterStep)
        guard var summary else { return nil }
        if !derivedSettings.isEmpty { summary.derivedSettings = derivedSettings }
        try JSONFile.write(summary, to: directory.appendingPathComponent("run.json"))
        return summary
    }
}
