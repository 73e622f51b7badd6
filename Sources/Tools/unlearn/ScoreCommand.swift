import ArgumentParser
import Foundation
import Models

/// `unlearn score`: token ids, mean NLL and top-5 next tokens for each prompt in a JSON file.
struct ScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "score", abstract: "Score prompts: ids, mean NLL, top-5 next tokens.")

    @Option(help: "A Hugging Face model folder or a .gguf file.") var model: String
    @Option(help: "A JSON file holding an array of strings.") var prompts: String
    @Flag(help: "Print a JSON array with one object per prompt.") var json = false

    func run() throws {
        let texts = try PromptFile.read(prompts)
        let loaded = try ModelLoader.load(path: model)
        let tokenizer = try TokenizerLoading.tokenizer(for: loaded)
        var results: [[String: Any]] = []
        for (index, text) in texts.enumerated() {
            let ids = tokenizer.encode(text, addSpecialTokens: true)
            guard !ids.isEmpty else { throw ValidationError("\(prompts): prompt \(index) encodes to no tokens") }
            let score = PromptScoring.score(model: loaded.model, ids: ids)
            if json {
                results.append(["ids": score.ids, "mean_nll": score.meanNegativeLogLikelihood, "top5": score.topNext])
            } else {
                print(String(format: "%3d  mean NLL %.4f  top-5 %@  (%d tokens)", index, score.meanNegativeLogLikelihood,
                             score.topNext.map(String.init).joined(separator: " "), score.ids.count))
            }
        }
        if json {
            let data = try JSONSerialization.data(withJSONObject: results, options: [])
            print(String(decoding: data, as: UTF8.self))
        }
    }
}

/// Reads a JSON array of strings, with errors that name the file.
enum PromptFile {
    static func read(_ path: String) throws -> [String] {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw ValidationError("\(path): cannot read the prompts file (\(error.localizedDescription))")
        }
        guard let value = try? JSONSerialization.jsonObject(with: data) else {
            throw ValidationError("\(path): not valid JSON")
        }
        guard let strings = value as? [String] else {
            throw ValidationError("\(path): expected a JSON array of strings")
        }
        return strings
    }
}
