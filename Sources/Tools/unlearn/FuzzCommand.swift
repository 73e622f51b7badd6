import ArgumentParser
import Checkpoints
import Foundation
import Fuzzing
import Models
import Tokenizers
import Training

/// `unlearn fuzz`: mutation fuzzing of the file parsers; a finished run is the evidence of no crash.
struct FuzzCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fuzz",
        abstract: "Mutation-fuzz the file parsers: safetensors/GGUF, tokenizer.json, config.json, YAML run configs, data files.")

    static let targets = ["checkpoints", "tokenizers", "configs", "yaml", "data", "all"]

    @Argument(help: "What to fuzz: checkpoints (safetensors + GGUF), tokenizers (tokenizer.json), configs (config.json), yaml (run configs), data (QA and text files), or all.")
    var target: String
    @Option(help: "Mutated inputs per parser (data fuzzes two parsers, all fuzzes six).") var iterations = 100_000
    @Option(help: "Seed of the mutator.") var seed: UInt64 = 1
    @Option(parsing: .upToNextOption, help: "Extra valid files to mutate (added to the built-in seeds; not with all).")
    var seedFiles: [String] = []

    func validate() throws {
        guard Self.targets.contains(target) else { throw ValidationError("target must be one of \(Self.targets.joined(separator: ", "))") }
        guard iterations > 0 else { throw ValidationError("--iterations must be positive") }
        guard target != "all" || seedFiles.isEmpty else { throw ValidationError("--seed-files needs a single target, not all") }
    }

    func run() throws {
        let extra = try seedFiles.map { path -> Data in
            do { return try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
                throw ValidationError("\(path): cannot read (\(error.localizedDescription))")
            }
        }
        let start = Date()
        var summary: [(target: String, inputs: Int, unexpected: Int)] = []
        for name in target == "all" ? Array(Self.targets.dropLast()) : [target] {
            print("== \(name)")
            summary += try fuzz(name, extraSeeds: extra)
        }
        let total = summary.reduce(0) { $0 + $1.inputs }, unexpected = summary.reduce(0) { $0 + $1.unexpected }
        print("\n" + summary.map { "\($0.target): \($0.inputs) inputs, \($0.unexpected) unexpected" }.joined(separator: "\n"))
        print(String(format: "total: %d mutated inputs in %.1f s, %d unexpected outcomes, no crash", total, Date().timeIntervalSince(start), unexpected))
        if unexpected > 0 { throw ExitCode(1) }
    }

    /// Runs one target and prints its report; returns its input and unexpected-outcome counts.
    private func fuzz(_ name: String, extraSeeds: [Data]) throws -> [(target: String, inputs: Int, unexpected: Int)] {
        let interval = max(iterations / 10, 1)
        let texts = extraSeeds.map { String(decoding: $0, as: UTF8.self) }
        func progress(_ report: ParserFuzzReport) {
            print("  \(report.iterations) inputs, \(String(format: "%.1f", report.seconds)) s")
        }
        func finish(_ report: ParserFuzzReport) -> (target: String, inputs: Int, unexpected: Int) {
            print(report)
            return (report.target, report.iterations, report.unexpected)
        }
        switch name {
        case "checkpoints":
            let report = CheckpointFuzzer.run(seeds: try CheckpointFuzzer.builtInSeeds() + extraSeeds, iterations: iterations, seed: seed,
                                              progressInterval: interval) { print("  \($0.iterations) inputs, \(String(format: "%.1f", $0.seconds)) s") }
            print(report)
            return [("safetensors + GGUF", report.iterations, report.unexpectedErrors)]
        case "tokenizers":
            let clock = ContinuousClock(), started = clock.now
            let report = TokenizerFuzzer.run(seedJSON: TokenizerFuzzer.builtInSeeds() + extraSeeds, iterations: iterations, seed: seed)
            print("\(report.iterations) inputs in \(clock.now - started): loaded \(report.loaded) (\(report.textsEncoded) texts encoded), "
                  + "rejected \(report.rejected) (\(report.errorKinds.sorted().joined(separator: ", ")))")
            // The loader's typed throws admit only TokenizerError, so a finished run has no unexpected outcome.
            return [("tokenizer.json", report.iterations, 0)]
        case "configs":
            return [finish(ModelConfigurationFuzzer.run(seeds: ModelConfigurationFuzzer.builtInSeeds + texts, iterations: iterations, seed: seed,
                                                        progressInterval: interval, progress: progress))]
        case "yaml":
            return [finish(ConfigurationFileFuzzer.run(seeds: ConfigurationFileFuzzer.builtInSeeds + texts, iterations: iterations, seed: seed,
                                                       progressInterval: interval, progress: progress))]
        default:
            return [
                finish(DataFileFuzzer.runQuestionAnswer(seeds: DataFileFuzzer.builtInQuestionAnswerSeeds + texts, iterations: iterations,
                                                        seed: seed, progressInterval: interval, progress: progress)),
                finish(DataFileFuzzer.runText(seeds: DataFileFuzzer.builtInTextSeeds + texts, iterations: iterations, seed: seed,
                                              progressInterval: interval, progress: progress)),
            ]
        }
    }
}
