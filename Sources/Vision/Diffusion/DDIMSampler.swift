import Engine

/// Deterministic DDIM sampling (η = 0) with classifier-free guidance ε = ε(∅) + w·(ε(c) − ε(∅)).
public struct DDIMSampler: Sendable {
    /// Denoising steps.
    public var steps = 20
    /// Guidance scale w (the feasibility study found w ≈ 1.5 best on this toy; w ≥ 3 hurt).
    public var guidance: Float = 1.5

    /// Default settings.
    public init(steps: Int = 20, guidance: Float = 1.5) {
        self.steps = steps
        self.guidance = guidance
    }

    /// The starting noise of sample `seed`: the same seed gives the same image for every model.
    public static func initialNoise(seeds: [UInt64], width: Int) -> Tensor {
        let result = Tensor(zeros: [seeds.count, width])
        for (row, seed) in seeds.enumerated() {
            var generator = SeededGenerator(seed: seed &* 0x9E37_79B9 &+ 17)
            for column in 0..<width { result.data[row * width + column] = generator.nextNormal() }
        }
        return result
    }

    /// Latents `[B, latent]` for conditions `[B, condition]` from the given starting noise.
    public func sample(model: CanvasDiffusionModel, conditions: Tensor, unconditional: Tensor, noise: Tensor) -> Tensor {
        GradientMode.withoutGradients {
            let rows = conditions.shape[0], width = noise.shape[1], conditionWidth = conditions.shape[1]
            // Conditional and unconditional branches share one batch of 2B rows.
            let stacked = Tensor(zeros: [2 * rows, conditionWidth])
            stacked.data.update(from: conditions.data, count: conditions.count)
            for row in 0..<rows { (stacked.data + (rows + row) * conditionWidth).update(from: unconditional.data, count: conditionWidth) }
            let condition = Variable(stacked)
            var latents = noise.copy()
            let timesteps = model.schedule.samplingTimesteps(steps)
            for (index, t) in timesteps.enumerated() {
                let doubled = Tensor(zeros: [2 * rows, width])
                doubled.data.update(from: latents.data, count: latents.count)
                (doubled.data + latents.count).update(from: latents.data, count: latents.count)
                let prediction = model.predictNoise(Variable(doubled), timesteps: [Int](repeating: t, count: 2 * rows), condition: condition).value
                let alpha = model.schedule.cumulativeAlphas[t]
                let previousAlpha: Float = index + 1 < timesteps.count ? model.schedule.cumulativeAlphas[timesteps[index + 1]] : 1
                let next = Tensor(zeros: latents.shape)
                for element in 0..<latents.count {
                    let conditional = prediction.data[element], unconditionalPrediction = prediction.data[latents.count + element]
                    let epsilon = unconditionalPrediction + guidance * (conditional - unconditionalPrediction)
                    let clean = (latents.data[element] - (1 - alpha).squareRoot() * epsilon) / alpha.squareRoot()
                    next.data[element] = previousAlpha.squareRoot() * clean + (1 - previousAlpha).squareRoot() * epsilon
                }
                latents = next
            }
            return latents
        }
    }

    /// Latents for token prompts, one per (prompt, seed) pair.
    public func sample(model: CanvasDiffusionModel, prompts: [[Int]], seeds: [UInt64], vocabulary: CanvasVocabulary) -> Tensor {
        precondition(prompts.count == seeds.count, "DDIMSampler: \(prompts.count) prompts for \(seeds.count) seeds")
        let (conditions, unconditional) = GradientMode.withoutGradients {
            (model.textEncoder.encode(prompts).value, model.textEncoder.encode([vocabulary.emptyPrompt]).value)
        }
        return sample(model: model, conditions: conditions, unconditional: unconditional,
                      noise: Self.initialNoise(seeds: seeds, width: model.configuration.latentDimension))
    }
}
