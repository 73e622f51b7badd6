import Benchmark
import Foundation
import Testing
@testable import Evaluation
@testable import Models
import Tokenizers
import Training

/// The TOFU suite and answer scoring on a small generated benchmark and an untrained model.
@Suite struct EvaluationTests {
    static func makeFixture() throws -> (URL, PreTrainedTokenizer, CausalLanguageModel) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("unlearn-eval-\(UUID().uuidString)")
        _ = try FictitiousAuthorsGenerator.writeBenchmark(to: folder, preset: .demo, seed: 4)
        let texts = try QADataset.read(url: folder.appendingPathComponent("full.json")).flatMap { [$0.question, $0.answer] }
        let trained = try BPETrainer(configuration: BPETrainingConfiguration(vocabularySize: 400)).train(texts: texts)
        let tokenizer = try trained.makeTokenizer()
        // A deliberately small model: the suite's bookkeeping is under test, and debug builds are slow.
        var configuration = ModelConfiguration.preset(named: "micro")!.fitted(
            vocabularySize: tokenizer.vocabularySize, bosTokenId: tokenizer.bosTokenId, eosTokenIds: tokenizer.eosTokenIds, padTokenId: tokenizer.padTokenId)
        configuration.hiddenSize = 16
        configuration.intermediateSize = 32
        configuration.layerCount = 1
        configuration.attentionHeads = 2
        configuration.keyValueHeads = 1
        configuration.headSize = 8
        return (folder, tokenizer, makeModel(configuration, seed: 1))
    }

    @Test func batchedAnswerScoringEqualsOneAtATime() throws {
        let (folder, tokenizer, model) = try Self.makeFixture()
        defer { try? FileManager.default.removeItem(at: folder) }
        let formatter = ExampleFormatter(tokenizer: tokenizer, layout: .qa)
        let rows = try QADataset.read(url: folder.appendingPathComponent("forget10.json")).prefix(5)
        let examples = try rows.map { try formatter.example(question: $0.question, answer: $0.answer) }
        let batched = AnswerScoring.score(model: model, examples: examples, batchSize: 5)
        for (example, score) in zip(examples, batched) {
            let alone = AnswerScoring.score(model: model, examples: [example], batchSize: 1)[0]
            #expect(score.tokenLogProbabilities.count == example.targetCount)
            for (a, b) in zip(score.tokenLogProbabilities, alone.tokenLogProbabilities) { #expect(abs(a - b) <= 1e-4) }
        }
    }

    @Test func suiteSummaryIsWellFormedAndAnOracleMatchesItself() throws {
        let (folder, tokenizer, model) = try Self.makeFixture()
        defer { try? FileManager.default.removeItem(at: folder) }
        var suite = TofuSuite(model: model, tokenizer: tokenizer, data: folder, split: "forget10")
        suite.maximumNewTokens = 4
        // Both passes must give bitwise-identical truth ratios. A test running alongside can change the
        // process-wide OpenBLAS thread count (attention sets it to 1) and with it the rounding, so
        // scripts/test.sh runs tests one at a time (`swift test --no-parallel`).
        let (summary, sets) = try suite.run(oracleForgetTruthRatios: try suite.forgetTruthRatios())
        #expect(summary.forgetQuality == 1)  // identical truth ratios: the KS test cannot tell them apart
        #expect(summary.ksStatistic == 0)
        #expect(sets.map(\.name) == ["forget", "retain", "utility_authors", "utility_facts", "holdout"])
        #expect(summary.utilityComponents.count == 9)
        for value in [summary.modelUtility, summary.forgetTruthRatio, summary.forgetProbability, summary.retainRougeLRecall] {
            #expect(value >= 0 && value <= 1, "\(value)")
        }
        #expect(sets[0].truthRatio.count == 20)                // demo forget10: 2 authors × 10 QA
        #expect(summary.forgetProbability < 0.05)          // an untrained model knows nothing
        #expect(summary.miaMinKAUC != nil)
    }
}
