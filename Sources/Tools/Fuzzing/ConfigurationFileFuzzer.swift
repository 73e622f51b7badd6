import Checkpoints
import Foundation
import Optimization
import Training

/// Mutation fuzzing of `unlearn run --config FILE.yaml` expansion (`ConfigurationFile.options`): every
/// mutated file must expand to command-line options or be refused with a `ConfigurationFileError` naming the
/// file; nothing may crash or hang (the fuzz loop times every input).
public enum ConfigurationFileFuzzer {
    static let source = "fuzz/run.yaml"

    /// Runs `iterations` mutations of `seeds` (YAML texts; the built-in ones by default).
    public static func run(
        seeds: [String] = builtInSeeds, iterations: Int, seed: UInt64,
        progressInterval: Int = 0, progress: ((ParserFuzzReport) -> Void)? = nil
    ) -> ParserFuzzReport {
        TextFormatFuzzer.run(
            target: "YAML run configs", seeds: seeds.map { Array($0.utf8) }, dictionary: dictionary, iterations: iterations,
            seed: seed, progressInterval: progressInterval, progress: progress, exercise: exercise)
    }

    static func exercise(_ bytes: [UInt8]) -> FuzzOutcome {
        let options: [String]
        do {
            options = try ConfigurationFile.options(yaml: Data(bytes), source: source)
        } catch let error as ConfigurationFileError {
            return .rejection(error.description, source: source)
        } catch {
            return .unexpected("\(type(of: error)) instead of ConfigurationFileError: \(error)")
        }
        // Expansion output must start with an option (each key becomes "--key", then its values).
        if let first = options.first, !first.hasPrefix("--") {
            return .unexpected("expansion starts with the value \(first.debugDescription)")
        }
        return .accepted(options.isEmpty ? "empty mapping" : "options")
    }
}
