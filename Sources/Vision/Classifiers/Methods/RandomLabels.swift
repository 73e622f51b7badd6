import Engine
import NN

/// RL: each epoch, one pass over D_f with uniformly random labels, then one pass over D_r with true labels
/// (SalUn's `RL.py` as it runs on CIFAR-10). Random labels are drawn afresh for every batch.
public struct RandomLabels: ClassifierUnlearningMethod {
    public let settings: ClassifierMethodSettings

    public init(settings: ClassifierMethodSettings) { self.settings = settings }

    public func unlearn(_ context: UnlearningContext) throws -> UnlearningOutcome {
        try Self.run(context, settings, masks: UpdateMasks())
    }

    /// The RL loop under `masks` (SalUn passes its saliency mask as the update mask).
    static func run(_ context: UnlearningContext, _ settings: ClassifierMethodSettings, masks: UpdateMasks) throws -> UnlearningOutcome {
        try settings.validate()
        var order = context.generator("data order"), relabel = context.generator("random labels")
        let classes = context.dataset.classCount
        var objectives: [() -> Variable] = []
        for _ in 0..<settings.epochs {
            for batch in ImageBatches.shuffledBatches(context.split.forget, size: settings.batchSize, generator: &order) {
                let randomLabels = batch.map { _ in Int(relabel.next() % UInt64(classes)) }
                objectives.append {
                    let images = Variable(ImageBatches.gather(context.dataset.trainImages, batch))
                    return LabelSmoothing.crossEntropy(logits: context.model.logits(images), labels: randomLabels, rate: 0)
                }
            }
            for batch in ImageBatches.shuffledBatches(context.split.retain, size: settings.batchSize, generator: &order) {
                objectives.append { context.crossEntropy(batch) }
            }
        }
        return try context.run(ClassifierSteps(objectives: objectives), settings, masks: masks)
    }
}
