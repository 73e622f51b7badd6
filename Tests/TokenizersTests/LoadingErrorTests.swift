import Foundation
import Testing
@testable import Tokenizers

/// Malformed or unsupported tokenizer files must fail with errors that name the file, the
/// field and (for components) the unknown type.
@Suite("Loading errors")
struct LoadingErrorTests {
    static let file = "broken/tokenizer.json"

    /// A minimal valid tokenizer.json with one part replaced.
    static func json(
        normalizer: String = "null", preTokenizer: String = "null", model: String? = nil, postProcessor: String = "null",
        decoder: String = "null"
    ) -> [UInt8] {
        let defaultModel = #"{"type":"BPE","vocab":{"a":0,"b":1,"ab":2},"merges":["a b"]}"#
        return Array(#"""
            {"version":"1.0","added_tokens":[],"normalizer":\#(normalizer),"pre_tokenizer":\#(preTokenizer),
             "model":\#(model ?? defaultModel),"post_processor":\#(postProcessor),"decoder":\#(decoder)}
            """#.utf8)
    }

    static func load(_ bytes: [UInt8]) throws(TokenizerError) -> PreTrainedTokenizer {
        try TokenizerLoader.load(tokenizerJSON: bytes, file: file)
    }

    @Test("the minimal file loads and works")
    func minimal() throws {
        let tokenizer = try Self.load(Self.json())
        #expect(tokenizer.encode("ab") == [2])
        #expect(tokenizer.encode("ba") == [1, 0])
    }

    @Test("malformed JSON names the file and the byte offset")
    func malformed() throws {
        let full = Self.json()
        do {
            _ = try Self.load(Array(full.prefix(40)))
            Issue.record("truncated JSON loaded")
        } catch {
            guard case .malformedJSON(let file, _, let offset) = error else { Issue.record("wrong error \(error)"); return }
            #expect(file == Self.file && offset == 40)
            #expect(error.description.hasPrefix(Self.file))
        }
        #expect(throws: TokenizerError.self) { try Self.load(Array("[1, 2,]".utf8)) }
        #expect(throws: TokenizerError.self) { try Self.load(Array("{\"a\": tru}".utf8)) }
        #expect(throws: TokenizerError.self) { try Self.load(Array("{\"a\": \"\\ud800\"}".utf8)) }
        #expect(throws: TokenizerError.self) { try Self.load([0x7B, 0x22, 0xFF, 0x22, 0x3A, 0x31, 0x7D]) }
        // Deep nesting is rejected instead of overflowing the stack.
        #expect(throws: TokenizerError.self) { try Self.load(Array(String(repeating: "[", count: 100_000).utf8)) }
        #expect(throws: TokenizerError.invalidField(file: Self.file, path: "<root>", reason: "expected a JSON object")) {
            try Self.load(Array("[]".utf8))
        }
    }

    @Test("missing and mistyped fields are named by path")
    func fields() throws {
        #expect(throws: TokenizerError.missingField(file: Self.file, path: "model")) {
            try Self.load(Array(#"{"normalizer":null}"#.utf8))
        }
        #expect(throws: TokenizerError.missingField(file: Self.file, path: "model.merges")) {
            try Self.load(Self.json(model: #"{"type":"BPE","vocab":{}}"#))
        }
        #expect(throws: TokenizerError.invalidField(file: Self.file, path: "model.vocab.a", reason: "expected a number, found string")) {
            try Self.load(Self.json(model: #"{"type":"BPE","vocab":{"a":"0"},"merges":[]}"#))
        }
        #expect(throws: TokenizerError.self) {
            try Self.load(Self.json(model: #"{"type":"BPE","vocab":{"a":-3},"merges":[]}"#))
        }
        #expect(throws: TokenizerError.self) {
            try Self.load(Self.json(model: #"{"type":"BPE","vocab":{"a":0,"b":1},"merges":["a b"]}"#))  // "ab" missing
        }
        #expect(throws: TokenizerError.self) {
            try Self.load(Self.json(model: #"{"type":"BPE","vocab":{"a":0},"merges":["a b c"]}"#))
        }
        #expect(throws: TokenizerError.self) {
            try Self.load(Self.json(preTokenizer: #"{"type":"Split","pattern":{"Regex":"a"},"behavior":"Sideways","invert":false}"#))
        }
        #expect(throws: TokenizerError.self) {
            try Self.load(Self.json(preTokenizer: #"{"type":"Metaspace","replacement":"ab","prepend_scheme":"first"}"#))
        }
        #expect(throws: TokenizerError.self) {
            try Self.load(Self.json(postProcessor: #"{"type":"TemplateProcessing","single":["<s>","$A"],"pair":"$A $B","special_tokens":{}}"#))
        }
    }

    @Test("unknown component types name the file, the path and the type")
    func unsupportedComponents() throws {
        #expect(throws: TokenizerError.unsupportedComponent(file: Self.file, path: "normalizer", type: "Precompiled")) {
            try Self.load(Self.json(normalizer: #"{"type":"Precompiled","precompiled_charsmap":"AAAA"}"#))
        }
        #expect(throws: TokenizerError.unsupportedComponent(file: Self.file, path: "pre_tokenizer.pretokenizers[1]", type: "UnicodeScripts")) {
            try Self.load(Self.json(preTokenizer: #"{"type":"Sequence","pretokenizers":[{"type":"Digits"},{"type":"UnicodeScripts"}]}"#))
        }
        #expect(throws: TokenizerError.unsupportedComponent(file: Self.file, path: "model", type: "Unigram")) {
            try Self.load(Self.json(model: #"{"type":"Unigram","vocab":[["a",0.0]]}"#))
        }
        #expect(throws: TokenizerError.unsupportedComponent(file: Self.file, path: "decoder", type: "WordPiece")) {
            try Self.load(Self.json(decoder: ###"{"type":"WordPiece","prefix":"##"}"###))
        }
        #expect(throws: TokenizerError.unsupportedComponent(file: Self.file, path: "post_processor", type: "Nope")) {
            try Self.load(Self.json(postProcessor: #"{"type":"Nope"}"#))
        }
        let error = TokenizerError.unsupportedComponent(file: Self.file, path: "normalizer", type: "Precompiled")
        #expect(error.description == "broken/tokenizer.json: unsupported component type 'Precompiled' at 'normalizer'")
    }

    @Test("BPE dropout must be null; bad regexes are reported with their pattern")
    func dropoutAndRegex() throws {
        #expect(throws: TokenizerError.self) {
            try Self.load(Self.json(model: #"{"type":"BPE","dropout":0.1,"vocab":{"a":0},"merges":[]}"#))
        }
        #expect(try Self.load(Self.json(model: #"{"type":"BPE","dropout":null,"vocab":{"a":0},"merges":[]}"#)).encode("a") == [0])
        #expect(throws: TokenizerError.invalidRegex(file: Self.file, path: "normalizer.pattern", pattern: "(unclosed", reason: "ICU rejected it")) {
            try Self.load(Self.json(normalizer: #"{"type":"Replace","pattern":{"Regex":"(unclosed"},"content":""}"#))
        }
    }

    @Test("unreadable files and bad tokenizer_config.json are reported with their path")
    func files() throws {
        let missing = URL(fileURLWithPath: "/nonexistent/tokenizer.json")
        do {
            _ = try TokenizerLoader.load(tokenizerFile: missing)
            Issue.record("loaded a missing file")
        } catch {
            guard case .unreadableFile(let file, _) = error else { Issue.record("wrong error \(error)"); return }
            #expect(file == missing.path)
        }
        #expect(throws: TokenizerError.invalidField(file: "cfg.json", path: "bos_token", reason: "expected a string, found number")) {
            try TokenizerConfig(json: Array(#"{"bos_token": 1}"#.utf8), file: "cfg.json")
        }
        let config = try TokenizerConfig(json: Array(#"{"bos_token":{"content":"<s>"},"chat_template":[{"name":"tool_use","template":"t"},{"name":"default","template":"d"}]}"#.utf8))
        #expect(config.bosToken == "<s>" && config.chatTemplate == "d")
    }
}
