import Foundation
@testable import Fuzzing
import Testing

@testable import Checkpoints

@Suite struct FuzzTests {
    @Test func mutatedFilesAreEitherParsedOrRejectedCleanly() throws {
        var seeds = try CheckpointFuzzer.builtInSeeds()
        for name in ["reference.safetensors", "reference.gguf"] {
            seeds.append(try Data(contentsOf: Fixtures.url(name)))
        }
        let report = CheckpointFuzzer.run(seeds: seeds, iterations: 3000, seed: 42)
        #expect(report.iterations == 3000)
        #expect(report.unexpectedErrors == 0)
        // Both outcomes must occur, otherwise the mutator is too weak or too destructive.
        #expect(report.safetensorsAccepted > 0 && report.safetensorsRejected > 0, "\(report)")
        #expect(report.ggufAccepted > 0 && report.ggufRejected > 0, "\(report)")
        #expect(report.tensorsDecoded > 0, "\(report)")
    }

    @Test func builtInSeedsAreValidFiles() throws {
        let seeds = try CheckpointFuzzer.builtInSeeds()
        var report = FuzzReport()
        for seed in seeds { CheckpointFuzzer.exercise(seed, into: &report) }
        #expect(report.safetensorsAccepted == 1)
        #expect(report.ggufAccepted == 2)
        #expect(report.tensorDecodeErrors == 0)
    }

    @Test func runsAreDeterministicForASeed() throws {
        let seeds = try CheckpointFuzzer.builtInSeeds()
        let first = CheckpointFuzzer.run(seeds: seeds, iterations: 300, seed: 9)
        let second = CheckpointFuzzer.run(seeds: seeds, iterations: 300, seed: 9)
        #expect(first.rejectionsByKind == second.rejectionsByKind)
        #expect(first.ggufAccepted == second.ggufAccepted && first.tensorsDecoded == second.tensorsDecoded)
    }
}
