import Benchmark
import Foundation
import Metrics
import Models
import Optimization
import Tokenizers
import Training

/// The TOFU evaluation on a benchmark folder (ours or TOFU's own files): probability, ROUGE-L recall and
/// truth ratio on the forget, retain and two utility sets, model utility, forget quality against an
/// oracle, and a Min-K% membership-inference AUC of forget versus holdout answers.
public struct TofuSuite {
    /// Per-sample results of one evaluation set.
    public struct SetResult: Codable, Sendable {
        public var name: String
        public var questions: [String]
        public var generations: [String]
        public var rougeLRecall: [Double]
        /// exp(−average loss) of the true answer.
        public var probability: [Double]
        /// Truth ratios P̄(perturbed)_gm / P̄(correct) (correct = paraphrased answer for forget/retain).
        public var truthRatio: [Double]
        /// P̄(true) / (P̄(true) + Σ P̄(perturbed)) for the utility sets.
        public var probabilityWithOptions: [Double]?
        /// Min-K% (k = 0.4) scores of the answers (higher = less member-like).
        public var minKScore: [Double]
    }

    public let model: CausalLanguageModel
    public let formatter: ExampleFormatter
    public let data: URL
    public let split: String
    /// Tokens generated per answer (TOFU uses 200; the built-in benchmark's answers are one sentence).
    public var maximumNewTokens = 64

    public init(model: CausalLanguageModel, tokenizer: PreTrainedTokenizer, data: URL, split: String, layout: ExampleFormatter.Layout = .qa) {
        self.model = model
        self.formatter = ExampleFormatter(tokenizer: tokenizer, layout: layout)
        self.data = data
        self.split = split
    }

    /// Evaluation set files: ours, or TOFU's names for the two utility sets.
    func file(_ candidates: [String]) throws -> URL {
        for name in candidates where FileManager.default.fileExists(atPath: data.appendingPathComponent(name).path) {
            return data.appendingPathComponent(name)
        }
        throw TrainingError("\(data.path): none of \(candidates.joined(separator: ", ")) exists")
    }

    /// Evaluates one set. `correctIsParaphrase` selects TOFU's forget/retain truth ratio; without
    /// `generating`, only likelihoods are computed (generations and ROUGE stay empty).
    public func evaluate(name: String, url: URL, correctIsParaphrase: Bool, withOptions: Bool, generating: Bool = true) throws -> SetResult {
        let rows = try QADataset.read(url: url, requiring: correctIsParaphrase ? QAField.perturbedEvaluation : QAField.optionsEvaluation)
        let tokenizer = formatter.tokenizer
        let scorer = try RougeScorer(types: [.rougeL], useStemmer: true)
        var prompts: [[Int]] = []
        var truth: [TokenizedExample] = [], correct: [TokenizedExample] = [], wrong: [[TokenizedExample]] = []
        for row in rows {
            let prompt = try formatter.promptIds(question: row.question)
            prompts.append(prompt)
            truth.append(TokenizedExample(prompt: prompt, answer: formatter.answerIds(answer: row.answer)))
            let correctAnswer = correctIsParaphrase ? (row.paraphrasedAnswer ?? row.answer) : row.answer
            correct.append(TokenizedExample(prompt: prompt, answer: formatter.answerIds(answer: correctAnswer)))
            wrong.append(row.perturbedAnswers.map { TokenizedExample(prompt: prompt, answer: formatter.answerIds(answer: $0)) })
        }
        let truthScores = AnswerScoring.score(model: model, examples: truth)
        let correctScores = AnswerScoring.score(model: model, examples: correct)
        let wrongLosses = AnswerScoring.groupedAverageLosses(model: model, groups: wrong)
        var generations: [String] = [], recalls: [Double] = []
        for (row, prompt) in zip(rows, prompts) where generating {
            let text = GreedyAnswer.text(model: model, tokenizer: tokenizer, prompt: prompt, maximumNewTokens: maximumNewTokens)
            generations.append(text)
            recalls.append(scorer.rougeLRecall(target: row.answer, prediction: text))
        }
        let ratios = try TofuStatistics.truthRatios(correctAverageLosses: correctScores.map(\.averageLoss), wrongAverageLosses: wrongLosses)
        return SetResult(
            name: name, questions: rows.map(\.question), generations: generations, rougeLRecall: recalls,
            probability: truthScores.map { TofuStatistics.lengthNormalizedProbability(averageLoss: $0.averageLoss) },
            truthRatio: ratios,
            probabilityWithOptions: withOptions ? zip(truthScores, wrongLosses).map {
                TofuStatistics.probabilityWithOptions(correctAverageLoss: $0.averageLoss, wrongAverageLosses: $1)
            } : nil,
            // open-unlearning's tokenwise_logprobs leaves out the final (EOS) prediction that the
            // probability above includes (`actual_indices[:-1]`); Min-K% follows it.
            minKScore: try truthScores.map { score in
                let eos = tokenizer.eosTokenIds.isEmpty || score.tokenLogProbabilities.count < 2 ? 0 : 1
                return try MembershipInference.minKScore(tokenLogProbabilities: Array(score.tokenLogProbabilities.dropLast(eos)), fraction: 0.4)
            })
    }

    /// Raw truth ratios on the forget split: what an oracle contributes to forget quality (no generation).
    public func forgetTruthRatios() throws -> [Double] {
        try evaluate(name: "forget", url: try file(["\(split)_perturbed.json"]), correctIsParaphrase: true,
                     withOptions: false, generating: false).truthRatio
    }

    /// Runs the whole suite. `oracleForgetTruthRatios` (the retain oracle's raw forget truth ratios) turns
    /// on forget quality.
    public func run(oracleForgetTruthRatios: [Double]? = nil) throws -> (summary: Summary, sets: [SetResult]) {
        let forget = try evaluate(name: "forget", url: try file(["\(split)_perturbed.json"]), correctIsParaphrase: true, withOptions: false)
        let retain = try evaluate(name: "retain", url: try file(["retain_perturbed.json"]), correctIsParaphrase: true, withOptions: false)
        let authors = try evaluate(name: "utility_authors", url: try file(["utility_authors_perturbed.json", "real_authors_perturbed.json"]),
                                   correctIsParaphrase: false, withOptions: true)
        let facts = try evaluate(name: "utility_facts", url: try file(["utility_facts_perturbed.json", "world_facts_perturbed.json"]),
                                 correctIsParaphrase: false, withOptions: true)
        var sets = [forget, retain, authors, facts]
        func mean(_ values: [Double]) -> Double { values.reduce(0, +) / Double(max(values.count, 1)) }
        let trueBetter = { (ratios: [Double]) in try TofuStatistics.aggregateTruthRatios(ratios, aggregation: .trueBetter) }
        let components: [(String, Double)] = [
            ("retain_probability", mean(retain.probability)), ("retain_rouge_l_recall", mean(retain.rougeLRecall)),
            ("retain_truth_ratio", try trueBetter(retain.truthRatio)),
            ("utility_authors_probability", mean(authors.probabilityWithOptions ?? [])), ("utility_authors_rouge_l_recall", mean(authors.rougeLRecall)),
            ("utility_authors_truth_ratio", try trueBetter(authors.truthRatio)),
            ("utility_facts_probability", mean(facts.probabilityWithOptions ?? [])), ("utility_facts_rouge_l_recall", mean(facts.rougeLRecall)),
            ("utility_facts_truth_ratio", try trueBetter(facts.truthRatio)),
        ]
        var auc: Double? = nil, holdoutRecall: Double? = nil
        if let holdoutURL = try? file(["holdout_perturbed.json", "holdout.json"]) {
            let holdout = try evaluate(name: "holdout", url: holdoutURL, correctIsParaphrase: true, withOptions: false)
            sets.append(holdout)
            auc = try MembershipInference.auc(forgetScores: forget.minKScore, holdoutScores: holdout.minKScore)
            holdoutRecall = mean(holdout.rougeLRecall)
        }
        let quality = try oracleForgetTruthRatios.map { try TofuStatistics.forgetQuality(unlearnedTruthRatios: forget.truthRatio, retainTruthRatios: $0) }
        let summary = Summary(
            forgetQuality: quality?.pValue, ksStatistic: quality?.statistic,
            modelUtility: try TofuStatistics.modelUtility(components.map(\.1)),
            forgetTruthRatio: try TofuStatistics.aggregateTruthRatios(forget.truthRatio, aggregation: .closerToOneBetter),
            forgetRougeLRecall: mean(forget.rougeLRecall), retainRougeLRecall: mean(retain.rougeLRecall),
            forgetProbability: mean(forget.probability), retainProbability: mean(retain.probability),
            miaMinKAUC: auc, holdoutRougeLRecall: holdoutRecall, utilityComponents: Dictionary(uniqueKeysWithValues: components))
        return (summary, sets)
    }
}
