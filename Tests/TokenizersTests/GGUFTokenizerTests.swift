import Foundation
import JSON
import Testing
@testable import Tokenizers

/// GGUF-metadata tokenizers: the same vocabulary/merges as a tokenizer.json fixture must give
/// the same ids; SentencePiece "llama" vocabularies must match the sentencepiece library.
@Suite("GGUF metadata tokenizers")
struct GGUFTokenizerTests {
    /// GGUF metadata equivalent to a byte-level tokenizer.json fixture.
    static func metadata(fromFixture name: String, pre: String, addBos: Bool) throws -> GGUFTokenizerMetadata {
        let root = try Fixtures.json("\(name)/tokenizer.json")
        guard case .object(let vocab)? = root["model"]?["vocab"] else { throw TokenizerError.missingField(file: name, path: "vocab") }
        var tokens = [String](repeating: "", count: vocab.count)
        for (token, id) in vocab { tokens[id.integerValue!] = token }
        let merges = (root["model"]?["merges"]?.arrayValue ?? []).map { merge in
            merge.stringValue ?? merge.stringArray.joined(separator: " ")
        }
        var types = [Int32](repeating: 1, count: tokens.count)
        for added in root["added_tokens"]?.arrayValue ?? [] {
            let id = added["id"]!.integerValue!
            if id >= tokens.count {
                tokens += [String](repeating: "", count: id + 1 - tokens.count)
                types += [Int32](repeating: 1, count: id + 1 - types.count)
            }
            tokens[id] = added["content"]!.stringValue!
            types[id] = added["special"]?.boolValue == true ? 3 : 4
        }
        return GGUFTokenizerMetadata(
            model: "gpt2", pre: pre, tokens: tokens, merges: merges, tokenTypes: types, bosTokenId: addBos ? 0 : nil,
            addBosToken: addBos)
    }

    @Test(
        "byte-level GGUF vocabularies reproduce their tokenizer.json",
        arguments: [
            ("gpt2_bytelevel", "gpt-2"), ("llama3_style", "llama-bpe"), ("qwen2_style", "qwen2"), ("smollm_style", "smollm"),
        ])
    func matchesTokenizerJSON(name: String, pre: String) throws {
        var metadata = try Self.metadata(fromFixture: name, pre: pre, addBos: false)
        let reference = try Fixtures.tokenizer(name)
        if pre == "llama-bpe" { metadata.bosTokenId = reference.tokenToId("<|begin_of_text|>") }
        let tokenizer = try PreTrainedTokenizer(gguf: metadata)
        var cases = try GoldenCase.load(name)
        // GGUF token types cannot express lstrip/rstrip/single_word/normalized added tokens.
        if name == "gpt2_bytelevel" { cases = Array(cases.prefix(30)) + [cases[30], cases[31], cases[36]] }
        for golden in cases {
            #expect(tokenizer.encode(golden.text, addSpecialTokens: true) == golden.ids, "\(name) \(visible(golden.text))")
            #expect(tokenizer.decode(golden.ids).isIdentical(to: golden.decoded), "\(name) decode \(visible(golden.text))")
        }
    }

    @Test("SentencePiece BPE (llama type) matches the sentencepiece library")
    func sentencePiece() throws {
        let fixture = try Fixtures.json("sentencepiece_bpe.json")
        let raw = try #require(fixture["metadata"])
        let metadata = GGUFTokenizerMetadata(
            model: "llama", tokens: raw["tokens"]!.stringArray, tokenTypes: raw["token_type"]!.intArray.map(Int32.init),
            scores: raw["scores"]!.elements.map { $0.doubleValue.map(Float.init) ?? .nan },
            bosTokenId: 1, eosTokenId: 2, unknownTokenId: 0, addBosToken: true, addEosToken: false)
        let tokenizer = try PreTrainedTokenizer(gguf: metadata)
        let cases = fixture["cases"]?.arrayValue ?? []
        #expect(cases.count > 25)
        for testCase in cases {
            let text = testCase["text"]!.stringValue!
            let ids = testCase["ids"]!.intArray
            #expect(tokenizer.encode(text, addSpecialTokens: false) == ids, "\(visible(text))")
            #expect(tokenizer.encode(text) == (text.isEmpty ? [1] : [1] + ids), "with BOS \(visible(text))")
            #expect(tokenizer.decode(ids).isIdentical(to: testCase["decoded"]!.stringValue!), "decode \(visible(text))")
        }
        #expect(tokenizer.bosTokenId == 1 && tokenizer.eosTokenId == 2 && tokenizer.specialTokenIds.contains(2))
        #expect(tokenizer.decode([1, 2], skipSpecialTokens: true) == "")
    }

    @Test("metadata from a key/value dictionary, and its errors")
    func keyValues() throws {
        let values: [String: any Sendable] = [
            "tokenizer.ggml.model": "gpt2", "tokenizer.ggml.pre": "gpt-2",
            "tokenizer.ggml.tokens": ["a", "b", "ab", "Ġ", "Ġab"] as [String],
            "tokenizer.ggml.merges": ["a b", "Ġ ab"] as [String], "tokenizer.ggml.token_type": [Int32](repeating: 1, count: 5),
            "tokenizer.ggml.bos_token_id": UInt32(0), "tokenizer.ggml.eos_token_id": UInt32(1),
            "tokenizer.ggml.add_bos_token": true,
        ]
        let tokenizer = try PreTrainedTokenizer(gguf: GGUFTokenizerMetadata(keyValues: values))
        #expect(tokenizer.encode("ab ab") == [0, 2, 4])
        #expect(tokenizer.decode([2, 4]) == "ab ab")

        var unknownPre = values
        unknownPre["tokenizer.ggml.pre"] = "no-such-pre"
        #expect(throws: TokenizerError.unsupportedPreTokenizer(name: "no-such-pre")) {
            try PreTrainedTokenizer(gguf: GGUFTokenizerMetadata(keyValues: unknownPre))
        }
        var badModel = values
        badModel["tokenizer.ggml.model"] = "bert"
        #expect(throws: TokenizerError.self) { try PreTrainedTokenizer(gguf: GGUFTokenizerMetadata(keyValues: badModel)) }
        var badMerge = values
        badMerge["tokenizer.ggml.merges"] = ["a c"] as [String]
        #expect(throws: TokenizerError.self) { try PreTrainedTokenizer(gguf: GGUFTokenizerMetadata(keyValues: badMerge)) }
        var badTypes = values
        badTypes["tokenizer.ggml.token_type"] = [Int32(1)]
        #expect(throws: TokenizerError.self) { try PreTrainedTokenizer(gguf: GGUFTokenizerMetadata(keyValues: badTypes)) }
        var missing = values
        missing["tokenizer.ggml.tokens"] = nil
        #expect(throws: TokenizerError.invalidGGUFMetadata(reason: "missing tokenizer.ggml.tokens")) {
            try GGUFTokenizerMetadata(keyValues: missing)
        }
        var noBos = values
        noBos["tokenizer.ggml.bos_token_id"] = nil
        #expect(throws: TokenizerError.self) { try PreTrainedTokenizer(gguf: GGUFTokenizerMetadata(keyValues: noBos)) }
        // No `pre` at all falls back to llama.cpp's "default" splitting.
        var noPre = values
        noPre["tokenizer.ggml.pre"] = nil
        #expect(try PreTrainedTokenizer(gguf: GGUFTokenizerMetadata(keyValues: noPre)).encode("ab ab") == [0, 2, 4])
    }
}
