import ArgumentParser
import Checkpoints
import Foundation
import Tokenizers

/// `unlearn fuzz`: mutation fuzzing of the file parsers; a finished run is the evidence of no crash.
struct FuzzCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fuzz", abstract: "Mutation-fuzz the safetensors, GGUF and tokenizer.json readers.")

    @Argument(help: "What to fuzz: checkpoints (safetensors + GGUF) or tokenizers (tokenizer.json).")
    var target: String
    @Option(help: "Mutated inputs to parse.") var iterations = 100_000
    @Option(help: "Seed of the mutator.") var seed: UInt64 = 1
    @Option(parsing: .upToNextOption, help: "Extra valid files to mutate (added to the built-in seeds).")
    var seedFiles: [String] = []

    func validate() throws {
        guard ["checkpoints", "tokenizers"].contains(target) else { throw ValidationError("target must be checkpoints or tokenizers") }
        guard iterations > 0 else { throw ValidationError("--iterations must be positive") }
    }

    func run() throws {
        let extra = try seedFiles.map { path -> Data in
            do { return try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
                throw ValidationError("\(path): cannot read (\(error.localizedDescription))")
            }
        }
        let start = Date()
        switch target {
        case "checkpoints":
            let seeds = try CheckpointFuzzer.builtInSeeds() + extra
            let report = CheckpointFuzzer.run(seeds: seeds, iterations: iterations, seed: seed, progressInterval: max(iterations / 10, 1)) { partial in
                print("  \(partial.iterations) inputs, \(String(format: "%.1f", partial.seconds)) s")
            }
            print(report)
            if report.unexpectedErrors > 0 { throw ExitCode(1) }
        default:
            let seeds = extra.isEmpty ? TokenizerFuzzer.builtInSeeds() : extra
            let report = TokenizerFuzzer.run(seedJSON: seeds, iterations: iterations, seed: seed)
            print(report)
        }
        print(String(format: "%d mutated inputs in %.1f s, no crash", iterations, Date().timeIntervalSince(start)))
    }
}
