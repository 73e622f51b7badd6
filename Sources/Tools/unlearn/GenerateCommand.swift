import ArgumentParser
import Foundation
import Models
import Tokenizers

/// `unlearn generate`: continues a prompt, streaming only the continuation to stdout.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "generate", abstract: "Generate a continuation of a prompt.")

    @Option(help: "A Hugging Face model folder or a .gguf file.") var model: String
    @Option(help: "The prompt text.") var prompt: String
    @Option(name: .customLong("max-tokens"), help: "Maximum new tokens.") var maxTokens = 128
    @Flag(help: "Always take the most likely token (otherwise sample).") var greedy = false
    @Flag(help: "Wrap the prompt as a user turn with the model's chat template and the generation prompt.") var chat = false
    @Option(name: .customLong("chat-template"), help: "Override the chat template: \(ChatTemplate.knownNames.joined(separator: ", ")).")
    var chatTemplate: String?
    @Option(help: "Sampling temperature.") var temperature: Float = 1
    @Option(name: .customLong("top-k"), help: "Sample among the k most likely tokens.") var topK: Int?
    @Option(name: .customLong("top-p"), help: "Sample from the smallest set reaching probability p.") var topP: Float?
    @Option(help: "Sampling seed.") var seed: UInt64 = 0

    func validate() throws {
        guard maxTokens > 0 else { throw ValidationError("--max-tokens must be positive") }
        guard temperature > 0 else { throw ValidationError("--temperature must be positive (use --greedy for argmax)") }
        if let topP, !(topP > 0 && topP <= 1) { throw ValidationError("--top-p must be in (0, 1]") }
    }

    func run() throws {
        let loaded = try ModelLoader.load(path: model)
        let tokenizer = try TokenizerLoading.tokenizer(for: loaded)
        let text = chat ? try tokenizer.applyChatTemplate([.user(prompt)], addGenerationPrompt: true, templateName: chatTemplate) : prompt
        // A chat template already spells out BOS where the model wants it.
        let ids = tokenizer.encode(text, addSpecialTokens: !chat)
        guard !ids.isEmpty else { throw ValidationError("the prompt encodes to no tokens") }
        let sampling = SamplingOptions(greedy: greedy, temperature: temperature, topK: topK, topP: topP, seed: seed)
        let stops = Set(tokenizer.eosTokenIds + loaded.model.configuration.eosTokenIds)
        var detokenizer = tokenizer.streamingDetokenizer()
        _ = TextGeneration.generate(model: loaded.model, prompt: ids, maximumTokens: maxTokens, sampling: sampling, stopTokens: stops) { token in
            if !stops.contains(token) {
                let piece = detokenizer.append(token)
                if !piece.isEmpty { FileHandle.standardOutput.write(Data(piece.utf8)) }
            }
            return true
        }
        let rest = detokenizer.finish()
        print(rest)
    }
}
