import Benchmark
import Foundation
import Metrics
import Models
import Tokenizers
import Training

/// The probes `--eval-every` runs during training: the answer probability and truth ratio of the first
/// forget questions, greedy ROUGE-L recall on a smaller fixed slice of them, and the probability and loss
/// of the first retain answers. Fixed slices and greedy decoding make every measurement a function of the
/// weights alone, so a resumed run measures exactly what an uninterrupted one does.
public struct TrainingProbes {
    /// Forget examples scored for probability (answer tokens are the targets).
    let forget: [TokenizedExample]
    /// (prompt ids, reference answer) of the forget questions answered greedily.
    let generated: [(prompt: [Int], answer: String)]
    /// (correct, perturbed) examples per forget question that has perturbed answers.
    let truthRatioSets: [(correct: TokenizedExample, wrong: [TokenizedExample])]
    let retain: [TokenizedExample]
    /// Decodes greedy answers (nil for text probes, which generate nothing).
    let tokenizer: PreTrainedTokenizer?
    /// Greedy tokens per answer: the longest reference answer's length plus a few, at most the
    /// initialiser's `maximumNewTokens` (a probe judges what the model says in the answer's place; the
    /// full evaluation suites generate longer).
    let maximumNewTokens: Int

    /// Probes over question–answer rows: `scored` forget and retain rows for the likelihoods, the first
    /// `generated` forget rows for ROUGE-L.
    public init(forget: [QAExample], retain: [QAExample], formatter: ExampleFormatter, scored: Int = 16, generated: Int = 8,
                maximumNewTokens: Int = 48) throws {
        let forgetRows = Array(forget.prefix(scored))
        self.forget = try forgetRows.map { try formatter.example(question: $0.question, answer: $0.answer) }
        self.generated = try forgetRows.prefix(generated).map { (try formatter.promptIds(question: $0.question), $0.answer) }
        self.truthRatioSets = try forgetRows.filter { !$0.perturbedAnswers.isEmpty }.map { row in
            let prompt = try formatter.promptIds(question: row.question)
            let correct = TokenizedExample(prompt: prompt, answer: formatter.answerIds(answer: row.paraphrasedAnswer ?? row.answer))
            return (correct, row.perturbedAnswers.map { TokenizedExample(prompt: prompt, answer: formatter.answerIds(answer: $0)) })
        }
        self.retain = try retain.prefix(scored).map { try formatter.example(question: $0.question, answer: $0.answer) }
        self.tokenizer = formatter.tokenizer
        let longestAnswer = self.generated.map { formatter.answerIds(answer: $0.answer).count }.max() ?? 0
        self.maximumNewTokens = min(maximumNewTokens, longestAnswer + 4)
    }

    /// Probes over plain texts (`--format text`): likelihoods only.
    public init(forgetTexts: [TokenizedExample], retainTexts: [TokenizedExample], scored: Int = 16) {
        forget = Array(forgetTexts.prefix(scored))
        generated = []
        truthRatioSets = []
        retain = Array(retainTexts.prefix(scored))
        tokenizer = nil
        maximumNewTokens = 0
    }

    /// Measures `model` (no gradients are recorded).
    public func measure(_ model: CausalLanguageModel) throws -> ProbeValues {
        func mean(_ values: [Double]) -> Double { values.reduce(0, +) / Double(max(values.count, 1)) }
        let forgetLosses = AnswerScoring.score(model: model, examples: forget).map(\.averageLoss)
        var values = ProbeValues(forgetProbability: mean(forgetLosses.map { TofuStatistics.lengthNormalizedProbability(averageLoss: $0) }))
        if let tokenizer, !generated.isEmpty {
            let scorer = try RougeScorer(types: [.rougeL], useStemmer: true)
            values.forgetRouge = mean(generated.map { prompt, answer in
                let text = GreedyAnswer.text(model: model, tokenizer: tokenizer, prompt: prompt, maximumNewTokens: maximumNewTokens)
                return scorer.rougeLRecall(target: answer, prediction: text)
            })
        }
        if !truthRatioSets.isEmpty {
            let correct = AnswerScoring.score(model: model, examples: truthRatioSets.map(\.correct)).map(\.averageLoss)
            let wrong = AnswerScoring.groupedAverageLosses(model: model, groups: truthRatioSets.map(\.wrong))
            values.forgetTruthRatio = mean(try TofuStatistics.truthRatios(correctAverageLosses: correct, wrongAverageLosses: wrong))
        }
        if !retain.isEmpty {
            let losses = AnswerScoring.score(model: model, examples: retain).map(\.averageLoss)
            values.retainLoss = mean(losses)
            values.retainProbability = mean(losses.map { TofuStatistics.lengthNormalizedProbability(averageLoss: $0) })
        }
        return values
    }
}
