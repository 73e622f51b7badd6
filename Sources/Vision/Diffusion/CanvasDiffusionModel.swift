import Checkpoints
import Engine
import Foundation
import NN
import Optimization

/// Sizes of the tiny latent text-to-image model (defaults: the feasibility study's §11.2 sizes).
public struct CanvasModelConfiguration: Sendable, Equatable, Codable {
    /// PCA latent width.
    public var latentDimension = 96
    /// Token embedding width.
    public var tokenWidth = 32
    /// Text encoder hidden width.
    public var textHiddenWidth = 128
    /// Condition width (text encoder output).
    public var conditionWidth = 64
    /// Sinusoidal time embedding width.
    public var timeWidth = 64
    /// Denoiser hidden width.
    public var hiddenWidth = 512
    /// Diffusion steps T.
    public var timesteps = 200

    /// The default sizes.
    public init() {}
}

/// Text encoder + denoiser + noise schedule: the part of the model that training and erasure change.
public final class CanvasDiffusionModel: Module {
    /// Sizes.
    public let configuration: CanvasModelConfiguration
    /// The CLIP stand-in.
    public let textEncoder: TextEncoder
    /// The UNet stand-in.
    public let denoiser: Denoiser
    /// β schedule.
    public let schedule: NoiseSchedule

    /// A randomly initialised model.
    public init(configuration: CanvasModelConfiguration, vocabularySize: Int, seed: UInt64) {
        self.configuration = configuration
        var generator = SeededGenerator(seed: seed)
        textEncoder = TextEncoder(vocabularySize: vocabularySize, tokenWidth: configuration.tokenWidth, hiddenWidth: configuration.textHiddenWidth,
                                  conditionWidth: configuration.conditionWidth, generator: &generator)
        denoiser = Denoiser(latentWidth: configuration.latentDimension, timeWidth: configuration.timeWidth,
                            conditionWidth: configuration.conditionWidth, hiddenWidth: configuration.hiddenWidth, generator: &generator)
        schedule = NoiseSchedule(steps: configuration.timesteps)
    }

    public var namedChildren: [(String, Module)] { [("text_encoder", textEncoder), ("denoiser", denoiser)] }

    /// Vocabulary size of the text encoder.
    public var vocabularySize: Int { textEncoder.tokenEmbedding.shape[0] }

    /// ε̂ for noisy latents given conditions.
    public func predictNoise(_ noisy: Variable, timesteps: [Int], condition: Variable) -> Variable {
        denoiser(noisy, timesteps: timesteps, condition: condition, schedule: schedule)
    }

    /// An independent copy with the same weights (every parameter trainable).
    public func copy() -> CanvasDiffusionModel {
        let clone = CanvasDiffusionModel(configuration: configuration, vocabularySize: vocabularySize, seed: 0)
        let source = parameterDictionary()
        for (name, variable) in clone.namedParameters() { variable.value.assign(source[name]!.value) }
        return clone
    }

    /// Sets `requiresGradient` on every parameter (false: a frozen reference model builds no graph).
    public func setTrainable(_ trainable: Bool) {
        for (_, variable) in namedParameters() { variable.requiresGradient = trainable; variable.gradient = nil }
    }

    /// Number of coordinates in which this model differs from `other` (the storage an erased model needs
    /// beyond the original).
    public func changedParameterCount(comparedWith other: CanvasDiffusionModel) -> Int {
        let reference = other.parameterDictionary()
        var changed = 0
        for (name, variable) in namedParameters() {
            let a = variable.value, b = reference[name]!.value
            for index in 0..<a.count where a.data[index] != b.data[index] { changed += 1 }
        }
        return changed
    }

    /// Saves the weights atomically as safetensors with the configuration in the metadata.
    public func save(to url: URL) throws {
        // Key-sorted: the same model must give the same bytes in every process (resume tests compare them).
        let configurationJSON = String(decoding: try JSONFile.encode(configuration, pretty: false), as: UTF8.self)
        try ParameterFile.write(namedParameters(), metadata: ["format": "unlearn-canvas-diffusion", "configuration": configurationJSON], to: url)
    }

    /// Loads weights written by `save`.
    public static func load(from url: URL) throws -> CanvasDiffusionModel {
        let file = try SafetensorsFile(contentsOf: url)
        guard let text = file.metadata["configuration"],
              let configuration = try? JSONDecoder().decode(CanvasModelConfiguration.self, from: Data(text.utf8)) else {
            throw DiffusionError.invalidFile(url.path, "no canvas diffusion configuration in the safetensors metadata (not written by `unlearn diffusion prepare`?)")
        }
        let vocabulary = try file.info("text_encoder.token_embedding").shape[0]
        let model = CanvasDiffusionModel(configuration: configuration, vocabularySize: vocabulary, seed: 0)
        try ParameterFile.read(file, into: model.namedParameters())
        return model
    }
}
