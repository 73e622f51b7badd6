/// The hand-written renderers behind `ChatTemplate`, each mirroring one reference Jinja
/// template line by line (comments quote the construct they reproduce).
enum ChatFormatters {
    static let alternationError = "Conversation roles must alternate user/assistant/user/assistant/..."

    /// `{% if loop.first and messages[0]['role'] != 'system' %}` default system prompt, then
    /// `'<|im_start|>' + role + '\n' + content + '<|im_end|>' + '\n'` per message.
    static func chatML(_ messages: [ChatMessage], defaultSystemPrompt: String?, addGenerationPrompt: Bool) -> String {
        var output = ""
        for (index, message) in messages.enumerated() {
            if index == 0, let system = defaultSystemPrompt, messages[0].role != "system" {
                output += "<|im_start|>system\n\(system)<|im_end|>\n"
            }
            output += "<|im_start|>\(message.role)\n\(message.content)<|im_end|>\n"
        }
        if addGenerationPrompt { output += "<|im_start|>assistant\n" }
        return output
    }

    /// Llama 2: the first system message is folded into the first user turn inside `<<SYS>>`,
    /// contents are `.strip()`ped, roles must alternate starting with the user.
    static func llama2(_ messages: [ChatMessage], bosToken: String, eosToken: String) throws(TokenizerError) -> String {
        guard let first = messages.first else {
            throw .invalidConversation(template: "llama2", reason: "the template reads messages[0]; the conversation is empty")
        }
        let system: String? = first.role == "system" ? first.content : nil
        let turns = system == nil ? messages : Array(messages.dropFirst())
        var output = ""
        for (index, message) in turns.enumerated() {
            guard (message.role == "user") == (index % 2 == 0) else {
                throw .invalidConversation(template: "llama2", reason: alternationError)
            }
            var content = message.content
            if index == 0, let system { content = "<<SYS>>\n\(system)\n<</SYS>>\n\n" + content }
            if message.role == "user" {
                output += bosToken + "[INST] " + content.pythonStripped() + " [/INST]"
            } else if message.role == "assistant" {
                output += " " + content.pythonStripped() + " " + eosToken
            }
        }
        return output
    }

    /// Mistral v0.1: `bos_token`, then `[INST] content [/INST]` / `content + eos_token`; only
    /// alternating user/assistant roles are allowed.
    static func mistral(_ messages: [ChatMessage], bosToken: String, eosToken: String) throws(TokenizerError) -> String {
        var output = bosToken
        for (index, message) in messages.enumerated() {
            guard (message.role == "user") == (index % 2 == 0) else {
                throw .invalidConversation(template: "mistral", reason: alternationError)
            }
            switch message.role {
            case "user": output += "[INST] " + message.content + " [/INST]"
            case "assistant": output += message.content + eosToken
            default: throw .invalidConversation(template: "mistral", reason: "Only user and assistant roles are supported!")
            }
        }
        return output
    }

    /// Llama 3: `'<|start_header_id|>' + role + '<|end_header_id|>\n\n' + content | trim + '<|eot_id|>'`
    /// (the filter binds to the content only), BOS before the first message.
    static func llama3(_ messages: [ChatMessage], bosToken: String, addGenerationPrompt: Bool) -> String {
        var output = ""
        for (index, message) in messages.enumerated() {
            if index == 0 { output += bosToken }
            output += "<|start_header_id|>\(message.role)<|end_header_id|>\n\n" + message.content.pythonStripped() + "<|eot_id|>"
        }
        if addGenerationPrompt { output += "<|start_header_id|>assistant<|end_header_id|>\n\n" }
        return output
    }

    /// Zephyr: every `{{ … }}` line keeps its newline under trim_blocks, so each turn ends in
    /// `eos_token + '\n'`; the generation prompt is emitted inside the loop (after the last turn).
    static func zephyr(_ messages: [ChatMessage], eosToken: String, addGenerationPrompt: Bool) -> String {
        var output = ""
        for (index, message) in messages.enumerated() {
            switch message.role {
            case "user", "system", "assistant": output += "<|\(message.role)|>\n" + message.content + eosToken + "\n"
            default: break
            }
            if index == messages.count - 1 && addGenerationPrompt { output += "<|assistant|>\n" }
        }
        return output
    }

    /// Contents joined by blank lines; a generation prompt adds one more blank line.
    static func plain(_ messages: [ChatMessage], addGenerationPrompt: Bool) -> String {
        messages.map(\.content).joined(separator: "\n\n") + (addGenerationPrompt ? "\n\n" : "")
    }
}
