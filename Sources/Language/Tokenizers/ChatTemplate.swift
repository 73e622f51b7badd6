/// One turn of a conversation (`role` is "system", "user" or "assistant").
public struct ChatMessage: Sendable, Equatable, Codable {
    public var role: String
    public var content: String

    public init(role: String, content: String) {
        self.role = role
        self.content = content
    }

    public static func system(_ content: String) -> ChatMessage { ChatMessage(role: "system", content: content) }
    public static func user(_ content: String) -> ChatMessage { ChatMessage(role: "user", content: content) }
    public static func assistant(_ content: String) -> ChatMessage { ChatMessage(role: "assistant", content: content) }
}

/// A chat prompt format. No Jinja engine is available, so each known template family is a
/// hand-written formatter that reproduces what transformers renders (trim_blocks and
/// lstrip_blocks on) for plain text conversations; `detect(fromJinja:)` fingerprints a
/// checkpoint's template string, and `named(_:)` lets the user override it.
public enum ChatTemplate: Sendable, Equatable {
    /// `<|im_start|>role\ncontent<|im_end|>\n`; a default system prompt is inserted when the
    /// conversation has none (SmolLM2, Qwen2) if the template defines one.
    case chatML(defaultSystemPrompt: String?)
    /// Llama 2 chat: `<s>[INST] <<SYS>>…<</SYS>> user [/INST] answer </s>`.
    case llama2
    /// Mistral instruct v0.1/v0.2: `<s>[INST] user [/INST]answer</s>`.
    case mistral
    /// Llama 3 instruct: `<|start_header_id|>role<|end_header_id|>\n\ncontent<|eot_id|>`.
    case llama3
    /// Zephyr: `<|user|>\ncontent</s>\n`.
    case zephyr
    /// Plain text: contents separated by blank lines (for base models such as GPT-2).
    case plain

    /// Template names accepted by `named(_:)`.
    public static let knownNames = ["chatml", "smollm2", "qwen2", "llama2", "mistral", "llama3", "zephyr", "plain"]

    static let smolLM2SystemPrompt = "You are a helpful AI assistant named SmolLM, trained by Hugging Face"
    static let qwen2SystemPrompt = "You are a helpful assistant."

    /// An explicitly chosen template, by name.
    public static func named(_ name: String) throws(TokenizerError) -> ChatTemplate {
        switch name.lowercased() {
        case "chatml": return .chatML(defaultSystemPrompt: nil)
        case "smollm2", "smollm": return .chatML(defaultSystemPrompt: smolLM2SystemPrompt)
        case "qwen2", "qwen": return .chatML(defaultSystemPrompt: qwen2SystemPrompt)
        case "llama2", "llama-2": return .llama2
        case "mistral": return .mistral
        case "llama3", "llama-3": return .llama3
        case "zephyr": return .zephyr
        case "plain", "none": return .plain
        default: throw .unknownChatTemplateName(name)
        }
    }

    /// Renders a conversation. `bosToken`/`eosToken` are the strings the Jinja template sees.
    public func render(
        _ messages: [ChatMessage], addGenerationPrompt: Bool, bosToken: String = "", eosToken: String = ""
    ) throws(TokenizerError) -> String {
        switch self {
        case .chatML(let system):
            return ChatFormatters.chatML(messages, defaultSystemPrompt: system, addGenerationPrompt: addGenerationPrompt)
        case .llama2:
            return try ChatFormatters.llama2(messages, bosToken: bosToken, eosToken: eosToken)
        case .mistral:
            return try ChatFormatters.mistral(messages, bosToken: bosToken, eosToken: eosToken)
        case .llama3:
            return ChatFormatters.llama3(messages, bosToken: bosToken, addGenerationPrompt: addGenerationPrompt)
        case .zephyr:
            return ChatFormatters.zephyr(messages, eosToken: eosToken, addGenerationPrompt: addGenerationPrompt)
        case .plain:
            return ChatFormatters.plain(messages, addGenerationPrompt: addGenerationPrompt)
        }
    }
}

extension PreTrainedTokenizer {
    /// The template to use: the named override if given, else the fingerprint of the
    /// checkpoint's own template.
    public func chatTemplate(named name: String? = nil) throws(TokenizerError) -> ChatTemplate {
        if let name { return try ChatTemplate.named(name) }
        guard let source = chatTemplateSource else {
            throw .unrecognizedChatTemplate(excerpt: "<this checkpoint has no chat template>")
        }
        return try ChatTemplate.detect(fromJinja: source)
    }

    /// Renders a conversation with the checkpoint's template (or `templateName`). Encode the
    /// result with `addSpecialTokens: false`: the template already contains BOS where needed.
    public func applyChatTemplate(
        _ messages: [ChatMessage], addGenerationPrompt: Bool = true, templateName: String? = nil
    ) throws(TokenizerError) -> String {
        try chatTemplate(named: templateName).render(
            messages, addGenerationPrompt: addGenerationPrompt, bosToken: bosToken ?? "", eosToken: eosToken ?? "")
    }
}
