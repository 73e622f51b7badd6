import Engine
import Foundation
import Models
import NN
import Optimization
import Training

/// `unlearn attribute`: WAGLE scores for every weight of a model on forget and retain data, saved as a
/// mask of the top `density` fraction for `unlearn run --mask`.
public struct WeightAttributionJob {
    public var modelPath: String
    public var forgetFiles: [URL]
    public var retainFiles: [URL]
    public var format: TrainingJob.DataFormat
    /// Fraction of weights selected for updating.
    public var density: Double
    /// μ of the Hessian approximation μ·I.
    public var mu: Float = 1e-6
    public var batchSize = 8
    public var maximumLength = 512
    public var output: URL

    public init(modelPath: String, forgetFiles: [URL], retainFiles: [URL], format: TrainingJob.DataFormat, density: Double, output: URL) {
        self.modelPath = modelPath
        self.forgetFiles = forgetFiles
        self.retainFiles = retainFiles
        self.format = format
        self.density = density
        self.output = output
    }

    /// Computes and writes the mask; returns (selected, total) weights.
    @discardableResult
    public func run() throws -> (selected: Int, total: Int) {
        guard density > 0 && density <= 1 else { throw TrainingError("the mask density must be in (0, 1], got \(density)") }
        let source = try CheckpointSource.load(path: modelPath)
        let data = try UnlearningJob.data(forget: forgetFiles, retain: retainFiles, format: format, needsAlternates: false,
                                          tokenizer: source.tokenizer, seed: 0)
        guard !data.forget.isEmpty, !data.retain.isEmpty else { throw TrainingError("WAGLE attribution needs both forget and retain data") }
        let parameters = ParameterSet(source.model.namedParameters())
        func gradient(_ examples: [TokenizedExample]) -> Engine.Tensor {
            WeightAttribution.gradientSum(model: source.model, parameters: parameters, examples: examples, padId: source.padId,
                                          maximumLength: maximumLength, batchSize: batchSize)
        }
        let scores = WeightAttribution.scores(values: parameters.values, forgetGradient: gradient(data.forget),
                                              retainGradient: gradient(data.retain), mu: mu)
        let mask = WeightAttribution.topFractionMask(scores: scores, density: density)
        try WeightMaskFile.save(mask: mask, parameters: parameters, density: density, to: output)
        return (Int(mask.scalars.reduce(0, +)), parameters.count)
    }
}
