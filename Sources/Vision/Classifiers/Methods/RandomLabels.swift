import Engine
import NN

/// RL: each epoch, one pass over D_f with uniformly random labels, then one pass over D_r with true labels
/// (SalUn's `RL.py` as it runs on CIFAR-10). Random labels are drawn afresh for every batch.
public struct RandomLabels: ClassifierUnlearningMethod {
    public let settings: MethodSettings

    public init(settings: MethodSettings) { self.settings = settings }

    public func unlearn(_ context: UnlearningContext) throws -> UnlearningOutcome {
        try Self.run(context, settings, masks: UpdateMasks())
    }

    /// The RL loop under `masks` (SalUn passes its saliency mask as the update mask).
    static func run(_ context: UnlearningContext, _ settings: MethodSettings, masks: UpdateMasks) throws -> UnlearningOutcome {
        try settings.validate()
        let optimizer = context.optimizer(settings, masks: masks)
        var order = context.generator("data order"), relabel = context.generator("random labels")
        let classes = context.dataset.classCount
        var losses: [Float] = []
        for _ in 0..<settings.epochs {
            for batch in ImageBatches.shuffledBatches(context.split.forget, size: settings.batchSize, generator: &order) {
                let randomLabels = batch.map { _ in Int(relabel.next() % UInt64(classes)) }
                let images = Variable(ImageBatches.gather(context.dataset.trainImages, batch))
                guard let loss = optimizer.step(learningRate: settings.learningRate, {
                    LabelSmoothing.crossEntropy(logits: context.model.logits(images), labels: randomLabels, rate: 0)
                }) else { return UnlearningOutcome(steps: losses.count, stopReason: .diverged, losses: losses) }
                losses.append(loss)
            }
            for batch in ImageBatches.shuffledBatches(context.split.retain, size: settings.batchSize, generator: &order) {
                guard let loss = optimizer.step(learningRate: settings.learningRate, { context.crossEntropy(batch) }) else {
                    return UnlearningOutcome(steps: losses.count, stopReason: .diverged, losses: losses)
                }
                losses.append(loss)
            }
        }
        return UnlearningOutcome(steps: losses.count, stopReason: .completed, losses: losses)
    }
}
