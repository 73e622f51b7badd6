import Checkpoints
import Foundation
import Tokenizers

/// Writes the tokenizer of a GGUF file as Hugging Face `tokenizer.json` + `tokenizer_config.json`,
/// so a converted folder loads in transformers with the same token ids.
public enum TokenizerExport {
    public static func huggingFaceFiles(from file: GGUFFile) throws -> [String: Data] {
        let metadata = try GGUFTokenizerMetadata(keyValues: TokenizerLoading.tokenizerMetadata(file))
        let context = (try file.string("general.architecture")).flatMap { try? file.integer("\($0).context_length") } ?? 2048
        return try metadata.huggingFaceTokenizerFiles(maximumLength: context)
    }
}
