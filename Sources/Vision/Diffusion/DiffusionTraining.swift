import Engine
import Foundation
import NN
import Optimization

/// DDPM training of the canvas model on template latents with prompt dropout (for classifier-free guidance).
public struct DiffusionTraining: Sendable {
    /// Optimiser steps.
    public var steps = 6000
    /// Latents per step.
    public var batchSize = 128
    /// Peak AdamW learning rate (cosine schedule, 200 warm-up steps).
    public var learningRate: Float = 5e-4
    /// Probability that the whole prompt is replaced by ∅ (CFG's unconditional branch).
    public var promptDropout: Float = 0.1
    /// Probability that one of the style/object slots is blanked, so partial prompts are meaningful.
    public var slotDropout: Float = 0.1
    /// Probability that the prefix slot holds a random filler word.
    public var fillerProbability: Float = 0.5

    /// Default settings.
    public init() {}

    /// A training prompt for a (style, object) pair with the dropouts applied.
    public func trainingPrompt(style: Int, object: Int, vocabulary: CanvasVocabulary, generator: inout SeededGenerator) -> [Int] {
        if generator.nextUniform() < promptDropout { return vocabulary.emptyPrompt }
        var prompt = vocabulary.prompt(style: style, object: object)
        if generator.nextUniform() < fillerProbability {
            let fillers = vocabulary.fillerTokens
            prompt[CanvasVocabulary.prefixSlot] = fillers[Int(generator.next() % UInt64(fillers.count))]
        }
        if generator.nextUniform() < slotDropout { prompt[CanvasVocabulary.styleSlot] = CanvasVocabulary.padding }
        if generator.nextUniform() < slotDropout { prompt[CanvasVocabulary.objectSlot] = CanvasVocabulary.padding }
        return prompt
    }

    /// The DDPM loss ‖ε − ε̂(x_t, t, c)‖² (mean) of a batch, recorded for backward when the model is trainable.
    public static func loss(model: CanvasDiffusionModel, clean: Tensor, prompts: [[Int]], generator: inout SeededGenerator) -> Variable {
        let rows = clean.shape[0]
        let timesteps = (0..<rows).map { _ in Int(generator.next() % UInt64(model.schedule.steps)) }
        let noise = Tensor.normal(clean.shape, generator: &generator)
        let noisy = model.schedule.noised(clean, noise: noise, timesteps: timesteps)
        let prediction = model.predictNoise(Variable(noisy), timesteps: timesteps, condition: model.textEncoder.encode(prompts))
        return meanSquaredError(prediction, Variable(noise))
    }

    /// Trains `model` in place on `latents` `[N, latent]` labelled by style and object on the shared loop;
    /// returns the loss averaged over each logged window (every `logEvery` steps), printing progress to stderr.
    @discardableResult
    public func train(model: CanvasDiffusionModel, latents: Tensor, styles: [Int], objects: [Int], vocabulary: CanvasVocabulary,
                      seed: UInt64, logEvery: Int = 500, checkpoints: RunCheckpoints = RunCheckpoints()) throws -> [(step: Int, loss: Float)] {
        model.setTrainable(true)
        let parameters = ParameterSet(model.namedParameters())
        var generator = SeededGenerator(seed: seed)
        let width = latents.shape[1], count = latents.shape[0]
        let settings = DiffusionLoop.Settings(steps: steps, batchSize: batchSize, learningRate: learningRate, schedule: "cosine",
                                              warmupSteps: 200, clipNorm: 1, seed: seed)
        let started = Date()
        var window: [Float] = []
        let summary = try DiffusionLoop.run(
            parameters: parameters, settings: settings, checkpoints: checkpoints, identity: "diffusion training \(self)",
            auxiliary: DiffusionLoop.stream({ generator }, { generator = $0 }),
            progress: { state in
                window.append(state.loss)
                if state.step % logEvery == 0 || state.step == state.totalSteps {
                    FileHandle.standardError.write(Data(String(format: "  diffusion step %d/%d  loss %.4f  (%.0f s)\n", state.step, state.totalSteps,
                                                                 TrainingSummary.mean(window[...]), Date().timeIntervalSince(started)).utf8))
                    window = []
                }
            }) { _ in
                let batch = Tensor(zeros: [batchSize, width])
                var prompts: [[Int]] = []
                for row in 0..<batchSize {
                    let index = Int(generator.next() % UInt64(count))
                    (batch.data + row * width).update(from: latents.data + index * width, count: width)
                    prompts.append(trainingPrompt(style: styles[index], object: objects[index], vocabulary: vocabulary, generator: &generator))
                }
                return Self.loss(model: model, clean: batch, prompts: prompts, generator: &generator)
            }
        // Windows of `logEvery` steps (the last one shorter), each ending at the step it is logged at.
        return summary.windowMeans(size: logEvery).enumerated().map { (min(($0.offset + 1) * logEvery, summary.losses.count), $0.element) }
    }
}
