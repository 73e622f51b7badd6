import Checkpoints
import Foundation
@testable import Fuzzing
import Testing

@testable import Models

/// Mutated config.json files must parse into a configuration that round-trips, or fail with a
/// `ConfigurationError` naming the file.
@Suite struct ConfigurationFuzzTests {
    @Test func mutatedConfigsAreParsedOrRejectedCleanly() {
        let report = ModelConfigurationFuzzer.run(iterations: 4000, seed: 42)
        #expect(report.iterations == 4000)
        #expect(report.unexpected == 0, "\(report)")
        // Both outcomes must be common, and semantic checks (not only JSON syntax) must be reached.
        #expect(report.accepted > 400 && report.rejected > 400, "\(report)")
        #expect(report.rejectionsByKind.keys.contains { $0.contains("out of range") }, "\(report)")
        #expect(report.rejectionsByKind.keys.contains { $0.contains("must be an integer") }, "\(report)")
        #expect(Set(report.acceptedByKind.keys).isSuperset(of: ["llama", "qwen2", "gpt2"]), "\(report)")
    }

    @Test func builtInSeedsParseAndRoundTrip() throws {
        for seed in ModelConfigurationFuzzer.builtInSeeds {
            let outcome = ModelConfigurationFuzzer.exercise(Array(seed.utf8))
            guard case .accepted = outcome else {
                Issue.record("seed not accepted: \(outcome)\n\(seed)")
                continue
            }
        }
        let llama31 = try ModelConfiguration(json: Data(ModelConfigurationFuzzer.builtInSeeds[0].utf8), source: "llama31")
        #expect(llama31.ropeScaling == .llama3(factor: 8, lowFrequencyFactor: 1, highFrequencyFactor: 4, originalMaxPositions: 8192))
        #expect(llama31.parameterCount == 8_030_261_248)  // Llama 3.1 8B
        let smollm = try ModelConfiguration(json: Data(ModelConfigurationFuzzer.builtInSeeds[1].utf8), source: "smollm2")
        #expect(smollm.ropeTheta == 100_000)
        #expect(smollm.parameterCount == 134_515_008)
    }

    @Test func runsReplayFromTheirSeed() {
        let first = ModelConfigurationFuzzer.run(iterations: 300, seed: 9)
        let second = ModelConfigurationFuzzer.run(iterations: 300, seed: 9)
        #expect(first.acceptedByKind == second.acceptedByKind)
        #expect(first.rejectionsByKind == second.rejectionsByKind)
    }
}
