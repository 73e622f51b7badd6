import Checkpoints
import Foundation
import Models

/// Mutation fuzzing of `config.json` parsing: every mutated file must either become a configuration that
/// survives a round trip through our own writer, or be refused with a `ConfigurationError` naming the
/// file. Nothing is allocated, so absurd sizes that slip through validation show up as round-trip or
/// parameter-count failures, never as an out-of-memory kill.
public enum ModelConfigurationFuzzer {
    /// The name the parser is given for every input; rejections must start with it.
    static let source = "fuzz/config.json"

    /// Runs `iterations` mutations of `seeds` (config.json texts; the built-in ones by default).
    public static func run(
        seeds: [String] = builtInSeeds, iterations: Int, seed: UInt64,
        progressInterval: Int = 0, progress: ((ParserFuzzReport) -> Void)? = nil
    ) -> ParserFuzzReport {
        TextFormatFuzzer.run(
            target: "config.json", seeds: seeds.map { Array($0.utf8) }, dictionary: dictionary,
            treeMutator: JSONTreeMutator(keys: keys, words: words), iterations: iterations, seed: seed,
            progressInterval: progressInterval, progress: progress, exercise: exercise)
    }

    /// Parses one input and checks what was accepted.
    static func exercise(_ bytes: [UInt8]) -> FuzzOutcome {
        let configuration: ModelConfiguration
        do {
            configuration = try ModelConfiguration(json: Data(bytes), source: source)
        } catch let error as ConfigurationError {
            return .rejection(error.description, source: source)
        } catch {
            return .unexpected("\(type(of: error)) instead of ConfigurationError: \(error)")
        }
        return check(configuration)
    }

    /// An accepted configuration must be within the engine's limits and read back unchanged from the
    /// config.json we would export for it.
    static func check(_ configuration: ModelConfiguration) -> FuzzOutcome {
        guard configuration.approximateParameterCount <= Double(ModelConfiguration.maximumParameterCount) else {
            return .unexpected("accepted a configuration of \(configuration.approximateParameterCount) parameters")
        }
        do {
            let written = try JSONSerialization.data(withJSONObject: configuration.jsonObject(), options: [.sortedKeys])
            let reread = try ModelConfiguration(json: written, source: "round trip")
            guard reread == configuration else {
                return .unexpected("round trip changed \(configuration) into \(reread)")
            }
        } catch {
            return .unexpected("an accepted configuration does not survive a round trip: \(error)")
        }
        return .accepted(configuration.modelType)
    }
}
