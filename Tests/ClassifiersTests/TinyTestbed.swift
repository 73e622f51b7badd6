import Foundation
@testable import Classifiers
import Engine
import NN

/// A testbed small enough for debug-build tests: 20 classes × 10 training images, an MLP with one
/// hidden layer of 32, trained for 30 epochs. Built once and shared (training is the slow part).
enum TinyTestbed {
    static let shared: ClassifierTestbed = {
        let configuration = CanvasDatasetConfiguration(seed: 7, trainPerClass: 10, testPerClass: 5, noise: 0.3)
        let dataset = try! CanvasDataset.generate(configuration)
        let recipe = TrainingRecipe(epochs: 30, batchSize: 25, learningRate: 0.05)
        return try! ClassifierTestbed.train(dataset: dataset, architecture: ClassifierArchitecture(kind: .mlp, widths: [32]),
                                            recipe: recipe, seed: 7)
    }()

    /// A context on a fresh copy of the original model.
    static func context(_ scenario: ForgetScenario) throws -> UnlearningContext {
        let testbed = shared
        let (model, parameters) = try testbed.model()
        return UnlearningContext(model: model, parameters: parameters, dataset: testbed.dataset, split: try testbed.split(scenario),
                                 recipe: testbed.recipe, trainingSeed: testbed.seed, seed: testbed.seed,
                                 forgetAccuracyTarget: scenario.forgetAccuracyTarget(originalTestAccuracy: testbed.originalTestAccuracy))
    }
}
