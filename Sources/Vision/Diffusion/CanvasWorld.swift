import Engine
import Foundation
import Optimization

/// The prepared canvas benchmark for one seed: data, autoencoder, diffusion model and detectors.
public final class CanvasWorld {
    /// Prompt words.
    public let vocabulary: CanvasVocabulary
    /// Draws the training templates and the detectors' images.
    public let canvas: CanvasGenerator
    /// The fixed PCA "VAE".
    public let autoencoder: PCAAutoencoder
    /// The trained text-to-image model (the original θ*).
    public let model: CanvasDiffusionModel
    /// Style classifier.
    public let styleDetector: CanvasDetector
    /// Object classifier.
    public let objectDetector: CanvasDetector
    /// Latents of the training templates with labels.
    public let templateLatents: Tensor, templateStyles: [Int], templateObjects: [Int]

    /// Assembles a world from its parts (the templates are regenerated: they are deterministic).
    public init(vocabulary: CanvasVocabulary, autoencoder: PCAAutoencoder, model: CanvasDiffusionModel,
                styleDetector: CanvasDetector, objectDetector: CanvasDetector) {
        self.vocabulary = vocabulary
        canvas = CanvasGenerator()
        self.autoencoder = autoencoder
        self.model = model
        self.styleDetector = styleDetector
        self.objectDetector = objectDetector
        let templates = canvas.templates()
        templateLatents = autoencoder.encode(templates.images)
        templateStyles = templates.styles
        templateObjects = templates.objects
    }

    /// Settings of `prepare`.
    public struct Preparation: Sendable {
        /// Model sizes.
        public var configuration = CanvasModelConfiguration()
        /// DDPM training settings.
        public var training = DiffusionTraining()
        /// Detector optimiser steps.
        public var detectorSteps = 1500
        /// Defaults.
        public init() {}
    }

    /// Generates the data, fits the autoencoder, trains the diffusion model and both detectors from `seed`.
    /// `checkpoints` covers the DDPM training, the long part (the rest is recomputed on resume in seconds).
    public static func prepare(seed: UInt64, settings: Preparation = Preparation(), vocabulary: CanvasVocabulary = .standard,
                               checkpoints: RunCheckpoints = RunCheckpoints(), log: (String) -> Void = { _ in }) throws -> CanvasWorld {
        let canvas = CanvasGenerator()
        let templates = canvas.templates()
        // PCA is fitted on the diffusion model's training templates: the latents only need to span them
        // (the detectors see decoded latents during their own training).
        let fitting = templates.images
        var started = Date()
        let autoencoder = PCAAutoencoder.fit(images: fitting, latentDimension: settings.configuration.latentDimension, seed: seed &+ 12)
        log(String(format: "autoencoder: PCA %d → %d keeps %.1f%% of the variance (%.1f s)", canvas.pixelCount,
                   autoencoder.latentDimension, 100 * autoencoder.explainedVariance, Date().timeIntervalSince(started)))
        started = Date()
        let styleDetector = CanvasDetector(pixelCount: canvas.pixelCount, classCount: vocabulary.styles.count, seed: seed &+ 13)
        try styleDetector.train(canvas: canvas, autoencoder: autoencoder, labelsAreStyles: true, steps: settings.detectorSteps, seed: seed &+ 14)
        let objectDetector = CanvasDetector(pixelCount: canvas.pixelCount, classCount: vocabulary.objects.count, seed: seed &+ 15)
        try objectDetector.train(canvas: canvas, autoencoder: autoencoder, labelsAreStyles: false, steps: settings.detectorSteps, seed: seed &+ 16)
        var testGenerator = SeededGenerator(seed: seed &+ 17)
        let test = canvas.jitteredBatch(count: 1000, noise: 0.25, generator: &testGenerator)
        log(String(format: "detectors: style %.1f%%, object %.1f%% on 1000 fresh jittered noisy images (%.1f s)",
                   100 * styleDetector.accuracy(test.images, labels: test.styles), 100 * objectDetector.accuracy(test.images, labels: test.objects),
                   Date().timeIntervalSince(started)))
        let model = CanvasDiffusionModel(configuration: settings.configuration, vocabularySize: vocabulary.count, seed: seed &+ 18)
        let world = CanvasWorld(vocabulary: vocabulary, autoencoder: autoencoder, model: model, styleDetector: styleDetector, objectDetector: objectDetector)
        started = Date()
        log("diffusion model: \(model.parameterCount) parameters, \(settings.training.steps) DDPM steps at batch \(settings.training.batchSize)")
        try settings.training.train(model: model, latents: world.templateLatents, styles: world.templateStyles, objects: world.templateObjects,
                                    vocabulary: vocabulary, seed: seed &+ 19, checkpoints: checkpoints)
        model.setTrainable(false)
        log(String(format: "diffusion model trained in %.0f s", Date().timeIntervalSince(started)))
        return world
    }

    /// Writes model.safetensors, autoencoder.safetensors and the two detectors into `directory`.
    public func save(to directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try model.save(to: directory.appendingPathComponent("model.safetensors"))
        try AutoencoderFile.save(autoencoder, to: directory.appendingPathComponent("autoencoder.safetensors"))
        try styleDetector.save(to: directory.appendingPathComponent("style-detector.safetensors"))
        try objectDetector.save(to: directory.appendingPathComponent("object-detector.safetensors"))
    }

    /// Loads a world written by `save`; `modelFile` overrides model.safetensors (e.g. an erased model).
    public static func load(from directory: URL, vocabulary: CanvasVocabulary = .standard) throws -> CanvasWorld {
        let required = ["model.safetensors", "autoencoder.safetensors", "style-detector.safetensors", "object-detector.safetensors"]
        for name in required where !FileManager.default.fileExists(atPath: directory.appendingPathComponent(name).path) {
            throw DiffusionError.invalidFile(directory.appendingPathComponent(name).path, "missing; run `unlearn diffusion prepare --out \(directory.path)` first")
        }
        return CanvasWorld(vocabulary: vocabulary,
                           autoencoder: try AutoencoderFile.load(from: directory.appendingPathComponent("autoencoder.safetensors")),
                           model: try CanvasDiffusionModel.load(from: directory.appendingPathComponent("model.safetensors")),
                           styleDetector: try CanvasDetector.load(from: directory.appendingPathComponent("style-detector.safetensors")),
                           objectDetector: try CanvasDetector.load(from: directory.appendingPathComponent("object-detector.safetensors")))
    }

    /// Decoded images `[N, pixels]` of latents.
    public func images(_ latents: Tensor) -> Tensor { autoencoder.decode(latents) }

    /// Whether each image shows `concept` according to the matching detector.
    public func showsConcept(_ images: Tensor, concept: CanvasConcept) -> [Bool] {
        switch concept {
        case .style(let index): return styleDetector.predict(images).map { $0 == index }
        case .object(let index): return objectDetector.predict(images).map { $0 == index }
        }
    }
}
