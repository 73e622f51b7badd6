import Checkpoints
import Foundation
import Tokenizers

/// Finds the tokenizer that belongs to a loaded model: `tokenizer.json` (+ `tokenizer_config.json`) in a
/// Hugging Face folder, or the `tokenizer.*` metadata of a GGUF file.
public enum TokenizerLoading {
    public static func tokenizer(for loaded: LoadedModel) throws -> PreTrainedTokenizer {
        if let gguf = loaded.gguf {
            return try PreTrainedTokenizer(gguf: try GGUFTokenizerMetadata(keyValues: tokenizerMetadata(gguf)))
        }
        guard FileManager.default.fileExists(atPath: loaded.url.appendingPathComponent("tokenizer.json").path) else {
            throw ModelLoadError("\(loaded.url.path): no tokenizer.json in the model folder")
        }
        return try TokenizerLoader.load(directory: loaded.url)
    }

    /// What kind of tokenizer a model has, e.g. "byte-level BPE (GGUF gpt2, pre-tokenizer smollm)".
    public static func kind(for loaded: LoadedModel) -> String {
        if let gguf = loaded.gguf {
            let model = (try? gguf.string("tokenizer.ggml.model")) ?? nil
            let pre = (try? gguf.string("tokenizer.ggml.pre")) ?? nil
            let family = model == "gpt2" ? "byte-level BPE" : model == "llama" ? "SentencePiece BPE" : "unknown"
            return "\(family) (GGUF \(model ?? "?"), pre-tokenizer \(pre ?? "default"))"
        }
        let url = loaded.url.appendingPathComponent("tokenizer.json")
        guard let data = try? Data(contentsOf: url),
              let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else { return "no tokenizer.json" }
        let model = (object["model"] as? [String: Any])?["type"] as? String ?? "?"
        let pre = (object["pre_tokenizer"] as? [String: Any])?["type"] as? String ?? "none"
        let byteFallback = (object["model"] as? [String: Any])?["byte_fallback"] as? Bool ?? false
        return "\(model)\(byteFallback ? " with byte fallback" : "") (tokenizer.json, pre-tokenizer \(pre))"
    }

    /// The `tokenizer.*` GGUF keys as plain Swift values.
    static func tokenizerMetadata(_ file: GGUFFile) -> [String: any Sendable] {
        var result: [String: any Sendable] = [:]
        for (key, value) in file.metadata where key.hasPrefix("tokenizer.") {
            if let converted = swiftValue(value) { result[key] = converted }
        }
        return result
    }

    private static func swiftValue(_ value: GGUFValue) -> (any Sendable)? {
        switch value {
        case .bool(let flag): return flag
        case .string(let text): return text
        case .float32(let number): return number
        case .float64(let number): return number
        case .array(let array):
            switch array.elementType {
            case .string: return array.values.compactMap { if case .string(let text) = $0 { return text } else { return nil } }
            case .float32, .float64: return array.values.compactMap { $0.doubleValue.map(Float.init) }
            default: return array.values.compactMap { $0.integerValue }
            }
        default: return value.integerValue
        }
    }
}
