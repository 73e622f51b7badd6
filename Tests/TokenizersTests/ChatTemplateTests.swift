import Foundation
import JSON
import Testing
@testable import Tokenizers

/// Chat formatters against jinja2 renderings of the real template texts (chat_templates.json).
@Suite("Chat templates")
struct ChatTemplateTests {
    static let fixture = try! Fixtures.json("chat_templates.json")

    @Test("every jinja2 golden is reproduced, including role errors")
    func goldens() throws {
        let cases = Self.fixture["cases"]?.arrayValue ?? []
        #expect(cases.count >= 90)
        for testCase in cases {
            let name = testCase["template"]?.stringValue ?? ""
            let messages = (testCase["messages"]?.arrayValue ?? []).map {
                ChatMessage(role: $0["role"]?.stringValue ?? "", content: $0["content"]?.stringValue ?? "")
            }
            let template = try ChatTemplate.named(name)
            let render = {
                try template.render(
                    messages, addGenerationPrompt: testCase["add_generation_prompt"]?.boolValue ?? false,
                    bosToken: testCase["bos_token"]?.stringValue ?? "", eosToken: testCase["eos_token"]?.stringValue ?? "")
            }
            if let expected = testCase["expected"]?.stringValue {
                let rendered = try render()
                #expect(rendered.isIdentical(to: expected), "\(name): \(visible(rendered)) vs \(visible(expected))")
            } else {
                let message = testCase["error"]?.stringValue ?? ""
                #expect(throws: TokenizerError.invalidConversation(template: name, reason: message), "\(name)") { try render() }
            }
        }
    }

    @Test("fingerprinting maps each real template text to its formatter")
    func detection() throws {
        let expected: [String: ChatTemplate] = [
            "smollm2": .chatML(defaultSystemPrompt: ChatTemplate.smolLM2SystemPrompt),
            "qwen2": .chatML(defaultSystemPrompt: ChatTemplate.qwen2SystemPrompt),
            "chatml": .chatML(defaultSystemPrompt: nil), "llama2": .llama2, "llama3": .llama3, "zephyr": .zephyr,
            "mistral": .mistral,
        ]
        for (name, kind) in expected {
            let source = try #require(Self.fixture["templates"]?[name]?.stringValue)
            #expect(try ChatTemplate.detect(fromJinja: source) == kind, "\(name)")
        }
    }

    @Test("unrecognised templates and unknown names are clear errors")
    func errors() throws {
        #expect(throws: TokenizerError.self) { try ChatTemplate.detect(fromJinja: "{{ messages | tojson }}") }
        #expect(throws: TokenizerError.self) {
            try ChatTemplate.detect(fromJinja: "<|start_header_id|> Cutting Knowledge Date: December 2023 <|eot_id|>")
        }
        #expect(throws: TokenizerError.unknownChatTemplateName("vicuna")) { try ChatTemplate.named("vicuna") }
        let error = TokenizerError.unrecognizedChatTemplate(excerpt: "x")
        #expect(error.description.contains("pass a template name explicitly"))
    }

    @Test("a checkpoint's own template is detected and rendered with its special tokens")
    func tokenizerIntegration() throws {
        let smol = try Fixtures.tokenizer("smollm_style")
        let prompt = try smol.applyChatTemplate([.user("Hi")])
        #expect(prompt == "<|im_start|>system\nYou are a helpful AI assistant named SmolLM, trained by Hugging Face<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n")
        let ids = smol.encode(prompt, addSpecialTokens: false)
        #expect(ids.first == smol.tokenToId("<|im_start|>"))
        #expect(smol.decode(ids).isIdentical(to: prompt))

        let llama3 = try Fixtures.tokenizer("llama3_style")
        let rendered = try llama3.applyChatTemplate([.system("S"), .user(" Q ")], addGenerationPrompt: true)
        #expect(rendered == "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nS<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nQ<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n")
        // An explicit override wins over the checkpoint's template.
        #expect(try llama3.applyChatTemplate([.user("x")], addGenerationPrompt: false, templateName: "plain") == "x")

        let gpt2 = try Fixtures.tokenizer("gpt2_bytelevel")
        #expect(throws: TokenizerError.self) { try gpt2.applyChatTemplate([.user("x")]) }
    }
}
