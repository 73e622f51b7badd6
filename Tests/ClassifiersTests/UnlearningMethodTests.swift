import XCTest
@testable import Classifiers
import Engine
import NN

/// Methods end to end on the tiny testbed, the ℓ1 schedule, determinism and model files.
final class UnlearningMethodTests: XCTestCase {
    func testOriginalMemorisesTheTinyTrainingSet() throws {
        let testbed = TinyTestbed.shared
        let (model, _) = try testbed.model()
        let train = ClassifierPredictions(model: model, images: testbed.dataset.trainImages, labels: testbed.dataset.trainLabels,
                                          indices: Array(testbed.dataset.trainLabels.indices))
        XCTAssertEqual(train.accuracy, 1)
        XCTAssertLessThan(testbed.originalTestAccuracy, 0.9)
    }

    func testGradientAscentLowersForgetAccuracyAndStopsAtTheTarget() throws {
        let scenario = ForgetScenario.wholeClass(label: 5)
        let context = try TinyTestbed.context(scenario)
        XCTAssertEqual(context.forgetAccuracy().accuracy, 1)
        let outcome = try GradientAscentUnlearning(settings: ClassifierMethodSettings(learningRate: 0.01, epochs: 50, clipNorm: 5)).unlearn(context)
        XCTAssertEqual(outcome.stopReason, .reachedTarget)
        XCTAssertEqual(context.forgetAccuracy().accuracy, 0)
        XCTAssertEqual(outcome.losses.count, outcome.steps)
        // Ascent: the (negated) objective falls as the forget loss rises.
        XCTAssertLessThan(outcome.losses.last!, outcome.losses.first!)
    }

    func testEveryRegisteredMethodRunsAndIsDeterministic() throws {
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
            XCTAssertTrue(run.metrics.gapMetrics.allSatisfy { $0.isFinite && $0 >= 0 && $0 <= 100 }, descriptor.name)
            XCTAssertNotNil(run.metrics.seconds)
            unlearningAccuracies[descriptor.name] = run.metrics.unlearningAccuracy
            if descriptor.name == "ugradsl" || descriptor.name == "salun" {
                let again = try testbed.run(descriptor, settings: settings, scenario: scenario)
                XCTAssertEqual(again.parameters.values.scalars, run.parameters.values.scalars, "\(descriptor.name) is not deterministic")
                XCTAssertEqual(again.metrics.gapMetrics, run.metrics.gapMetrics)
            }
        }
        XCTAssertEqual(original.unlearningAccuracy, 0)
        // Forgetting that works: Retrain has never seen D_f, and every forget-targeting method moves UA off 0.
        for name in ["retrain", "ga", "rl", "salun", "ugradsl", "ugradsl+"] {
            XCTAssertGreaterThan(unlearningAccuracies[name] ?? 0, 0, name)
        }
    }

    func testSparseFineTuneDecaysItsPenaltyLinearly() {
        let method = SparseFineTune(settings: ClassifierMethodSettings(learningRate: 0.01, epochs: 4, l1Strength: 0.002))
        XCTAssertEqual((0..<4).map(method.strength(epoch:)), [0.002, 0.0015, 0.001, 0.0005])
    }

    func testModelFilesRoundTripAndRejectAnotherArchitecture() throws {
        let testbed = TinyTestbed.shared
        let (model, parameters) = try testbed.model()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("classifier-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("model.safetensors")
        try ClassifierModelFile.write(model, to: url)
        let (_, loaded) = try ClassifierModelFile.read(url, architecture: testbed.architecture, imageShape: testbed.dataset.imageShape, classes: 20)
        XCTAssertEqual(loaded.values.scalars, parameters.values.scalars)
        XCTAssertThrowsError(try ClassifierModelFile.read(url, architecture: .multilayerPerceptron, imageShape: [16, 16, 3], classes: 20)) { error in
            XCTAssertTrue("\(error)".contains("model.safetensors"), "errors name the file: \(error)")
        }
    }

    func testConvolutionalNetworkShapesAndGradients() throws {
        let dataset = TinyTestbed.shared.dataset
        let model = try ClassifierArchitecture(parsing: "conv-4-8").makeModel(imageShape: dataset.imageShape, classes: 20, seed: 1)
        let parameters = ParameterSet(model.namedParameters())
        XCTAssertEqual(parameters.names, ["blocks.0.weight", "blocks.0.bias", "blocks.1.weight", "blocks.1.bias", "head.weight", "head.bias"])
        let images = Variable(ImageBatches.gather(dataset.trainImages, [0, 50, 100]))
        let logits = model.logits(images)
        XCTAssertEqual(logits.shape, [3, 20])
        LabelSmoothing.crossEntropy(logits: logits, labels: [0, 5, 10], rate: 0).backward()
        for (name, variable) in model.namedParameters() {
            XCTAssertTrue(variable.gradient!.scalars.contains { $0 != 0 }, "\(name) received no gradient")
        }
        XCTAssertThrowsError(try ClassifierArchitecture(parsing: "resnet"))
        XCTAssertEqual(try ClassifierArchitecture(parsing: "mlp").description, "mlp-256-256")
    }
}
