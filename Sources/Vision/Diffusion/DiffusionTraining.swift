import Engine
import Foundation
import NN

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

    /// Trains `model` in place on `latents` `[N, latent]` labelled by style and object; returns the loss
    /// averaged over each logged window (every `logEvery` steps), printing progress to stderr.
    @discardableResult
    public func train(model: CanvasDiffusionModel, latents: Tensor, styles: [Int], objects: [Int], vocabulary: CanvasVocabulary,
                      seed: UInt64, logEvery: Int = 500) -> [(step: Int, loss: Float)] {
        model.setTrainable(true)
        let parameters = ParameterSet(model.namedParameters())
        let optimizer = AdamW(parameters: parameters, weightDecay: 0)
        let schedule = LearningRateSchedule.cosine(warmupSteps: 200, totalSteps: steps)
        var generator = SeededGenerator(seed: seed)
        let width = latents.shape[1], count = latents.shape[0]
        var history: [(step: Int, loss: Float)] = []
        var windowLoss: Float = 0, windowCount = 0
        let started = Date()
        for step in 0..<steps {
            let batch = Tensor(zeros: [batchSize, width])
            var prompts: [[Int]] = []
            for row in 0..<batchSize {
                let index = Int(generator.next() % UInt64(count))
                (batch.data + row * width).update(from: latents.data + index * width, count: width)
                prompts.append(trainingPrompt(style: styles[index], object: objects[index], vocabulary: vocabulary, generator: &generator))
            }
            parameters.zeroGradients()
            let loss = Self.loss(model: model, clean: batch, prompts: prompts, generator: &generator)
            loss.backward()
            parameters.clipGradientNorm(1)
            optimizer.step(learningRate: schedule.rate(step: step, base: learningRate))
            windowLoss += loss.value.scalar; windowCount += 1
            if (step + 1) % logEvery == 0 || step + 1 == steps {
                history.append((step + 1, windowLoss / Float(windowCount)))
                FileHandle.standardError.write(Data(String(format: "  diffusion step %d/%d  loss %.4f  (%.0f s)\n", step + 1, steps,
                                                             windowLoss / Float(windowCount), Date().timeIntervalSince(started)).utf8))
                windowLoss = 0; windowCount = 0
            }
        }
        return history
    }
}
