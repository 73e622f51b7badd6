import Checkpoints
import Foundation

/// Writes the tokenizer of a GGUF file as Hugging Face `tokenizer.json` + `tokenizer_config.json`,
/// so a converted folder loads in transformers with the same token ids.
public enum TokenizerExport {
    public static func huggingFaceFiles(from file: GGUFFile) throws -> [String: Data] {
        throw ModelLoadError("\(file.displayName): exporting a GGUF tokenizer as tokenizer.json is not implemented yet")
    }
}
