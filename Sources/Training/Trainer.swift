import Checkpoints
import Engine
import Foundation
import Models
import NN

/// Progress of a running training job, reported after every optimizer step.
public struct TrainingProgress: Sendable {
    public let step: Int
    public let totalSteps: Int
    public let loss: Float
    public let learningRate: Float
    public let tokensPerSecond: Double
    public let secondsRemaining: Double
}

/// The outcome of a finished run (also written to `run.json`).
public struct TrainingSummary: Codable, Sendable {
    public var configuration: TrainingConfiguration
    public var seed: UInt64
    public var effectiveBatchSize: Int
    public var steps: Int
    public var examples: Int
    public var tokens: Int
    public var elapsedSeconds: Double
    public var tokensPerSecond: Double
    /// 6 · parameters · tokens, the usual estimate of training FLOPs.
    public var estimatedFLOPs: Double
    public var peakResidentMegabytes: Double
    public var parameterCount: Int
    public var losses: [Float]
    public var resumedFromStep: Int?
    public var threads: Int
}

/// Full-parameter training on tokenized examples with AdamW, a schedule, gradient accumulation,
/// clipping, periodic atomic checkpoints and exact resumption.
public final class Trainer {
    public let model: CausalLanguageModel
    public let examples: [TokenizedExample]
    public let padId: Int
    public let configuration: TrainingConfiguration
    public let directory: URL
    /// Called after each step's backward pass, before clipping and the update (fault-injection tests use it).
    public var afterBackward: ((Int, ParameterSet) -> Void)?

    public init(model: CausalLanguageModel, examples: [TokenizedExample], padId: Int,
                configuration: TrainingConfiguration, directory: URL) throws {
        try configuration.validate()
        guard !examples.isEmpty else { throw TrainingError("no training examples") }
        guard examples.contains(where: { $0.targetCount > 0 }) else { throw TrainingError("no example has a token to train on") }
        self.model = model
        self.examples = examples
        self.padId = padId
        self.configuration = configuration
        self.directory = directory
    }

    /// The example indices of optimizer step `step`: consecutive positions of a per-epoch seeded shuffle.
    public func indices(forStep step: Int) -> [Int] {
        let size = configuration.effectiveBatchSize
        // A step spans at most a few epochs: shuffle each of them once, not once per position.
        var orders: [Int: [Int]] = [:]
        return (0..<size).map { offset in
            let position = step * size + offset
            let epoch = position / examples.count
            if orders[epoch] == nil {
                orders[epoch] = TrainingOrder.permutation(count: examples.count, epoch: epoch, seed: configuration.seed)
            }
            return orders[epoch]![position % examples.count]
        }
    }

    /// Trains to the configured number of steps. With `resume`, continues from the newest checkpoint in
    /// `directory` (bitwise identical to an uninterrupted run with the same thread count).
    /// `interruptAfterStep` abandons the run after that step as a crash would (nil summary).
    @discardableResult
    public func run(resume: Bool, progress: (TrainingProgress) -> Void = { _ in },
                    interruptAfterStep: Int? = nil) throws -> TrainingSummary? {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let parameters = ParameterSet(model.namedParameters())
        let optimizer = AdamW(parameters: parameters, betas: (configuration.betas[0], configuration.betas[1]),
                              weightDecay: configuration.weightDecay,
                              masks: UpdateMasks(weightDecay: parameters.huggingFaceWeightDecayMask()))
        let total = configuration.totalSteps(exampleCount: examples.count)
        let schedule = try configuration.learningRateSchedule(total: total)
        var state = TrainingState(step: 0, tokens: 0, elapsedSeconds: 0, losses: [], configuration: configuration)
        var resumedFrom: Int? = nil
        if resume, let folder = TrainingCheckpoint.latest(in: directory) {
            state = try TrainingCheckpoint.restore(from: folder, parameters: parameters, optimizer: optimizer)
            guard state.configuration == configuration else {
                throw TrainingError("\(folder.path): the checkpoint was made with different training settings; resume with the same ones")
            }
            resumedFrom = state.step
        }
        let started = Timing.now()
        let startElapsed = state.elapsedSeconds, startTokens = state.tokens
        while state.step < total {
            let batchIndices = indices(forStep: state.step)
            let stepExamples = batchIndices.map { examples[$0] }
            let stepTargets = stepExamples.reduce(0) { $0 + min($1.targetCount, configuration.maximumLength) }
            parameters.zeroGradients()
            var lossSum: Float = 0
            for start in stride(from: 0, to: stepExamples.count, by: configuration.microBatchSize) {
                let micro = Array(stepExamples[start..<min(start + configuration.microBatchSize, stepExamples.count)])
                let batch = TokenBatch(micro, padId: padId, maximumLength: configuration.maximumLength)
                if batch.targetCount == 0 { continue }
                let logits = model.logits(tokens: batch.ids, batch: batch.batch, length: batch.length)
                // Summed NLL over the step's target tokens, so accumulation equals one large batch.
                let loss = sequenceLoss(logits: logits, targets: batch.targets).negativeLogLikelihoodSum.sum()
                    .scaled(by: 1 / Float(max(stepTargets, 1)))
                lossSum += loss.value.scalar
                loss.backward()
            }
            afterBackward?(state.step + 1, parameters)
            let norm = configuration.clipNorm > 0 ? parameters.clipGradientNorm(configuration.clipNorm) : parameters.gradientNorm()
            guard lossSum.isFinite, norm.isFinite else {
                throw NumericalFailure.describe(step: state.step + 1, loss: lossSum, parameters: parameters,
                                                checkpoint: TrainingCheckpoint.latest(in: directory))
            }
            let rate = schedule.rate(step: state.step, base: configuration.learningRate)
            optimizer.step(learningRate: rate)
            state.step += 1
            state.tokens += stepTargets
            state.losses.append(lossSum)
            state.elapsedSeconds = startElapsed + (Timing.now() - started)
            let speed = Double(state.tokens - startTokens) / max(Timing.now() - started, 1e-9)
            let remaining = Double(total - state.step) * (Timing.now() - started) / Double(state.step - (resumedFrom ?? 0))
            progress(TrainingProgress(step: state.step, totalSteps: total, loss: lossSum, learningRate: rate,
                                      tokensPerSecond: speed, secondsRemaining: remaining))
            if configuration.checkpointInterval > 0 && state.step % configuration.checkpointInterval == 0 && state.step < total {
                try TrainingCheckpoint.save(state: state, parameters: parameters, optimizer: optimizer, in: directory)
            }
            // Tests simulate a crash here: stop without writing anything more.
            if state.step == interruptAfterStep { return nil }
        }
        try TrainingCheckpoint.save(state: state, parameters: parameters, optimizer: optimizer, in: directory)
        let summary = TrainingSummary(
            configuration: configuration, seed: configuration.seed, effectiveBatchSize: configuration.effectiveBatchSize,
            steps: state.step, examples: examples.count, tokens: state.tokens, elapsedSeconds: state.elapsedSeconds,
            tokensPerSecond: Double(state.tokens) / max(state.elapsedSeconds, 1e-9),
            estimatedFLOPs: 6 * Double(parameters.count) * Double(state.tokens),
            peakResidentMegabytes: ProcessMemory.peakResidentMegabytes(), parameterCount: parameters.count,
            losses: state.losses, resumedFromStep: resumedFrom, threads: Parallel.workerCount)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let runData = try encoder.encode(summary)
        try AtomicFileWriter.write(to: directory.appendingPathComponent("run.json")) { try $0.write(runData) }
        return summary
    }
}

/// The seeded shuffle behind the data order.
enum TrainingOrder {
    static func permutation(count: Int, epoch: Int, seed: UInt64) -> [Int] {
        var generator = SeededGenerator(seed: seed &+ UInt64(epoch) &* 0x9E37_79B9_7F4A_7C15)
        var order = Array(0..<count)
        for index in stride(from: count - 1, to: 0, by: -1) {
            order.swapAt(index, Int(generator.next() % UInt64(index + 1)))
        }
        return order
    }
}
