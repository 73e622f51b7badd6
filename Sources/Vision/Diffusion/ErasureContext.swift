import Engine
import Foundation
import NN
import Optimization

/// Everything an erasure method needs: the frozen original model, the concept and the data.
public struct ErasureContext {
    /// The frozen model θ* (never modified; its parameters do not require gradients).
    public let original: CanvasDiffusionModel
    /// What to erase.
    public let concept: CanvasConcept
    /// Prompt words.
    public let vocabulary: CanvasVocabulary
    /// ESD's concept pool: latents the frozen model generates for the bare erase prompt. Forward-noising
    /// them at a random t stands in for ESD's partial DDIM sampling (cheaper, same distribution at t).
    public let conceptLatents: Tensor
    /// Real template latents of the concept with their (style, object) labels (SalUn's forget set D_f).
    public let forgetLatents: Tensor, forgetStyles: [Int], forgetObjects: [Int]
    /// Real template latents not involving the concept (retain set D_r).
    public let retainLatents: Tensor, retainStyles: [Int], retainObjects: [Int]
    /// Seed of every random choice the method makes.
    public let seed: UInt64
    /// Where the erasure checkpoints, and whether it resumes (in memory by default).
    public var checkpoints = RunCheckpoints()

    /// Builds the context: freezes `original`, samples the concept pool and splits the templates.
    public init(original: CanvasDiffusionModel, concept: CanvasConcept, vocabulary: CanvasVocabulary, templateLatents: Tensor,
                styles: [Int], objects: [Int], seed: UInt64, poolSize: Int = 256, sampler: DDIMSampler = DDIMSampler()) {
        original.setTrainable(false)
        self.original = original
        self.concept = concept
        self.vocabulary = vocabulary
        self.seed = seed
        let prompt = concept.erasePrompt(vocabulary)
        let seeds = (0..<poolSize).map { UInt64(1_000_000) + seed &* 10_007 &+ UInt64($0) }
        conceptLatents = sampler.sample(model: original, prompts: [[Int]](repeating: prompt, count: poolSize), seeds: seeds, vocabulary: vocabulary)
        let width = templateLatents.shape[1]
        let forget = (0..<styles.count).filter { concept.involves(style: styles[$0], object: objects[$0]) }
        let retain = (0..<styles.count).filter { !concept.involves(style: styles[$0], object: objects[$0]) }
        func gather(_ rows: [Int]) -> Tensor {
            let result = Tensor(zeros: [rows.count, width])
            for (index, row) in rows.enumerated() { (result.data + index * width).update(from: templateLatents.data + row * width, count: width) }
            return result
        }
        forgetLatents = gather(forget); forgetStyles = forget.map { styles[$0] }; forgetObjects = forget.map { objects[$0] }
        retainLatents = gather(retain); retainStyles = retain.map { styles[$0] }; retainObjects = retain.map { objects[$0] }
    }

    /// What a checkpoint of `method`'s run on this context must match to be resumed.
    func identity(_ method: some ErasureMethod) -> String { "\(method) erasing \(concept) with seed \(seed)" }

    /// A random batch of rows of `latents`, returned with their indices.
    public static func batch(_ latents: Tensor, size: Int, generator: inout SeededGenerator) -> (latents: Tensor, indices: [Int]) {
        let width = latents.shape[1], count = latents.shape[0]
        let result = Tensor(zeros: [size, width])
        var indices: [Int] = []
        for row in 0..<size {
            let index = Int(generator.next() % UInt64(count))
            indices.append(index)
            (result.data + row * width).update(from: latents.data + index * width, count: width)
        }
        return (result, indices)
    }

    /// A noised batch: (x_t, timesteps, noise) from clean latents.
    public static func noised(_ clean: Tensor, schedule: NoiseSchedule, generator: inout SeededGenerator) -> (noisy: Tensor, timesteps: [Int], noise: Tensor) {
        let timesteps = (0..<clean.shape[0]).map { _ in Int(generator.next() % UInt64(schedule.steps)) }
        let noise = Tensor.normal(clean.shape, generator: &generator)
        return (schedule.noised(clean, noise: noise, timesteps: timesteps), timesteps, noise)
    }
}

/// A condition `[1, width]` repeated to `[rows, width]`; gradients sum back into the single row.
public func repeatedRows(_ condition: Variable, _ rows: Int) -> Variable {
    Variable(Tensor(zeros: [rows, condition.shape[1]])) + condition
}

/// Which weights an erasure may change (ESD's `train_method`, AdvUnlearn's module choice).
public enum TrainableScope: String, Codable, CaseIterable, Sendable {
    /// Every denoiser weight: the ESD-u / "full UNet" analogue.
    case denoiser
    /// Only the first-layer columns reading the condition: the ESD-x (cross-attention) analogue.
    case condition
    /// Only the text encoder: AdvUnlearn's default.
    case textEncoder = "text-encoder"

    /// Makes exactly the scope's parameters trainable in `model` and gathers them, with an update mask
    /// when the scope is part of a tensor; returns the number of coordinates that may change.
    public func prepare(_ model: CanvasDiffusionModel) -> (parameters: ParameterSet, masks: UpdateMasks, updatable: Int) {
        model.setTrainable(false)
        switch self {
        case .denoiser:
            let named = model.denoiser.namedParameters().map { (name: "denoiser." + $0.name, variable: $0.variable) }
            for parameter in named { parameter.variable.requiresGradient = true }
            let set = ParameterSet(named)
            return (set, UpdateMasks(), set.count)
        case .textEncoder:
            let named = model.textEncoder.namedParameters().map { (name: "text_encoder." + $0.name, variable: $0.variable) }
            for parameter in named { parameter.variable.requiresGradient = true }
            let set = ParameterSet(named)
            return (set, UpdateMasks(), set.count)
        case .condition:
            let weight = model.denoiser.first.weight
            weight.requiresGradient = true
            let set = ParameterSet([(name: "denoiser.first.weight", variable: weight)])
            let (rows, columns) = (weight.shape[0], weight.shape[1])
            let mask = Tensor(zeros: [set.count])
            let conditionColumns = model.denoiser.conditionColumns
            for row in 0..<rows { for column in conditionColumns { mask.data[row * columns + column] = 1 } }
            return (set, UpdateMasks(weightDecay: mask, update: mask), rows * conditionColumns.count)
        }
    }
}

/// What an erasure run produced and cost.
public struct ErasureOutcome {
    /// The erased model θ.
    public let model: CanvasDiffusionModel
    /// Wall time of the erasure.
    public let seconds: Double
    /// Coordinates the method was allowed to update.
    public let updatableParameters: Int
    /// Coordinates that actually changed (what must be stored per erased model).
    public let changedParameters: Int
    /// Peak resident memory of the process during the run (bytes; 0 where the OS does not say).
    public let peakMemoryBytes: Int
    /// Loss per logged iteration.
    public let losses: [Float]
}
