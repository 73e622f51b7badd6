import Foundation
@testable import Fuzzing
import Testing

@testable import Checkpoints

@Suite struct RoPEPermutationTests {
    @Test func matchesNumpyReshapeSwapaxesReference() throws {
        let cases = try #require(try Fixtures.json("rope_permutation.json") as? [[String: Any]])
        #expect(cases.count == 3)
        for entry in cases {
            let rows = try #require((entry["rows"] as? NSNumber)?.intValue)
            let columns = try #require((entry["columns"] as? NSNumber)?.intValue)
            let heads = try #require((entry["heads"] as? NSNumber)?.intValue)
            let huggingFace = floats(entry["huggingface"])
            let gguf = floats(entry["gguf"])
            #expect(huggingFace != gguf)
            #expect(try permuteLlamaQK(weights: huggingFace, rows: rows, columns: columns, heads: heads) == gguf)
            #expect(try unpermuteLlamaQK(weights: gguf, rows: rows, columns: columns, heads: heads) == huggingFace)
        }
    }

    @Test func roundTripsRandomShapes() throws {
        var random = FuzzRandom(seed: 11)
        for (rows, heads) in [(576, 9), (192, 3), (64, 1), (8, 2)] {
            let columns = 1 + random.below(7)
            let weights = (0..<(rows * columns)).map { _ in Float(random.below(1000)) }
            let permuted = try permuteLlamaQK(weights: weights, rows: rows, columns: columns, heads: heads)
            #expect(permuted != weights)
            #expect(try unpermuteLlamaQK(weights: permuted, rows: rows, columns: columns, heads: heads) == weights)
        }
    }

    @Test func firstHeadLayoutIsInterleavedPairs() throws {
        // One head of dim 4, one column: HF rows [r0 r1 | r2 r3] become GGUF rows [r0 r2 r1 r3].
        #expect(try permuteLlamaQK(weights: [0, 1, 2, 3], rows: 4, columns: 1, heads: 1) == [0, 2, 1, 3])
    }

    @Test func rejectsInconsistentArguments() {
        expectCheckpointError(.invalidArgument) { _ = try unpermuteLlamaQK(weights: [0, 1, 2], rows: 3, columns: 1, heads: 1) }
        expectCheckpointError(.invalidArgument) { _ = try unpermuteLlamaQK(weights: [0, 1], rows: 4, columns: 1, heads: 1) }
        expectCheckpointError(.invalidArgument) { _ = try unpermuteLlamaQK(weights: [], rows: 0, columns: 0, heads: 0) }
    }
}
