import Engine
import Foundation
import Models
import Training

/// Adversarial prompt search by greedy coordinate gradient (GCG, Zou et al. 2023): optimise a short token
/// suffix after the question to make the forgotten answer likely. Each iteration ranks replacement tokens
/// per suffix position by the gradient of the answer's loss with respect to the one-hot input (through the
/// embedding table), tries a batch of single-token swaps drawn from the top candidates, and keeps the best.
public struct SuffixSearch: Sendable {
    public var suffixLength = 8
    public var iterations = 20
    /// Candidate swaps evaluated per iteration.
    public var candidates = 32
    /// Tokens considered per position.
    public var topK = 16
    public var seed: UInt64 = 0

    public init() {}

    /// One search's outcome.
    public struct Outcome: Codable, Sendable {
        public var suffix: [Int]
        /// Mean answer-token NLL without a suffix, with the initial suffix, and after each iteration.
        public var lossWithoutSuffix: Double
        public var losses: [Double]
    }

    /// Mean answer NLL of each `prompt + suffix + answer` row (no gradients).
    static func losses(model: CausalLanguageModel, prompt: [Int], suffixes: [[Int]], answer: [Int]) -> [Double] {
        let examples = suffixes.map { TokenizedExample(prompt: prompt + $0, answer: answer) }
        let batch = TokenBatch(examples, padId: 0, maximumLength: model.configuration.maximumPositions)
        return GradientMode.withoutGradients {
            let loss = model.sequenceLoss(tokens: batch.ids, batch: batch.batch, length: batch.length, targets: batch.targets)
            return zip(loss.negativeLogLikelihoodSum.value.scalars, loss.tokenCounts).map { Double($0) / Double(max($1, 1)) }
        }
    }

    /// Searches a suffix for `prompt → answer`; `allowed` lists the token ids a suffix may use.
    public func attack(model: CausalLanguageModel, prompt: [Int], answer: [Int], allowed: [Int]) -> Outcome {
        precondition(!allowed.isEmpty && !answer.isEmpty, "SuffixSearch: nothing to search")
        var generator = SeededGenerator(seed: seed ^ 0x4743_47)
        var suffix = (0..<suffixLength).map { _ in allowed[Int(generator.next() % UInt64(allowed.count))] }
        let without = Self.losses(model: model, prompt: prompt, suffixes: [[]], answer: answer)[0]
        var current = Self.losses(model: model, prompt: prompt, suffixes: [suffix], answer: answer)[0]
        var losses = [current]
        let allowedMask = Set(allowed)
        // The search needs gradients for the input only: freeze the weights meanwhile.
        let parameters = model.namedParameters().map(\.variable)
        let trainable = parameters.map(\.requiresGradient)
        parameters.forEach { $0.requiresGradient = false }
        defer { for (variable, flag) in zip(parameters, trainable) { variable.requiresGradient = flag } }
        let table = model.tokenEmbeddingTable
        for _ in 0..<iterations {
            let ids = prompt + suffix + answer
            let embedded = Variable(GradientMode.withoutGradients { model.embed(ids, batch: 1, length: ids.count).value }, requiresGradient: true)
            let targets = (0..<ids.count).map { position in position + 1 >= prompt.count + suffix.count && position + 1 < ids.count ? ids[position + 1] : -100 }
            model.sequenceLoss(ModelInput(embeddings: embedded), targets: targets).meanTokenLoss.backward()
            guard let gradient = embedded.gradient else { break }
            let width = gradient.shape[2]
            let suffixGradient = Tensor(zeros: [suffixLength, width])
            suffixGradient.data.update(from: gradient.data + prompt.count * width, count: suffixLength * width)
            // First-order change of the loss for swapping in token v at position i: gᵢ·e_v (lower is better).
            let scores = GradientMode.withoutGradients { linear(Variable(suffixGradient), weight: Variable(table.value)).value }
            let vocabulary = scores.shape[1]
            let shortlists: [[Int]] = (0..<suffixLength).map { position in
                let row = scores.data + position * vocabulary
                return (0..<vocabulary).filter { allowedMask.contains($0) }.sorted { row[$0] < row[$1] }.prefix(topK).map { $0 }
            }
            let trials: [[Int]] = (0..<candidates).map { _ in
                var trial = suffix
                let position = Int(generator.next() % UInt64(suffixLength))
                let list = shortlists[position]
                if !list.isEmpty { trial[position] = list[Int(generator.next() % UInt64(list.count))] }
                return trial
            }
            let trialLosses = Self.losses(model: model, prompt: prompt, suffixes: trials, answer: answer)
            if let best = trialLosses.indices.min(by: { trialLosses[$0] < trialLosses[$1] }), trialLosses[best] < current {
                suffix = trials[best]
                current = trialLosses[best]
            }
            losses.append(current)
        }
        return Outcome(suffix: suffix, lossWithoutSuffix: without, losses: losses)
    }
}
