import Benchmark
import Engine
import Foundation
import Models
import Optimization
import Training

/// The relearning attack (as in Unlearn-Simple's `relearn.py`): fine-tune the unlearned model with plain
/// NLL on a fixed seeded subset of the forget answers and measure, along the way, how much comes back on
/// that subset and — the telling part — on the forget answers it was not shown.
public struct RelearningAttack: Sendable {
    /// Steps after which the model is probed (0 = before any step).
    public var checkpoints: [Int] = [0, 2, 5, 10, 20]
    public var learningRate: Float = 1e-5
    public var batchSize = 4
    /// Share of the forget rows used for relearning; the rest measure recovery of unseen facts.
    public var fraction = 0.5
    public var seed: UInt64 = 0
    public var maximumLength = 512

    public init() {}

    /// Recovery of the forgotten answers over the relearning steps.
    public struct Curve: Codable, Sendable {
        public var steps: [Int]
        public var trainedRows: Int
        public var heldOutRows: Int
        /// Mean ROUGE-L recall on the relearned rows / the held-out rows after each step count.
        public var trainedRougeL: [Double] = []
        public var heldOutRougeL: [Double] = []
        public var trainedProbability: [Double] = []
        public var heldOutProbability: [Double] = []

        /// Unseen-row and relearned-row measures after the last step.
        public var finalHeldOut: ForgetMeasure? {
            heldOutRougeL.last.map { ForgetMeasure(rougeLRecall: $0, probability: heldOutProbability.last ?? 0) }
        }
        public var finalTrained: ForgetMeasure? {
            trainedRougeL.last.map { ForgetMeasure(rougeLRecall: $0, probability: trainedProbability.last ?? 0) }
        }
    }

    /// Runs the attack on the model at `modelPath`; `scratch` holds the fine-tuning checkpoint meanwhile.
    public func run(modelPath: String, rows: [QAExample], probe: ForgetProbe, scratch: URL) throws -> Curve {
        guard rows.count >= 2 else { throw TrainingError("the relearning attack needs at least two forget rows") }
        let source = try CheckpointSource.load(path: modelPath)
        var generator = SeededGenerator(seed: seed ^ 0x5245_4C45_4152_4E)
        var order = Array(rows.indices)
        for index in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(index, Int(generator.next() % UInt64(index + 1))) }
        let trainedCount = min(rows.count - 1, max(1, Int((fraction * Double(rows.count)).rounded())))
        let trained = order.prefix(trainedCount).map { rows[$0] }, heldOut = order.dropFirst(trainedCount).map { rows[$0] }
        let trainedItems = try probe.items(trained), heldOutItems = try probe.items(Array(heldOut))
        let examples = try trained.map { try probe.formatter.example(question: $0.question, answer: $0.answer) }
        var curve = Curve(steps: checkpoints.sorted(), trainedRows: trained.count, heldOutRows: heldOut.count)
        func record() throws {
            let onTrained = try probe.run(model: source.model, items: trainedItems)
            let onHeldOut = try probe.run(model: source.model, items: heldOutItems)
            curve.trainedRougeL.append(onTrained.meanRougeLRecall)
            curve.heldOutRougeL.append(onHeldOut.meanRougeLRecall)
            curve.trainedProbability.append(onTrained.meanProbability)
            curve.heldOutProbability.append(onHeldOut.meanProbability)
        }
        if curve.steps.first == 0 { try record() }
        guard let last = curve.steps.last, last > 0 else { return curve }
        var configuration = TrainingConfiguration()
        configuration.steps = last
        configuration.microBatchSize = batchSize
        configuration.learningRate = learningRate
        configuration.schedule = "constant"
        configuration.weightDecay = 0
        configuration.maximumLength = maximumLength
        configuration.seed = seed
        try? FileManager.default.removeItem(at: scratch)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let trainer = try Trainer(model: source.model, examples: examples, padId: source.padId, configuration: configuration, directory: scratch)
        var failure: Error?
        try trainer.run(resume: false) { progress in
            guard failure == nil, curve.steps.contains(progress.step) else { return }
            do { try record() } catch { failure = error }
        }
        if let failure { throw failure }
        return curve
    }
}
