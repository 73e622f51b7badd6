import Foundation
import Testing
@testable import Tokenizers

/// Mutated tokenizer.json files must load cleanly or fail with a `TokenizerError`.
@Suite("Fuzzing")
struct FuzzTests {
    @Test("a few hundred mutations neither crash nor hang")
    func mutationFuzz() throws {
        let seeds = try ["gpt2_bytelevel", "llama3_style", "llama2_legacy", "subword_style", "qwen2_style"].map {
            try Data(contentsOf: Fixtures.url("\($0)/tokenizer.json"))
        } + [try Data(contentsOf: Fixtures.url("micro_added_tokens.json"))]
        let report = TokenizerFuzzer.run(seedJSON: seeds, iterations: 300, seed: 0x5EED)
        #expect(report.iterations == 300)
        #expect(report.loaded + report.rejected == 300)
        // Both outcomes must occur, otherwise the mutations are too weak or too destructive.
        #expect(report.loaded > 20)
        #expect(report.rejected > 20)
        #expect(report.textsEncoded == report.loaded * 3)
        #expect(report.errorKinds.contains("malformedJSON"))
        // The same seed replays the same run.
        #expect(TokenizerFuzzer.run(seedJSON: seeds, iterations: 40, seed: 7) == TokenizerFuzzer.run(seedJSON: seeds, iterations: 40, seed: 7))
    }

    @Test("random texts through every fixture tokenizer")
    func randomTexts() throws {
        var random = FuzzRandom(seed: 42)
        for name in Fixtures.tokenizerNames {
            let tokenizer = try Fixtures.tokenizer(name)
            for _ in 0..<40 {
                let text = TokenizerFuzzer.randomText(tokenizer: tokenizer, random: &random)
                TokenizerFuzzer.exercise(tokenizer, text: text, random: &random)
            }
        }
    }
}

/// Long runs on demand: `TOKENIZER_FUZZ_ITERATIONS=20000 swift test --filter LongFuzz`.
@Suite("LongFuzz", .enabled(if: ProcessInfo.processInfo.environment["TOKENIZER_FUZZ_ITERATIONS"] != nil))
struct LongFuzzTests {
    @Test("long mutation run")
    func longRun() throws {
        let iterations = Int(ProcessInfo.processInfo.environment["TOKENIZER_FUZZ_ITERATIONS"] ?? "") ?? 1000
        let seed = UInt64(ProcessInfo.processInfo.environment["TOKENIZER_FUZZ_SEED"] ?? "") ?? 1
        let seeds = try Fixtures.tokenizerNames.map { try Data(contentsOf: Fixtures.url("\($0)/tokenizer.json")) }
        let report = TokenizerFuzzer.run(seedJSON: seeds, iterations: iterations, seed: seed)
        print("fuzz report: \(report)")
        #expect(report.loaded + report.rejected == iterations)
    }
}

@Suite struct BuiltInFuzzSeedTests {
    @Test func builtInSeedsLoadAndEncode() throws {
        for seed in TokenizerFuzzer.builtInSeeds() {
            let tokenizer = try TokenizerLoader.load(tokenizerJSON: [UInt8](seed), file: "seed.json")
            #expect(!tokenizer.encode("abc hi Ab", addSpecialTokens: true).isEmpty)
        }
        let report = TokenizerFuzzer.run(seedJSON: TokenizerFuzzer.builtInSeeds(), iterations: 200, seed: 3)
        #expect(report.loaded > 0 && report.rejected > 0)
    }
}
