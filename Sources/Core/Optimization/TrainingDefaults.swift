import Foundation

/// A setting the user left unset, the value chosen for it and why (printed at the start of a run and
/// recorded in `run.json`).
public struct DerivedSetting: Codable, Sendable, Equatable {
    public var setting: String
    public var value: String
    public var reason: String

    public init(setting: String, value: String, reason: String) {
        self.setting = setting
        self.value = value
        self.reason = reason
    }

    /// One line for the terminal.
    public var description: String { "\(setting) \(value): \(reason)" }
}

/// Fills in the optimisation settings a user left unset from the model's size and the data's, following
/// the published recipes (TOFU and open-unlearning: learning rate 1e-5, effective batch 32, 5 fine-tuning
/// or 10 unlearning epochs, one epoch of warmup, on 1B–8B models) and scaling them to the small models
/// and small data sets those recipes never met.
public struct TrainingDefaults: Sendable, Equatable {
    /// What the run does with its data.
    public enum Task: String, Sendable {
        /// `unlearn train --model`: teach a pretrained model the data.
        case fineTune
        /// `unlearn train --architecture`: learn the data from random weights.
        case trainFromScratch
        /// `unlearn run`: unlearn the forget set.
        case unlearn
    }

    public var task: Task
    /// The user's choices; nil ones are derived.
    public var epochs: Int?
    public var steps: Int?
    public var microBatchSize: Int?
    public var gradientAccumulation: Int?
    public var learningRate: Float?
    public var warmupSteps: Int?

    public init(task: Task, epochs: Int? = nil, steps: Int? = nil, microBatchSize: Int? = nil, gradientAccumulation: Int? = nil,
                learningRate: Float? = nil, warmupSteps: Int? = nil) {
        self.task = task
        self.epochs = epochs
        self.steps = steps
        self.microBatchSize = microBatchSize
        self.gradientAccumulation = gradientAccumulation
        self.learningRate = learningRate
        self.warmupSteps = warmupSteps
    }

    /// The published effective batch (TOFU, open-unlearning).
    public static let publishedBatch = 32
    /// Sequences per forward pass when the batch is derived: bounds activation memory.
    public static let derivedMicroBatch = 8

    /// The published epochs of the task: 5 to fine-tune (TOFU), 10 to unlearn (open-unlearning, SimNPO).
    public var publishedEpochs: Int { task == .unlearn ? 10 : 5 }

    /// The fewest optimizer steps a derived budget gets: a dozen facts at the published epochs would be
    /// a handful of steps, too few for a model to learn (or unlearn) them at the derived rate. Random
    /// weights need more: a micro model needs about 150 steps at 3e-3 to learn a dozen facts.
    public var minimumSteps: Int {
        switch task {
        case .fineTune: return 60
        case .trainFromScratch: return 200
        case .unlearn: return 40
        }
    }

    /// Random weights have nothing to preserve: they train at three times a pretrained model's rate.
    static let fromScratchRateFactor: Float = 3

    /// The derived peak learning rate for a model of `parameters` weights: 1e-5 from 1B up (the published
    /// rate), 1e-4 at 135M (60 steps at 1e-4 teach SmolLM2 a dozen facts to loss 0.0001, README
    /// "Defaults") and 1e-3 at 1M and below (the micro models' scale), interpolated log-linearly.
    public static func learningRate(parameters: Int) -> Float {
        let anchors: [(parameters: Double, rate: Double)] = [(1e6, 1e-3), (1.35e8, 1e-4), (1e9, 1e-5)]
        let size = Double(max(parameters, 1))
        if size <= anchors[0].parameters { return Float(anchors[0].rate) }
        for (low, high) in zip(anchors, anchors.dropFirst()) where size <= high.parameters {
            let fraction = log(size / low.parameters) / log(high.parameters / low.parameters)
            return Float(exp(log(low.rate) + fraction * (log(high.rate) - log(low.rate))))
        }
        return Float(anchors[anchors.count - 1].rate)
    }

    /// `base` with every unset setting derived for a model of `parameters` weights trained on `examples`
    /// sequences, and the reason for each derived value.
    public func resolve(_ base: TrainingConfiguration, parameters: Int, examples: Int) -> (TrainingConfiguration, [DerivedSetting]) {
        var configuration = base
        var derived: [DerivedSetting] = []
        let count = max(examples, 1)

        if let learningRate {
            configuration.learningRate = learningRate
        } else {
            let scratch = task == .trainFromScratch
            let rate = Self.learningRate(parameters: parameters) * (scratch ? Self.fromScratchRateFactor : 1)
            configuration.learningRate = rate
            derived.append(DerivedSetting(
                setting: "learning-rate", value: String(format: "%.2g", rate),
                reason: String(format: "for %@ parameters: 1e-5 (the published rate) from 1B up, 1e-4 at 135M, 1e-3 at 1M and below, log-interpolated%@",
                               Self.size(parameters), scratch ? "; three times that from random weights" : "")))
        }

        switch (microBatchSize, gradientAccumulation) {
        case (nil, nil):
            let effective = min(Self.publishedBatch, count)
            let micro = min(Self.derivedMicroBatch, effective)
            configuration.microBatchSize = micro
            configuration.gradientAccumulation = max(1, effective / micro)
            derived.append(DerivedSetting(
                setting: "batch-size", value: "\(micro)",
                reason: "the published effective batch is \(Self.publishedBatch); \(count) example\(count == 1 ? "" : "s") allow at most \(effective) per step, in micro-batches of at most \(Self.derivedMicroBatch)"))
            derived.append(DerivedSetting(setting: "gradient-accumulation", value: "\(configuration.gradientAccumulation)",
                                          reason: "an effective batch of \(configuration.effectiveBatchSize)"))
        case (let micro, let accumulation):
            configuration.microBatchSize = micro ?? Self.derivedMicroBatch
            configuration.gradientAccumulation = accumulation ?? 1
        }

        let perEpoch = (count + configuration.effectiveBatchSize - 1) / configuration.effectiveBatchSize
        let budgetDerived = steps == nil && epochs == nil
        if budgetDerived {
            let published = publishedEpochs * perEpoch
            if published >= minimumSteps {
                configuration.epochs = publishedEpochs
                configuration.steps = nil
                derived.append(DerivedSetting(setting: "epochs", value: "\(publishedEpochs)",
                                              reason: "the published \(publishedEpochs) epochs (\(published) steps of \(perEpoch) per epoch)"))
            } else {
                configuration.steps = minimumSteps
                derived.append(DerivedSetting(
                    setting: "steps", value: "\(minimumSteps)",
                    reason: String(format: "the published %d epochs would be only %d step%@ on %d examples; %d steps (%.1f epochs) let the model %@ them",
                                   publishedEpochs, published, published == 1 ? "" : "s", count, minimumSteps,
                                   Double(minimumSteps) / Double(perEpoch), task == .unlearn ? "unlearn" : "learn")))
            }
        } else {
            configuration.steps = steps
            configuration.epochs = epochs ?? base.epochs
        }

        if let warmupSteps {
            configuration.warmupSteps = warmupSteps
        } else if budgetDerived {
            let total = configuration.totalSteps(exampleCount: count)
            let warmup = min(perEpoch, total / 10)
            configuration.warmupSteps = warmup
            derived.append(DerivedSetting(setting: "warmup-steps", value: "\(warmup)",
                                          reason: "one epoch of warmup as published, at most a tenth of the \(total) steps"))
        } else {
            configuration.warmupSteps = 0
        }
        return (configuration, derived)
    }

    /// 135M, 1.2B, 900K.
    static func size(_ parameters: Int) -> String {
        let value = Double(parameters)
        if value >= 1e9 { return String(format: "%.1fB", value / 1e9) }
        if value >= 1e6 { return String(format: "%.0fM", value / 1e6) }
        return String(format: "%.0fK", value / 1e3)
    }
}
