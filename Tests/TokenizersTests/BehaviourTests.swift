import Foundation
import Testing
@testable import Tokenizers

/// Targeted behaviours: ignore_merges, byte fallback, added-token stripping, round trips,
/// streaming detokenization and caching.
@Suite("Tokenizer behaviours")
struct BehaviourTests {
    /// Replaces a literal in a fixture's JSON text and loads the result.
    static func variant(_ name: String, replacing old: String, with new: String) throws -> PreTrainedTokenizer {
        let text = String(decoding: try Fixtures.bytes("\(name)/tokenizer.json"), as: UTF8.self)
        #expect(text.contains(old), "fixture \(name) lacks \(old)")
        return try TokenizerLoader.load(tokenizerJSON: Array(text.replacingOccurrences(of: old, with: new).utf8))
    }

    @Test("ignore_merges emits whole-word vocabulary entries; without it merges decide")
    func ignoreMerges() throws {
        let with = try Fixtures.tokenizer("llama3_style")
        let without = try Self.variant("llama3_style", replacing: "\"ignore_merges\":true", with: "\"ignore_merges\":false")
        let word = try #require(with.tokenToId("Ġforgetting"))
        #expect(with.encode(" forgetting", addSpecialTokens: false) == [word])
        let merged = without.encode(" forgetting", addSpecialTokens: false)
        #expect(merged.count > 1)
        #expect(without.decode(merged) == " forgetting")
    }

    @Test("byte fallback spells unseen characters as <0xNN>; without it they become <unk>")
    func byteFallback() throws {
        let tokenizer = try Fixtures.tokenizer("llama2_legacy")
        let ids = tokenizer.encode("☃", addSpecialTokens: false)
        let tokens = ids.map { tokenizer.idToToken($0) ?? "?" }
        #expect(tokens.suffix(3) == ["<0xE2>", "<0x98>", "<0x83>"])
        #expect(tokenizer.decode(ids) == "☃")
        // A lone continuation byte cannot be decoded: one U+FFFD per byte, as HF does.
        #expect(tokenizer.decode([try #require(tokenizer.tokenToId("<0x98>"))]) == "\u{FFFD}")
        let noFallback = try Self.variant("llama2_legacy", replacing: "\"byte_fallback\":true", with: "\"byte_fallback\":false")
        let unk = try #require(noFallback.tokenToId("<unk>"))
        #expect(noFallback.encode("☃⛄", addSpecialTokens: false).contains(unk))
        // fuse_unk is on in this fixture: two unknown characters in a row give one <unk>.
        #expect(noFallback.encode("☃⛄", addSpecialTokens: false).filter { $0 == unk }.count == 1)
    }

    // Expected ids from Hugging Face tokenizers 0.23.3 on the same file:
    // Tokenizer.from_file("Tests/TokenizersTests/Fixtures/micro_added_tokens.json").encode(text).ids
    @Test("added tokens honour lstrip, rstrip and single_word", arguments: [
        ("ab  <sep>  c", [4, 7, 3]), ("ab<sep>c", [4, 7, 3]), ("a cat b", [1, 8, 2]),
        ("concat cats", [3, 0, 0, 3, 1, 6, 3, 1, 6, 0]), ("cat", [8]), ("x <l> ab", [0, 9, 4]), ("ab   <l>", [4, 9]),
        ("abc abx", [5, 4, 0]), ("<sep><sep>", [7, 7]), ("  <sep>", [7]), ("c a t", [3, 1, 6]),
    ])
    func addedTokenStripping(text: String, expected: [Int]) throws {
        let tokenizer = try TokenizerLoader.load(tokenizerFile: Fixtures.url("micro_added_tokens.json"))
        #expect(tokenizer.encode(text) == expected)
    }

    @Test("decode(encode(text)) gives the text back for byte-level tokenizers", arguments: [
        "gpt2_bytelevel", "llama3_style", "qwen2_style", "smollm_style",
    ])
    func roundTrip(name: String) throws {
        let tokenizer = try Fixtures.tokenizer(name)
        // The shared corpus (the extra cases include lstrip/rstrip tokens, which drop whitespace).
        for golden in try GoldenCase.load(name).prefix(30) {
            let ids = tokenizer.encode(golden.text, addSpecialTokens: false)
            var expected = golden.text
            if name == "qwen2_style" { expected = expected.precomposedStringWithCanonicalMapping }  // NFC normalizer
            #expect(tokenizer.decode(ids).isIdentical(to: expected), "\(name) \(visible(golden.text))")
        }
    }

    @Test("streaming detokenizer emits the full decode, never a broken character", arguments: [
        "gpt2_bytelevel", "llama2_legacy", "llama2_metaspace", "qwen2_style",
    ])
    func streaming(name: String) throws {
        let tokenizer = try Fixtures.tokenizer(name)
        for golden in try GoldenCase.load(name) {
            var stream = tokenizer.streamingDetokenizer()
            var text = ""
            for id in golden.ids {
                let piece = stream.append(id)
                #expect(!piece.unicodeScalars.contains("\u{FFFD}") || golden.decoded.unicodeScalars.contains("\u{FFFD}"))
                text += piece
            }
            text += stream.finish()
            #expect(text.isIdentical(to: golden.decoded), "\(name) \(visible(golden.text))")
        }
    }

    @Test("repeated and concurrent encoding agree (word cache)")
    func cacheConsistency() async throws {
        let tokenizer = try Fixtures.tokenizer("gpt2_bytelevel")
        let cases = try GoldenCase.load("gpt2_bytelevel")
        let results = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<4 {
                group.addTask { cases.allSatisfy { tokenizer.encode($0.text) == $0.ids } }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results == [true, true, true, true])
    }

    @Test("special-token ids and vocabulary size")
    func specialIds() throws {
        let llama3 = try Fixtures.tokenizer("llama3_style")
        let bos = try #require(llama3.tokenToId("<|begin_of_text|>"))
        let eot = try #require(llama3.tokenToId("<|eot_id|>"))
        #expect(llama3.bosTokenId == bos && llama3.eosTokenId == eot)
        #expect(llama3.eosTokenIds.contains(eot) && llama3.eosTokenIds.contains(llama3.tokenToId("<|end_of_text|>")!))
        #expect(llama3.specialTokenIds.contains(bos))
        #expect(llama3.vocabularySize == 610)  // HF get_vocab_size(with_added_tokens=True)
        #expect(try Fixtures.tokenizer("gpt2_bytelevel").vocabularySize == 524)
        let qwen = try Fixtures.tokenizer("qwen2_style")
        #expect(qwen.bosTokenId == nil && qwen.padTokenId == qwen.tokenToId("<|endoftext|>"))
        #expect(qwen.idToToken(-1) == nil && qwen.idToToken(1_000_000) == nil)
        #expect(qwen.decode([-1, 1_000_000]) == "")
    }

    @Test("Metaspace 'first' does not prepend once a Strip normalizer moved the start")
    func metaspaceAfterStrip() throws {
        // Expected tokens were produced with HF tokenizers 0.23 on the same configuration.
        let json = #"""
            {"normalizer":{"type":"Strip","strip_left":true,"strip_right":true},
             "pre_tokenizer":{"type":"Metaspace","replacement":"▁","prepend_scheme":"first","split":true},
             "model":{"type":"BPE","vocab":{"▁":0,"h":1,"e":2,"l":3,"o":4,"w":5,"r":6,"d":7},"merges":[]}}
            """#
        let tokenizer = try TokenizerLoader.load(tokenizerJSON: Array(json.utf8))
        #expect(tokenizer.tokenize("  hello world") == ["h", "e", "l", "l", "o", "▁", "w", "o", "r", "l", "d"])
        #expect(tokenizer.tokenize("hello world") == ["▁", "h", "e", "l", "l", "o", "▁", "w", "o", "r", "l", "d"])
    }

    @Test("Llama tokenizer classes rebuild the BOS/EOS template from tokenizer_config.json flags")
    func llamaConfigOverride() throws {
        let json = try Fixtures.bytes("llama2_legacy/tokenizer.json")
        let plain = try TokenizerLoader.load(tokenizerJSON: json)
        #expect(plain.encode("Hi").first == 1 && plain.encode("Hi").last != 2)
        let config = try TokenizerConfig(json: Array(#"""
            {"tokenizer_class":"LlamaTokenizerFast","bos_token":"<s>","eos_token":"</s>","add_bos_token":false,"add_eos_token":true}
            """#.utf8))
        let overridden = try TokenizerLoader.load(tokenizerJSON: json, config: config)
        #expect(overridden.encode("Hi") == plain.encode("Hi", addSpecialTokens: false) + [2])
        #expect(overridden.encode("Hi", addSpecialTokens: false) == plain.encode("Hi", addSpecialTokens: false))
    }

    @Test("the protocol surface works through an existential")
    func existential() throws {
        let tokenizer: any Tokenizer = try Fixtures.tokenizer("llama3_style")
        let ids = tokenizer.encode("Hello world")
        #expect(ids.first == tokenizer.bosTokenId)
        #expect(tokenizer.decode(ids) == "<|begin_of_text|>Hello world")
        #expect(tokenizer.decode(ids, skipSpecialTokens: true) == "Hello world")
        #expect(tokenizer.tokenToId(tokenizer.idToToken(ids[1])!) == ids[1])
    }
}
