import Engine
import Foundation
import Models
import Optimization

/// An estimate, from shapes alone, of the memory a training or unlearning run needs, checked before the
/// run allocates anything: a run that cannot fit fails at once with the numbers, not after an hour or
/// in the kernel's out-of-memory killer.
public struct MemoryEstimate: Sendable, Equatable {
    /// Bytes of model weights (every copy held: the trained model and any frozen reference).
    public var weights: Double
    /// Bytes of gradients and optimizer state of the trained parameters.
    public var training: Double
    /// Bytes of activations kept for the backward pass of one micro-step.
    public var activations: Double

    public var total: Double { weights + training + activations }

    /// Float32 activations per token kept for backward, per layer, and the logits by the same rule as
    /// training uses (`TokenLikelihood.path`): 4 floats per vocabulary entry per token when one forward
    /// pass's full logits stay under `TokenLikelihood.chunkedThresholdBytes` (the full-logit path) or the
    /// objective reads full logits anyway (`fullLogits`: KL retain, UGradSL, RMU); one chunk of the chunked
    /// projection's logits above it. Calibrated on the SmolLM2-135M step (batch 4 × 256, full logits:
    /// 5.36 GB estimated, 4,604 MiB peak measured; chunked: 4,049 MiB), so it errs high.
    public init(model: ModelConfiguration, modelCopies: Int, trainableParameters: Int, optimizerStateFloats: Int,
                microBatch: Int, sequenceLength: Int, concurrentBatches: Int, fullLogits: Bool = false) {
        let parameters = Double(model.parameterCount)
        weights = 4 * parameters * Double(modelCopies)
        training = 4 * Double(trainableParameters) * Double(1 + optimizerStateFloats)
        let countsLogits = fullLogits
            || TokenLikelihood.path(positions: microBatch * sequenceLength, vocabulary: model.vocabularySize) == .fullLogits
        let perLayer = 18 * Double(model.hiddenSize) + 6 * Double(model.intermediateSize)
        let perToken = Double(model.layerCount) * perLayer + (countsLogits ? 4 * Double(model.vocabularySize) : 0)
        let logitChunk = countsLogits ? 0 : 4 * Double(ChunkedProjection.chunkFloats)
        activations = 4 * perToken * Double(microBatch * sequenceLength * concurrentBatches) + logitChunk
    }

    /// The machine's physical memory in bytes.
    public static var physicalMemory: Double { Double(ProcessInfo.processInfo.physicalMemory) }

    /// Throws when the run needs more than `fraction` of `available` bytes.
    public func check(available: Double = MemoryEstimate.physicalMemory, fraction: Double = 0.9) throws {
        guard total > fraction * available else { return }
        func gibibytes(_ bytes: Double) -> String { String(format: "%.1f GiB", bytes / 1_073_741_824) }
        throw TrainingError("this run needs about \(gibibytes(total)) (weights \(gibibytes(weights)), gradients and optimizer state "
            + "\(gibibytes(training)), activations \(gibibytes(activations))) but the machine has \(gibibytes(available)); "
            + "lower --batch-size or --max-length (use --gradient-accumulation to keep the effective batch), or train LoRA adapters")
    }
}
