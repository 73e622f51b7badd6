import Engine

/// Retrain, the gold standard: re-initialise with the original seed and train from scratch on D_r with
/// the original recipe. The method's own settings are not used.
public struct Retrain: ClassifierUnlearningMethod {
    public let settings: ClassifierMethodSettings

    public init(settings: ClassifierMethodSettings) { self.settings = settings }

    public func unlearn(_ context: UnlearningContext) throws -> UnlearningOutcome {
        let fresh = try context.model.architecture.makeModel(imageShape: context.dataset.imageShape,
                                                             classes: context.dataset.classCount, seed: context.trainingSeed)
        let initial = fresh.namedParameters()
        guard initial.map(\.name) == context.parameters.names else {
            throw ClassifierError("retrain", "the re-initialised model's parameters do not match the model being unlearned")
        }
        for ((_, variable), range) in zip(initial, context.parameters.ranges) {
            (context.parameters.values.data + range.lowerBound).update(from: variable.value.data, count: range.count)
        }
        let record = try ClassifierTraining.train(model: context.model, parameters: context.parameters, dataset: context.dataset,
                                                  indices: context.split.retain, recipe: context.recipe, seed: context.trainingSeed,
                                                  checkpoints: context.checkpoints, identity: context.identity)
        return UnlearningOutcome(steps: record.steps, stopReason: .completed, losses: record.epochLosses)
    }
}
