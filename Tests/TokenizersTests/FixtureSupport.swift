import Foundation
import JSON
@testable import Tokenizers

/// Locates and decodes the committed fixtures (written by scripts/make_tokenizer_fixtures.py).
enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func url(_ relativePath: String) -> URL { directory.appendingPathComponent(relativePath) }

    static func bytes(_ relativePath: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: url(relativePath)))
    }

    /// Parses a fixture with the loader's JSON parser (keeps exact strings and key order).
    static func json(_ relativePath: String) throws -> JSONValue {
        try JSONParser.parse(bytes(relativePath))
    }

    static func tokenizer(_ name: String) throws -> PreTrainedTokenizer {
        try TokenizerLoader.load(directory: directory.appendingPathComponent(name))
    }

    /// Names of the tokenizer.json fixtures trained with HF `tokenizers`.
    static let tokenizerNames = [
        "gpt2_bytelevel", "llama3_style", "llama2_legacy", "llama2_metaspace", "qwen2_style", "smollm_style",
        "roberta_style", "subword_style", "subword_fused",
    ]
}

/// Small accessors for fixture JSON: a missing array reads as empty.
extension JSONValue {
    var elements: [JSONValue] { arrayValue ?? [] }
    var intArray: [Int] { elements.compactMap(\.integerValue) }
    var stringArray: [String] { elements.compactMap(\.stringValue) }
}

/// One golden encode/decode case.
struct GoldenCase {
    let text: String
    let ids: [Int]
    let tokens: [String]
    let idsWithoutSpecial: [Int]
    let decoded: String
    let decodedSkippingSpecial: String

    static func load(_ name: String) throws -> [GoldenCase] {
        try Fixtures.json("\(name)/cases.json").elements.map { value in
            GoldenCase(
                text: value["text"]?.stringValue ?? "", ids: value["ids"]?.intArray ?? [],
                tokens: value["tokens"]?.stringArray ?? [], idsWithoutSpecial: value["ids_without_special"]?.intArray ?? [],
                decoded: value["decoded"]?.stringValue ?? "", decodedSkippingSpecial: value["decoded_skip_special"]?.stringValue ?? "")
        }
    }
}

/// Renders a string with escapes so failures show invisible characters.
func visible(_ text: String) -> String {
    text.unicodeScalars.map { scalar in
        scalar.isASCII && scalar.value >= 0x20 && scalar.value < 0x7F ? String(Character(scalar)) : "\\u{\(String(scalar.value, radix: 16))}"
    }.joined()
}
