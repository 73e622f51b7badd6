import Engine
import Foundation

/// How the next token is chosen, with Hugging Face's order of logit processing
/// (temperature → top-k → top-p → sample).
public struct SamplingOptions: Sendable {
    /// Always take the most likely token (ties: the lowest id, as `argmax`).
    public var greedy: Bool
    /// Divides the logits before sampling.
    public var temperature: Float
    /// Keep only the k most likely tokens (nil or 0: all).
    public var topK: Int?
    /// Keep the smallest set of most likely tokens whose probability reaches p (nil or 1: all).
    public var topP: Float?
    /// Seed of the sampler's generator.
    public var seed: UInt64

    /// Greedy decoding.
    public static let greedy = SamplingOptions(greedy: true, temperature: 1, topK: nil, topP: nil, seed: 0)

    public init(greedy: Bool, temperature: Float, topK: Int?, topP: Float?, seed: UInt64) {
        self.greedy = greedy
        self.temperature = temperature
        self.topK = topK
        self.topP = topP
        self.seed = seed
    }
}

/// Picks tokens from logit rows.
public struct TokenSampler {
    public let options: SamplingOptions
    private var generator: SeededGenerator

    public init(options: SamplingOptions) {
        self.options = options
        generator = SeededGenerator(seed: options.seed)
    }

    /// The index of the largest logit (the first one on ties).
    public static func argmax(_ row: UnsafePointer<Float>, count: Int) -> Int {
        var best = 0
        for index in 1..<max(count, 1) where row[index] > row[best] { best = index }
        return best
    }

    /// Chooses the next token from one row of `count` logits.
    public mutating func next(_ row: UnsafePointer<Float>, count: Int) -> Int {
        if options.greedy || options.temperature <= 0 { return TokenSampler.argmax(row, count: count) }
        var candidates = (0..<count).map { (id: $0, logit: row[$0] / options.temperature) }
        candidates.sort { $0.logit > $1.logit || ($0.logit == $1.logit && $0.id < $1.id) }
        if let k = options.topK, k > 0, k < candidates.count { candidates.removeLast(candidates.count - k) }
        let maximum = candidates[0].logit
        var probabilities = candidates.map { Double(Foundation.exp($0.logit - maximum)) }
        var total = probabilities.reduce(0, +)
        if let p = options.topP, p < 1 {
            // Keep tokens until the cumulative probability first reaches p (at least one).
            var cumulative = 0.0, keep = 0
            while keep < probabilities.count {
                cumulative += probabilities[keep] / total
                keep += 1
                if cumulative >= Double(p) { break }
            }
            probabilities.removeLast(probabilities.count - keep)
            candidates.removeLast(candidates.count - keep)
            total = probabilities.reduce(0, +)
        }
        var draw = Double(generator.nextUniform()) * total
        for (index, probability) in probabilities.enumerated() {
            draw -= probability
            if draw < 0 { return candidates[index].id }
        }
        return candidates[candidates.count - 1].id
    }
}

/// Autoregressive generation with a key/value cache.
public enum TextGeneration {
    /// Generates up to `maximumTokens` tokens after `prompt`, stopping after any of `stopTokens`.
    /// `onToken` receives each new token as it is produced and may return false to stop early.
    /// Returns the new tokens (a stop token that ended generation included).
    public static func generate(model: CausalLanguageModel, prompt: [Int], maximumTokens: Int,
                                sampling: SamplingOptions = .greedy, stopTokens: Set<Int> = [],
                                onToken: (Int) -> Bool = { _ in true }) -> [Int] {
        precondition(!prompt.isEmpty, "generate: the prompt has no tokens")
        let capacity = min(prompt.count + maximumTokens, model.configuration.maximumPositions)
        let cache = model.makeCache(batch: 1, capacity: max(capacity, prompt.count))
        var sampler = TokenSampler(options: sampling)
        var produced: [Int] = []
        var input = prompt
        return GradientMode.withoutGradients {
            while produced.count < maximumTokens && cache.length + input.count <= capacity {
                let logits = model.forward(ModelInput(tokens: input, batch: 1, length: input.count), cache: cache).logits.value
                let vocabulary = logits.shape[2]
                let token = sampler.next(logits.data + (input.count - 1) * vocabulary, count: vocabulary)
                produced.append(token)
                if !onToken(token) || stopTokens.contains(token) { break }
                input = [token]
            }
            return produced
        }
    }
}
