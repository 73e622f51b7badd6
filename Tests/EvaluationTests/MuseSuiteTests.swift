import Foundation
import Optimization
import Testing
@testable import Evaluation
import Metrics
@testable import Models
import Tokenizers
import Training

/// The MUSE suite on a tiny model trained here on the sample corpus's forget side only.
@Suite struct MuseSuiteTests {
    struct Trained {
        let tokenizer: PreTrainedTokenizer
        let data: MuseDataset
        let trained: CausalLanguageModel
        let untrained: CausalLanguageModel
    }

    /// Trained once for the class: VerbMem prompts with their continuations, the forget QA in KnowMem's
    /// few-shot prompt, and the forget and retain PrivLeak texts. Retain QA and holdout texts stay unseen.
    nonisolated(unsafe) static let fixture: Result<Trained, Error> = Result {
        let data = try MuseDataset.read(folder: EvaluationFixtures.museFolder)
        let corpus = data.verbatimForget.flatMap { [$0.prompt, $0.groundTruth] }
            + (data.knowledgeForget + data.knowledgeRetain + data.knowledgeForgetExamples + data.knowledgeRetainExamples).flatMap { [$0.question, $0.answer] }
            + data.privacyForget + data.privacyHoldout + (data.privacyRetain ?? []) + ["Question: Answer:"]
        // Merging every repeated pair keeps sequences short, which keeps debug-build training fast.
        let tokenizer = try BPETrainer(configuration: BPETrainingConfiguration(vocabularySize: 1000, minimumFrequency: 1))
            .train(texts: corpus).makeTokenizer()
        var configuration = ModelConfiguration.preset(named: "micro")!.fitted(
            vocabularySize: tokenizer.vocabularySize, bosTokenId: tokenizer.bosTokenId, eosTokenIds: tokenizer.eosTokenIds, padTokenId: tokenizer.padTokenId)
        configuration.hiddenSize = 64
        configuration.intermediateSize = 128
        configuration.layerCount = 2
        configuration.headSize = 16
        let end = tokenizer.eosTokenIds.first.map { [$0] } ?? []
        let formatter = ExampleFormatter(tokenizer: tokenizer, layout: .qa)
        var examples = data.verbatimForget.map {
            TokenizedExample(prompt: tokenizer.encode($0.prompt, addSpecialTokens: true), answer: tokenizer.encode($0.groundTruth, addSpecialTokens: false) + end)
        }
        examples += data.knowledgeForget.map {
            TokenizedExample(prompt: tokenizer.encode(MuseSuite.knowledgePrompt(question: $0.question, examples: data.knowledgeForgetExamples),
                                                      addSpecialTokens: true),
                             answer: tokenizer.encode($0.answer, addSpecialTokens: false) + end)
        }
        examples += (data.privacyForget + (data.privacyRetain ?? [])).map { formatter.example(text: $0) }
        var settings = TrainingConfiguration()
        // 60 steps already reproduce every forget answer; 70 leave a margin.
        settings.steps = 70
        settings.microBatchSize = examples.count
        settings.learningRate = 1e-2
        settings.warmupSteps = 5
        settings.weightDecay = 0
        let model = makeModel(configuration, seed: 11)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("unlearn-muse-train-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try Trainer(model: model, examples: examples, padId: tokenizer.padTokenId ?? 0, configuration: settings, directory: directory).run(resume: false)
        return Trained(tokenizer: tokenizer, data: data, trained: model, untrained: makeModel(configuration, seed: 11))
    }

    @Test func memorisedKnowledgeScoresHighAndUnseenKnowledgeLow() throws {
        let fixture = try Self.fixture.get()
        let suite = MuseSuite(model: fixture.trained, tokenizer: fixture.tokenizer, data: fixture.data)
        let (summary, samples) = try suite.run(reference: .published(.news))
        #expect(summary.knowmemForgetRougeLF1 > 0.9, "\(samples.knowmemForget.map(\.generation))")
        #expect(summary.knowmemForgetRougeLRecall > 0.9)
        #expect(summary.knowmemRetainRougeLF1 < 0.3, "\(samples.knowmemRetain.map(\.generation))")
        #expect(summary.knowmemRetainRougeLRecall < 0.3)
        #expect(summary.verbmemForgetRougeLF1 > 0.9, "\(samples.verbmemForget.map(\.generation))")
        #expect(summary.knowmemForgetInContextExamples == 2)
        // Memorised forget texts are far likelier than unseen holdout texts: AUC near 0 in muse_bench's orientation.
        #expect(summary.forgetHoldoutAUCMinK < 0.1)
        #expect(summary.forgetHoldoutAUCMinKPlusPlus < 0.2)
        let retainHoldoutAUCMinK = try #require(summary.retainHoldoutAUCMinK)
        #expect(retainHoldoutAUCMinK < 0.2)
        #expect(summary.privleakReference == "published_news")
        let privleakMinK = try #require(summary.privleakMinK)
        #expect(abs(privleakMinK - (summary.forgetHoldoutAUCMinK - 0.4772) / 0.4772 * 100) <= 1e-9)
        #expect(privleakMinK < -75)                        // under-unlearned, as a target model is
        #expect(summary.privleakMinKPlusPlus == nil)      // no published Min-K%++ retrain AUC exists
        #expect(samples.privleakForget.count == 6)
        #expect(samples.verbmemForget[0].groundTruth == " voted to rebuild the copper bridge before the winter storms.")
    }

    /// An untrained model knows none of the answers; as the oracle it supplies both reference AUCs.
    @Test func anUntrainedOracleIsTheReferenceForBothAttacks() throws {
        let fixture = try Self.fixture.get()
        let untrained = MuseSuite(model: fixture.untrained, tokenizer: fixture.tokenizer, data: fixture.data)
        var quick = untrained
        quick.verbatimNewTokens = 8
        quick.knowledgeNewTokens = 8
        let oracle = try untrained.forgetHoldoutAUCs()
        let (summary, _) = try quick.run(reference: .oracle(oracle))
        #expect(summary.knowmemForgetRougeLF1 < 0.3)
        #expect(summary.privleakReference == "oracle")
        #expect(summary.referenceAUCMinK == oracle.minK)
        #expect(summary.referenceAUCMinKPlusPlus == oracle.minKPlusPlus)
        // The model is its own oracle here: PrivLeak 0 for both attacks.
        #expect(try abs(#require(summary.privleakMinK)) <= 1e-12)
        #expect(try abs(#require(summary.privleakMinKPlusPlus)) <= 1e-12)
        let unreferenced = try quick.run(reference: .none).summary
        #expect(unreferenced.privleakMinK == nil)
        #expect(unreferenced.privleakReference == "none")
    }

    /// PrivLeak by hand. Min-40% scores (higher = less member-like) forget [1, 2, 3, 2.5], holdout [2.5, 4].
    /// muse_bench's AUC is the share of (forget, holdout) pairs where the holdout text scores lower, ties
    /// counting ½: only 2.5 < 3 and the tie 2.5 = 2.5, so AUC = 1.5/8 = 0.1875; against MUSE-News's retrain
    /// AUC 0.4772, PrivLeak = (0.1875 − 0.4772)/0.4772 × 100 = −60.7083…%.
    @Test func privacyLeakageMatchesAHandComputation() throws {
        let auc = try MuseSuite.auc(splitScores: [1, 2, 3, 2.5], holdoutScores: [2.5, 4])
        #expect(abs(auc - 0.1875) <= 1e-15)
        let museBench = try PrivacyLeakage.museBench(auc: auc, retrainAUC: MuseCorpus.news.publishedRetrainMinKAUC)
        #expect(abs(museBench - (-60.70829840737636)) <= 1e-9)
        // open-unlearning's orientation (1 − AUC) and formula give the same number.
        #expect(abs(PrivacyLeakage.openUnlearning(auc: 1 - auc, referenceAUC: 1 - 0.4772) - (-60.70829840737636)) <= 1e-6)
        #expect(MuseCorpus.books.publishedRetrainMinKAUC == 0.5393)
    }

    @Test func fewShotPromptAndAnswerCutFollowMuseBench() {
        let prompt = MuseSuite.knowledgePrompt(question: "Who?", examples: [.init(question: "Q1", answer: "A1"), .init(question: "Q2", answer: "A2")])
        #expect(prompt == "Question: Q1\nAnswer: A1\n\nQuestion: Q2\nAnswer: A2\n\nQuestion: Who?\nAnswer: ")
        #expect(MuseSuite.knowledgePrompt(question: "Who?", examples: []) == "Question: Who?\nAnswer: ")
        #expect(MuseSuite.firstAnswer(in: "Ardith Penrose\n\nQuestion: next") == "Ardith Penrose")
        #expect(MuseSuite.firstAnswer(in: "Ardith\nQuestion: next") == "Ardith")
        #expect(MuseSuite.firstAnswer(in: "Ardith Question: next") == "Ardith ")
        #expect(TokenizationSpaceCleanup.apply("He said , \" it is n't so . \" They 're here !")
                == "He said, \" it isn't so. \" They're here!")
    }
}
