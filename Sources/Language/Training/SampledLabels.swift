import Engine
import Models

/// The Gauss–Newton–Bartlett curvature sample of SophiaG: the gradient of the cross-entropy against
/// labels drawn from the model's own predictive distribution (its square estimates the Gauss–Newton
/// diagonal without any Hessian-vector product).
public enum SampledLabels {
    /// The sample for optimizer step `step` of a run seeded with `seed`: a function of the two, so a
    /// resumed run draws the same labels.
    public static func backward(model: CausalLanguageModel, batch: TokenBatch, step: Int, seed: UInt64) {
        var generator = SeededGenerator(seed: seed &+ UInt64(step) &* 0x2545_F491_4F6C_DD1D)
        backward(model: model, batch: batch, generator: &generator)
    }

    /// Accumulates into the parameters' gradients the gradient of the mean cross-entropy on labels
    /// sampled at every scored position of `batch`.
    static func backward(model: CausalLanguageModel, batch: TokenBatch, generator: inout SeededGenerator) {
        let logits = model.logits(tokens: batch.ids, batch: batch.batch, length: batch.length)
        let vocabulary = logits.shape.last ?? 1
        var sampled = batch.targets
        let probabilities = GradientMode.withoutGradients { logits.detached().softmax().value }
        for row in sampled.indices where sampled[row] != -100 {
            let p = probabilities.data + row * vocabulary
            var threshold = generator.nextUniform()
            var choice = vocabulary - 1
            for token in 0..<vocabulary {
                threshold -= p[token]
                if threshold <= 0 { choice = token; break }
            }
            sampled[row] = choice
        }
        let count = sampled.filter { $0 != -100 }.count
        guard count > 0 else { return }
        tokenNegativeLogLikelihood(logits: logits, targets: sampled).sum().scaled(by: 1 / Float(count)).backward()
    }
}
