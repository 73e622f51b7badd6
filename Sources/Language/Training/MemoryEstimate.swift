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

    /// Float32 activations per token kept for backward, per layer and for the logits: calibrated on the
    /// SmolLM2-135M step (batch 4 × 256: 5.36 GB estimated, 4,273 MiB peak measured), so it errs high.
    public init(model: ModelConfiguration, modelCopies: Int, trainableParameters: Int, optimizerStateFloats: Int,
                microBatch: Int, sequenceLength: Int, concurrentBatches: Int) {
        let parameters = Double(model.parameterCount)
        weights = 4 * parameters * Double(modelCopies)
        training = 4 * Double(trainableParameters) * Double(1 + optimizerStateFloats)
        let perLayer = 18 * Double(model.hiddenSize) + 6 * Double(model.intermediateSize)
        let perToken = Double(model.layerCount) * perLayer + 4 * Double(model.vocabularySize)
        activations = 4 * perToken * Double(microBatch * sequenceLength * concurrentBatches)
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
