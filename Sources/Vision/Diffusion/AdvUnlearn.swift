import Checkpoints
import Engine
import Foundation
import NN

/// AdvUnlearn (Zhang et al., NeurIPS 2024): min over θ of ℓ_ESD(θ; c_adv) + γ·ℓ_retain, where c_adv is
/// the erase prompt with a soft prefix embedding found by an inner attack that makes the erased model
/// reproduce the original model's concept prediction. Text-encoder scope by default, as released.
public struct AdvUnlearn: ErasureMethod, Codable, Sendable {
    /// Inner attack variants of `attack_util.py`.
    public enum Attack: String, Codable, Sendable {
        /// Adam steps on the embedding (`pgd`).
        case standard
        /// Adam on the sign of the gradient (`fast_at`).
        case fast
    }

    /// Trained weights.
    public var scope: TrainableScope = .textEncoder
    /// Negative guidance η (unconditional anchor, as `get_loss.py`).
    public var eta: Float = 1
    /// Target anchor.
    public var anchor: ESDTarget.Anchor = .unconditional
    /// Outer iterations.
    public var iterations = 400
    /// Iterations of plain ESD + retain before the attack starts.
    public var warmupIterations = 50
    /// Inner attack variant.
    public var attack: Attack = .standard
    /// Inner attack steps per outer iteration (released default 30; 10 here, as in the feasibility study).
    public var attackSteps = 10
    /// Inner attack learning rate.
    public var attackLearningRate: Float = 0.05
    /// Retain regulariser weight γ.
    public var retainWeight: Float = 1
    /// x_t per outer step, for the erase and the retain batch each.
    public var batchSize = 32
    /// Outer Adam learning rate.
    public var learningRate: Float = 1e-3

    /// Defaults of this port.
    public init() {}

    public var name: String { attack == .fast ? "advunlearn-fast" : "advunlearn" }

    /// What carries over from one outer iteration to the next besides the weights.
    private struct Carried: Codable {
        var generator: SeededGenerator
        var prefix: [Float]
        var initialised: Bool
    }

    public func erase(_ context: ErasureContext) throws -> ErasureOutcome {
        try ErasureRun.measure(context: context, scope: scope) { student, parameters, masks in
            var generator = SeededGenerator(seed: context.seed &+ 202)
            let prompt = context.concept.erasePrompt(context.vocabulary)
            let tokenWidth = student.textEncoder.tokenWidth
            // `attack_init = random` for the first attack, then `latest` (the previous round's embedding).
            let prefix = Variable(Tensor(zeros: [tokenWidth]), requiresGradient: true)
            var initialised = false
            let carried: (save: () throws -> Data, restore: (Data) throws -> Void) = (
                save: { try JSONFile.encode(Carried(generator: generator, prefix: prefix.value.scalars, initialised: initialised), pretty: false) },
                restore: { data in
                    let state = try JSONDecoder().decode(Carried.self, from: data)
                    guard state.prefix.count == tokenWidth else {
                        throw DiffusionError.invalidArgument("--resume", "the checkpoint's attack embedding has \(state.prefix.count) values, the model needs \(tokenWidth)")
                    }
                    generator = state.generator
                    initialised = state.initialised
                    prefix.value.assign(Tensor(state.prefix, shape: [tokenWidth]))
                })
            let settings = DiffusionLoop.Settings(steps: iterations, batchSize: batchSize, learningRate: learningRate, seed: context.seed)
            return try DiffusionLoop.run(parameters: parameters, masks: masks, settings: settings, checkpoints: context.checkpoints,
                                         identity: context.identity(self), auxiliary: carried) { iteration in
                let clean = ErasureContext.batch(context.conceptLatents, size: batchSize, generator: &generator).latents
                let (noisy, timesteps, _) = ErasureContext.noised(clean, schedule: student.schedule, generator: &generator)
                let adversarial = iteration >= warmupIterations
                if adversarial {
                    if !initialised {
                        let token = Int(generator.next() % UInt64(student.vocabularySize))
                        prefix.value.assign(Tensor(storage: student.textEncoder.tokenEmbedding.value.storage,
                                                   offset: student.textEncoder.tokenEmbedding.value.offset + token * tokenWidth, shape: [tokenWidth]).copy())
                        initialised = true
                    }
                    let reference = ESDLoss.frozenPrediction(original: context.original, noisy: noisy, timesteps: timesteps,
                                                             prompts: [[Int]](repeating: prompt, count: batchSize))
                    var adam = VectorAdam(count: tokenWidth, learningRate: attackLearningRate, signGradient: attack == .fast)
                    for _ in 0..<attackSteps {
                        prefix.gradient = nil
                        let condition = repeatedRows(student.textEncoder.encode(prompts: [prompt], prefix: prefix), batchSize)
                        let attackLoss = meanSquaredError(student.predictNoise(Variable(noisy), timesteps: timesteps, condition: condition), Variable(reference))
                        attackLoss.backward()
                        if let gradient = prefix.gradient { adam.update(prefix.value, gradient: gradient) }
                    }
                }
                let target = ESDLoss.target(original: context.original, noisy: noisy, timesteps: timesteps, prompt: prompt,
                                            vocabulary: context.vocabulary, eta: eta, anchor: anchor)
                // The inner attack's backward passes also reached the weights' gradients: start the outer step clean.
                parameters.zeroGradients()
                let eraseCondition = adversarial
                    ? student.textEncoder.encode(prompts: [prompt], prefix: prefix.detached())
                    : student.textEncoder.encode([prompt])
                var loss = meanSquaredError(student.predictNoise(Variable(noisy), timesteps: timesteps, condition: repeatedRows(eraseCondition, batchSize)),
                                            Variable(target))
                if retainWeight > 0 {
                    let (retainClean, indices) = ErasureContext.batch(context.retainLatents, size: batchSize, generator: &generator)
                    let (retainNoisy, retainTimesteps, _) = ErasureContext.noised(retainClean, schedule: student.schedule, generator: &generator)
                    let retainPrompts = indices.map { context.vocabulary.prompt(style: context.retainStyles[$0], object: context.retainObjects[$0]) }
                    let retainReference = ESDLoss.frozenPrediction(original: context.original, noisy: retainNoisy, timesteps: retainTimesteps, prompts: retainPrompts)
                    let retainPrediction = student.predictNoise(Variable(retainNoisy), timesteps: retainTimesteps,
                                                                condition: student.textEncoder.encode(retainPrompts))
                    loss = loss + meanSquaredError(retainPrediction, Variable(retainReference)).scaled(by: retainWeight)
                }
                return loss
            }.losses
        }
    }
}
