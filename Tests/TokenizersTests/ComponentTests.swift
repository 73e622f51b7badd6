import Foundation
import JSON
import Testing
@testable import Tokenizers

/// Each normalizer, pre-tokenizer and decoder configuration against HF's own output
/// (components.json: `normalize_str`, `pre_tokenize_str`, `Decoder.decode`).
@Suite("Components against HF tokenizers")
struct ComponentTests {
    static let components = try! Fixtures.json("components.json")

    private func node(_ config: JSONValue?) -> JSONNode {
        JSONNode(config ?? .null, file: "components.json", path: "config")
    }

    @Test("normalizers")
    func normalizers() throws {
        let groups = Self.components["normalizers"]?.arrayValue ?? []
        #expect(groups.count >= 15)
        for group in groups {
            let normalizer = try NormalizerFactory.make(node(group["config"]))
            for testCase in group["cases"]?.arrayValue ?? [] {
                let input = testCase["input"]?.stringValue ?? ""
                let expected = testCase["output"]?.stringValue ?? ""
                let actual = normalizer.normalize(input)
                #expect(actual.isIdentical(to: expected), "\(group["config"]!) on \(visible(input)): \(visible(actual)) vs \(visible(expected))")
            }
        }
    }

    @Test("pre-tokenizers")
    func preTokenizers() throws {
        let groups = Self.components["pre_tokenizers"]?.arrayValue ?? []
        #expect(groups.count >= 30)
        for group in groups {
            let preTokenizer = try PreTokenizerFactory.make(node(group["config"]))
            for testCase in group["cases"]?.arrayValue ?? [] {
                let input = testCase["input"]?.stringValue ?? ""
                let expected = testCase["pieces"]?.stringArray ?? []
                let actual = preTokenizer.preTokenize(text: input)
                #expect(actual.count == expected.count && zip(actual, expected).allSatisfy { $0.isIdentical(to: $1) },
                        "\(group["config"]!) on \(visible(input)): \(actual.map(visible)) vs \(expected.map(visible))")
            }
        }
    }

    @Test("decoders")
    func decoders() throws {
        let groups = Self.components["decoders"]?.arrayValue ?? []
        #expect(groups.count >= 10)
        for group in groups {
            let decoder = try DecoderFactory.make(node(group["config"]))
            for testCase in group["cases"]?.arrayValue ?? [] {
                let tokens = testCase["tokens"]?.stringArray ?? []
                let actual = decoder.decode(tokens)  // must not crash even where HF panics
                guard let expected = testCase["output"]?.stringValue else { continue }
                #expect(actual.isIdentical(to: expected), "\(group["config"]!) on \(tokens.map(visible)): \(visible(actual)) vs \(visible(expected))")
            }
        }
    }
}
