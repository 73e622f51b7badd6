import Engine
import Foundation
import Models
import Tokenizers
import Training

/// lm-evaluation-harness's `loglikelihood` requests: Σ log p(continuation tokens | context), no gradients.
public enum ContinuationScoring {
    /// One request: token ids of the context and of the continuation whose likelihood is wanted.
    public struct Request: Hashable, Sendable {
        public var context: [Int]
        public var continuation: [Int]

        public init(context: [Int], continuation: [Int]) {
            self.context = context
            self.continuation = continuation
        }
    }

    /// lm-eval's `_encode_pair`: trailing whitespace of the context (`rstrip`) moves to the continuation, the whole string is
    /// encoded once and the continuation is what follows the context's own encoding, so a merge across the
    /// boundary is scored as the model would see it. An empty context becomes lm-eval's prefix token (BOS,
    /// else EOS).
    public static func request(tokenizer: PreTrainedTokenizer, context: String, continuation: String, addSpecialTokens: Bool) -> Request {
        var context = context, continuation = continuation
        let trailingWhitespace = context.reversed().prefix(while: \.isWhitespace).count
        if trailingWhitespace > 0 {
            continuation = String(context.suffix(trailingWhitespace)) + continuation
            context.removeLast(trailingWhitespace)
        }
        let whole = tokenizer.encode(context + continuation, addSpecialTokens: addSpecialTokens)
        var contextIds = tokenizer.encode(context, addSpecialTokens: addSpecialTokens)
        let continuationIds = Array(whole.dropFirst(contextIds.count))
        if context.isEmpty || contextIds.isEmpty {
            contextIds = (tokenizer.bosTokenId ?? tokenizer.eosTokenIds.first).map { [$0] } ?? []
        }
        return Request(context: contextIds, continuation: continuationIds)
    }

    /// The log-likelihood of each request, in order. Requests whose continuation is one token (WMDP's " A" …
    /// " D") share one forward pass per distinct context; longer continuations are scored teacher-forced.
    /// Sequences longer than the model's context keep their last tokens, as lm-eval left-truncates.
    public static func logLikelihoods(model: CausalLanguageModel, requests: [Request], tokenBudget: Int = 2048,
                                      sharingContexts: Bool = true) -> [Double] {
        let limit = model.configuration.maximumPositions
        var results = [Double](repeating: 0, count: requests.count)
        var singleTokenIndices: [Int] = [], longerIndices: [Int] = []
        for (index, request) in requests.enumerated() {
            if sharingContexts && request.continuation.count == 1 { singleTokenIndices.append(index) } else { longerIndices.append(index) }
        }
        // One forward pass per distinct context; its last position's distribution scores every single-token continuation.
        var contexts: [[Int]] = [], wanted: [[(request: Int, token: Int)]] = [], contextIndex: [[Int]: Int] = [:]
        for index in singleTokenIndices {
            let context = Array(requests[index].context.suffix(limit))
            if contextIndex[context] == nil {
                contextIndex[context] = contexts.count
                contexts.append(context)
                wanted.append([])
            }
            wanted[contextIndex[context]!].append((index, requests[index].continuation[0]))
        }
        for range in TokenBudgetBatches.ranges(lengths: contexts.map(\.count), budget: tokenBudget) {
            let values = lastPositionLogProbabilities(model: model, contexts: Array(contexts[range]),
                                                      tokens: wanted[range].map { $0.map(\.token) })
            for (group, groupValues) in zip(wanted[range], values) {
                for (item, value) in zip(group, groupValues) { results[item.request] = value }
            }
        }
        // Teacher-forced scoring of longer continuations.
        let examples = longerIndices.map { index -> TokenizedExample in
            let request = requests[index]
            let example = TokenizedExample(prompt: request.context, answer: request.continuation)
            return TokenizedExample(ids: Array(example.ids.suffix(limit)), scored: Array(example.scored.suffix(limit)))
        }
        for range in TokenBudgetBatches.ranges(lengths: examples.map(\.ids.count), budget: tokenBudget) {
            let scores = AnswerScoring.score(model: model, examples: Array(examples[range]), batchSize: range.count, maximumLength: limit)
            for (offset, score) in scores.enumerated() {
                results[longerIndices[range.lowerBound + offset]] = score.tokenLogProbabilities.reduce(0, +)
            }
        }
        return results
    }

    /// log p(token | context) at each context's last position, for the tokens wanted after that context.
    private static func lastPositionLogProbabilities(model: CausalLanguageModel, contexts: [[Int]], tokens: [[Int]]) -> [[Double]] {
        let length = max(contexts.map(\.count).max() ?? 1, 1)
        let ids = TokenBudgetBatches.rightPadded(contexts, length: length)
        // Only the last position of each context is projected: the other positions' logits are never formed.
        let lastPositions = contexts.enumerated().map { row, context in row * length + max(context.count - 1, 0) }
        var results: [[Double]] = [], done = 0
        model.forEachLogitChunk(ModelInput(tokens: ids, batch: contexts.count, length: length), rows: lastPositions) { chunk, logits, vocabulary in
            for index in chunk.indices {
                let start = logits + index * vocabulary
                let maximum = VectorExponential.maximum(start, count: vocabulary)
                let logNormaliser = Double(maximum) + Foundation.log(Double(VectorExponential.sumOfExponentials(start, minus: maximum, count: vocabulary)))
                results.append(tokens[done + index].map { Double(start[$0]) - logNormaliser })
            }
            done += chunk.count
        }
        return results
    }
}
