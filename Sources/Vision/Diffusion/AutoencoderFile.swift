import Checkpoints
import Engine
import Foundation

/// Safetensors storage of the PCA autoencoder.
public enum AutoencoderFile {
    /// Writes mean, components and scale atomically.
    public static func save(_ autoencoder: PCAAutoencoder, to url: URL) throws {
        var writer = SafetensorsWriter(metadata: ["format": "unlearn-canvas-pca", "explained_variance": String(autoencoder.explainedVariance)])
        try writer.add(name: "mean", shape: autoencoder.mean.shape, values: autoencoder.mean.scalars)
        try writer.add(name: "components", shape: autoencoder.components.shape, values: autoencoder.components.scalars)
        try writer.add(name: "scale", shape: [1], values: [autoencoder.scale])
        try writer.write(to: url)
    }

    /// Reads a file written by `save`.
    public static func load(from url: URL) throws -> PCAAutoencoder {
        let file = try SafetensorsFile(contentsOf: url)
        for name in ["mean", "components", "scale"] where !file.contains(name) {
            throw DiffusionError.invalidFile(url.path, "missing tensor '\(name)' (not a canvas autoencoder)")
        }
        let meanShape = try file.info("mean").shape, componentShape = try file.info("components").shape
        guard componentShape.count == 2, meanShape == [componentShape[1]] else {
            throw DiffusionError.invalidFile(url.path, "components \(componentShape) do not match mean \(meanShape)")
        }
        return PCAAutoencoder(mean: Tensor(try file.finiteFloats("mean"), shape: meanShape),
                              components: Tensor(try file.finiteFloats("components"), shape: componentShape),
                              scale: try file.finiteFloats("scale")[0],
                              explainedVariance: Float(file.metadata["explained_variance"] ?? "") ?? 0)
    }
}
