import Foundation
import JSON
import TestSupport
import Testing
@testable import Tokenizers

/// SmolLM2-135M-Instruct's GGUF vocabulary (read at test time when the file is present) against
/// golden ids from an equivalent HF tokenizer (smollm2_real.json, made by the fixture script).
/// Skips when the model is missing, or fails then when UNLEARN_REQUIRE_REAL_MODEL=1 (CI).
@Suite("Real SmolLM2 GGUF", .enabled(if: RealModel.smolLM2URL != nil || RealModel.isRequired, "\(RealModel.missingMessage)"))
struct RealModelTests {
    @Test("GGUF tokenizer ids equal the HF tokenizer built from the same vocabulary")
    func goldenIds() throws {
        let url = try #require(RealModel.smolLM2URL, "\(RealModel.missingMessage)")
        let metadata = try GGUFTokenizerMetadata(keyValues: try GGUFMetadataReader.read(url))
        let fixture = try Fixtures.json("smollm2_real.json")
        #expect(metadata.pre == fixture["pre"]?.stringValue)
        #expect(metadata.tokens.count == fixture["vocab_size"]?.integerValue)
        let tokenizer = try PreTrainedTokenizer(gguf: metadata)
        let cases = fixture["cases"]?.arrayValue ?? []
        #expect(cases.count >= 30)
        for testCase in cases {
            let text = testCase["text"]!.stringValue!
            let ids = testCase["ids"]!.intArray
            #expect(tokenizer.encode(text, addSpecialTokens: false) == ids, "\(visible(text))")
            #expect(tokenizer.decode(ids).isIdentical(to: testCase["decoded"]!.stringValue!), "decode \(visible(text))")
        }
        // The GGUF says add_bos_token = false: encoding adds nothing.
        #expect(tokenizer.encode("Hello world") == tokenizer.encode("Hello world", addSpecialTokens: false))
        #expect(tokenizer.bosTokenId == 1 && tokenizer.eosTokenId == 2)
        // The checkpoint's own template is the one the jinja2 goldens were rendered from.
        let templates = try Fixtures.json("chat_templates.json")["templates"]
        #expect(metadata.chatTemplate == templates?["smollm2"]?.stringValue)
        let template = try tokenizer.chatTemplate()
        #expect(template == .chatML(defaultSystemPrompt: ChatTemplate.smolLM2SystemPrompt))
    }
}
