import Benchmark
import Foundation
import Optimization
import Tokenizers

/// `unlearn benchmark prepare`: the built-in benchmark's data, its tokenizer, the target model (trained on
/// everything but the holdout authors) and one retain oracle per forget split (trained on everything except
/// that split, with the same recipe and seed) — the exact answer every unlearning method is judged against.
public struct BenchmarkPreparation {
    public var preset: BenchmarkPreset
    public var seed: UInt64
    public var output: URL
    /// Architecture preset of every model.
    public var architecture: String
    /// Tokenizer vocabulary (a byte-level BPE trained on the benchmark's text).
    public var vocabularySize: Int
    /// The training recipe shared by the target and every oracle.
    public var recipe: TrainingConfiguration
    /// Train only these models (nil: the target and every oracle).
    public var models: Set<String>?

    /// The default recipe for a preset: enough epochs for the micro model to memorise its facts.
    public static func defaultRecipe(preset: BenchmarkPreset, seed: UInt64) -> TrainingConfiguration {
        var recipe = TrainingConfiguration()
        recipe.epochs = preset.name == "full" ? 20 : 40
        recipe.microBatchSize = 16
        recipe.learningRate = 3e-3
        recipe.warmupSteps = 10
        recipe.schedule = "cosine"
        recipe.weightDecay = 0.01
        recipe.maximumLength = 128
        recipe.seed = seed
        return recipe
    }

    public init(preset: BenchmarkPreset, seed: UInt64, output: URL, architecture: String = "micro") {
        self.preset = preset
        self.seed = seed
        self.output = output
        self.architecture = architecture
        self.vocabularySize = preset.name == "full" ? 4096 : preset.name == "small" ? 2048 : 1024
        self.recipe = Self.defaultRecipe(preset: preset, seed: seed)
    }

    /// Model folder names in training order ("target" first, then the oracles).
    public static func modelOrder(_ manifest: BenchmarkManifest) -> [String] {
        ["target"] + manifest.trainingFiles.keys.filter { $0 != "target" }.sorted()
    }

    /// Runs every stage; `progress` gets the model being trained and its step.
    public func run(progress: (String, TrainingProgress) -> Void = { _, _ in }) throws -> BenchmarkManifest {
        let data = output.appendingPathComponent("data")
        let manifest = try FictitiousAuthorsGenerator.writeBenchmark(to: data, preset: preset, seed: seed)
        let tokenizerFolder = output.appendingPathComponent("tokenizer")
        try trainTokenizer(data: data, into: tokenizerFolder)
        for name in Self.modelOrder(manifest) {
            guard let files = manifest.trainingFiles[name], models?.contains(name) ?? true else { continue }
            let job = TrainingJob(start: .scratch(preset: architecture, tokenizer: tokenizerFolder, seed: seed),
                                  dataFiles: files.map { data.appendingPathComponent($0) }, format: .qa,
                                  configuration: recipe, output: output.appendingPathComponent("models").appendingPathComponent(name))
            try job.run(resume: false) { progress(name, $0) }
        }
        return manifest
    }

    /// Trains the byte-level BPE on every question and answer of the benchmark (holdout included, so its
    /// text tokenizes as well as the rest: a tokenizer carries no facts).
    func trainTokenizer(data: URL, into folder: URL) throws {
        var texts: [String] = []
        let files = try FileManager.default.contentsOfDirectory(atPath: data.path).filter { $0.hasSuffix(".json") && $0 != "manifest.json" }.sorted()
        for file in files {
            for row in try QADataset.read(url: data.appendingPathComponent(file)) {
                texts += [row.question, row.answer] + [row.paraphrasedQuestion, row.paraphrasedAnswer].compactMap { $0 } + row.perturbedAnswers
            }
        }
        let configuration = BPETrainingConfiguration(vocabularySize: vocabularySize, minimumFrequency: 2)
        try BPETrainer(configuration: configuration).train(texts: texts).write(to: folder)
    }
}
