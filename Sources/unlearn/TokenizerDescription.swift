import Foundation
import Models
import Tokenizers

/// How the CLI describes and exports a model's tokenizer.
enum TokenizerDescription {
    /// A one-line description for `inspect`.
    static func describe(_ loaded: LoadedModel) -> String {
        do {
            let tokenizer = try TokenizerLoading.tokenizer(for: loaded)
            let template = (try? tokenizer.chatTemplate()).map { "\($0)" } ?? "none"
            return "\(TokenizerLoading.kind(for: loaded)), \(tokenizer.vocabularySize) tokens, BOS \(tokenizer.bosTokenId.map(String.init) ?? "-"), EOS \(tokenizer.eosTokenIds), chat template \(template)"
        } catch {
            return "unavailable (\(error))"
        }
    }

    /// Tokenizer files to write next to an exported model (GGUF sources only; folders copy theirs).
    static func exportFiles(_ loaded: LoadedModel) throws -> [String: Data] {
        guard let gguf = loaded.gguf else { return [:] }
        return try TokenizerExport.huggingFaceFiles(from: gguf)
    }
}
