import Engine
import Foundation
import NN

/// SalUn for diffusion (Fan et al., ICLR 2024): update only the weights most salient for the forget
/// loss (top fraction of |∇ℓ_f|), steering ε_θ(x_t, c_f) to the model's own prediction for a pseudo
/// concept c_pseudo = next class, plus α × the ordinary DDPM loss on retain data.
public struct SalUn: ErasureMethod, Codable, Sendable {
    /// Fraction of denoiser weights in the saliency mask (released default `with_0.5.pt`).
    public var saliencyFraction: Double = 0.5
    /// Batches of forget data whose gradients form the saliency map.
    public var saliencyBatches = 8
    /// Retain-loss weight α (SD default 0.5).
    public var alpha: Float = 0.5
    /// Optimiser steps.
    public var iterations = 400
    /// Latents per step (forget and retain each).
    public var batchSize = 32
    /// Adam learning rate.
    public var learningRate: Float = 5e-4

    /// Defaults of this port.
    public init() {}

    public var name: String { "salun" }

    /// The pseudo prompt: the concept replaced by the next class of its domain, the rest kept.
    static func pseudoPrompt(style: Int, object: Int, concept: CanvasConcept, vocabulary: CanvasVocabulary) -> [Int] {
        switch concept {
        case .style: return vocabulary.prompt(style: (style + 1) % vocabulary.styles.count, object: object)
        case .object: return vocabulary.prompt(style: style, object: (object + 1) % vocabulary.objects.count)
        }
    }

    /// A 0/1 mask keeping the `fraction` largest |values| (`TopFractionMask`'s rule: exact count, ties by position).
    public static func topFractionMask(_ values: Tensor, fraction: Double) -> Tensor {
        let magnitudes = Tensor(values.scalars.map { Swift.abs($0) }, shape: [values.count])
        return TopFractionMask.select(magnitudes, fraction: fraction)
    }

    public func erase(_ context: ErasureContext) throws -> ErasureOutcome {
        var generator = SeededGenerator(seed: context.seed &+ 303)
        let vocabulary = context.vocabulary
        func forgetBatch(_ generator: inout SeededGenerator) -> (Tensor, [[Int]], [[Int]]) {
            let (clean, indices) = ErasureContext.batch(context.forgetLatents, size: batchSize, generator: &generator)
            let prompts = indices.map { vocabulary.prompt(style: context.forgetStyles[$0], object: context.forgetObjects[$0]) }
            let pseudo = indices.map { SalUn.pseudoPrompt(style: context.forgetStyles[$0], object: context.forgetObjects[$0], concept: context.concept, vocabulary: vocabulary) }
            return (clean, prompts, pseudo)
        }
        let prepare: (CanvasDiffusionModel) -> (parameters: ParameterSet, masks: UpdateMasks, updatable: Int) = { student in
            let (parameters, _, _) = TrainableScope.denoiser.prepare(student)
            // Saliency: |Σ_batches ∇ DDPM loss on D_f| at θ_o, thresholded at the global quantile.
            parameters.zeroGradients()
            for _ in 0..<saliencyBatches {
                let (clean, prompts, _) = forgetBatch(&generator)
                DiffusionTraining.loss(model: student, clean: clean, prompts: prompts, generator: &generator).backward()
            }
            let mask = SalUn.topFractionMask(parameters.gradients, fraction: saliencyFraction)
            parameters.zeroGradients()
            let kept = Int(mask.scalars.reduce(0, +))
            return (parameters, UpdateMasks(weightDecay: mask, update: mask), kept)
        }
        return try ErasureRun.measure(context: context, prepare: prepare) { student, parameters, masks in
            let settings = DiffusionLoop.Settings(steps: iterations, batchSize: batchSize, learningRate: learningRate, seed: context.seed)
            return try DiffusionLoop.run(parameters: parameters, masks: masks, settings: settings, checkpoints: context.checkpoints,
                                         identity: context.identity(self), auxiliary: DiffusionLoop.stream({ generator }, { generator = $0 })) { _ in
                let (clean, prompts, pseudo) = forgetBatch(&generator)
                let (noisy, timesteps, _) = ErasureContext.noised(clean, schedule: student.schedule, generator: &generator)
                let target = GradientMode.withoutGradients {
                    student.predictNoise(Variable(noisy), timesteps: timesteps, condition: student.textEncoder.encode(pseudo)).value
                }
                let forgetLoss = meanSquaredError(student.predictNoise(Variable(noisy), timesteps: timesteps, condition: student.textEncoder.encode(prompts)),
                                                  Variable(target))
                let (retainClean, indices) = ErasureContext.batch(context.retainLatents, size: batchSize, generator: &generator)
                let retainPrompts = indices.map { vocabulary.prompt(style: context.retainStyles[$0], object: context.retainObjects[$0]) }
                let retainLoss = DiffusionTraining.loss(model: student, clean: retainClean, prompts: retainPrompts, generator: &generator)
                return forgetLoss + retainLoss.scaled(by: alpha)
            }.losses
        }
    }
}
