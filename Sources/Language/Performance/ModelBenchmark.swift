import Engine
import Foundation
import Models
import NN

/// Whole-model measurements: scoring (forward only), a full training step, and greedy generation.
public enum ModelBenchmark {
    /// Throughput of one measured workload.
    public struct Result: Sendable {
        /// Median seconds per repetition.
        public let seconds: Double
        /// Tokens processed per second.
        public let tokensPerSecond: Double
        /// Achieved GFLOPS under the usual 2·params (forward) or 6·params (training) per token count,
        /// plus attention.
        public let gflops: Double
        /// Peak resident memory of the process so far, in MiB.
        public let peakResidentMegabytes: Double
        /// Timed repetitions.
        public let repetitions: Int
    }

    /// Deterministic pseudo-random token ids.
    static func tokens(_ count: Int, vocabulary: Int, seed: UInt64) -> [Int] {
        var generator = SeededGenerator(seed: seed)
        return (0..<count).map { _ in Int(generator.next() % UInt64(vocabulary)) }
    }

    /// Multiply-adds of attention scores and weighted sums per sequence, forward.
    static func attentionFlops(_ configuration: ModelConfiguration, batch: Int, length: Int) -> Double {
        4.0 * Double(configuration.layerCount * batch * configuration.attentionHeads * configuration.headSize) * Double(length * length)
    }

    /// No-grad forward passes over `batch × length` tokens (what scoring and evaluation do).
    public static func forward(model: CausalLanguageModel, batch: Int, length: Int, minimumSeconds: Double) -> Result {
        let samples = Timing.measure(minimumSeconds: minimumSeconds, minimumRuns: 2, forwardPass(model: model, batch: batch, length: length))
        let seconds = Timing.median(samples)
        let flops = 2.0 * Double(model.parameterCount) * Double(batch * length) + attentionFlops(model.configuration, batch: batch, length: length)
        return Result(seconds: seconds, tokensPerSecond: Double(batch * length) / seconds, gflops: flops / seconds / 1e9,
                      peakResidentMegabytes: ProcessMemory.peakResidentMegabytes(), repetitions: samples.count)
    }

    /// Full unlearning steps: forward, gradient-ascent loss (−mean NLL), backward, AdamW update.
    public static func trainingStep(model: CausalLanguageModel, batch: Int, length: Int, minimumSeconds: Double) -> Result {
        let samples = Timing.measure(minimumSeconds: minimumSeconds, minimumRuns: 2, unlearningStep(model: model, batch: batch, length: length))
        let seconds = Timing.median(samples)
        let flops = 6.0 * Double(model.parameterCount) * Double(batch * length) + 3 * attentionFlops(model.configuration, batch: batch, length: length)
        return Result(seconds: seconds, tokensPerSecond: Double(batch * length) / seconds, gflops: flops / seconds / 1e9,
                      peakResidentMegabytes: ProcessMemory.peakResidentMegabytes(), repetitions: samples.count)
    }

    /// Per-op time of `steps` profiled training steps (run after the timed ones, so profiling cannot slow
    /// them), divided by `steps`; the AdamW update appears as "AdamW.step".
    public static func trainingStepBreakdown(model: CausalLanguageModel, batch: Int, length: Int, steps: Int = 2) -> [OperationProfiler.Entry] {
        profile(steps: steps, unlearningStep(model: model, batch: batch, length: length))
    }

    /// Per-op time of `repetitions` profiled no-grad forward passes, divided by `repetitions`.
    public static func forwardBreakdown(model: CausalLanguageModel, batch: Int, length: Int, repetitions: Int = 2) -> [OperationProfiler.Entry] {
        profile(steps: repetitions, forwardPass(model: model, batch: batch, length: length))
    }

    /// One no-grad forward pass over fixed pseudo-random tokens.
    static func forwardPass(model: CausalLanguageModel, batch: Int, length: Int) -> () -> Void {
        let ids = tokens(batch * length, vocabulary: model.configuration.vocabularySize, seed: 1)
        return { _ = GradientMode.withoutGradients { model.logits(tokens: ids, batch: batch, length: length) } }
    }

    /// One gradient-ascent step with its own AdamW state; under the profiler, zeroing and the update are
    /// charged as "zero gradients" and "AdamW.step" (outside it those calls cost nothing).
    static func unlearningStep(model: CausalLanguageModel, batch: Int, length: Int) -> () -> Void {
        let ids = tokens(batch * length, vocabulary: model.configuration.vocabularySize, seed: 2)
        let targets = Array(ids.dropFirst()) + [-100]
        let parameters = ParameterSet(model.namedParameters())
        let optimizer = AdamW(parameters: parameters, weightDecay: 0.01)
        return {
            let zeroing = Timing.now()
            parameters.zeroGradients()
            OperationProfiler.add("zero gradients", seconds: Timing.now() - zeroing)
            let loss = model.sequenceLoss(tokens: ids, batch: batch, length: length, targets: targets).meanTokenLoss
            (-loss).backward()
            let update = Timing.now()
            optimizer.step(learningRate: 1e-5)
            OperationProfiler.add("AdamW.step", seconds: Timing.now() - update)
        }
    }

    /// Runs `body` `steps` times under the op profiler; entries are per run.
    static func profile(steps: Int, _ body: () -> Void) -> [OperationProfiler.Entry] {
        OperationProfiler.start()
        for _ in 0..<steps { body() }
        return OperationProfiler.stop().map { entry in
            var perStep = entry
            perStep.forwardSeconds /= Double(steps)
            perStep.backwardSeconds /= Double(steps)
            perStep.calls /= steps
            return perStep
        }
    }

    /// Greedy generation of `newTokens` after a `promptLength`-token prompt, with the KV cache.
    public static func generation(model: CausalLanguageModel, promptLength: Int, newTokens: Int, minimumSeconds: Double) -> Result {
        let prompt = tokens(promptLength, vocabulary: model.configuration.vocabularySize, seed: 3)
        var produced = 0
        let samples = Timing.measure(minimumSeconds: minimumSeconds, minimumRuns: 2) {
            produced = TextGeneration.generate(model: model, prompt: prompt, maximumTokens: newTokens).count
        }
        let seconds = Timing.median(samples)
        let flops = 2.0 * Double(model.parameterCount) * Double(promptLength + produced)
        return Result(seconds: seconds, tokensPerSecond: Double(produced) / seconds, gflops: flops / seconds / 1e9,
                      peakResidentMegabytes: ProcessMemory.peakResidentMegabytes(), repetitions: samples.count)
    }
}

