import Foundation
import Testing
import TestSupport
@testable import Engine
@testable import Models
import Tokenizers

/// The real SmolLM2-135M-Instruct GGUF (Q4_1) against transformers loading the same file
/// (Fixtures/smollm2_reference.json, written by scripts/fixtures/make_smollm2_reference.py).
/// Skips, saying so, when scripts/fetch_model.sh has not fetched the model; fails instead when
/// UNLEARN_REQUIRE_REAL_MODEL=1 (CI). Every test here and below carries the `.realModel` trait.
@Suite struct RealModelTests {

    struct Reference: Decodable {
        struct Case: Decodable {
            let prompt: String, ids: [Int], mean_nll: Double, top5: [Int], last_logits_head: [Float]
        }
        struct Chat: Decodable { let prompt_ids: [Int], generated_ids: [Int], answer: String }
        let cases: [Case]
        let chat: Chat
    }

    /// The real model, or nil after recording the failure. The `.realModel` trait lets a test run without
    /// the model only when CI requires it, so a missing model here always fails the test.
    static func loadModel(sourceLocation: SourceLocation = #_sourceLocation) throws -> LoadedModel? {
        guard let url = RealModel.smolLM2URL else {
            Issue.record("\(RealModel.missingMessage) (\(RealModel.requiredSwitch)=1 makes this a failure)",
                         sourceLocation: sourceLocation)
            return nil
        }
        return try ModelLoader.load(path: url.path)
    }

    static func reference() throws -> Reference {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/smollm2_reference.json")
        return try JSONDecoder().decode(Reference.self, from: Data(contentsOf: url))
    }

    @Test(.realModel) func ggufModelMatchesTransformersScores() throws {
        guard let loaded = try Self.loadModel() else { return }
        #expect(loaded.model.configuration == GGUFExpectation.configuration)
        #expect(loaded.storedTypes == ["Q4_1": 210, "F32": 61, "Q8_0": 1])
        for example in try Self.reference().cases {
            let ids = example.ids
            let logits = GradientMode.withoutGradients { loaded.model.logits(tokens: ids, batch: 1, length: ids.count) }
            let vocabulary = logits.shape[2]
            let last = logits.value.data + (ids.count - 1) * vocabulary
            let lastRow = Array(UnsafeBufferPointer(start: last, count: vocabulary))
            let top5 = lastRow.indices.sorted { lastRow[$0] > lastRow[$1] }.prefix(5)
            #expect(Array(top5) == example.top5, "\(example.prompt)")
            let head = Array(lastRow.prefix(16))
            let headCloseness = closeness(head, example.last_logits_head, tolerance: 2e-3, scale: .absolute)
            #expect(headCloseness.passes, "\(example.prompt) logits: \(headCloseness)")
            let targets = Array(ids.dropFirst()) + [-100]
            let loss = GradientMode.withoutGradients { sequenceLoss(logits: logits, targets: targets) }
            let meanNLL = Double(loss.negativeLogLikelihoodSum.value.scalar) / Double(max(1, ids.count - 1))
            let nllCloseness = closeness(meanNLL, example.mean_nll, tolerance: 1e-3, scale: .absolute)
            #expect(nllCloseness.passes, "\(example.prompt) mean NLL: \(nllCloseness)")
        }
    }

    @Test(.realModel) func greedyChatAnswerMatchesTransformers() throws {
        guard let loaded = try Self.loadModel() else { return }
        let chat = try Self.reference().chat
        let generated = TextGeneration.generate(model: loaded.model, prompt: chat.prompt_ids, maximumTokens: 40,
                                                stopTokens: Set(loaded.model.configuration.eosTokenIds))
        #expect(generated == chat.generated_ids, "expected the answer \(chat.answer)")
    }
}

extension Trait where Self == ConditionTrait {
    /// Runs a real-model test when the model is present or when CI requires it (`loadModel` then fails the
    /// test); otherwise skips it with the reason. Swift Testing has no skip from inside a running test.
    static var realModel: Self {
        .enabled(if: RealModel.smolLM2URL != nil || RealModel.isRequired, "\(RealModel.missingMessage)")
    }
}

/// What the SmolLM2 GGUF metadata must turn into.
enum GGUFExpectation {
    static let configuration = ModelConfiguration(
        architecture: .llama, modelType: "llama", vocabularySize: 49152, hiddenSize: 576, intermediateSize: 1536,
        layerCount: 30, attentionHeads: 9, keyValueHeads: 3, headSize: 64, maximumPositions: 8192, normEpsilon: 1e-5,
        ropeTheta: 100_000, ropeScaling: nil, tiedEmbeddings: true, queryKeyValueBias: false, outputProjectionBias: false,
        mlpBias: false, bosTokenId: 1, eosTokenIds: [2], padTokenId: 2)
}

/// The tokenizer and chat template read from the GGUF produce transformers' ids for the same file.
@Suite struct RealTokenizerTests {
    @Test(.realModel) func promptIdsAndChatPromptMatchTransformers() throws {
        guard let loaded = try RealModelTests.loadModel() else { return }
        let tokenizer = try TokenizerLoading.tokenizer(for: loaded)
        let reference = try RealModelTests.reference()
        for example in reference.cases {
            #expect(tokenizer.encode(example.prompt, addSpecialTokens: true) == example.ids, "\(example.prompt)")
            #expect(PromptScoring.score(model: loaded.model, ids: example.ids).topNext == example.top5, "\(example.prompt)")
        }
        let chat = try tokenizer.applyChatTemplate([.user("What is 2+2?")], addGenerationPrompt: true)
        #expect(tokenizer.encode(chat, addSpecialTokens: false) == reference.chat.prompt_ids)
        #expect(tokenizer.decode(reference.chat.generated_ids, skipSpecialTokens: true) == reference.chat.answer)
    }
}

/// `unlearn convert` writes the GGUF tokenizer as tokenizer.json; loading that back gives the same ids.
@Suite struct TokenizerExportTests {
    @Test(.realModel) func exportedTokenizerJSONEncodesLikeTheGGUFVocabulary() throws {
        guard let loaded = try RealModelTests.loadModel() else { return }
        let original = try TokenizerLoading.tokenizer(for: loaded)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("unlearn-tokenizer-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, data) in try TokenizerExport.huggingFaceFiles(from: #require(loaded.gguf)) {
            try data.write(to: folder.appendingPathComponent(name))
        }
        let exported = try TokenizerLoader.load(directory: folder)
        for example in try RealModelTests.reference().cases {
            #expect(exported.encode(example.prompt, addSpecialTokens: true) == example.ids, "\(example.prompt)")
        }
        let text = "Zola's «Germinal» (1885): 12 345 — naïve 😀\n\tcode()"
        #expect(exported.encode(text, addSpecialTokens: true) == original.encode(text, addSpecialTokens: true))
        #expect(try exported.applyChatTemplate([.user("Hi")]) == original.applyChatTemplate([.user("Hi")]))
    }
}
