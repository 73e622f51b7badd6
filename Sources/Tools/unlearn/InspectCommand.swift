import ArgumentParser
import Foundation
import Models

/// `unlearn inspect`: what a checkpoint contains.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect", abstract: "Architecture, parameter count, stored dtypes and tokenizer kind of a model.")

    @Option(help: "A Hugging Face model folder or a .gguf file.")
    var model: String

    func run() throws {
        let loaded = try ModelLoader.load(path: model)
        let c = loaded.model.configuration
        print("model:          \(loaded.url.path) (\(loaded.format))")
        print("architecture:   \(c.architecture.rawValue) (model_type \(c.modelType))")
        print("parameters:     \(loaded.model.parameterCount)")
        print("layers:         \(c.layerCount), hidden \(c.hiddenSize), MLP \(c.intermediateSize), heads \(c.attentionHeads) (KV \(c.keyValueHeads), head size \(c.headSize))")
        print("vocabulary:     \(c.vocabularySize), context \(c.maximumPositions), tied embeddings: \(c.tiedEmbeddings)")
        if c.architecture == .llama { print("rope:           θ = \(c.ropeTheta)\(c.ropeScaling.map { ", scaling \($0)" } ?? "")") }
        print("stored dtypes:  " + loaded.storedTypes.sorted { $0.value > $1.value }.map { "\($0.key) ×\($0.value)" }.joined(separator: ", "))
        print("tokenizer:      \(TokenizerDescription.describe(loaded))")
    }
}
