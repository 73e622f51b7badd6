import Checkpoints
import Engine
import Foundation
import NN
import Optimization

/// What `unlearn classifier prepare` writes next to the data and the original model.
public struct TestbedManifest: Codable, Equatable, Sendable {
    /// How the images were generated.
    public var dataset: CanvasDatasetConfiguration
    /// Class names by label.
    public var classNames: [String]
    /// The original model's architecture ("mlp-256-256").
    public var architecture: String
    /// How the original was trained.
    public var recipe: TrainingRecipe
    /// Seed of the original's initialisation and data order.
    public var seed: UInt64
    /// The original's training record.
    public var originalTraining: TrainingRecord?
    /// The original's train and test accuracy (percent).
    public var originalTrainAccuracy: Double
    /// The original's test accuracy (percent).
    public var originalTestAccuracy: Double
}

/// A prepared folder: `dataset.safetensors`, `original/model.safetensors` and `manifest.json`.
public enum TestbedFolder {
    /// Writes the testbed into `folder` (created if needed); every file is written atomically.
    public static func write(_ testbed: ClassifierTestbed, configuration: CanvasDatasetConfiguration, to folder: URL) throws -> TestbedManifest {
        try createDirectory(folder.appendingPathComponent("original"))
        var writer = SafetensorsWriter(metadata: ["format": "unlearn classifier dataset"])
        let dataset = testbed.dataset
        try writer.add(name: "train_images", shape: dataset.trainImages.shape, values: dataset.trainImages.scalars)
        try writer.add(name: "test_images", shape: dataset.testImages.shape, values: dataset.testImages.scalars)
        try writer.addRaw(name: "train_labels", dtype: .int32, shape: [dataset.trainLabels.count], bytes: labelBytes(dataset.trainLabels))
        try writer.addRaw(name: "test_labels", dtype: .int32, shape: [dataset.testLabels.count], bytes: labelBytes(dataset.testLabels))
        try writer.write(to: folder.appendingPathComponent("dataset.safetensors"))
        let (model, _) = try testbed.model()
        try ClassifierModelFile.write(model, to: folder.appendingPathComponent("original/model.safetensors"))
        let train = ClassifierPredictions(model: model, images: dataset.trainImages, labels: dataset.trainLabels,
                                          indices: Array(dataset.trainLabels.indices))
        let manifest = TestbedManifest(dataset: configuration, classNames: dataset.classNames, architecture: testbed.architecture.description,
                                       recipe: testbed.recipe, seed: testbed.seed, originalTraining: testbed.originalTraining,
                                       originalTrainAccuracy: 100 * train.accuracy, originalTestAccuracy: 100 * testbed.originalTestAccuracy)
        try JSONFile.write(manifest, to: folder.appendingPathComponent("manifest.json"))
        return manifest
    }

    /// Reads a prepared folder back.
    public static func read(_ folder: URL) throws -> (testbed: ClassifierTestbed, manifest: TestbedManifest) {
        let manifest = try JSONFile.read(TestbedManifest.self, from: folder.appendingPathComponent("manifest.json"))
        let dataURL = folder.appendingPathComponent("dataset.safetensors")
        let file: SafetensorsFile
        do { file = try SafetensorsFile(contentsOf: dataURL) } catch {
            throw ClassifierError(dataURL.path, "cannot open the dataset (run `unlearn classifier prepare` first): \(error)")
        }
        func images(_ name: String) throws -> Tensor {
            let info = try file.info(name)
            return Tensor(try file.floats(name), shape: info.shape)
        }
        func labels(_ name: String) throws -> [Int] { try file.floats(name).map { Int($0) } }
        let dataset: ClassifierDataset
        do {
            dataset = try ClassifierDataset(trainImages: try images("train_images"), trainLabels: try labels("train_labels"),
                                            testImages: try images("test_images"), testLabels: try labels("test_labels"),
                                            classNames: manifest.classNames)
        } catch let error as ClassifierError {
            throw ClassifierError(dataURL.path, error.description)
        }
        let architecture = try ClassifierArchitecture(parsing: manifest.architecture)
        let modelURL = folder.appendingPathComponent("original/model.safetensors")
        let (_, parameters) = try ClassifierModelFile.read(modelURL, architecture: architecture, imageShape: dataset.imageShape,
                                                           classes: dataset.classCount)
        let testbed = try ClassifierTestbed(seed: manifest.seed, dataset: dataset, architecture: architecture, recipe: manifest.recipe,
                                            originalValues: parameters.values.copy(), originalTraining: manifest.originalTraining)
        return (testbed, manifest)
    }

    static func createDirectory(_ url: URL) throws {
        do { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) } catch {
            throw ClassifierError(url.path, "cannot create the folder: \(error.localizedDescription)")
        }
    }

    private static func labelBytes(_ labels: [Int]) -> Data {
        labels.map { Int32($0).littleEndian }.withUnsafeBytes { Data($0) }
    }
}

/// A classifier's weights as safetensors, one tensor per dotted parameter name, the architecture in metadata.
public enum ClassifierModelFile {
    /// Writes `model`'s parameters atomically.
    public static func write(_ model: ImageClassifier, to url: URL) throws {
        try ParameterFile.write(model.namedParameters(), metadata: ["architecture": model.architecture.description], to: url)
    }

    /// Builds a model of `architecture` and loads its weights from `url`, checking every name and shape.
    public static func read(_ url: URL, architecture: ClassifierArchitecture, imageShape: [Int], classes: Int) throws -> (ImageClassifier, ParameterSet) {
        let file: SafetensorsFile
        do { file = try SafetensorsFile(contentsOf: url) } catch {
            throw ClassifierError(url.path, "cannot open the model: \(error)")
        }
        if let stored = file.metadata["architecture"], stored != architecture.description {
            throw ClassifierError(url.path, "holds a \(stored) model, expected \(architecture)")
        }
        let model = try architecture.makeModel(imageShape: imageShape, classes: classes, seed: 0)
        try ParameterFile.read(file, into: model.namedParameters())
        return (model, ParameterSet(model.namedParameters()))
    }
}
