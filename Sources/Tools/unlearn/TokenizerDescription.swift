import Foundation
import Models
import Tokenizers

/// How the CLI describes and exports a model's tokenizer.
enum TokenizerDescription {
    /// A one-line description for `inspect`.
    static func describe(_ loaded: LoadedModel) -> String {
        do {
            let tokenizer = try TokenizerLoading.tokenizer(for: loaded)
            let template = (try? tokenizer.chatTemplate()).map(name) ?? "none"
            return "\(TokenizerLoading.kind(for: loaded)), \(tokenizer.vocabularySize) tokens, BOS \(tokenizer.bosTokenId.map(String.init) ?? "-"), EOS \(tokenizer.eosTokenIds), chat template \(template)"
        } catch {
            return "unavailable (\(error))"
        }
    }

    /// A short name for a chat template.
    static func name(_ template: ChatTemplate) -> String {
        switch template {
        case .chatML(let system): return system == nil ? "ChatML" : "ChatML with a default system prompt"
        case .llama2: return "Llama-2 [INST]"
        case .mistral: return "Mistral [INST]"
        case .llama3: return "Llama-3"
        case .zephyr: return "Zephyr"
        case .plain: return "plain"
        }
    }

    /// Tokenizer files to write next to an exported model (GGUF sources only; folders copy theirs).
    static func exportFiles(_ loaded: LoadedModel) throws -> [String: Data] {
        guard let gguf = loaded.gguf else { return [:] }
        return try TokenizerExport.huggingFaceFiles(from: gguf)
    }
}
