import Engine

/// FT: keep training on D_r only, relying on catastrophic forgetting of D_f.
public struct FineTune: ClassifierUnlearningMethod {
    public let settings: ClassifierMethodSettings

    public init(settings: ClassifierMethodSettings) { self.settings = settings }

    public func unlearn(_ context: UnlearningContext) throws -> UnlearningOutcome {
        try RetainTraining.run(context, settings, l1Strength: { _ in 0 })
    }
}

/// Plain descent on D_r with an optional per-epoch ℓ1 strength: shared by FT and ℓ1-sparse.
enum RetainTraining {
    static func run(_ context: UnlearningContext, _ settings: ClassifierMethodSettings, l1Strength: @escaping (Int) -> Float) throws -> UnlearningOutcome {
        try settings.validate()
        var generator = context.generator("retain order")
        let batches = ClassifierLoop.epochBatches(context.split.retain, size: settings.batchSize, epochs: settings.epochs, generator: &generator)
        let stepsPerEpoch = max(batches.count / settings.epochs, 1)
        let steps = ClassifierSteps(objectives: batches.map { batch in { context.crossEntropy(batch) } },
                                    l1Strength: { step in l1Strength(step / stepsPerEpoch) })
        return try context.run(steps, settings)
    }
}
