import Engine
import Foundation
import NN
import Optimization

/// What a training run did: per-epoch mean loss, steps and wall time.
public struct TrainingRecord: Codable, Equatable, Sendable {
    /// Mean loss of each epoch.
    public var epochLosses: [Float]
    /// Optimizer steps taken.
    public var steps: Int
    /// Wall-clock seconds.
    public var seconds: Double
}

/// Trains a classifier from its current weights on a subset of the training images (the original model on
/// everything, the retrained oracle on D_r).
public enum ClassifierTraining {
    /// Runs `recipe` on `dataset.trainImages[indices]` with a cosine schedule on the shared loop; `seed`
    /// fixes the data order. `progress` receives (epoch, mean loss) after every epoch this process ran whole.
    public static func train(model: ImageClassifier, parameters: ParameterSet, dataset: ClassifierDataset, indices: [Int],
                             recipe: TrainingRecipe, seed: UInt64, checkpoints: RunCheckpoints = RunCheckpoints(),
                             identity: String = "", progress: (Int, Float) -> Void = { _, _ in }) throws -> TrainingRecord {
        try recipe.validate()
        guard !indices.isEmpty else { throw ClassifierError("training", "no images to train on") }
        var generator = SeedDerivation.generator(seed, SeedDerivation.key("training order"))
        let batches = ClassifierLoop.epochBatches(indices, size: recipe.batchSize, epochs: recipe.epochs, generator: &generator)
        let stepsPerEpoch = batches.count / recipe.epochs
        let objectives = batches.map { batch -> () -> Variable in
            {
                let images = Variable(ImageBatches.gather(dataset.trainImages, batch))
                return LabelSmoothing.crossEntropy(logits: model.logits(images), labels: batch.map { dataset.trainLabels[$0] }, rate: 0)
            }
        }
        let settings = ClassifierLoop.Settings(learningRate: recipe.learningRate, schedule: "cosine", clipNorm: nil,
                                               optimizer: recipe.optimizer, momentum: recipe.momentum, weightDecay: recipe.weightDecay,
                                               batchSize: recipe.batchSize, epochs: recipe.epochs, seed: seed)
        var observed: [Float] = []
        let summary = try ClassifierLoop.run(parameters: parameters, steps: ClassifierSteps(objectives: objectives), settings: settings,
                                             checkpoints: checkpoints, identity: "training \(identity)", failOnNonFinite: true) { step in
            observed.append(step.loss)
            if step.step % stepsPerEpoch == 0 && observed.count >= stepsPerEpoch {
                progress(step.step / stepsPerEpoch, TrainingSummary.mean(observed.suffix(stepsPerEpoch)))
            }
        }
        return TrainingRecord(epochLosses: summary.windowMeans(size: stepsPerEpoch), steps: summary.steps, seconds: summary.elapsedSeconds)
    }
}
