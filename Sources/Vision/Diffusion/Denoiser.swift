import Engine
import NN

/// The UNet stand-in: an MLP over [latent, time embedding, condition] predicting the noise ε.
///
/// A fixed skip √(1−ᾱ_t)·x_t is added to the output: at high noise ε ≈ x_t, so the network only learns the
/// correction (without it the feasibility study's MLP failed to denoise). The columns of `first.weight`
/// that read the condition are the analogue of Stable Diffusion's cross-attention (ESD-x scope).
public final class Denoiser: Module {
    /// [latent + time + condition] → hidden.
    public let first: Linear
    /// hidden → hidden.
    public let second: Linear
    /// hidden → latent.
    public let third: Linear
    /// Widths of the input parts.
    public let latentWidth: Int, timeWidth: Int, conditionWidth: Int

    /// A randomly initialised denoiser.
    public init(latentWidth: Int, timeWidth: Int, conditionWidth: Int, hiddenWidth: Int, generator: inout SeededGenerator) {
        self.latentWidth = latentWidth; self.timeWidth = timeWidth; self.conditionWidth = conditionWidth
        first = Linear(inFeatures: latentWidth + timeWidth + conditionWidth, outFeatures: hiddenWidth, generator: &generator)
        second = Linear(inFeatures: hiddenWidth, outFeatures: hiddenWidth, generator: &generator)
        third = Linear(inFeatures: hiddenWidth, outFeatures: latentWidth, generator: &generator)
    }

    public var namedChildren: [(String, Module)] { [("first", first), ("second", second), ("third", third)] }

    /// Input columns of `first.weight` that read the condition.
    public var conditionColumns: Range<Int> { (latentWidth + timeWidth)..<(latentWidth + timeWidth + conditionWidth) }

    /// ε̂ `[B, latent]` for noisy latents `[B, latent]` at `timesteps` with conditions `[B, condition]`.
    public func callAsFunction(_ noisy: Variable, timesteps: [Int], condition: Variable, schedule: NoiseSchedule) -> Variable {
        let rows = noisy.shape[0]
        precondition(timesteps.count == rows && condition.shape == [rows, conditionWidth],
                     "Denoiser: \(rows) latents, \(timesteps.count) timesteps, condition \(condition.shape)")
        let time = Variable(NoiseSchedule.timeEmbedding(timesteps, width: timeWidth))
        let input = concatenate([noisy, time, condition], axis: 1)
        let hidden = second(first(input).relu()).relu()
        let skip = Tensor(zeros: [rows, 1])
        for (row, t) in timesteps.enumerated() { skip.data[row] = (1 - schedule.cumulativeAlphas[t]).squareRoot() }
        return third(hidden) + noisy * Variable(skip)
    }
}
