import Engine

/// FT: keep training on D_r only, relying on catastrophic forgetting of D_f.
public struct FineTune: ClassifierUnlearningMethod {
    public let settings: MethodSettings

    public init(settings: MethodSettings) { self.settings = settings }

    public func unlearn(_ context: UnlearningContext) throws -> UnlearningOutcome {
        try RetainTraining.run(context, settings, l1Strength: { _ in 0 })
    }
}

/// Plain descent on D_r with an optional per-epoch ℓ1 strength: shared by FT and ℓ1-sparse.
enum RetainTraining {
    static func run(_ context: UnlearningContext, _ settings: MethodSettings, l1Strength: (Int) -> Float) throws -> UnlearningOutcome {
        try settings.validate()
        let optimizer = context.optimizer(settings)
        var generator = context.generator("retain order")
        var losses: [Float] = []
        for epoch in 0..<settings.epochs {
            let strength = l1Strength(epoch)
            for batch in ImageBatches.shuffledBatches(context.split.retain, size: settings.batchSize, generator: &generator) {
                guard let loss = optimizer.step(learningRate: settings.learningRate, l1: strength, { context.crossEntropy(batch) }) else {
                    return UnlearningOutcome(steps: losses.count, stopReason: .diverged, losses: losses)
                }
                losses.append(loss)
            }
        }
        return UnlearningOutcome(steps: losses.count, stopReason: .completed, losses: losses)
    }
}
