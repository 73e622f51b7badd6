import Foundation
import Metrics
import Models
import Tokenizers

/// The MUSE evaluation (muse_bench `eval.py`) on a local corpus folder: VerbMem (ROUGE-L F1 of greedy
/// continuations of forget-set prompts), KnowMem on the forget and retain QA (ROUGE-L of greedy answers
/// after in-context examples) and PrivLeak (the forget-versus-holdout membership-inference AUC relative
/// to a retrained model's).
public struct MuseSuite {
    public let model: CausalLanguageModel
    public let tokenizer: PreTrainedTokenizer
    public let data: MuseDataset
    /// muse_bench's generation budgets and ground-truth cut.
    public var verbatimNewTokens = 128
    public var knowledgeNewTokens = 32
    /// The fraction k of Min-k% (muse_bench's PrivLeak key is `Min-40%`).
    public var minKFraction = 0.4

    public init(model: CausalLanguageModel, tokenizer: PreTrainedTokenizer, data: MuseDataset) {
        self.model = model
        self.tokenizer = tokenizer
        self.data = data
    }

    /// Runs VerbMem, KnowMem and PrivLeak; `reference` chooses what PrivLeak compares with.
    public func run(reference: MusePrivacyReference) throws -> (summary: Summary, samples: MuseSampleResults) {
        let verbatim = try verbatimMemorization(data.verbatimForget)
        let knowledgeForget = try knowledgeMemorization(data.knowledgeForget, examples: data.knowledgeForgetExamples)
        let knowledgeRetain = try knowledgeMemorization(data.knowledgeRetain, examples: data.knowledgeRetainExamples)
        let privacyForget = try privacyScores(data.privacyForget)
        let privacyHoldout = try privacyScores(data.privacyHoldout)
        let privacyRetain = try data.privacyRetain.map(privacyScores)
        let forgetHoldout = try Self.aucs(split: privacyForget, holdout: privacyHoldout)
        let retainHoldout = try privacyRetain.map { try Self.aucs(split: $0, holdout: privacyHoldout) }
        func mean(_ values: [Double]) -> Double { values.reduce(0, +) / Double(max(values.count, 1)) }
        let summary = Summary(
            verbmemForgetRougeLF1: mean(verbatim.map(\.rougeLF1)),
            knowmemForgetRougeLF1: mean(knowledgeForget.map(\.rougeLF1)), knowmemForgetRougeLRecall: mean(knowledgeForget.map(\.rougeLRecall)),
            knowmemRetainRougeLF1: mean(knowledgeRetain.map(\.rougeLF1)), knowmemRetainRougeLRecall: mean(knowledgeRetain.map(\.rougeLRecall)),
            knowmemForgetInContextExamples: data.knowledgeForgetExamples.count, knowmemRetainInContextExamples: data.knowledgeRetainExamples.count,
            forgetHoldoutAUCMinK: forgetHoldout.minK, forgetHoldoutAUCMinKPlusPlus: forgetHoldout.minKPlusPlus,
            retainHoldoutAUCMinK: retainHoldout?.minK, retainHoldoutAUCMinKPlusPlus: retainHoldout?.minKPlusPlus,
            privleakMinK: try reference.minKAUC.map { try PrivacyLeakage.museBench(auc: forgetHoldout.minK, retrainAUC: $0) },
            privleakMinKPlusPlus: try reference.minKPlusPlusAUC.map { try PrivacyLeakage.museBench(auc: forgetHoldout.minKPlusPlus, retrainAUC: $0) },
            privleakReference: reference.name, referenceAUCMinK: reference.minKAUC, referenceAUCMinKPlusPlus: reference.minKPlusPlusAUC)
        let samples = MuseSampleResults(verbmemForget: verbatim, knowmemForget: knowledgeForget, knowmemRetain: knowledgeRetain,
                                        privleakForget: privacyForget, privleakHoldout: privacyHoldout, privleakRetain: privacyRetain)
        return (summary, samples)
    }

    /// The forget-versus-holdout AUCs alone: what a retrained oracle contributes to PrivLeak.
    public func forgetHoldoutAUCs() throws -> MusePrivacyAUCs {
        try Self.aucs(split: try privacyScores(data.privacyForget), holdout: try privacyScores(data.privacyHoldout))
    }

    // MARK: VerbMem

    /// muse_bench `verbmem.eval`: greedy continuation of each prompt, ROUGE-L F1 against the ground truth's
    /// first `verbatimNewTokens` tokens (encoded with special tokens, so a BOS takes one of them).
    public func verbatimMemorization(_ samples: [MuseDataset.VerbatimSample]) throws -> [MuseSampleResults.Verbatim] {
        let scorer = try RougeScorer(types: [.rougeL], useStemmer: false)
        let completion = GreedyCompletion(model: model, tokenizer: tokenizer)
        return samples.map { sample in
            let generation = completion.complete(sample.prompt, maximumNewTokens: verbatimNewTokens)
            let groundTruth = completion.decode(Array(tokenizer.encode(sample.groundTruth, addSpecialTokens: true).prefix(verbatimNewTokens)))
            let score = scorer.score(target: groundTruth, prediction: generation)[.rougeL]!
            return MuseSampleResults.Verbatim(prompt: sample.prompt, groundTruth: groundTruth, generation: generation, rougeLF1: score.fMeasure)
        }
    }

    // MARK: KnowMem

    /// muse_bench's few-shot prompt: each demonstration as "Question: …\nAnswer: …\n\n", then the question.
    public static func knowledgePrompt(question: String, examples: [MuseDataset.QuestionAnswer]) -> String {
        examples.map { "Question: \($0.question)\nAnswer: \($0.answer)\n\n" }.joined() + "Question: \(question)\nAnswer: "
    }

    /// muse_bench stops reading an answer where the model starts the next turn of the few-shot pattern.
    public static func firstAnswer(in generation: String) -> String {
        ["\n\n", "\nQuestion", "Question:"].reduce(generation) { text, marker in
            text.components(separatedBy: marker).first ?? text
        }
    }

    /// muse_bench `knowmem.eval`: greedy answers after the few-shot prompt, ROUGE-L against the reference answer.
    public func knowledgeMemorization(_ questions: [MuseDataset.QuestionAnswer],
                                      examples: [MuseDataset.QuestionAnswer]) throws -> [MuseSampleResults.Knowledge] {
        let scorer = try RougeScorer(types: [.rougeL], useStemmer: false)
        let completion = GreedyCompletion(model: model, tokenizer: tokenizer)
        return questions.map { item in
            let prompt = Self.knowledgePrompt(question: item.question, examples: examples)
            let generation = Self.firstAnswer(in: completion.complete(prompt, maximumNewTokens: knowledgeNewTokens))
            let score = scorer.score(target: item.answer, prediction: generation)[.rougeL]!
            return MuseSampleResults.Knowledge(question: item.question, answer: item.answer, generation: generation,
                                               rougeLF1: score.fMeasure, rougeLRecall: score.recall)
        }
    }

    // MARK: PrivLeak

    /// Min-k% and Min-k%++ scores of each text, encoded as muse_bench's `tokenizer.encode(text)` (special
    /// tokens included) and cut to the model's context.
    public func privacyScores(_ texts: [String]) throws -> [MuseSampleResults.Privacy] {
        let sequences = texts.map { Array(tokenizer.encode($0, addSpecialTokens: true).prefix(model.configuration.maximumPositions)) }
        let statistics = TextTokenScoring.score(model: model, sequences: sequences)
        return try zip(texts, statistics).map { text, statistics in
            MuseSampleResults.Privacy(
                text: text, tokens: statistics.tokenLogProbabilities.count,
                minK: try MembershipInference.minKScore(tokenLogProbabilities: statistics.tokenLogProbabilities, fraction: minKFraction),
                minKPlusPlus: try MembershipInference.minKPlusPlusScore(tokenLogProbabilities: statistics.tokenLogProbabilities,
                                                                        moments: statistics.moments, fraction: minKFraction))
        }
    }

    /// muse_bench `privleak.sweep`: `roc_curve(y, −score)` with the split's texts labelled 0 and the holdout's 1.
    public static func auc(splitScores: [Double], holdoutScores: [Double]) throws -> Double {
        let labels = [Int](repeating: 0, count: splitScores.count) + [Int](repeating: 1, count: holdoutScores.count)
        return try rocAUC(labels: labels, scores: (splitScores + holdoutScores).map { -$0 })
    }

    static func aucs(split: [MuseSampleResults.Privacy], holdout: [MuseSampleResults.Privacy]) throws -> MusePrivacyAUCs {
        MusePrivacyAUCs(minK: try auc(splitScores: split.map(\.minK), holdoutScores: holdout.map(\.minK)),
                        minKPlusPlus: try auc(splitScores: split.map(\.minKPlusPlus), holdoutScores: holdout.map(\.minKPlusPlus)))
    }
}
