import Engine
import Foundation
import Models
import NN
import Optimization
import Training

/// Runs an unlearning objective: each step takes `effectiveBatchSize` forget rows (a seeded per-epoch
/// shuffle, as fine-tuning does) paired position by position with retain rows from an independent
/// shuffle, in micro-batches whose losses are weighted by their share of the step's rows.
public final class Unlearner {
    public let model: CausalLanguageModel
    public let objective: any UnlearningObjective
    public let settings: MethodSettings
    public let data: UnlearningData
    public let padId: Int
    public let configuration: TrainingConfiguration
    public let directory: URL
    /// The weights that may change (frozen ones have `requiresGradient` off).
    public let parameters: ParameterSet
    /// WAGLE's flat 0/1 mask over `parameters` (nil: all of them move).
    public let updateMask: Tensor?
    /// The frozen model before unlearning, for the KL retain term.
    public let referenceModel: CausalLanguageModel?
    /// Called after each step's backward pass (fault-injection tests use it).
    public var afterBackward: ((Int, ParameterSet) -> Void)?
    /// Evaluation during the run and its stopping rule (`--eval-every`, `--stop-when`), if any.
    public var monitor: RunMonitor?

    public init(model: CausalLanguageModel, objective: any UnlearningObjective, settings: MethodSettings, data: UnlearningData,
                padId: Int, configuration: TrainingConfiguration, directory: URL,
                parameters: ParameterSet, updateMask: Tensor? = nil,
                referenceModel: CausalLanguageModel? = nil) throws {
        try configuration.validate()
        guard !data.forget.isEmpty else { throw TrainingError("the forget set is empty") }
        guard data.forget.contains(where: { $0.targetCount > 0 }) else { throw TrainingError("no forget example has a token to unlearn") }
        let usesRetain = settings.retainWeight != 0
        if usesRetain && data.retain.isEmpty { throw TrainingError("\(settings.method) has a retain term (α = \(settings.retainWeight)) but the retain set is empty") }
        if objective.needs.contains(.alternateAnswers) && data.alternate.count != data.forget.count {
            throw TrainingError("\(settings.method) needs a refusal answer for every forget question")
        }
        if usesRetain && settings.retainLoss == .kullbackLeibler && referenceModel == nil && !(objective is RepresentationMisdirection) {
            throw TrainingError("the KL retain term needs the reference model")
        }
        guard parameters.count > 0 else { throw TrainingError("no parameter is selected for training") }
        if let updateMask, updateMask.count != parameters.count {
            throw TrainingError("the weight mask covers \(updateMask.count) weights, the trainable parameters have \(parameters.count)")
        }
        self.model = model
        self.objective = objective
        self.settings = settings
        self.data = data
        self.padId = padId
        self.configuration = configuration
        self.directory = directory
        self.parameters = parameters
        self.updateMask = updateMask
        self.referenceModel = referenceModel
    }

    /// Forget and retain rows of step `step`.
    public func rows(forStep step: Int) -> (forget: [Int], retain: [Int]) {
        let size = configuration.effectiveBatchSize
        let forget = TrainingOrder.indices(step: step, batchSize: size, count: data.forget.count, seed: configuration.seed)
        let retain = data.retain.isEmpty || settings.retainWeight == 0 ? []
            : TrainingOrder.indices(step: step, batchSize: size, count: data.retain.count, seed: configuration.seed ^ 0x5245_5441_494E)
        return (forget, retain)
    }

    /// Unlearns for the configured steps; see `OptimizationLoop.run` for `resume` and `interruptAfterStep`.
    @discardableResult
    public func run(resume: Bool, progress: (TrainingProgress) -> Void = { _ in },
                    interruptAfterStep: Int? = nil) throws -> TrainingSummary? {
        let longest = min(configuration.maximumLength, (data.forget + data.retain + data.alternate).map(\.ids.count).max() ?? 1)
        let batches = 1 + (settings.retainWeight != 0 ? 1 : 0) + (data.alternate.isEmpty ? 0 : 1)
        try MemoryEstimate(model: model.configuration, modelCopies: referenceModel == nil ? 1 : 2, trainableParameters: parameters.count,
                           optimizerStateFloats: 2, microBatch: configuration.microBatchSize, sequenceLength: longest,
                           concurrentBatches: batches, fullLogits: objective.readsFullLogits || (settings.retainWeight != 0
                               && settings.retainLoss == .kullbackLeibler && !(objective is RepresentationMisdirection))).check()
        // The reference values come from the model as loaded, before a resumed state replaces it.
        let steeringLayer = (objective as? RepresentationMisdirection)?.layer ?? 0
        let cache = ReferenceCache.compute(model: model, needs: objective.needs, data: data, padId: padId,
                                           maximumLength: configuration.maximumLength, batchSize: configuration.microBatchSize,
                                           steeringLayer: steeringLayer)
        let loop = OptimizationLoop(parameters: parameters,
                                    optimizer: try configuration.makeOptimizer(parameters: parameters, updateMask: updateMask),
                                    configuration: configuration, directory: directory,
                                    totalSteps: configuration.totalSteps(exampleCount: data.forget.count))
        loop.afterBackward = afterBackward
        if let monitor {
            let totalSteps = loop.totalSteps
            loop.identity = monitor.identity
            loop.stopCheck = { step in try monitor.check(step: step, totalSteps: totalSteps) }
            loop.auxiliaryState = (save: monitor.save, restore: monitor.restore)
        }
        loop.sampledLabelGradients = { [self] step in
            let (forget, retain) = rows(forStep: step)
            let batch = TokenBatch(forget.map { data.forget[$0] } + retain.map { data.retain[$0] }, padId: padId,
                                   maximumLength: configuration.maximumLength)
            SampledLabels.backward(model: model, batch: batch, step: step, seed: configuration.seed)
        }
        let summary = try loop.run(resume: resume, exampleCount: data.forget.count, computeStep: { step in
            try computeStep(step, cache: cache)
        }, progress: progress, interruptAfterStep: interruptAfterStep)
        return summary
    }

    private func computeStep(_ step: Int, cache: ReferenceCache) throws -> StepOutcome {
        let (forgetRows, retainRows) = rows(forStep: step)
        let micro = configuration.microBatchSize
        var forgetPart: Float = 0, retainPart: Float = 0, tokens = 0
        for start in stride(from: 0, to: forgetRows.count, by: micro) {
            let range = start..<min(start + micro, forgetRows.count)
            let forgetSlice = Array(forgetRows[range])
            let retainSlice = retainRows.isEmpty ? [] : Array(retainRows[range])
            func batch(_ examples: [TokenizedExample]) -> TokenBatch {
                TokenBatch(examples, padId: padId, maximumLength: configuration.maximumLength)
            }
            let forget = batch(forgetSlice.map { data.forget[$0] })
            let retain = retainSlice.isEmpty ? nil : batch(retainSlice.map { data.retain[$0] })
            let alternate = data.alternate.isEmpty ? nil : batch(forgetSlice.map { data.alternate[$0] })
            let context = ObjectiveContext(model: model, settings: settings, forget: forget, retain: retain, alternate: alternate,
                                           reference: cache.slice(forget: forgetSlice, retain: retainSlice),
                                           referenceModel: referenceModel)
            let share = Float(range.count) / Float(forgetRows.count)
            var objectiveValue = objective.forgetLoss(context).scaled(by: settings.forgetWeight * share)
            forgetPart += objectiveValue.value.scalar
            if retain != nil, settings.retainWeight != 0, let retainTerm = objective.retainLoss(context) ?? RetainLoss.loss(context) {
                let weighted = retainTerm.scaled(by: settings.retainWeight * share)
                retainPart += weighted.value.scalar
                objectiveValue = objectiveValue + weighted
            }
            objectiveValue.backward()
            tokens += forget.targetCount + (retain?.targetCount ?? 0)
        }
        var parts = ["forget": forgetPart]
        if !retainRows.isEmpty { parts["retain"] = retainPart }
        var loss = forgetPart + retainPart
        if settings.l1 > 0 {
            let penalty = SparsityPenalty.apply(coefficient: settings.l1, parameters: parameters)
            parts["l1"] = penalty
            loss += penalty
        }
        return StepOutcome(loss: loss, tokens: tokens, parts: parts)
    }
}
