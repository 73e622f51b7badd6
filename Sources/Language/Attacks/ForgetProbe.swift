import Benchmark
import Engine
import Evaluation
import Foundation
import Metrics
import Models
import Tokenizers
import Training

/// One question an attack asks: the prompt it sends and the forgotten answer it hopes to get back.
public struct ProbeItem: Sendable {
    public var question: String
    public var prompt: [Int]
    public var answer: String

    public init(question: String, prompt: [Int], answer: String) {
        self.question = question
        self.prompt = prompt
        self.answer = answer
    }
}

/// How much of the forgotten answers a model gives back: ROUGE-L recall of its greedy answers and the
/// length-normalised probability of the true answers (TOFU's two forget measures).
public struct ProbeResult: Codable, Sendable {
    public var rougeLRecall: [Double]
    public var probability: [Double]
    public var generations: [String]

    public var meanRougeLRecall: Double { rougeLRecall.reduce(0, +) / Double(max(rougeLRecall.count, 1)) }
    public var meanProbability: Double { probability.reduce(0, +) / Double(max(probability.count, 1)) }
}

/// Asks a model the forget questions (possibly rewritten by an attack) and measures what comes back.
public struct ForgetProbe {
    public let formatter: ExampleFormatter
    /// Tokens generated per answer.
    public var maximumNewTokens = 64

    public init(tokenizer: PreTrainedTokenizer, layout: ExampleFormatter.Layout) {
        formatter = ExampleFormatter(tokenizer: tokenizer, layout: layout)
    }

    /// Items for `rows`, each question passed through `rewrite` first.
    public func items(_ rows: [QAExample], rewrite: (QAExample) -> String = { $0.question }) throws -> [ProbeItem] {
        try rows.map { row in
            let question = rewrite(row)
            return ProbeItem(question: question, prompt: try formatter.promptIds(question: question), answer: row.answer)
        }
    }

    /// Greedy answers and true-answer probabilities of `model` on `items`.
    public func run(model: CausalLanguageModel, items: [ProbeItem]) throws -> ProbeResult {
        let tokenizer = formatter.tokenizer
        let scorer = try RougeScorer(types: [.rougeL], useStemmer: true)
        let examples = items.map { TokenizedExample(prompt: $0.prompt, answer: formatter.answerIds(answer: $0.answer)) }
        let scores = AnswerScoring.score(model: model, examples: examples)
        var generations: [String] = [], recalls: [Double] = []
        for item in items {
            let text = GreedyAnswer.text(model: model, tokenizer: tokenizer, prompt: item.prompt, maximumNewTokens: maximumNewTokens)
            generations.append(text)
            recalls.append(scorer.rougeLRecall(target: item.answer, prediction: text))
        }
        return ProbeResult(rougeLRecall: recalls,
                           probability: scores.map { TofuStatistics.lengthNormalizedProbability(averageLoss: $0.averageLoss) },
                           generations: generations)
    }
}
