import Engine

/// GA: gradient ascent on the cross-entropy of D_f, clipped and stopped by the ascent stopping rule.
public struct GradientAscentUnlearning: ClassifierUnlearningMethod {
    public let settings: ClassifierMethodSettings

    public init(settings: ClassifierMethodSettings) { self.settings = settings }

    public func unlearn(_ context: UnlearningContext) throws -> UnlearningOutcome {
        try settings.validate()
        var generator = context.generator("forget order")
        let batches = ClassifierLoop.epochBatches(context.split.forget, size: settings.batchSize, epochs: settings.epochs, generator: &generator)
        let steps = ClassifierSteps(objectives: batches.map { batch in { -context.crossEntropy(batch) } },
                                    stoppingRule: AscentStoppingRule(context))
        return try context.run(steps, settings)
    }
}
