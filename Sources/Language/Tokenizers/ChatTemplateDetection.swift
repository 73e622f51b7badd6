import Foundation

extension ChatTemplate {
    /// Identifies which built-in formatter a checkpoint's Jinja template corresponds to, by the
    /// marker strings each family uses. Templates with features the formatters do not reproduce
    /// (Llama 3.1 date headers, tool blocks in Mistral v0.3) are rejected rather than guessed.
    public static func detect(fromJinja source: String) throws(TokenizerError) -> ChatTemplate {
        func has(_ marker: String) -> Bool { source.contains(marker) }
        if has("<|im_start|>") && has("<|im_end|>") {
            return .chatML(defaultSystemPrompt: defaultChatMLSystemPrompt(in: source))
        }
        if has("<|start_header_id|>") && has("<|eot_id|>") {
            guard !has("Cutting Knowledge Date") else { throw unrecognized(source, note: "Llama 3.1+ date header") }
            return .llama3
        }
        if has("[INST]") && has("<<SYS>>") { return .llama2 }
        if has("[INST]") {
            guard !has("[AVAILABLE_TOOLS]") && !has("[TOOL_CALLS]") else {
                throw unrecognized(source, note: "Mistral tool-calling template")
            }
            return .mistral
        }
        if has("<|user|>") && has("<|assistant|>") { return .zephyr }
        throw unrecognized(source, note: nil)
    }

    private static func unrecognized(_ source: String, note: String?) -> TokenizerError {
        let excerpt = String(source.prefix(120))
        return .unrecognizedChatTemplate(excerpt: note.map { "(\($0)) " + excerpt } ?? excerpt)
    }

    /// A literal system turn written into the template (`'<|im_start|>system\nYou are …<|im_end|>'`),
    /// i.e. the text a model uses when the conversation has no system message.
    static func defaultChatMLSystemPrompt(in source: String) -> String? {
        // The literal may contain a real newline or a Jinja "\n" escape, but no quote or
        // expression: `'<|im_start|>system\n' + message['content']` must not match.
        let pattern = #"<\|im_start\|>system(?:\\n|\n)((?:[^'"\\]|\\.)*?)<\|im_end\|>"#
        guard let regex = try? NSRegularExpression(pattern: pattern),
            let match = regex.firstMatch(in: source, range: NSRange(location: 0, length: source.utf16.count)),
            let range = Range(match.range(at: 1), in: source)
        else { return nil }
        return unescapeJinjaLiteral(String(source[range]))
    }

    /// Python/Jinja string-literal escapes used in templates.
    static func unescapeJinjaLiteral(_ literal: String) -> String {
        var output = ""
        var iterator = literal.unicodeScalars.makeIterator()
        while let scalar = iterator.next() {
            guard scalar == "\\", let escaped = iterator.next() else {
                output.unicodeScalars.append(scalar)
                continue
            }
            switch escaped {
            case "n": output += "\n"
            case "t": output += "\t"
            case "r": output += "\r"
            default: output.unicodeScalars.append(escaped)
            }
        }
        return output
    }
}
