import Foundation
import Testing
@testable import Classifiers
import Engine
import NN

/// Methods end to end on the tiny testbed, the ℓ1 schedule, determinism and model files.
@Suite struct UnlearningMethodTests {
    @Test func originalMemorisesTheTinyTrainingSet() throws {
        let testbed = TinyTestbed.shared
        let (model, _) = try testbed.model()
        let train = ClassifierPredictions(model: model, images: testbed.dataset.trainImages, labels: testbed.dataset.trainLabels,
                                          indices: Array(testbed.dataset.trainLabels.indices))
        #expect(train.accuracy == 1)
        #expect(testbed.originalTestAccuracy < 0.9)
    }

    @Test func gradientAscentLowersForgetAccuracyAndStopsAtTheTarget() throws {
        let scenario = ForgetScenario.wholeClass(label: 5)
        let context = try TinyTestbed.context(scenario)
        #expect(context.forgetAccuracy().accuracy == 1)
        let outcome = try GradientAscentUnlearning(settings: ClassifierMethodSettings(learningRate: 0.01, epochs: 50, clipNorm: 5)).unlearn(context)
        #expect(outcome.stopReason == .reachedTarget)
        #expect(context.forgetAccuracy().accuracy == 0)
        #expect(outcome.losses.count == outcome.steps)
        // Ascent: the (negated) objective falls as the forget loss rises.
        #expect(outcome.losses.last! < outcome.losses.first!)
    }

    @Test func everyRegisteredMethodRunsAndIsDeterministic() throws {
        let testbed = TinyTestbed.shared
        let scenario = ForgetScenario.random(fraction: 0.1)
        let original = try testbed.originalMetrics(scenario)
        var unlearningAccuracies: [String: Double] = [:]
        for descriptor in ClassifierMethods.all {
            var settings = descriptor.defaults
            // Descent methods get 3 epochs; ascent methods (the clipped ones) run until their stopping rule.
            settings.epochs = descriptor.name == "retrain" ? 30 : (settings.clipNorm == nil ? 3 : 30)
            settings.batchSize = 16
            let run = try testbed.run(descriptor, settings: settings, scenario: scenario)
            #expect(run.metrics.gapMetrics.allSatisfy { $0.isFinite && $0 >= 0 && $0 <= 100 }, "\(descriptor.name)")
            #expect(run.metrics.seconds != nil)
            unlearningAccuracies[descriptor.name] = run.metrics.unlearningAccuracy
            if descriptor.name == "ugradsl" || descriptor.name == "salun" {
                let again = try testbed.run(descriptor, settings: settings, scenario: scenario)
                #expect(again.parameters.values.scalars == run.parameters.values.scalars, "\(descriptor.name) is not deterministic")
                #expect(again.metrics.gapMetrics == run.metrics.gapMetrics)
            }
        }
        #expect(original.unlearningAccuracy == 0)
        // Forgetting that works: Retrain has never seen D_f, and every forget-targeting method moves UA off 0.
        for name in ["retrain", "ga", "rl", "salun", "ugradsl", "ugradsl+"] {
            #expect((unlearningAccuracies[name] ?? 0) > 0, "\(name)")
        }
    }

    @Test func sparseFineTuneDecaysItsPenaltyLinearly() {
        let method = SparseFineTune(settings: ClassifierMethodSettings(learningRate: 0.01, epochs: 4, l1Strength: 0.002))
        #expect((0..<4).map(method.strength(epoch:)) == [0.002, 0.0015, 0.001, 0.0005])
    }

    @Test func modelFilesRoundTripAndRejectAnotherArchitecture() throws {
        let testbed = TinyTestbed.shared
        let (model, parameters) = try testbed.model()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("classifier-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("model.safetensors")
        try ClassifierModelFile.write(model, to: url)
        let (_, loaded) = try ClassifierModelFile.read(url, architecture: testbed.architecture, imageShape: testbed.dataset.imageShape, classes: 20)
        #expect(loaded.values.scalars == parameters.values.scalars)
        if let error = #expect(throws: (any Error).self, performing: {
            try ClassifierModelFile.read(url, architecture: .multilayerPerceptron, imageShape: [16, 16, 3], classes: 20)
        }) {
            #expect("\(error)".contains("model.safetensors"), "errors name the file: \(error)")
        }
    }

    @Test func convolutionalNetworkShapesAndGradients() throws {
        let dataset = TinyTestbed.shared.dataset
        let model = try ClassifierArchitecture(parsing: "conv-4-8").makeModel(imageShape: dataset.imageShape, classes: 20, seed: 1)
        let parameters = ParameterSet(model.namedParameters())
        #expect(parameters.names == ["blocks.0.weight", "blocks.0.bias", "blocks.1.weight", "blocks.1.bias", "head.weight", "head.bias"])
        let images = Variable(ImageBatches.gather(dataset.trainImages, [0, 50, 100]))
        let logits = model.logits(images)
        #expect(logits.shape == [3, 20])
        LabelSmoothing.crossEntropy(logits: logits, labels: [0, 5, 10], rate: 0).backward()
        for (name, variable) in model.namedParameters() {
            #expect(variable.gradient!.scalars.contains { $0 != 0 }, "\(name) received no gradient")
        }
        #expect(throws: (any Error).self) { try ClassifierArchitecture(parsing: "resnet") }
        #expect(try ClassifierArchitecture(parsing: "mlp").description == "mlp-256-256")
    }
}
