import Engine
import NN

/// SalUn's weight saliency: `|∇θ ℓ_f(θ_o; D_f)|` accumulated over the forget set, and the mask keeping
/// its top fraction globally across all parameters (`generate_mask.py`; 50 % by default).
public enum SaliencyMask {
    /// Gradient magnitude of the forget loss at the current weights, flat like the parameters. The loss is
    /// the batch-mean cross-entropy, its gradients summed over batches (the sign is irrelevant after |·|).
    public static func saliency(_ context: UnlearningContext, batchSize: Int) -> Tensor {
        let parameters = context.parameters
        let total = Tensor(zeros: [parameters.count])
        for start in stride(from: 0, to: context.split.forget.count, by: batchSize) {
            let batch = Array(context.split.forget[start..<min(start + batchSize, context.split.forget.count)])
            parameters.zeroGradients()
            context.crossEntropy(batch).backward()
            Elementwise.addInPlace(total.data, parameters.gradients.data, count: parameters.count)
        }
        parameters.zeroGradients()
        for index in 0..<total.count { total.data[index] = Swift.abs(total.data[index]) }
        return total
    }

    /// A 0/1 mask with exactly `round(fraction · count)` ones at the largest scores (`TopFractionMask`'s rule).
    public static func topFraction(_ scores: Tensor, fraction: Float) -> Tensor {
        TopFractionMask.select(scores, fraction: Double(fraction))
    }
}
