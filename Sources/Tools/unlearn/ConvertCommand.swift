import ArgumentParser
import Foundation
import Models

/// `unlearn convert`: writes any supported checkpoint as a Hugging Face folder.
struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert", abstract: "Write a model (HF folder or .gguf) as a Hugging Face folder (float32 safetensors).")

    @Option(help: "A Hugging Face model folder or a .gguf file.")
    var model: String

    @Option(help: "The output folder.")
    var out: String

    func run() throws {
        let loaded = try ModelLoader.load(path: model)
        let tokenizerFiles = try TokenizerDescription.exportFiles(loaded)
        let companions = loaded.format == "huggingface" ? loaded.url : nil
        try HuggingFaceCheckpoint.save(loaded.model, to: URL(fileURLWithPath: out), companionSource: companions, extraFiles: tokenizerFiles)
        print("wrote \(out): config.json, model.safetensors (\(loaded.model.parameterCount) parameters, float32)"
              + (tokenizerFiles.isEmpty ? "" : ", " + tokenizerFiles.keys.sorted().joined(separator: ", ")))
    }
}
