import Engine
import Models

/// Randomized smoothing of the weights: Gaussian noise with standard deviation σ·rms(W) added to every
/// weight matrix W (scale-free, so one σ means the same relative perturbation in every layer).
public enum WeightNoise {
    /// Perturbs `model` in place with a seeded generator.
    public static func perturb(_ model: CausalLanguageModel, relativeScale sigma: Float, seed: UInt64) {
        var generator = SeededGenerator(seed: seed ^ 0x4E4F_4953_45)
        for (_, variable) in model.namedParameters() where variable.shape.count == 2 {
            let data = variable.value.data, count = variable.value.count
            var squares: Double = 0
            for index in 0..<count { squares += Double(data[index] * data[index]) }
            let scale = sigma * Float((squares / Double(max(count, 1))).squareRoot())
            for index in 0..<count { data[index] += scale * generator.nextNormal() }
        }
    }
}
