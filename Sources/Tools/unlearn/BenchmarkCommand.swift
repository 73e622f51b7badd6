import ArgumentParser
import Benchmark
import Foundation
import Training

/// `unlearn benchmark …`: the built-in fictitious-authors benchmark.
struct BenchmarkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "benchmark", abstract: "The built-in TOFU-style benchmark with exact retrain oracles.",
        subcommands: [Prepare.self])

    /// `unlearn benchmark prepare`
    struct Prepare: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Generate the data, train its tokenizer, the target model and one retain oracle per forget split.")

        @Option(help: "demo, small, standard or full.") var preset = "demo"
        @Option(help: "Output folder.") var out: String
        @Option(help: "Seed of the data, initialisation and data order.") var seed: UInt64 = 0
        @Option(help: "Override the recipe's epochs.") var epochs: Int?
        @Option(parsing: .upToNextOption, help: "Train only these models (e.g. target retain90); default: all.") var models: [String] = []
        @Option(name: .customLong("checkpoint-every"), help: "Steps between each model's checkpoints.") var checkpointEvery = 200
        @Flag(help: "Continue an interrupted preparation: finished models are kept, the others resume from their checkpoints.")
        var resume = false

        func run() throws {
            guard let chosen = BenchmarkPreset.named(preset) else {
                throw ValidationError("unknown preset '\(preset)' (demo, small, standard or full)")
            }
            var preparation = BenchmarkPreparation(preset: chosen, seed: seed, output: URL(fileURLWithPath: out))
            if let epochs { preparation.recipe.epochs = epochs }
            preparation.recipe.checkpointInterval = checkpointEvery
            preparation.resume = resume
            if !models.isEmpty { preparation.models = Set(models) }
            let started = Date()
            let bars = NamedProgressBars(labelWidth: 8)
            let manifest = try preparation.run(progress: bars.update)
            print("prepared the \(preset) benchmark in \(out) in \(String(format: "%.1f", Date().timeIntervalSince(started))) s:")
            print("  data/       \(manifest.rowCounts.values.reduce(0, +)) rows in \(manifest.rowCounts.count) files (manifest.json)")
            print("  tokenizer/  byte-level BPE, \(preparation.vocabularySize) tokens")
            for name in BenchmarkPreparation.modelOrder(manifest) where preparation.models?.contains(name) ?? true {
                print("  models/\(name)/model  trained on \(manifest.trainingFiles[name]?.joined(separator: " + ") ?? "")")
            }
        }
    }
}
