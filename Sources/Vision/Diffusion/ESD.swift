import Engine
import Foundation
import NN

/// ESD (Gandikota et al., ICCV 2023): fine-tune θ so ε_θ(x_t, c) matches the frozen model's
/// negative-guidance target for the erase prompt c, on x_t from the frozen model's own concept images.
public struct ESD: ErasureMethod, Codable, Sendable {
    /// Negative guidance η.
    public var eta: Float = 1
    /// Target anchor (unconditional: the paper code's convention).
    public var anchor: ESDTarget.Anchor = .unconditional
    /// Trained weights.
    public var scope: TrainableScope = .condition
    /// Optimiser steps.
    public var iterations = 400
    /// x_t per step.
    public var batchSize = 32
    /// Adam learning rate.
    public var learningRate: Float = 1e-3

    /// ESD with the given scope.
    public init(scope: TrainableScope = .condition) { self.scope = scope }

    public var name: String { "esd" }

    public func erase(_ context: ErasureContext) throws -> ErasureOutcome {
        try ErasureRun.measure(context: context, scope: scope) { student, parameters, masks in
            var generator = SeededGenerator(seed: context.seed &+ 101)
            let prompt = context.concept.erasePrompt(context.vocabulary)
            let settings = DiffusionLoop.Settings(steps: iterations, batchSize: batchSize, learningRate: learningRate, seed: context.seed)
            return try DiffusionLoop.run(parameters: parameters, masks: masks, settings: settings, checkpoints: context.checkpoints,
                                         identity: context.identity(self), auxiliary: DiffusionLoop.stream({ generator }, { generator = $0 })) { _ in
                let clean = ErasureContext.batch(context.conceptLatents, size: batchSize, generator: &generator).latents
                let (noisy, timesteps, _) = ErasureContext.noised(clean, schedule: student.schedule, generator: &generator)
                let target = ESDLoss.target(original: context.original, noisy: noisy, timesteps: timesteps, prompt: prompt,
                                            vocabulary: context.vocabulary, eta: eta, anchor: anchor)
                let condition = repeatedRows(student.textEncoder.encode([prompt]), batchSize)
                return meanSquaredError(student.predictNoise(Variable(noisy), timesteps: timesteps, condition: condition), Variable(target))
            }.losses
        }
    }
}

/// The frozen model's ESD target for a batch, shared by ESD and AdvUnlearn.
public enum ESDLoss {
    /// ε*(anchor) − η(ε*(c) − ε*(∅)) on `noisy` at `timesteps`.
    public static func target(original: CanvasDiffusionModel, noisy: Tensor, timesteps: [Int], prompt: [Int], vocabulary: CanvasVocabulary,
                              eta: Float, anchor: ESDTarget.Anchor) -> Tensor {
        GradientMode.withoutGradients {
            let rows = noisy.shape[0]
            let conditions = original.textEncoder.encode([prompt, vocabulary.emptyPrompt]).value
            let width = conditions.shape[1]
            let stacked = Tensor(zeros: [2 * rows, width])
            for row in 0..<rows {
                (stacked.data + row * width).update(from: conditions.data, count: width)
                (stacked.data + (rows + row) * width).update(from: conditions.data + width, count: width)
            }
            let doubled = Tensor(zeros: [2 * rows, noisy.shape[1]])
            doubled.data.update(from: noisy.data, count: noisy.count)
            (doubled.data + noisy.count).update(from: noisy.data, count: noisy.count)
            let predictions = original.predictNoise(Variable(doubled), timesteps: timesteps + timesteps, condition: Variable(stacked)).value
            let conditional = Tensor(storage: predictions.storage, offset: predictions.offset, shape: noisy.shape)
            let unconditional = Tensor(storage: predictions.storage, offset: predictions.offset + noisy.count, shape: noisy.shape)
            return ESDTarget.target(conditional: conditional, unconditional: unconditional, eta: eta, anchor: anchor)
        }
    }

    /// The frozen model's ε*(x_t, prompt_i) row by row (no graph).
    public static func frozenPrediction(original: CanvasDiffusionModel, noisy: Tensor, timesteps: [Int], prompts: [[Int]]) -> Tensor {
        GradientMode.withoutGradients {
            original.predictNoise(Variable(noisy), timesteps: timesteps, condition: original.textEncoder.encode(prompts)).value
        }
    }
}
