import Engine

/// GA: gradient ascent on the cross-entropy of D_f, clipped and stopped by the ascent stopping rule.
public struct GradientAscent: ClassifierUnlearningMethod {
    public let settings: MethodSettings

    public init(settings: MethodSettings) { self.settings = settings }

    public func unlearn(_ context: UnlearningContext) throws -> UnlearningOutcome {
        try settings.validate()
        let optimizer = context.optimizer(settings)
        let rule = AscentStoppingRule(context)
        var generator = context.generator("forget order")
        var losses: [Float] = []
        for _ in 0..<settings.epochs {
            for batch in ImageBatches.shuffledBatches(context.split.forget, size: settings.batchSize, generator: &generator) {
                guard let loss = optimizer.step(learningRate: settings.learningRate, { -context.crossEntropy(batch) }) else {
                    rule.restoreLastFinite()
                    return UnlearningOutcome(steps: losses.count, stopReason: .diverged, losses: losses)
                }
                losses.append(loss)
                if let reason = rule.check() { return UnlearningOutcome(steps: losses.count, stopReason: reason, losses: losses) }
            }
        }
        return UnlearningOutcome(steps: losses.count, stopReason: .completed, losses: losses)
    }
}
