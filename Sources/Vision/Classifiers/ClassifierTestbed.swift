import Engine
import Foundation
import NN
import Optimization

/// A dataset with its trained original model: the starting point of every unlearning run and of Retrain.
public final class ClassifierTestbed: @unchecked Sendable {
    /// Seed of the original model's initialisation and data order (and of every run's streams).
    public let seed: UInt64
    /// Train and test images.
    public let dataset: ClassifierDataset
    /// The model family and widths.
    public let architecture: ClassifierArchitecture
    /// How the original was trained (Retrain repeats it).
    public let recipe: TrainingRecipe
    /// The original model's weights, flat in parameter order.
    public let originalValues: Tensor
    /// How the original's training went (nil when loaded without its record).
    public let originalTraining: TrainingRecord?
    /// The original model's accuracy on the whole test set (0…1), the random-forgetting stopping target.
    public let originalTestAccuracy: Double

    /// A testbed from already trained weights.
    public init(seed: UInt64, dataset: ClassifierDataset, architecture: ClassifierArchitecture, recipe: TrainingRecipe,
                originalValues: Tensor, originalTraining: TrainingRecord?) throws {
        self.seed = seed
        self.dataset = dataset
        self.architecture = architecture
        self.recipe = recipe
        self.originalValues = originalValues
        self.originalTraining = originalTraining
        let probe = try architecture.makeModel(imageShape: dataset.imageShape, classes: dataset.classCount, seed: seed)
        guard probe.parameterCount == originalValues.count else {
            throw ClassifierError("original model", "holds \(originalValues.count) weights but \(architecture) needs \(probe.parameterCount)")
        }
        ParameterSet(probe.namedParameters()).values.assign(originalValues)
        originalTestAccuracy = ClassifierPredictions(model: probe, images: dataset.testImages, labels: dataset.testLabels,
                                                     indices: Array(dataset.testLabels.indices)).accuracy
    }

    /// Initialises a model with `seed` and trains the original on the whole training set.
    public static func train(dataset: ClassifierDataset, architecture: ClassifierArchitecture, recipe: TrainingRecipe, seed: UInt64,
                             checkpoints: RunCheckpoints = RunCheckpoints(),
                             progress: (Int, Float) -> Void = { _, _ in }) throws -> ClassifierTestbed {
        let model = try architecture.makeModel(imageShape: dataset.imageShape, classes: dataset.classCount, seed: seed)
        let parameters = ParameterSet(model.namedParameters())
        let record = try ClassifierTraining.train(model: model, parameters: parameters, dataset: dataset,
                                                  indices: Array(dataset.trainLabels.indices), recipe: recipe, seed: seed,
                                                  checkpoints: checkpoints, identity: "original \(architecture)", progress: progress)
        return try ClassifierTestbed(seed: seed, dataset: dataset, architecture: architecture, recipe: recipe,
                                     originalValues: parameters.values.copy(), originalTraining: record)
    }

    /// A new model holding `values` (the original weights by default) and its flat parameter set.
    public func model(values: Tensor? = nil) throws -> (ImageClassifier, ParameterSet) {
        let model = try architecture.makeModel(imageShape: dataset.imageShape, classes: dataset.classCount, seed: seed)
        let parameters = ParameterSet(model.namedParameters())
        parameters.values.assign(values ?? originalValues)
        return (model, parameters)
    }

    /// The split of `scenario` (random subsets are drawn with this testbed's seed).
    public func split(_ scenario: ForgetScenario) throws -> ClassifierSplit { try scenario.split(dataset, seed: seed) }

    /// Runs `method` on a fresh copy of the original model, timing it, and evaluates the result.
    public func run(_ descriptor: ClassifierMethod, settings: ClassifierMethodSettings, scenario: ForgetScenario,
                    checkpoints: RunCheckpoints = RunCheckpoints()) throws -> MethodRun {
        let split = try self.split(scenario)
        let (model, parameters) = try self.model()
        let context = UnlearningContext(model: model, parameters: parameters, dataset: dataset, split: split, recipe: recipe,
                                        trainingSeed: seed, seed: seed,
                                        forgetAccuracyTarget: scenario.forgetAccuracyTarget(originalTestAccuracy: originalTestAccuracy),
                                        checkpoints: checkpoints, identity: try RunIdentity.describe(descriptor.name, settings, scenario))
        let method = descriptor.make(settings)
        let started = Date()
        let outcome = try method.unlearn(context)
        let seconds = Date().timeIntervalSince(started)
        let metrics = try UnlearningMetrics(model: model, dataset: dataset, split: split, seconds: seconds)
        return MethodRun(method: descriptor.name, settings: settings, scenario: scenario, metrics: metrics, outcome: outcome,
                         model: model, parameters: parameters)
    }

    /// The original model's metrics for `scenario` (no unlearning; not timed).
    public func originalMetrics(_ scenario: ForgetScenario) throws -> UnlearningMetrics {
        let (model, _) = try self.model()
        return try UnlearningMetrics(model: model, dataset: dataset, split: try split(scenario))
    }
}

/// One unlearning run: what ran, how it ended, its metrics and the resulting model.
public struct MethodRun {
    /// Registered method name.
    public let method: String
    /// Settings it ran with.
    public let settings: ClassifierMethodSettings
    /// What was forgotten.
    public let scenario: ForgetScenario
    /// UA, RA, TA, MIA and wall time.
    public let metrics: UnlearningMetrics
    /// Steps, stop reason, losses.
    public let outcome: UnlearningOutcome
    /// The unlearned model.
    public let model: ImageClassifier
    /// Its parameters.
    public let parameters: ParameterSet
}
