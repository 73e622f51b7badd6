import Benchmark
import Foundation
import Models
import Optimization
import Tokenizers

/// One end-to-end training job: load or build a model, read and tokenize the data, train, and export a
/// Hugging Face folder (model + tokenizer files) next to `run.json` and the checkpoint.
public struct TrainingJob {
    /// Where the starting weights come from.
    public enum Start {
        /// Fine-tune a checkpoint (HF folder or GGUF).
        case checkpoint(path: String)
        /// Train from scratch: a named architecture preset fitted to the tokenizer in `tokenizer`.
        case scratch(preset: String, tokenizer: URL, seed: UInt64)
    }

    /// How data files are read.
    public enum DataFormat: String, CaseIterable, Sendable {
        /// TOFU-style JSON Lines of question/answer pairs, loss on answer tokens only.
        case qa
        /// The same pairs wrapped in the tokenizer's chat template.
        case chat
        /// Plain text (`.txt` paragraphs or JSON Lines with `text`), loss on every token.
        case text
    }

    public var start: Start
    public var dataFiles: [URL]
    public var format: DataFormat
    public var configuration: TrainingConfiguration
    public var output: URL
    /// Derives the settings the user left unset from the model's and the data's size (nil: use
    /// `configuration` as it is).
    public var defaults: TrainingDefaults?
    /// Sees the derived settings before training starts.
    public var onDerivedSettings: ([DerivedSetting]) -> Void = { _ in }

    public init(start: Start, dataFiles: [URL], format: DataFormat, configuration: TrainingConfiguration, output: URL) {
        self.start = start
        self.dataFiles = dataFiles
        self.format = format
        self.configuration = configuration
        self.output = output
    }

    /// The model and tokenizer the job starts from, the folder whose tokenizer files are copied, and
    /// tokenizer files to write (a GGUF source has no folder to copy from).
    func prepare() throws -> (CausalLanguageModel, PreTrainedTokenizer, URL?, [String: Data]) {
        switch start {
        case .checkpoint(let path):
            let source = try CheckpointSource.load(path: path)
            return (source.model, source.tokenizer, source.companionFolder, source.tokenizerFiles)
        case .scratch(let preset, let tokenizerFolder, let seed):
            guard let shape = ModelConfiguration.preset(named: preset) else {
                throw TrainingError("unknown architecture preset '\(preset)' (choose from \(ModelConfiguration.presetNames.joined(separator: ", ")))")
            }
            let tokenizer = try TokenizerLoader.load(directory: tokenizerFolder)
            let configuration = shape.fitted(vocabularySize: tokenizer.vocabularySize, bosTokenId: tokenizer.bosTokenId,
                                             eosTokenIds: tokenizer.eosTokenIds, padTokenId: tokenizer.padTokenId)
            return (makeModel(configuration, seed: seed), tokenizer, tokenizerFolder, [:])
        }
    }

    /// Tokenized examples of every data file.
    public static func examples(files: [URL], format: DataFormat, tokenizer: PreTrainedTokenizer) throws -> [TokenizedExample] {
        var examples: [TokenizedExample] = []
        let formatter = ExampleFormatter(tokenizer: tokenizer, layout: format == .chat ? .chat : .qa)
        for file in files {
            switch format {
            case .text:
                examples += try TextDataset.read(url: file).map { formatter.example(text: $0) }
            case .qa, .chat:
                examples += try QADataset.read(url: file).map { try formatter.example(question: $0.question, answer: $0.answer) }
            }
        }
        return examples
    }

    /// Runs the job; `progress` sees every optimizer step.
    @discardableResult
    public func run(resume: Bool, progress: (TrainingProgress) -> Void = { _ in }) throws -> (CausalLanguageModel, TrainingSummary) {
        let (model, tokenizer, tokenizerSource, tokenizerFiles) = try prepare()
        let examples = try Self.examples(files: dataFiles, format: format, tokenizer: tokenizer)
        let padId = tokenizer.padTokenId ?? tokenizer.eosTokenIds.first ?? 0
        var configuration = self.configuration
        var derived: [DerivedSetting] = []
        if let defaults {
            (configuration, derived) = defaults.resolve(configuration, parameters: model.parameterCount, examples: examples.count)
            onDerivedSettings(derived)
        }
        let trainer = try Trainer(model: model, examples: examples, padId: padId, configuration: configuration, directory: output)
        trainer.derivedSettings = derived
        guard let summary = try trainer.run(resume: resume, progress: progress) else {
            throw TrainingError("training was interrupted")
        }
        try HuggingFaceCheckpoint.save(model, to: output.appendingPathComponent("model"), companionSource: tokenizerSource,
                                       extraFiles: tokenizerFiles)
        return (model, summary)
    }
}

/// A checkpoint loaded for training, with what exporting the trained model needs.
public struct CheckpointSource {
    public let model: CausalLanguageModel
    public let tokenizer: PreTrainedTokenizer
    /// The HF folder whose tokenizer files are copied next to the exported weights (nil for GGUF).
    public let companionFolder: URL?
    /// Tokenizer files to write instead (a GGUF's embedded tokenizer as HF files).
    public let tokenizerFiles: [String: Data]

    /// Loads an HF folder or a GGUF file.
    public static func load(path: String) throws -> CheckpointSource {
        let loaded = try ModelLoader.load(path: path)
        let files = try loaded.gguf.map { try TokenizerExport.huggingFaceFiles(from: $0) } ?? [:]
        return CheckpointSource(model: loaded.model, tokenizer: try TokenizerLoading.tokenizer(for: loaded),
                                companionFolder: loaded.gguf == nil ? loaded.url : nil, tokenizerFiles: files)
    }

    /// The pad id batches use (the tokenizer's pad, else its EOS).
    public var padId: Int { tokenizer.padTokenId ?? tokenizer.eosTokenIds.first ?? 0 }

    /// Saves `model` as an HF folder with this source's tokenizer files.
    public func save(_ model: CausalLanguageModel, to folder: URL) throws {
        try HuggingFaceCheckpoint.save(model, to: folder, companionSource: companionFolder, extraFiles: tokenizerFiles)
    }
}
