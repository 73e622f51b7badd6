import Engine
import Foundation
import NN

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
    /// Runs `recipe` on `dataset.trainImages[indices]` with a cosine schedule; `seed` fixes the data order.
    /// `progress` receives (epoch, mean loss) after every epoch.
    public static func train(model: ImageClassifier, parameters: ParameterSet, dataset: ClassifierDataset, indices: [Int],
                             recipe: TrainingRecipe, seed: UInt64,
                             progress: (Int, Float) -> Void = { _, _ in }) throws -> TrainingRecord {
        try recipe.validate()
        guard !indices.isEmpty else { throw ClassifierError("training", "no images to train on") }
        let started = Date()
        let optimizer = ClassifierOptimizer(parameters: parameters, kind: recipe.optimizer, momentum: recipe.momentum,
                                            weightDecay: recipe.weightDecay)
        var generator = SeedDerivation.generator(seed, SeedDerivation.key("training order"))
        let stepsPerEpoch = (indices.count + recipe.batchSize - 1) / recipe.batchSize
        let schedule = LearningRateSchedule.cosine(warmupSteps: 0, totalSteps: recipe.epochs * stepsPerEpoch)
        var losses: [Float] = [], step = 0
        for epoch in 0..<recipe.epochs {
            var total: Float = 0
            let batches = ImageBatches.shuffledBatches(indices, size: recipe.batchSize, generator: &generator)
            for batch in batches {
                let images = Variable(ImageBatches.gather(dataset.trainImages, batch))
                let labels = batch.map { dataset.trainLabels[$0] }
                guard let loss = optimizer.step(learningRate: schedule.rate(step: step, base: recipe.learningRate), {
                    LabelSmoothing.crossEntropy(logits: model.logits(images), labels: labels, rate: 0)
                }) else {
                    throw ClassifierError("training", "the loss or a gradient became non-finite at step \(step + 1) (epoch \(epoch + 1)); lower the learning rate (\(recipe.learningRate))")
                }
                total += loss
                step += 1
            }
            losses.append(total / Float(batches.count))
            progress(epoch + 1, losses[losses.count - 1])
        }
        return TrainingRecord(epochLosses: losses, steps: step, seconds: Date().timeIntervalSince(started))
    }
}
