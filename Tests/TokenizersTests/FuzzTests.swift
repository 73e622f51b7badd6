import Foundation
@testable import Fuzzing
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
        // Both outcomes must occur, otherwise the mutations are too weak or too destructive.
        #expect(report.loaded > 20)
        #expect(report.rejected > 20)
        #expect(report.errorKinds.contains("malformedJSON"))
        // Every rejection is a TokenizerError that says what is wrong, and every loaded tokenizer keeps
        // its invariants (ids inside the vocabulary, each with a token string, deterministic encoding).
        #expect(!report.errorKinds.contains("other"), "\(report.errorKinds)")
        #expect(report.violations.isEmpty, "\(report.violations)")
        // The same seed replays the same run.
        #expect(TokenizerFuzzer.run(seedJSON: seeds, iterations: 40, seed: 7) == TokenizerFuzzer.run(seedJSON: seeds, iterations: 40, seed: 7))
    }

    @Test("random texts through every fixture tokenizer keep its invariants")
    func randomTexts() throws {
        var random = FuzzRandom(seed: 42)
        for name in Fixtures.tokenizerNames {
            let tokenizer = try Fixtures.tokenizer(name)
            for _ in 0..<40 {
                let text = TokenizerFuzzer.randomText(tokenizer: tokenizer, random: &random)
                let violations = TokenizerFuzzer.exercise(tokenizer, text: text, random: &random)
                #expect(violations.isEmpty, "\(name): \(violations)")
                // Byte-level BPE without a normalizer loses nothing: decoding gives the text back (added
                // tokens are left out: their lstrip/rstrip flags drop the whitespace around them).
                let plain = !tokenizer.addedTokens.contains { text.contains($0.content) }
                if plain && (name == "gpt2_bytelevel" || name == "llama3_style") {
                    #expect(tokenizer.decode(tokenizer.encode(text, addSpecialTokens: false), skipSpecialTokens: false) == text,
                            "\(name) round trip of \(text.debugDescription)")
                }
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
