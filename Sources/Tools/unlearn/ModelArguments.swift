import ArgumentParser
import Foundation
import Models

/// Options shared by commands that load a model or build one from a named shape.
struct ModelArguments: ParsableArguments {
    @Option(name: .long, help: "A Hugging Face model folder or a .gguf file.")
    var model: String?

    @Option(name: .long, help: "Instead of --model, a random model of a named shape: \(ModelConfiguration.presetNames.joined(separator: ", ")).")
    var preset: String?

    func validate() throws {
        if (model == nil) == (preset == nil) { throw ValidationError("give exactly one of --model or --preset") }
        if let preset, ModelConfiguration.preset(named: preset) == nil {
            throw ValidationError("unknown preset '\(preset)' (choose from \(ModelConfiguration.presetNames.joined(separator: ", ")))")
        }
    }

    /// The model and a one-line description of where it came from.
    func load() throws -> (CausalLanguageModel, String) {
        if let preset, let configuration = ModelConfiguration.preset(named: preset) {
            return (makeModel(configuration, seed: 0), "random \(preset) (\(configuration.parameterCount) parameters)")
        }
        let loaded = try ModelLoader.load(path: model!)
        return (loaded.model, "\(loaded.url.lastPathComponent) (\(loaded.model.parameterCount) parameters)")
    }
}
