import Engine
import NN
import Optimization

/// Hyperparameters of a classifier-unlearning method; each method reads the ones it uses.
public struct ClassifierMethodSettings: Codable, Equatable, Sendable {
    /// Learning rate (constant during unlearning, as in the reference code).
    public var learningRate: Float
    /// Passes over the method's driving set (D_f for ascent, D_r for fine-tuning); ascent methods may stop earlier.
    public var epochs: Int
    /// Images per step (per set when a step sees a forget and a retain batch).
    public var batchSize: Int
    /// Global gradient-norm bound (ascent-based methods diverge without one); nil: no clipping.
    public var clipNorm: Float?
    /// ℓ1-sparse: initial ℓ1 strength α, decayed linearly to 0 over the epochs.
    public var l1Strength: Float
    /// SalUn: fraction of weights (highest forget-gradient magnitude) that may change.
    public var maskFraction: Float
    /// UGradSL: label-smoothing rate α of the forget targets (negative: NLS).
    public var smoothingRate: Float
    /// UGradSL: weight p of the retain term (the forget term gets 1 − p).
    public var retainWeight: Float
    /// SGD momentum.
    public var momentum: Float
    /// Coupled weight decay (frozen SalUn coordinates get none).
    public var weightDecay: Float

    /// Settings with the reference code's SGD defaults for everything not given.
    public init(learningRate: Float, epochs: Int, batchSize: Int = 64, clipNorm: Float? = nil, l1Strength: Float = 0,
                maskFraction: Float = 0.5, smoothingRate: Float = 0, retainWeight: Float = 0.5,
                momentum: Float = 0.9, weightDecay: Float = 5e-4) {
        self.learningRate = learningRate
        self.epochs = epochs
        self.batchSize = batchSize
        self.clipNorm = clipNorm
        self.l1Strength = l1Strength
        self.maskFraction = maskFraction
        self.smoothingRate = smoothingRate
        self.retainWeight = retainWeight
        self.momentum = momentum
        self.weightDecay = weightDecay
    }

    /// Throws, naming the option, when a setting is out of its domain.
    public func validate() throws {
        if !(learningRate > 0 && learningRate.isFinite) { throw ClassifierError("--learning-rate", "must be positive, got \(learningRate)") }
        if epochs < 1 { throw ClassifierError("--epochs", "must be at least 1, got \(epochs)") }
        if batchSize < 1 { throw ClassifierError("--batch-size", "must be at least 1, got \(batchSize)") }
        if let clipNorm, !(clipNorm > 0) { throw ClassifierError("--clip-norm", "must be positive, got \(clipNorm)") }
        if l1Strength < 0 { throw ClassifierError("--l1", "must be ≥ 0, got \(l1Strength)") }
        if !(maskFraction > 0 && maskFraction <= 1) { throw ClassifierError("--mask-fraction", "must lie in (0, 1], got \(maskFraction)") }
        if !(retainWeight >= 0 && retainWeight <= 1) { throw ClassifierError("--retain-weight", "must lie in [0, 1], got \(retainWeight)") }
        if !(momentum >= 0 && momentum < 1) { throw ClassifierError("--momentum", "must lie in [0, 1), got \(momentum)") }
        if weightDecay < 0 { throw ClassifierError("--weight-decay", "must be ≥ 0, got \(weightDecay)") }
    }
}

/// Everything a method may use: the model (already holding the original weights), the data, the split,
/// the original training recipe and seeds.
public struct UnlearningContext {
    /// The model being unlearned; its weights live in `parameters`.
    public let model: ImageClassifier
    /// The model's flat parameters, holding the original weights when the method starts.
    public let parameters: ParameterSet
    /// Train and test images.
    public let dataset: ClassifierDataset
    /// D_f, D_r and the evaluation test indices.
    public let split: ClassifierSplit
    /// How the original model was trained (Retrain repeats it on D_r).
    public let recipe: TrainingRecipe
    /// Seed the original model was initialised and trained with (Retrain reuses it).
    public let trainingSeed: UInt64
    /// Seed of this run's data order and random labels.
    public let seed: UInt64
    /// Forget-set accuracy (0…1) at which ascent-based methods stop.
    public let forgetAccuracyTarget: Double
    /// Where the run checkpoints, and whether it resumes.
    public let checkpoints: RunCheckpoints
    /// What a checkpoint must have been made with to be resumed (method, settings, scenario).
    public let identity: String

    /// A context; the model must already hold the weights to start from.
    public init(model: ImageClassifier, parameters: ParameterSet, dataset: ClassifierDataset, split: ClassifierSplit,
                recipe: TrainingRecipe, trainingSeed: UInt64, seed: UInt64, forgetAccuracyTarget: Double,
                checkpoints: RunCheckpoints = RunCheckpoints(), identity: String = "") {
        self.model = model
        self.parameters = parameters
        self.dataset = dataset
        self.split = split
        self.recipe = recipe
        self.trainingSeed = trainingSeed
        self.seed = seed
        self.forgetAccuracyTarget = forgetAccuracyTarget
        self.checkpoints = checkpoints
        self.identity = identity
    }

    /// A seeded generator for the stream `name` of this run.
    public func generator(_ name: String) -> SeededGenerator { SeedDerivation.generator(seed, SeedDerivation.key(name)) }

    /// The images and labels of `indices` as a graph leaf and a label list.
    public func batch(_ indices: [Int]) -> (images: Variable, labels: [Int]) {
        (Variable(ImageBatches.gather(dataset.trainImages, indices)), indices.map { dataset.trainLabels[$0] })
    }

    /// Mean cross-entropy of the model on `indices` against their labels smoothed with `rate` (0: plain CE).
    public func crossEntropy(_ indices: [Int], rate: Float = 0) -> Variable {
        let (images, labels) = batch(indices)
        return LabelSmoothing.crossEntropy(logits: model.logits(images), labels: labels, rate: rate)
    }

    /// The model's accuracy on the forget set (0…1) and whether its outputs there are finite.
    public func forgetAccuracy() -> (accuracy: Double, finite: Bool) {
        let predictions = ClassifierPredictions(model: model, images: dataset.trainImages, labels: dataset.trainLabels, indices: split.forget)
        return (predictions.accuracy, predictions.isFinite)
    }

    /// Runs `steps` on the shared loop with SGD at the settings' constant rate, momentum, weight decay and
    /// clipping (`masks.update` freezes coordinates completely), and says how the run ended.
    func run(_ steps: ClassifierSteps, _ settings: ClassifierMethodSettings, masks: UpdateMasks = UpdateMasks()) throws -> UnlearningOutcome {
        let loop = ClassifierLoop.Settings(learningRate: settings.learningRate, schedule: "constant", clipNorm: settings.clipNorm,
                                           optimizer: .sgd, momentum: settings.momentum, weightDecay: settings.weightDecay,
                                           batchSize: settings.batchSize, epochs: settings.epochs, seed: seed)
        let summary = try ClassifierLoop.run(parameters: parameters, steps: steps, settings: loop, masks: masks,
                                             checkpoints: checkpoints, identity: identity)
        return UnlearningOutcome(summary)
    }
}

/// Why an unlearning run ended.
public enum StopReason: String, Codable, Sendable {
    /// All configured epochs ran.
    case completed
    /// The forget-set accuracy reached the stopping rule's target.
    case reachedTarget = "reached target"
    /// A step would have made the loss, a gradient or the outputs non-finite; the last finite weights were kept.
    case diverged
}

/// What a method did.
public struct UnlearningOutcome: Codable, Equatable, Sendable {
    /// Optimizer steps taken.
    public var steps: Int
    /// Why the run ended.
    public var stopReason: StopReason
    /// The objective at every step.
    public var losses: [Float]

    /// An outcome.
    public init(steps: Int, stopReason: StopReason, losses: [Float]) {
        self.steps = steps
        self.stopReason = stopReason
        self.losses = losses
    }

    /// The outcome the shared loop's summary records.
    init(_ summary: TrainingSummary) {
        self.init(steps: summary.steps, stopReason: summary.stopReason.flatMap(StopReason.init(rawValue:)) ?? .completed,
                  losses: summary.losses)
    }
}

/// A classifier-unlearning method: changes the context's model in place so it forgets `split.forget`.
public protocol ClassifierUnlearningMethod {
    /// The settings the method runs with.
    var settings: ClassifierMethodSettings { get }
    /// Unlearns; the model's final weights are the result.
    func unlearn(_ context: UnlearningContext) throws -> UnlearningOutcome
}
