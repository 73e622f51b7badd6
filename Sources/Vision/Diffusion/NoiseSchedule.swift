import Engine
import Foundation

/// DDPM's linear β schedule and the quantities derived from it, plus the sinusoidal time embedding.
public struct NoiseSchedule: Sendable {
    /// β_t for t = 0..<T.
    public let betas: [Float]
    /// ᾱ_t = Π_{s≤t} (1 − β_s).
    public let cumulativeAlphas: [Float]

    /// Linear β from `start` to `end` over `steps` steps. The feasibility study uses T = 200 with DDPM's
    /// 1e-4…0.02 scaled ×5 so ᾱ_T still reaches ≈ e⁻¹⁰ with five times fewer steps.
    public init(steps: Int = 200, start: Float = 5e-4, end: Float = 0.1) {
        precondition(steps >= 2, "NoiseSchedule: needs at least 2 steps")
        betas = (0..<steps).map { start + (end - start) * Float($0) / Float(steps - 1) }
        var product: Float = 1
        cumulativeAlphas = betas.map { product *= (1 - $0); return product }
    }

    /// T.
    public var steps: Int { betas.count }

    /// x_t = √ᾱ_t·x₀ + √(1−ᾱ_t)·ε row by row (`timesteps` has one entry per row).
    public func noised(_ clean: Tensor, noise: Tensor, timesteps: [Int]) -> Tensor {
        let width = clean.shape[1]
        let result = Tensor(zeros: clean.shape)
        for (row, t) in timesteps.enumerated() {
            let a = cumulativeAlphas[t].squareRoot(), b = (1 - cumulativeAlphas[t]).squareRoot()
            for column in 0..<width {
                let index = row * width + column
                result.data[index] = a * clean.data[index] + b * noise.data[index]
            }
        }
        return result
    }

    /// The sinusoidal embedding `[rows, width]` of integer timesteps (transformer positional encoding).
    public static func timeEmbedding(_ timesteps: [Int], width: Int) -> Tensor {
        let half = width / 2
        let result = Tensor(zeros: [timesteps.count, width])
        for (row, t) in timesteps.enumerated() {
            for index in 0..<half {
                let frequency = Foundation.exp(-Foundation.log(1000.0) * Double(index) / Double(half))
                let angle = Double(t) * frequency
                result.data[row * width + index] = Float(Foundation.sin(angle))
                result.data[row * width + half + index] = Float(Foundation.cos(angle))
            }
        }
        return result
    }

    /// DDIM's evenly spaced timesteps, highest first.
    public func samplingTimesteps(_ count: Int) -> [Int] {
        let count = max(1, min(count, steps))
        if count == 1 { return [steps - 1] }
        return (0..<count).map { Int((Double(steps - 1) * Double(count - 1 - $0) / Double(count - 1)).rounded()) }
    }
}
