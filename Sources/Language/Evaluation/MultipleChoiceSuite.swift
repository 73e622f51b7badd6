import Foundation
import Metrics
import Models
import Tokenizers

/// Multiple-choice accuracy (WMDP, MMLU) as lm-evaluation-harness computes it: zero-shot prompts from
/// `MultipleChoicePrompt`, the log-likelihood of each choice after the prompt, `acc` = argmax of the
/// log-likelihoods and `acc_norm` = argmax after dividing by the choice's length in characters.
public struct MultipleChoiceSuite {
    /// One question's scores (a row of samples.json).
    public struct QuestionResult: Codable, Sendable {
        public var file: String
        public var question: String
        public var choices: [String]
        public var answer: Int
        /// Σ log p of each compared string (" A" … or " choice text") after the prompt.
        public var logLikelihoods: [Double]
        public var prediction: Int
        public var normalizedPrediction: Int

        enum CodingKeys: String, CodingKey {
            case file, question, choices, answer, prediction
            case logLikelihoods = "log_likelihoods", normalizedPrediction = "normalized_prediction"
        }
    }

    public let model: CausalLanguageModel
    public let tokenizer: PreTrainedTokenizer
    public var scoring: MultipleChoicePrompt.Scoring
    /// lm-eval's Hugging Face models encode without special tokens unless `add_bos_token=True` is given.
    public var addsSpecialTokens = false

    public init(model: CausalLanguageModel, tokenizer: PreTrainedTokenizer, scoring: MultipleChoicePrompt.Scoring = .letter) {
        self.model = model
        self.tokenizer = tokenizer
        self.scoring = scoring
    }

    /// Scores every question of every file.
    public func run(files: [MultipleChoiceFile]) throws -> (summary: Summary, questions: [QuestionResult]) {
        var requests: [ContinuationScoring.Request] = []
        var compared: [[String]] = []
        for file in files {
            for (index, question) in file.questions.enumerated() {
                if scoring == .letter && question.choices.count > 26 {
                    throw EvaluationDataError(file: file.url.path, row: index + 1,
                                              problem: .invalidValue(field: "choices", reason: "letter scoring labels at most 26 choices"))
                }
                if scoring == .text && question.choices.contains(where: \.isEmpty) {
                    // acc_norm divides by the choice's length.
                    throw EvaluationDataError(file: file.url.path, row: index + 1,
                                              problem: .invalidValue(field: "choices", reason: "text scoring needs non-empty choices"))
                }
                let topic = MultipleChoicePrompt.topic(question: question, fileTopic: file.topic)
                let context = MultipleChoicePrompt.context(question: question, topic: topic, scoring: scoring)
                let strings = MultipleChoicePrompt.choices(question: question, scoring: scoring)
                compared.append(strings)
                for string in strings {
                    requests.append(ContinuationScoring.request(tokenizer: tokenizer, context: context,
                                                                continuation: MultipleChoicePrompt.targetDelimiter + string,
                                                                addSpecialTokens: addsSpecialTokens))
                }
            }
        }
        let likelihoods = ContinuationScoring.logLikelihoods(model: model, requests: requests)
        var results: [QuestionResult] = []
        var fileSummaries: [FileSummary] = []
        var offset = 0, questionIndex = 0
        for file in files {
            var fileLikelihoods: [[Double]] = [], fileStrings: [[String]] = []
            for question in file.questions {
                let strings = compared[questionIndex]
                let values = Array(likelihoods[offset..<(offset + strings.count)])
                offset += strings.count
                questionIndex += 1
                fileLikelihoods.append(values)
                fileStrings.append(strings)
                let normalized = try MultipleChoiceAccuracy.lengthNormalized(choiceLogLikelihoods: values, choiceTexts: strings)
                results.append(QuestionResult(
                    file: file.name, question: question.question, choices: question.choices, answer: question.answer,
                    logLikelihoods: values, prediction: try MultipleChoiceAccuracy.prediction(choiceLogLikelihoods: values),
                    normalizedPrediction: try MultipleChoiceAccuracy.prediction(choiceLogLikelihoods: normalized)))
            }
            let answers = file.questions.map(\.answer)
            fileSummaries.append(FileSummary(
                name: file.name, topic: file.topic, questions: file.questions.count,
                accuracy: try MultipleChoiceAccuracy.accuracy(choiceLogLikelihoods: fileLikelihoods, answers: answers),
                normalizedAccuracy: try MultipleChoiceAccuracy.normalizedAccuracy(choiceLogLikelihoods: fileLikelihoods,
                                                                                  choiceTexts: fileStrings, answers: answers)))
        }
        // lm-eval aggregates a group (WMDP's three files) by the size-weighted mean of its tasks.
        let total = Double(max(results.count, 1))
        func weighted(_ value: (FileSummary) -> Double) -> Double {
            fileSummaries.reduce(0) { $0 + value($1) * Double($1.questions) } / total
        }
        let summary = Summary(
            scoring: scoring, questions: results.count, accuracy: weighted(\.accuracy), normalizedAccuracy: weighted(\.normalizedAccuracy),
            chanceAccuracy: results.reduce(0) { $0 + 1 / Double($1.choices.count) } / total, files: fileSummaries)
        return (summary, results)
    }
}
