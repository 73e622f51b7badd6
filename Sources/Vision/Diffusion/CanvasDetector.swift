import Checkpoints
import Engine
import Foundation
import NN
import Optimization

/// An UnlearnCanvas detector: an MLP classifier over pixels for either styles or objects. Its hidden layer
/// is the feature space of the Fréchet distance (Inception's role in FID).
public final class CanvasDetector: Module {
    /// Pixels → features.
    public let hidden: Linear
    /// Features → class logits.
    public let head: Linear

    /// A randomly initialised detector.
    public init(pixelCount: Int, hiddenWidth: Int = 128, classCount: Int, seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        hidden = Linear(inFeatures: pixelCount, outFeatures: hiddenWidth, generator: &generator)
        head = Linear(inFeatures: hiddenWidth, outFeatures: classCount, generator: &generator)
    }

    public var namedChildren: [(String, Module)] { [("hidden", hidden), ("head", head)] }
    /// Number of classes.
    public var classCount: Int { head.weight.shape[0] }

    /// Logits `[N, classes]`.
    public func logits(_ images: Variable) -> Variable { head(hidden(images).relu()) }

    /// Penultimate features `[N, hidden]` (no graph).
    public func features(_ images: Tensor) -> Tensor {
        GradientMode.withoutGradients { hidden(Variable(images)).relu().value }
    }

    /// Arg-max class per image.
    public func predict(_ images: Tensor) -> [Int] {
        let logits = GradientMode.withoutGradients { self.logits(Variable(images)).value }
        let classes = classCount
        return (0..<images.shape[0]).map { row in
            var best = 0
            for column in 1..<classes where logits.data[row * classes + column] > logits.data[row * classes + best] { best = column }
            return best
        }
    }

    /// Trains on freshly generated, continuously jittered noisy canvas images; half of each batch is first
    /// passed through the autoencoder so the detector also knows what decoded latents look like.
    public func train(canvas: CanvasGenerator, autoencoder: PCAAutoencoder, labelsAreStyles: Bool, steps: Int = 1500, batchSize: Int = 64,
                      learningRate: Float = 1e-3, seed: UInt64) throws {
        let parameters = ParameterSet(namedParameters())
        var generator = SeededGenerator(seed: seed)
        // In memory on the shared loop: a few seconds of training that resume simply repeats.
        let settings = DiffusionLoop.Settings(steps: steps, batchSize: batchSize, learningRate: learningRate, schedule: "cosine",
                                              warmupSteps: 50, seed: seed)
        _ = try DiffusionLoop.run(parameters: parameters, settings: settings, checkpoints: RunCheckpoints(), identity: "detector",
                                  auxiliary: DiffusionLoop.stream({ generator }, { generator = $0 })) { _ in
            let batch = canvas.jitteredBatch(count: batchSize, noise: 0.25, generator: &generator)
            let half = batchSize / 2
            let reconstructed = autoencoder.decode(autoencoder.encode(Tensor(storage: batch.images.storage, offset: 0, shape: [half, canvas.pixelCount])))
            batch.images.data.update(from: reconstructed.data, count: reconstructed.count)
            return tokenNegativeLogLikelihood(logits: self.logits(Variable(batch.images)), targets: labelsAreStyles ? batch.styles : batch.objects).mean()
        }
        for (_, variable) in namedParameters() { variable.requiresGradient = false }
    }

    /// Accuracy on `images` against `labels`.
    public func accuracy(_ images: Tensor, labels: [Int]) -> Double {
        let predictions = predict(images)
        return Double(zip(predictions, labels).filter { $0 == $1 }.count) / Double(max(labels.count, 1))
    }

    /// Saves atomically as safetensors.
    public func save(to url: URL) throws {
        try ParameterFile.write(namedParameters(), metadata: ["format": "unlearn-canvas-detector"], to: url)
    }

    /// Loads a detector written by `save`.
    public static func load(from url: URL) throws -> CanvasDetector {
        let file = try SafetensorsFile(contentsOf: url)
        guard file.contains("hidden.weight"), file.contains("head.weight") else {
            throw DiffusionError.invalidFile(url.path, "not a canvas detector (missing hidden.weight or head.weight)")
        }
        let hiddenShape = try file.info("hidden.weight").shape, headShape = try file.info("head.weight").shape
        let detector = CanvasDetector(pixelCount: hiddenShape[1], hiddenWidth: hiddenShape[0], classCount: headShape[0], seed: 0)
        try ParameterFile.read(file, into: detector.namedParameters())
        for (_, variable) in detector.namedParameters() { variable.requiresGradient = false }
        return detector
    }
}
