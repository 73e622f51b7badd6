import Foundation
import Optimization
import XCTest
@testable import Evaluation
import Metrics
@testable import Models
import Tokenizers
import Training

/// The MUSE suite on a tiny model trained here on the sample corpus's forget side only.
final class MuseSuiteTests: XCTestCase {
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

    func testMemorisedKnowledgeScoresHighAndUnseenKnowledgeLow() throws {
        let fixture = try Self.fixture.get()
        let suite = MuseSuite(model: fixture.trained, tokenizer: fixture.tokenizer, data: fixture.data)
        let (summary, samples) = try suite.run(reference: .published(.news))
        XCTAssertGreaterThan(summary.knowmemForgetRougeLF1, 0.9, "\(samples.knowmemForget.map(\.generation))")
        XCTAssertGreaterThan(summary.knowmemForgetRougeLRecall, 0.9)
        XCTAssertLessThan(summary.knowmemRetainRougeLF1, 0.3, "\(samples.knowmemRetain.map(\.generation))")
        XCTAssertLessThan(summary.knowmemRetainRougeLRecall, 0.3)
        XCTAssertGreaterThan(summary.verbmemForgetRougeLF1, 0.9, "\(samples.verbmemForget.map(\.generation))")
        XCTAssertEqual(summary.knowmemForgetInContextExamples, 2)
        // Memorised forget texts are far likelier than unseen holdout texts: AUC near 0 in muse_bench's orientation.
        XCTAssertLessThan(summary.forgetHoldoutAUCMinK, 0.1)
        XCTAssertLessThan(summary.forgetHoldoutAUCMinKPlusPlus, 0.2)
        XCTAssertLessThan(try XCTUnwrap(summary.retainHoldoutAUCMinK), 0.2)
        XCTAssertEqual(summary.privleakReference, "published_news")
        XCTAssertEqual(try XCTUnwrap(summary.privleakMinK), (summary.forgetHoldoutAUCMinK - 0.4772) / 0.4772 * 100, accuracy: 1e-9)
        XCTAssertLessThan(try XCTUnwrap(summary.privleakMinK), -75)  // under-unlearned, as a target model is
        XCTAssertNil(summary.privleakMinKPlusPlus)                     // no published Min-K%++ retrain AUC exists
        XCTAssertEqual(samples.privleakForget.count, 6)
        XCTAssertEqual(samples.verbmemForget[0].groundTruth, " voted to rebuild the copper bridge before the winter storms.")
    }

    /// An untrained model knows none of the answers; as the oracle it supplies both reference AUCs.
    func testAnUntrainedOracleIsTheReferenceForBothAttacks() throws {
        let fixture = try Self.fixture.get()
        let untrained = MuseSuite(model: fixture.untrained, tokenizer: fixture.tokenizer, data: fixture.data)
        var quick = untrained
        quick.verbatimNewTokens = 8
        quick.knowledgeNewTokens = 8
        let oracle = try untrained.forgetHoldoutAUCs()
        let (summary, _) = try quick.run(reference: .oracle(oracle))
        XCTAssertLessThan(summary.knowmemForgetRougeLF1, 0.3)
        XCTAssertEqual(summary.privleakReference, "oracle")
        XCTAssertEqual(summary.referenceAUCMinK, oracle.minK)
        XCTAssertEqual(summary.referenceAUCMinKPlusPlus, oracle.minKPlusPlus)
        // The model is its own oracle here: PrivLeak 0 for both attacks.
        XCTAssertEqual(try XCTUnwrap(summary.privleakMinK), 0, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(summary.privleakMinKPlusPlus), 0, accuracy: 1e-12)
        let unreferenced = try quick.run(reference: .none).summary
        XCTAssertNil(unreferenced.privleakMinK)
        XCTAssertEqual(unreferenced.privleakReference, "none")
    }

    /// PrivLeak by hand. Min-40% scores (higher = less member-like) forget [1, 2, 3, 2.5], holdout [2.5, 4].
    /// muse_bench's AUC is the share of (forget, holdout) pairs where the holdout text scores lower, ties
    /// counting ½: only 2.5 < 3 and the tie 2.5 = 2.5, so AUC = 1.5/8 = 0.1875; against MUSE-News's retrain
    /// AUC 0.4772, PrivLeak = (0.1875 − 0.4772)/0.4772 × 100 = −60.7083…%.
    func testPrivacyLeakageMatchesAHandComputation() throws {
        let auc = try MuseSuite.auc(splitScores: [1, 2, 3, 2.5], holdoutScores: [2.5, 4])
        XCTAssertEqual(auc, 0.1875, accuracy: 1e-15)
        XCTAssertEqual(try PrivacyLeakage.museBench(auc: auc, retrainAUC: MuseCorpus.news.publishedRetrainMinKAUC), -60.70829840737636, accuracy: 1e-9)
        // open-unlearning's orientation (1 − AUC) and formula give the same number.
        XCTAssertEqual(PrivacyLeakage.openUnlearning(auc: 1 - auc, referenceAUC: 1 - 0.4772), -60.70829840737636, accuracy: 1e-6)
        XCTAssertEqual(MuseCorpus.books.publishedRetrainMinKAUC, 0.5393)
    }

    func testFewShotPromptAndAnswerCutFollowMuseBench() {
        let prompt = MuseSuite.knowledgePrompt(question: "Who?", examples: [.init(question: "Q1", answer: "A1"), .init(question: "Q2", answer: "A2")])
        XCTAssertEqual(prompt, "Question: Q1\nAnswer: A1\n\nQuestion: Q2\nAnswer: A2\n\nQuestion: Who?\nAnswer: ")
        XCTAssertEqual(MuseSuite.knowledgePrompt(question: "Who?", examples: []), "Question: Who?\nAnswer: ")
        XCTAssertEqual(MuseSuite.firstAnswer(in: "Ardith Penrose\n\nQuestion: next"), "Ardith Penrose")
        XCTAssertEqual(MuseSuite.firstAnswer(in: "Ardith\nQuestion: next"), "Ardith")
        XCTAssertEqual(MuseSuite.firstAnswer(in: "Ardith Question: next"), "Ardith ")
        XCTAssertEqual(TokenizationSpaceCleanup.apply("He said , \" it is n't so . \" They 're here !"),
                       "He said, \" it isn't so. \" They're here!")
    }
}
