import Foundation
import Testing
@testable import Evaluation
@testable import Models
import Tokenizers

/// Multiple-choice scoring against likelihoods known by hand.
@Suite struct MultipleChoiceSuiteTests {
    /// A byte-level BPE without merges: every UTF-8 byte is one token, so token counts are byte counts.
    static func byteTokenizer() throws -> PreTrainedTokenizer {
        try BPETrainer(configuration: BPETrainingConfiguration(vocabularySize: 260)).train(texts: ["unused"]).makeTokenizer()
    }

    @Test func promptsFollowLmEvalTemplates() throws {
        let files = try MultipleChoiceDataset.files(at: EvaluationFixtures.multipleChoiceFolder)
        let wmdp = files[1].questions[0], mmlu = files[0].questions[0]
        #expect(MultipleChoicePrompt.context(question: wmdp, topic: files[1].topic, scoring: .letter)
                == "The following are multiple choice questions (with answers) about biology.\n\n"
                + "Which organelle holds most of a plant cell's chlorophyll?\nA. Nucleus\nB. Ribosome\nC. Chloroplast\nD. Vacuole\nAnswer:")
        #expect(MultipleChoicePrompt.choices(question: wmdp, scoring: .letter) == ["A", "B", "C", "D"])
        let topic = MultipleChoicePrompt.topic(question: mmlu, fileTopic: nil)
        #expect(MultipleChoicePrompt.context(question: mmlu, topic: topic, scoring: .text)
                == "The following are questions (with answers) about elementary mathematics.\n\nQuestion: What is 7 times 6?\nAnswer:")
        #expect(MultipleChoicePrompt.choices(question: mmlu, scoring: .text) == ["42", "36", "48", "56"])
        #expect(MultipleChoicePrompt.context(question: MultipleChoiceQuestion(question: "  Why?\n", choices: ["x", "y"], answer: 0),
                                             topic: nil, scoring: .letter) == "Why?\nA. x\nB. y\nAnswer:")
    }

    /// lm-eval's `_encode_pair`: trailing context whitespace belongs to the continuation; an empty context is the prefix token.
    @Test func requestsSplitLikeLmEval() throws {
        let tokenizer = try Self.byteTokenizer()
        let moved = ContinuationScoring.request(tokenizer: tokenizer, context: "Answer: ", continuation: "A", addSpecialTokens: false)
        #expect(moved == ContinuationScoring.request(tokenizer: tokenizer, context: "Answer:", continuation: " A", addSpecialTokens: false))
        #expect(moved.context.count == 7)
        #expect(moved.continuation.count == 2)
        #expect(ContinuationScoring.request(tokenizer: tokenizer, context: "Answer:\n ", continuation: "A", addSpecialTokens: false)
                == ContinuationScoring.request(tokenizer: tokenizer, context: "Answer:", continuation: "\n A", addSpecialTokens: false))
        let empty = ContinuationScoring.request(tokenizer: tokenizer, context: "", continuation: "hi", addSpecialTokens: false)
        #expect(empty.context == [tokenizer.bosTokenId!])
        #expect(empty.continuation.count == 2)
    }

    /// Every position's logits favour the byte "C": " C" wins every WMDP question, so accuracy is the
    /// share of questions whose answer is C (2 of 4), and each log-likelihood is known in closed form.
    @Test func letterScoringOfAModelThatAlwaysPrefersC() throws {
        let tokenizer = try Self.byteTokenizer()
        let letterC = tokenizer.encode("C", addSpecialTokens: false)
        #expect(letterC.count == 1)
        var row = [Float](repeating: 0, count: tokenizer.vocabularySize)
        row[letterC[0]] = 2
        let suite = MultipleChoiceSuite(model: FixedLogitsModel(row: row, maximumPositions: 512), tokenizer: tokenizer, scoring: .letter)
        let files = try MultipleChoiceDataset.files(at: EvaluationFixtures.multipleChoiceFolder.appendingPathComponent("wmdp-bio.jsonl"))
        let (summary, questions) = try suite.run(files: files)
        #expect(questions.map(\.prediction) == [2, 2, 2, 2])
        #expect(summary.accuracy == 0.5)
        #expect(summary.normalizedAccuracy == 0.5)  // single letters: every length is 1
        #expect(summary.chanceAccuracy == 0.25)
        #expect(summary.files.map(\.name) == ["wmdp-bio"])
        // " X" is two byte tokens, the space and the letter, each scored under the same distribution.
        let logNormaliser = log(Double(tokenizer.vocabularySize - 1) + exp(2.0))
        let expected = [-2 * logNormaliser, -2 * logNormaliser, 2 - 2 * logNormaliser, -2 * logNormaliser]
        for (value, wanted) in zip(questions[0].logLikelihoods, expected) { #expect(abs(value - wanted) <= 1e-5) }
    }

    /// Under a uniform distribution a choice of n bytes (plus the delimiter) scores −(n+1)·log V: `acc` picks
    /// the shortest choice, `acc_norm` (divided by n characters) the longest.
    @Test func textScoringAccuracyAndLengthNormalisedAccuracy() throws {
        let tokenizer = try Self.byteTokenizer()
        let folder = EvaluationFixtures.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try EvaluationFixtures.write(#"""
            {"question": "First?", "choices": ["no", "maybe so", "yes indeed"], "answer": 2}
            {"question": "Second?", "choices": ["a longer answer", "short"], "answer": 1}
            """#, to: "sample.jsonl", in: folder)
        let uniform = FixedLogitsModel(row: [Float](repeating: 0, count: tokenizer.vocabularySize))
        let suite = MultipleChoiceSuite(model: uniform, tokenizer: tokenizer, scoring: .text)
        let (summary, questions) = try suite.run(files: try MultipleChoiceDataset.files(at: folder))
        let logVocabulary = log(Double(tokenizer.vocabularySize))
        for (value, bytes) in zip(questions[0].logLikelihoods, [3.0, 9, 11]) { #expect(abs(value - (-bytes * logVocabulary)) <= 1e-4) }
        #expect(questions.map(\.prediction) == [0, 1])
        #expect(questions.map(\.normalizedPrediction) == [2, 0])
        #expect(summary.accuracy == 0.5)
        #expect(summary.normalizedAccuracy == 0.5)
        #expect(summary.scoring == .text)
    }

    /// The shared-context pass for one-token continuations equals teacher-forced scoring, with contexts of
    /// different lengths padded into one batch.
    @Test func sharedContextScoringEqualsTeacherForcedScoring() throws {
        let tokenizer = try Self.byteTokenizer()
        var configuration = ModelConfiguration.preset(named: "micro")!.fitted(
            vocabularySize: tokenizer.vocabularySize, bosTokenId: tokenizer.bosTokenId, eosTokenIds: tokenizer.eosTokenIds, padTokenId: tokenizer.padTokenId)
        configuration.hiddenSize = 32
        configuration.intermediateSize = 64
        configuration.layerCount = 2
        configuration.headSize = 8
        let model = makeModel(configuration, seed: 7)
        var requests: [ContinuationScoring.Request] = []
        for context in ["Question: one?\nAnswer:", "Q: a much longer question with more words?\nAnswer:"] {
            for letter in ["A", "B", "C"] {
                requests.append(ContinuationScoring.request(tokenizer: tokenizer, context: context, continuation: letter, addSpecialTokens: false))
            }
        }
        requests.append(ContinuationScoring.request(tokenizer: tokenizer, context: "Answer:", continuation: " two tokens", addSpecialTokens: false))
        let shared = ContinuationScoring.logLikelihoods(model: model, requests: requests)
        let teacherForced = ContinuationScoring.logLikelihoods(model: model, requests: requests, sharingContexts: false)
        for (a, b) in zip(shared, teacherForced) { #expect(abs(a - b) <= 1e-4) }
        #expect(shared[0] != shared[1])
    }
}
