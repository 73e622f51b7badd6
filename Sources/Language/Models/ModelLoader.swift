import Checkpoints
import Foundation

/// A model loaded from a user's path, with what `inspect` reports about where it came from.
public struct LoadedModel {
    /// The model, ready for forward passes and training.
    public let model: CausalLanguageModel
    /// The path it was loaded from.
    public let url: URL
    /// "huggingface" or "gguf".
    public let format: String
    /// Stored tensor types and how many tensors use each (e.g. ["Q4_1": 210, "F32": 61]).
    public let storedTypes: [String: Int]
    /// The GGUF file, when the model came from one (its metadata holds the tokenizer).
    public let gguf: GGUFFile?
}

/// Opens a Hugging Face folder or a `.gguf` file.
public enum ModelLoader {
    public static func load(path: String) throws -> LoadedModel {
        let url = URL(fileURLWithPath: path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw ModelLoadError("\(path): no such file or folder")
        }
        if isDirectory.boolValue {
            let model = try HuggingFaceCheckpoint.load(folder: url)
            let checkpoint = try SafetensorsCheckpoint(directory: url)
            var types: [String: Int] = [:]
            for name in checkpoint.tensorNames { types[try checkpoint.info(name).dtype.rawValue, default: 0] += 1 }
            return LoadedModel(model: model, url: url, format: "huggingface", storedTypes: types, gguf: nil)
        }
        let (model, file) = try GGUFCheckpoint.load(url: url)
        var types: [String: Int] = [:]
        for info in file.tensors { types[info.type.name, default: 0] += 1 }
        return LoadedModel(model: model, url: url, format: "gguf", storedTypes: types, gguf: file)
    }
}
