import Engine
import Foundation
import Models
import NN
import Training

/// WAGLE (Jia et al. 2024): attribute the unlearning effect to individual weights and update only the
/// most influential ones. With g_f, g_r the forget and retain NLL gradients summed over one pass of the
/// data (mean-token loss per batch) and the Hessian approximated by μ·I, the score of weight i is
/// |(θ_i − g_r,i/μ)·g_f,i| (μ = 1e-6 in every shipped config); the top `density` fraction is selected.
public enum WeightAttribution {
    /// Summed batch-mean NLL gradients of `examples`, flat over `parameters`.
    public static func gradientSum(model: CausalLanguageModel, parameters: ParameterSet, examples: [TokenizedExample],
                                   padId: Int, maximumLength: Int, batchSize: Int) -> Tensor {
        parameters.zeroGradients()
        for start in stride(from: 0, to: examples.count, by: batchSize) {
            let batch = TokenBatch(Array(examples[start..<min(start + batchSize, examples.count)]), padId: padId, maximumLength: maximumLength)
            guard batch.targetCount > 0 else { continue }
            model.sequenceLoss(tokens: batch.ids, batch: batch.batch, length: batch.length, targets: batch.targets)
                .meanTokenLoss.backward()
        }
        let sum = parameters.gradients.copy()
        parameters.zeroGradients()
        return sum
    }

    /// |(θ − g_r/μ)·g_f| per weight.
    public static func scores(values: Tensor, forgetGradient: Tensor, retainGradient: Tensor, mu: Float = 1e-6) -> Tensor {
        let result = Tensor(zeros: [values.count])
        for index in 0..<values.count {
            result.data[index] = Swift.abs((values.data[index] - retainGradient.data[index] / mu) * forgetGradient.data[index])
        }
        return result
    }

    /// A 0/1 mask selecting exactly `density`·N weights with the largest scores (`TopFractionMask`'s rule).
    public static func topFractionMask(scores: Tensor, density: Double) -> Tensor {
        precondition(density >= 0 && density <= 1, "WeightAttribution: density \(density) outside [0, 1]")
        return TopFractionMask.select(scores, fraction: density)
    }
}
